# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from lxml import etree

from odoo import Command

from odoo.addons.account.tests.common import AccountTestInvoicingCommon

from . import ubl_validation

UBL_NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
BUILDERS = {
    "nlcius": "account.edi.xml.ubl_nl",
    "ubl_bis3": "account.edi.xml.ubl_bis3",
    "xrechnung": "account.edi.xml.ubl_de",
}


class OciEinvoiceCommon(AccountTestInvoicingCommon):
    """A Dutch supplier (KvK, IBAN, VAT) and a Dutch healthcare customer with
    three branches (each its own cost center), an orderer, products with NZI
    codes and 21/9/0 % taxes. Builds its own data. The company is Dutch
    (setup_country) on the generic chart of accounts, so the tests do not need
    l10n_nl (AccountTestInvoicingCommon skips when a chart module is missing);
    taxes are created here."""

    @classmethod
    @AccountTestInvoicingCommon.setup_country("nl")
    @AccountTestInvoicingCommon.setup_chart_template("generic_coa")
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        nl = cls.env.ref("base.nl")
        cls.company = cls.company_data["company"]
        cls.company.write(
            {
                "name": "Toptaarten BV",
                "street": "Bakkerstraat 1",
                "zip": "3511 AA",
                "city": "Utrecht",
                "country_id": nl.id,
                "vat": "NL000099998B57",
                "phone": "+31 30 123 4567",
                "email": "factuur@toptaarten.example",
                "company_registry": "12345678",
            }
        )
        cls.change_company_country(cls.company, nl)  # generic chart: fiscal country NL
        cls.company.partner_id.write({"peppol_eas": "0106", "peppol_endpoint": "12345678"})
        cls.bank = cls.env["res.partner.bank"].create(
            {
                "acc_number": "NL91ABNA0417164300",
                "partner_id": cls.company.partner_id.id,
                "allow_out_payment": True,
            }
        )
        cls.tax_group = cls.env["account.tax.group"].create(
            {"name": "OCI BTW", "company_id": cls.company.id, "country_id": nl.id}
        )
        cls.tax_21 = cls._oci_tax("OCI 21%", 21.0)
        cls.tax_9 = cls._oci_tax("OCI 9%", 9.0)
        cls.tax_0 = cls._oci_tax("OCI 0%", 0.0)

        cls.categ_cakes = cls.env["product.category"].create(
            {"name": "OCI Cakes", "oci_customer_code": "4411"}
        )
        cls.product_cake = cls._oci_product("Slagroomtaart", "TT-SLAG", 32.5, cls.categ_cakes)
        cls.product_logo = cls._oci_product(
            "Logotaart", "TT-LOGO", 54.95, cls.categ_cakes, oci_customer_code="4412"
        )
        cls.product_fruit = cls._oci_product("Fruitmand", "TG-FRUIT", 39.95, cls.categ_cakes)

        address = {"street": "Zorgweg 10", "zip": "3500 AB", "city": "Utrecht", "country_id": nl.id}
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Zorggroep Test",
                "is_company": True,
                "email": "crediteuren@zorg.example",
                "vat": "NL123456782B90",
                "peppol_eas": "0106",
                "peppol_endpoint": "87654321",
                "oci_cost_center": "KP-1000",
                **address,
            }
        )
        cls.branches = cls.env["res.partner"].create(
            [
                {
                    "name": f"Locatie {name}",
                    "type": "delivery",
                    "parent_id": cls.customer.id,
                    "oci_cost_center": cost_center,
                    **address,
                    "street": f"{name}weg 1",
                }
                for name, cost_center in (
                    ("Noord", "KP-2001"),
                    ("Zuid", "KP-2002"),
                    ("Oost", "KP-2003"),
                )
            ]
        )
        cls.branch_north, cls.branch_south, cls.branch_east = cls.branches
        cls.orderer = cls.env["res.partner"].create(
            {"name": "Anna Orderer", "email": "anna@zorg.example", "parent_id": cls.customer.id}
        )

    # ------------------------------------------------------------------
    # Data helpers
    # ------------------------------------------------------------------
    @classmethod
    def _oci_tax(cls, name, amount):
        return cls.env["account.tax"].create(
            {
                "name": name,
                "amount_type": "percent",
                "amount": amount,
                "type_tax_use": "sale",
                "country_id": cls.env.ref("base.nl").id,
                "company_id": cls.company_data["company"].id,
                "tax_group_id": cls.tax_group.id,
            }
        )

    @classmethod
    def _oci_product(cls, name, code, price, categ, **vals):
        return cls.env["product.product"].create(
            {
                "name": name,
                "default_code": code,
                "list_price": price,
                "categ_id": categ.id,
                "type": "consu",
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.tax_21.ids)],
                "property_account_income_id": cls.company_data["default_account_revenue"].id,
                **vals,
            }
        )

    def _invoice(self, partner=None, lines=None, post=True, **vals):
        """A customer invoice; ``lines``: list of dicts for invoice_line_ids."""
        partner = partner or self.customer
        lines = lines or [
            {
                "product_id": self.product_cake.id,
                "quantity": 2,
                "price_unit": 32.5,
                "tax_ids": [Command.set(self.tax_21.ids)],
                "oci_po_line_ref": "10",
            },
            {
                "product_id": self.product_logo.id,
                "quantity": 1,
                "price_unit": 54.95,
                "tax_ids": [Command.set(self.tax_21.ids)],
                "oci_po_line_ref": "20",
            },
        ]
        move = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "partner_bank_id": self.bank.id,
                "invoice_date": "2026-11-02",
                "delivery_date": "2026-11-01",
                **vals,
                "invoice_line_ids": [Command.create(line) for line in lines],
            }
        )
        if post:
            move.action_post()
        return move

    def _invoice_address(self, name):
        """An invoice address (with e-mail) of the customer."""
        return self.env["res.partner"].create(
            {
                "name": name,
                "type": "invoice",
                "parent_id": self.customer.id,
                "email": "facturen@zorg.example",
                "street": "Postbus 12",
                "zip": "3500 AA",
                "city": "Utrecht",
                "country_id": self.env.ref("base.nl").id,
            }
        )

    # The references of _invoice_with_branches() its PDF shows in the header.
    BRANCHES_INVOICE_HEADER = (
        "PO Number",
        "4500077777",
        "Buyer Reference",
        "AFD-42",
        "Cost Center",
        "KP-1000",
    )

    def _invoice_with_branches(self):
        """An invoice with PO number, buyer reference, cost center and
        branch, its second line with a cost center and branch of its own."""
        invoice = self._invoice(
            oci_po_number="4500077777",
            oci_buyer_reference="AFD-42",
            oci_cost_center="KP-1000",
            oci_branch_id=self.branch_north.id,
        )
        invoice.invoice_line_ids[1].write(
            {"oci_cost_center": "KP-2003", "oci_branch_id": self.branch_east.id}
        )
        return invoice

    def _belgian_customer(self, name):
        """A Belgian business customer with its VAT number as Peppol endpoint
        (scheme 0208): intra-community supplies, reverse charge."""
        return self.env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "vat": "BE0477472701",
                "street": "Kerkstraat 1",
                "zip": "1000",
                "city": "Brussel",
                "country_id": self.env.ref("base.be").id,
                "peppol_eas": "0208",
                "peppol_endpoint": "0477472701",
            }
        )

    def _refund(self, invoice):
        wizard = (
            self.env["account.move.reversal"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create({"reason": "Damaged", "journal_id": invoice.journal_id.id})
        )
        action = wizard.refund_moves()
        refund = self.env["account.move"].browse(action["res_id"])
        refund.partner_bank_id = self.bank  # NL-R-007 (test data)
        refund.action_post()
        return refund

    # ------------------------------------------------------------------
    # XML helpers
    # ------------------------------------------------------------------
    def _export(self, move, fmt="nlcius"):
        """(tree, xml bytes, errors) of ``move`` exported by the ``fmt`` builder."""
        xml, errors = self.env[BUILDERS[fmt]]._export_invoice(move)
        return etree.fromstring(xml), xml, errors

    @staticmethod
    def _xp(tree, path):
        return tree.xpath(path, namespaces=UBL_NS)

    def _text(self, tree, path):
        nodes = self._xp(tree, path)
        return nodes[0].text if nodes else None

    def _texts(self, tree, path):
        return [node.text for node in self._xp(tree, path)]

    def _assert_valid_ubl(self, xml):
        """XSD always; the official schematron too when its XSLTs are present."""
        ok, errors = ubl_validation.validate_ubl_xsd(xml)
        self.assertTrue(ok, "UBL 2.1 XSD errors:\n" + "\n".join(errors))
        if ubl_validation.schematron_files():
            used, failures = ubl_validation.run_schematron(xml)
            self.assertFalse(failures, "Schematron failures:\n" + "\n".join(failures))
            return used
        return []
