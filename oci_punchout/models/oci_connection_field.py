# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from ..tools import oci_format

# Sources that depend on the cart line (its delivery date and recipient), not
# on the product alone: empty outside a cart (VALIDATE, BACKGROUND_SEARCH).
LINE_SOURCES = (
    "delivery_date",
    "recipient",
    "recipient_name",
    "recipient_code",
    "recipient_street",
    "recipient_zip",
    "recipient_city",
    "recipient_country",
)


class OciConnectionField(models.Model):
    """Which value a connection sends in one of the customer-defined OCI
    fields (MATGROUP, EXT_CATEGORY_ID, CUST_FIELD1..5, MATNR)."""

    _name = "oci.connection.field"
    _description = "OCI Punchout Field Mapping"
    _order = "connection_id, oci_field"

    connection_id = fields.Many2one("oci.connection", required=True, ondelete="cascade", index=True)
    oci_field = fields.Selection(
        [
            ("MATGROUP", "MATGROUP (material group)"),
            ("EXT_CATEGORY_ID", "EXT_CATEGORY_ID"),
            ("EXT_SCHEMA_TYPE", "EXT_SCHEMA_TYPE"),
            ("MATNR", "MATNR (buyer's material number)"),
            ("CUST_FIELD1", "CUST_FIELD1"),
            ("CUST_FIELD2", "CUST_FIELD2"),
            ("CUST_FIELD3", "CUST_FIELD3"),
            ("CUST_FIELD4", "CUST_FIELD4"),
            ("CUST_FIELD5", "CUST_FIELD5"),
        ],
        string="OCI field",
        required=True,
    )
    source = fields.Selection(
        [
            ("customer_code", "Customer accounting code (NZI)"),
            ("default_code", "Internal reference"),
            ("barcode", "Barcode"),
            ("category", "Product category"),
            ("fixed", "Fixed text"),
            ("delivery_date", "Delivery date (YYYYMMDD)"),
            ("recipient", "Recipient (name and address on one line)"),
            ("recipient_name", "Recipient: name"),
            ("recipient_code", "Recipient: branch code"),
            ("recipient_street", "Recipient: street"),
            ("recipient_zip", "Recipient: zip"),
            ("recipient_city", "Recipient: city"),
            ("recipient_country", "Recipient: country code"),
        ],
        required=True,
        default="customer_code",
        help="Delivery date and recipient are those of the cart line (else of the "
        "order); values longer than the OCI field are cut to its length.",
    )
    value = fields.Char(help="The text sent when the source is 'Fixed text'.")

    _sql_constraints = [
        (
            "field_uniq",
            "unique(connection_id, oci_field)",
            "Each OCI field can be mapped once per connection.",
        ),
    ]

    def _value_for(self, product):
        """The mapped value for one product (record already prefetched)."""
        self.ensure_one()
        if self.source == "fixed":
            return self.value or ""
        if self.source == "customer_code":
            return product.product_tmpl_id._oci_get_customer_code() or ""
        if self.source == "default_code":
            return product.default_code or ""
        if self.source == "barcode":
            return product.barcode or ""
        if self.source == "category":
            return product.categ_id.name or ""
        return ""

    def _value_for_line(self, line, rules=None):
        """The mapped value of a line source for one cart line: its delivery
        date (SAP's internal date format YYYYMMDD) or its recipient's
        address; '' when the line has none."""
        self.ensure_one()
        day, recipient = line._oci_delivery_day_recipient(rules)
        if self.source == "delivery_date":
            return oci_format.format_date(day) if day else ""
        if not recipient:
            return ""
        recipient = recipient.sudo()
        if self.source == "recipient":
            return recipient._oci_recipient_address()
        if self.source == "recipient_code":
            return "" if recipient.oci_one_off else (recipient.ref or "")
        if self.source == "recipient_country":
            return recipient.country_id.code or ""
        name = {
            "recipient_name": "name",
            "recipient_street": "street",
            "recipient_zip": "zip",
            "recipient_city": "city",
        }[self.source]
        return recipient[name] or ""
