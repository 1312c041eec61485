# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A one-off recipient corrected in the cart, over real HTTP: only a
recipient of this cart and customer (another's: 404, nothing changed), the
values checked as on creation, the country among those the shop delivers
to (a website setting, default the company's country), checked server-side."""

import re

from odoo import Command
from odoo.tests import HttpCase, tagged

from .shop_http_common import ShopHttpMixin
from .test_delivery_rules import DeliveryCommon


@tagged("post_install", "-at_install")
class TestDeliveryRecipientHttp(ShopHttpMixin, DeliveryCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.nl = cls.env.ref("base.nl")
        cls.be = cls.env.ref("base.be")
        cls.de = cls.env.ref("base.de")
        cls.website.oci_recipient_country_ids = [Command.set((cls.nl | cls.be).ids)]

    def _new_one_off(self, csrf, order, **values):
        data = {
            "csrf_token": csrf,
            "recipient_id": "new",
            "new_name": "Carla Collega",
            "new_street": "Thuisweg 5",
            "new_zip": "4811 XX",
            "new_city": "Breda",
            "new_country_id": str(self.nl.id),
            "new_phone": "076 123 45 67",
            "new_note": "Achterdeur",
        }
        data.update(values)
        page = self.url_open("/shop/cart/oci_delivery", data=data).text
        return page, order.partner_shipping_id

    def _edit(self, csrf, partner_id, **values):
        data = {
            "csrf_token": csrf,
            "name": "Carla Collega",
            "street": "Thuisweg 5",
            "zip": "4811 XX",
            "city": "Breda",
            "country_id": str(self.nl.id),
            "phone": "",
            "note": "",
        }
        data.update(values)
        return self.url_open(
            f"/shop/cart/oci_delivery/recipient/{partner_id}", data=data, allow_redirects=True
        )

    def test_edit_one_off_recipient(self):
        csrf, order = self._shop_cart()
        page, recipient = self._new_one_off(csrf, order)
        self.assertNotIn("o_oci_delivery_error", page)
        self.assertTrue(recipient.oci_one_off)
        # The cart offers to correct it, with its current values.
        self.assertIn("o_oci_one_off_edit", page)
        self.assertIn(f'action="/shop/cart/oci_delivery/recipient/{recipient.id}"', page)
        self.assertIn('value="Thuisweg 5"', page)
        response = self._edit(
            csrf,
            recipient.id,
            name="Carla de Collega",
            street="Thuisweg 7",
            zip="4811 YY",
            country_id=str(self.be.id),
            phone="",
            note="Bel twee keer",
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("o_oci_delivery_error", response.text)
        self.assertEqual(
            (recipient.name, recipient.street, recipient.zip, recipient.city, recipient.country_id),
            ("Carla de Collega", "Thuisweg 7", "4811 YY", "Breda", self.be),
        )
        self.assertFalse(recipient.phone)  # cleared
        self.assertEqual(recipient.oci_delivery_instructions, "Bel twee keer")
        self.assertTrue(recipient.oci_one_off)  # still no branch
        self.assertEqual(order.partner_shipping_id, recipient)
        self.assertIn("Carla de Collega, Thuisweg 7, 4811 YY Breda, Belgium", response.text)

    def test_bad_values_change_nothing(self):
        csrf, order = self._shop_cart()
        _page, recipient = self._new_one_off(csrf, order)
        for values, message in (
            ({"name": " "}, "A recipient needs a name, a street and a city."),
            ({"street": "x" * 201}, "too long or not text"),
            ({"city": "Breda\x00"}, "too long or not text"),
            ({"note": "n" * 501}, "at most 500 characters"),
            ({"country_id": str(self.de.id)}, "The shop does not deliver to Germany."),
            ({"country_id": "abc"}, "Unknown country."),
            ({"country_id": "99999999999999999999"}, "Unknown country."),
        ):
            with self.subTest(values=str(values)[:40]):
                response = self._edit(
                    csrf, recipient.id, **dict({"street": "Nieuweweg 1"}, **values)
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("o_oci_delivery_error", response.text)
                self.assertIn(message, response.text)
                self.assertEqual(recipient.street, "Thuisweg 5")
                self.assertEqual(recipient.country_id, self.nl)

    def test_other_recipients_refused(self):
        csrf, order = self._shop_cart()
        _page, own = self._new_one_off(csrf, order)
        other_one_off = self.env["res.partner"].create(
            {
                "name": "Ander Eenmalig",
                "type": "delivery",
                "parent_id": self.other_customer.id,
                "street": "Oostweg 9",
                "city": "Zwolle",
                "oci_one_off": True,
            }
        )
        # a one-off of the same customer, but of another order
        old_order = self._order(self.orderer, [(self.product_cake, 1, 32.5)])
        old_one_off = old_order._oci_create_one_off(
            {"name": "Oud Adres", "street": "Oudeweg 1", "city": "Gouda"}
        )
        old_order.partner_shipping_id = old_one_off
        for partner in (other_one_off, old_one_off, self.branch, self.other_branch, self.orderer):
            with self.subTest(partner=partner.name):
                response = self._edit(csrf, partner.id, name="Gekaapt", street="Kaapweg 1")
                self.assertEqual(response.status_code, 404)
                self.assertNotEqual(partner.name, "Gekaapt")
                self.assertNotIn("Kaapweg", partner.street or "")
        self.assertEqual(self._edit(csrf, 2**31 + 5).status_code, 404)
        # A one-off recipient that another order also uses stays as it is.
        old_order.partner_shipping_id = own
        response = self._edit(csrf, own.id, street="Andereweg 2")
        self.assertIn("used by another order", response.text)
        self.assertEqual(own.street, "Thuisweg 5")
        # Without a cart there is nothing to edit.
        order.action_cancel()
        self.assertEqual(self._edit(csrf, own.id).status_code, 404)

    def test_country_list_limited(self):
        csrf, order = self._shop_cart()
        page = self.url_open("/shop/cart").text
        form = page[page.index('name="new_country_id"') :]
        form = form[: form.index("</select>")]
        self.assertEqual(
            set(re.findall(r'<option value="(\d+)"', form)), {str(self.nl.id), str(self.be.id)}
        )
        # A crafted country outside the list is refused on creation too.
        page, shipping = self._new_one_off(csrf, order, new_country_id=str(self.de.id))
        self.assertIn("The shop does not deliver to Germany.", page)
        self.assertFalse(shipping.oci_one_off)
        page, shipping = self._new_one_off(csrf, order, new_country_id="abc")
        self.assertIn("Unknown country.", page)
        # Default: the company's country only, taken when none is chosen.
        self.website.oci_recipient_country_ids = False
        self.website.company_id.country_id = self.be
        self.assertEqual(self.website._oci_recipient_countries(), self.be)
        page, shipping = self._new_one_off(csrf, order, new_country_id=str(self.nl.id))
        self.assertIn("The shop does not deliver to Netherlands.", page)
        page, shipping = self._new_one_off(csrf, order, new_country_id="")
        self.assertNotIn("o_oci_delivery_error", page)
        self.assertEqual((shipping.oci_one_off, shipping.country_id), (True, self.be))
