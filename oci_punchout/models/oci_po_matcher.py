# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import math

from odoo import api, models
from odoo.tools import SQL

from ..exceptions import PoDocumentError
from ..tools import cxml


class OciPoMatcher(models.AbstractModel):
    """Reads a received PO against the shop: resolves its lines to the
    customer's products (one query for all lines), finds the punchout
    quotation it orders and lists how the two differ. Writes nothing."""

    _name = "oci.po.matcher"
    _description = "Punchout PO matching"

    @api.model
    def _po_resolve_lines(self, connection, doc):
        """Check the lines and resolve their products; raises
        PoDocumentError (nothing is written). Returns a list of dicts:
        the PO line plus ``product`` and ``sale_line`` (the quotation line
        its auxiliary id names, if it is one of this customer)."""
        lines = doc.get("lines") or []
        if (doc.get("order_type") or "new") != "delete" and not lines:
            raise PoDocumentError(400, "The purchase order has no lines.")
        for line in lines:
            quantity, price = line.get("quantity"), line.get("unit_price")
            if quantity is None or not quantity > 0:  # NaN is not greater than zero
                raise PoDocumentError(
                    400, f"Line {line['line_ref']}: the quantity must be greater than zero."
                )
            if not quantity <= cxml.MAX_QUANTITY:
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: the quantity is out of range "
                    f"(at most {cxml.MAX_QUANTITY:,}).",
                )
            if price is not None and not (math.isfinite(price) and price <= cxml.MAX_AMOUNT):
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: the unit price is out of range "
                    f"(at most {cxml.MAX_AMOUNT:,}).",
                )
            if price is not None and price < 0:
                raise PoDocumentError(400, f"Line {line['line_ref']}: the unit price is negative.")
        currencies = {doc.get("currency")} | {line.get("currency") for line in lines}
        currencies.discard("")
        currencies.discard(None)
        if currencies:
            known = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "in", list(currencies))])
            )
            unknown = currencies - set(known.mapped("name"))
            if unknown:
                raise PoDocumentError(400, f"Unknown currency {', '.join(sorted(unknown))}.")
        line_ids = [cxml.record_id(line.get("quote_item")) for line in lines]
        line_ids = [line_id for line_id in line_ids if line_id]
        sale_lines = (
            self.env["sale.order.line"].search(
                [
                    ("id", "in", line_ids),
                    ("order_id.oci_connection_id.partner_id", "=", connection.partner_id.id),
                ]
            )
            if line_ids
            else self.env["sale.order.line"]
        )
        sale_lines_by_id = {line.id: line for line in sale_lines}
        codes = {line.get("supplier_part_id") for line in lines} - {None, ""}
        products_by_code = {}
        if codes:
            ids = [cxml.record_id(code) for code in codes if cxml.record_id(code)]
            domain = [("default_code", "in", list(codes))]
            if ids:
                domain = ["|", ("id", "in", ids)] + domain
            for product in connection._oci_find_products(domain):
                products_by_code.setdefault(product.default_code, product)
                products_by_code.setdefault(str(product.id), product)
        hinted = self.env["product.product"].browse(
            {line["product_id"] for line in lines if line.get("product_id")}
        )
        if hinted:
            allowed = connection._oci_find_products([("id", "in", hinted.ids)])
            products_by_code.update({f"id:{p.id}": p for p in allowed})
        resolved = []
        for line in lines:
            sale_line = sale_lines_by_id.get(cxml.record_id(line.get("quote_item")))
            product = (
                products_by_code.get(line.get("supplier_part_id") or "")
                or (line.get("product_id") and products_by_code.get(f"id:{line['product_id']}"))
                or (sale_line.product_id if sale_line else None)
            )
            if not product:
                raise PoDocumentError(
                    400,
                    f"Line {line['line_ref']}: unknown product "
                    f"{cxml.shown(line.get('supplier_part_id') or line.get('description'))}.",
                )
            if sale_line and sale_line.product_id != product:
                sale_line = None
            resolved.append(dict(line, product=product, sale_line=sale_line))
        return resolved

    def _po_open_quotations_domain(self, po):
        po.ensure_one()
        return [
            ("oci_connection_id", "=", po.connection_id.id),
            ("oci_transfer_state", "=", "transferred"),
            ("state", "in", ("draft", "sent")),
        ]

    def _po_fitting_quotations_query(self, po, wanted):
        """Query of the open transferred quotations of the PO's connection
        whose product lines are exactly ``wanted`` ({product id: quantity},
        quantities to 3 decimals, lines of one product added up), latest
        transfer first. One query, whatever the number of open quotations:
        the quotations come from the partial index on open quotations, each
        one's lines from the index on their order."""
        query = self.env["sale.order"]._search(
            self._po_open_quotations_domain(po), order="oci_transferred_at desc, id desc"
        )
        products = list(wanted)
        query.add_where(
            SQL(
                """NOT EXISTS (
                    SELECT 1
                      FROM (SELECT line.product_id, SUM(line.product_uom_qty) AS qty
                              FROM sale_order_line line
                             WHERE line.order_id = %(order_id)s
                               AND line.product_id IS NOT NULL
                               AND line.display_type IS NULL
                             GROUP BY line.product_id) AS have
                      FULL JOIN unnest(%(products)s::int[], %(quantities)s::numeric[])
                                AS wanted(product_id, qty)
                        ON wanted.product_id = have.product_id
                     WHERE have.product_id IS NULL
                        OR wanted.product_id IS NULL
                        OR ROUND(have.qty - wanted.qty, 3) <> 0
                )""",
                order_id=SQL.identifier(query.table, "id"),
                products=products,
                quantities=[wanted[product] for product in products],
            )
        )
        return query

    def _po_fitting_quotations(self, po, wanted):
        """The open quotations fitting ``wanted`` (see
        _po_fitting_quotations_query), latest transfer first."""
        query = self._po_fitting_quotations_query(po, wanted)
        return self.env["sale.order"].browse(
            row[0] for row in self.env.execute_query(query.select())
        )

    def _po_match(self, po, resolved):
        """(quotation, matched_by, notes) for this PO."""
        po.ensure_one()
        doc = po.data
        notes = []
        SaleOrder = self.env["sale.order"]
        names = list(doc.get("quote_refs") or [])
        names += [line["quote_name"] for line in resolved if line.get("quote_name")]
        names = list(dict.fromkeys(names))
        referenced = SaleOrder
        if names:
            referenced = SaleOrder.search(
                [
                    ("name", "in", names),
                    ("oci_connection_id.partner_id", "=", po.partner_id.id),
                ]
            )
        referenced |= SaleOrder.union(
            *(line["sale_line"].order_id for line in resolved if line.get("sale_line"))
        )
        missing = [name for name in names if name not in referenced.mapped("name")]
        if missing:
            notes.append(
                self.env._(
                    "Quotation reference %s is not a quotation of this customer.",
                    ", ".join(missing),
                )
            )
        if referenced:
            if len(referenced) > 1:
                notes.append(
                    self.env._(
                        "The PO refers to several quotations (%s).",
                        ", ".join(referenced.mapped("name")),
                    )
                )
            quotation = referenced.sorted("id")[-1]
            if quotation.filtered_domain(self._po_open_quotations_domain(po)):
                return quotation, "reference", notes
            po_ref = ", PO " + quotation.client_order_ref if quotation.client_order_ref else ""
            notes.append(
                self.env._(
                    "Quotation %(name)s can no longer be ordered (%(status)s%(po)s).",
                    name=quotation.name,
                    status=quotation.oci_transfer_state or quotation.state,
                    po=po_ref,
                )
            )
            return SaleOrder, "none", notes
        # By connection + products + quantities of an open quotation.
        wanted = {}
        for line in resolved:
            wanted[line["product"].id] = wanted.get(line["product"].id, 0.0) + line["quantity"]
        fits = self._po_fitting_quotations(po, wanted)
        if len(fits) > 1:
            notes.append(
                self.env._(
                    "%(count)s open quotations fit this PO (%(names)s); the latest was taken.",
                    count=len(fits),
                    names=", ".join(fits.mapped("name")),
                )
            )
        if fits:
            return fits[0], "products", notes
        return SaleOrder, "none", notes
