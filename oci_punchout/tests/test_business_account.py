# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.mail.tests.common import MockEmail

from .test_business_common import BusinessCommon


@tagged("post_install", "-at_install")
class TestBusinessAdmin(BusinessCommon, MockEmail):
    """Customer administrators manage their own company's orderers and
    branches, and nothing of another company."""

    def test_admin_flag_gives_group(self):
        self.assertIn(self.admin_group, self.orderer_user.groups_id)
        self.orderer.oci_is_customer_admin = False
        self.assertNotIn(self.admin_group, self.orderer_user.groups_id)
        self.assertNotIn(self.admin_group, self.other_user.groups_id)
        # A user created later for a flagged contact gets the group too.
        self.colleague.oci_is_customer_admin = True
        user = new_test_user(
            self.env,
            login="carl@zorg.example",
            groups="base.group_portal",
            partner_id=self.colleague.id,
        )
        self.assertIn(self.admin_group, user.groups_id)
        self.assertTrue(user._is_portal())

    def test_invite_orderer(self):
        Partner = self.env["res.partner"].with_user(self.orderer_user)
        with self.mock_mail_gateway():
            orderer = Partner._oci_admin_invite_orderer(
                {
                    "name": " Dora Nieuw ",
                    "email": "dora@zorg.example",
                    "phone": "030-1234",
                    "oci_cost_center": "KP-DORA",
                    "oci_budget_amount": "250",
                    "oci_budget_period": "quarter",
                    "is_company": True,
                }
            )
        self.assertEqual(orderer.parent_id, self.customer)
        self.assertEqual(orderer.name, "Dora Nieuw")
        self.assertEqual(orderer.type, "contact")
        self.assertFalse(orderer.is_company, "is_company is not a portal field")
        self.assertEqual(orderer.oci_cost_center, "KP-DORA")
        self.assertEqual(orderer.oci_budget_amount, 250.0)
        self.assertEqual(orderer.oci_budget_period, "quarter")
        user = orderer.sudo().user_ids
        self.assertEqual(user.login, "dora@zorg.example")
        self.assertTrue(user._is_portal())
        self.assertNotIn(self.admin_group, user.groups_id)
        self.assertTrue(
            self._new_mails.filtered(lambda m: "dora@zorg.example" in (m.email_to or "")),
            "an invitation e-mail is sent",
        )

    def test_invite_refusals_leave_nothing(self):
        Partner = self.env["res.partner"].with_user(self.orderer_user)
        count = self.env["res.partner"].search_count([])
        # E-mail already used by another company's user.
        with self.assertRaises(UserError), self.mock_mail_gateway():
            Partner._oci_admin_invite_orderer({"name": "Bob Again", "email": "bob@ander.example"})
        with self.assertRaisesRegex(UserError, "not valid"):
            Partner._oci_admin_invite_orderer({"name": "No Mail", "email": "nomail"})
        with self.assertRaisesRegex(UserError, "name and an e-mail"):
            Partner._oci_admin_invite_orderer({"name": "", "email": "x@zorg.example"})
        self.assertEqual(self.env["res.partner"].search_count([]), count)

    def test_non_admin_cannot_manage(self):
        Partner = self.env["res.partner"].with_user(self.other_user)
        with self.assertRaises(AccessError):
            Partner._oci_admin_invite_orderer({"name": "X", "email": "x@ander.example"})
        with self.assertRaises(AccessError):
            Partner._oci_admin_branches()
        with self.assertRaises(AccessError):
            self.other_branch.with_user(self.other_user).write({"name": "Renamed"})

    def test_edit_deactivate_reactivate_orderer(self):
        colleague_user = new_test_user(
            self.env,
            login="carl@zorg.example",
            groups="base.group_portal",
            partner_id=self.colleague.id,
        )
        colleague = self.colleague.with_user(self.orderer_user)
        self.assertIn(
            colleague, self.env["res.partner"].with_user(self.orderer_user)._oci_admin_orderers()
        )
        colleague._oci_admin_update_orderer(
            {"phone": "06-1", "function": "Teamleider", "parent_id": self.other_customer.id}
        )
        self.assertEqual(self.colleague.phone, "06-1")
        self.assertEqual(
            self.colleague.parent_id, self.customer, "parent_id is not an editable field"
        )
        colleague._oci_admin_set_orderer_active(False)
        self.assertFalse(colleague_user.active)
        self.assertFalse(colleague_user.with_context(active_test=False)._is_portal())
        with self.mock_mail_gateway():
            colleague._oci_admin_set_orderer_active(True)
        self.assertTrue(colleague_user.active)
        self.assertTrue(colleague_user._is_portal())
        with self.assertRaisesRegex(UserError, "yourself"):
            self.orderer.with_user(self.orderer_user)._oci_admin_set_orderer_active(False)

    def test_branches(self):
        Partner = self.env["res.partner"].with_user(self.orderer_user)
        branch = Partner._oci_admin_create_branch(
            {
                "name": "Locatie West",
                "street": "Westweg 4",
                "city": "Woerden",
                "oci_delivery_instructions": "Bel aan bij\nde keuken",
                "oci_cost_center": "KP-WEST",
                "type": "delivery",
            }
        )
        self.assertEqual(branch.parent_id, self.customer)
        self.assertEqual(branch.oci_delivery_instructions, "Bel aan bij\nde keuken")
        self.assertEqual(
            Partner._oci_admin_branches(), (self.branch | self.branch_south | branch).sorted("name")
        )
        branch._oci_admin_update_branch({"oci_cost_center": "KP-WEST-2", "city": "Utrecht"})
        self.assertEqual(branch.oci_cost_center, "KP-WEST-2")
        order = self._order(self.orderer, [(self.product_cake, 1, 10.0)], shipping=branch)
        self.assertEqual(order.oci_cost_center, "KP-WEST-2", "the branch's default cost center")

    def test_isolation_between_customers(self):
        admin = self.orderer_user
        # Another company's partners: not readable, not writable.
        with self.assertRaises(AccessError):
            self.other_orderer.with_user(admin).read(["name"])
        with self.assertRaises(AccessError):
            self.other_branch.with_user(admin).write({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.other_branch.with_user(admin)._oci_admin_update_branch({"name": "Hijacked"})
        with self.assertRaises(AccessError):
            self.other_orderer.with_user(admin)._oci_admin_set_orderer_active(False)
        with self.assertRaises(AccessError):
            self.env["res.partner"].with_user(admin).create(
                {"name": "Mole", "parent_id": self.other_customer.id}
            )
        # Another company's users and orders.
        with self.assertRaises(AccessError):
            self.other_user.with_user(admin).write({"active": False})
        other_order = self._order(self.other_orderer, [(self.product_cake, 1, 10.0)])
        with self.assertRaises(AccessError):
            other_order.with_user(admin).read(["name"])
        self.assertNotIn(other_order, self.env["sale.order"].with_user(admin).search([]))
        # Own company: staff-only fields and moving partners out are refused.
        with self.assertRaises(AccessError):
            self.branch.with_user(admin).write({"parent_id": self.other_customer.id})
        with self.assertRaises(AccessError):
            self.branch.with_user(admin).write({"oci_assortment_product_ids": [(6, 0, [])]})
        with self.assertRaises(AccessError):
            self.customer.with_user(admin).write({"name": "Renamed company"})
        with self.assertRaises(AccessError):
            self.colleague.with_user(admin).write({"oci_is_customer_admin": True})
        self.assertEqual(self.other_user.active, True)
        self.assertEqual(self.other_branch.name, "Ander Oost")

    def test_staff_customer_form(self):
        """Staff see branches and orderers (and the business settings) on the
        customer form."""
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        for name in (
            "oci_branch_ids",
            "oci_orderer_ids",
            "oci_assortment_categ_ids",
            "oci_assortment_product_ids",
            "oci_over_budget_policy",
            "oci_is_customer_admin",
            "oci_budget_amount",
            "oci_delivery_instructions",
        ):
            self.assertIn(f'name="{name}"', arch)
        self.assertEqual(self.customer.oci_branch_ids, self.branch | self.branch_south)
        self.assertEqual(self.customer.oci_orderer_ids, self.orderer | self.colleague)
        self.assertTrue(self.orderer.oci_has_portal_access)
        self.assertFalse(self.colleague.oci_has_portal_access)
        with Form(self.customer) as form:
            with form.oci_branch_ids.new() as line:
                line.name = "Locatie Staf"
                line.oci_cost_center = "KP-STAF"
        branch = self.customer.oci_branch_ids.filtered(lambda p: p.name == "Locatie Staf")
        self.assertEqual(branch.type, "delivery")
        self.assertEqual(branch.oci_cost_center, "KP-STAF")
