# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


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
        ],
        required=True,
        default="customer_code",
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
