# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command, fields

from .common import OciCommon

# A 1x1 red PNG: the customer's logo.
LOGO_PNG = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de"
        "0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
)


class BusinessCommon(OciCommon):
    """OciCommon plus business-account data: Anna is the customer
    administrator of Zorggroep Test, which has two branches with budgets;
    the other customer has a branch of its own. No test methods here."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_group = cls.env.ref("oci_punchout.group_oci_customer_admin")
        cls.customer.image_1920 = LOGO_PNG
        cls.orderer.oci_is_customer_admin = True
        cls.branch.write(
            {
                "oci_delivery_instructions": "Ring twice.\nDock 3, back entrance.",
                "oci_cost_center": "KP-NOORD",
            }
        )
        cls.branch_south = cls.env["res.partner"].create(
            {
                "name": "Locatie Zuid",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "Zuidweg 2",
                "city": "Houten",
            }
        )
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Carl Colleague", "email": "carl@zorg.example", "parent_id": cls.customer.id}
        )
        cls.other_branch = cls.env["res.partner"].create(
            {
                "name": "Ander Oost",
                "type": "delivery",
                "parent_id": cls.other_customer.id,
                "street": "Oostweg 3",
                "city": "Zwolle",
            }
        )
        cls.product_cake.product_tmpl_id.oci_card_allowed = True

    @classmethod
    def _order(cls, partner, lines, shipping=None, **vals):
        """A sale order of ``partner`` (untaxed products)."""
        return cls.env["sale.order"].create(
            dict(
                {
                    "partner_id": partner.id,
                    "partner_shipping_id": (shipping or partner).id,
                    "website_id": cls.website.id,
                    "order_line": [
                        Command.create(
                            {"product_id": product.id, "product_uom_qty": qty, "price_unit": price}
                        )
                        for product, qty, price in lines
                    ],
                },
                **vals,
            )
        )

    @classmethod
    def _set_assortment_cakes(cls):
        cls.customer.oci_assortment_categ_ids = cls.categ_cakes

    @staticmethod
    def _now():
        return fields.Datetime.now()
