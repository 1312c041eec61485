# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessAdminSecurity(BusinessCommon):
    """A customer administrator cannot take over accounts: no e-mail change
    on a contact that has an account, no change at all to a contact with a
    shop staff (internal) account."""

    def test_cannot_redirect_a_colleagues_account_email(self):
        new_test_user(
            self.env,
            login="carl@zorg.example",
            groups="base.group_portal",
            partner_id=self.colleague.id,
        )
        colleague = self.colleague.with_user(self.orderer_user)
        before = self.colleague.email
        with self.assertRaisesRegex(UserError, "already has an account"):
            colleague._oci_admin_update_orderer({"email": "attacker@evil.example"})
        self.assertEqual(self.colleague.email, before)
        # Other fields stay editable, and the same address is accepted.
        colleague._oci_admin_update_orderer({"phone": "06-99", "email": before})
        self.assertEqual(self.colleague.phone, "06-99")

    def test_contact_with_internal_account_is_off_limits(self):
        new_test_user(
            self.env,
            login="staff.in.customer",
            groups="base.group_user",
            partner_id=self.colleague.id,
        )
        colleague = self.colleague.with_user(self.orderer_user)
        with self.assertRaises(AccessError):
            colleague._oci_admin_update_orderer({"phone": "06-1"})
        with self.assertRaises(AccessError):
            colleague._oci_admin_set_orderer_active(False)
        self.assertTrue(self.colleague.user_ids.active)
