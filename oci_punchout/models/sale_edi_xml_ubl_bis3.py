# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import hashlib

from lxml import etree

from odoo import models
from odoo.exceptions import UserError

from ..const import PO_MAX_QUANTITY, UBL_ORDER_CUSTOMIZATION
from ..exceptions import PoDocumentError
from ..tools.cxml import iso_date, parse_number, record_id
from ..tools.po_document import PoDocument, PoLine

# Numbers of an order line that Odoo's line reader computes with (besides the
# line's own Quantity): each is checked before it reads them.
_LINE_AMOUNTS = ("PriceAmount", "LineExtensionAmount", "Amount", "BaseAmount")


class SaleEdiXmlUBLBIS3(models.AbstractModel):
    """Odoo's Peppol BIS Ordering 3 reader, extended to hand a UBL Order to
    the punchout PO intake as a PoDocument (the shape a cXML OrderRequest and
    the manual wizard also fill) instead of filling a new order. The header,
    party and line reading is Odoo's own (_import_retrieve_partner_vals,
    _retrieve_line_vals)."""

    _inherit = "sale.edi.xml.ubl_bis3"

    def _import_product(self, **product_vals):
        # Products of a PO are looked up once for all lines (see
        # _oci_extract_order); Odoo's per-line search is the fallback.
        cache = self.env.context.get("oci_po_products")
        if cache is not None and product_vals.get("default_code") in cache:
            return self.env["product.product"].browse(cache[product_vals["default_code"]])
        return super()._import_product(**product_vals)

    def _oci_is_order(self, tree):
        return (
            tree is not None
            and isinstance(tree.tag, str)
            and tree.tag.endswith("}Order")
            and (tree.findtext("{*}CustomizationID") or "").strip() == UBL_ORDER_CUSTOMIZATION
        )

    def _oci_buyer(self, tree, company):
        """The buyer party of the Order, found (never created) like Odoo's
        import finds partners."""
        vals = self._import_retrieve_partner_vals(tree, "BuyerCustomer")
        domain = None
        if vals.get("peppol_eas") and vals.get("peppol_endpoint"):
            domain = [
                ("peppol_eas", "=", vals["peppol_eas"]),
                ("peppol_endpoint", "=", vals["peppol_endpoint"]),
            ]
        return (
            self.env["res.partner"]
            .with_company(company)
            ._retrieve_partner(
                name=vals.get("name"),
                phone=vals.get("phone"),
                email=vals.get("email"),
                vat=vals.get("vat"),
                domain=domain,
            )
        )

    def _oci_check_line_numbers(self, item, line_ref):
        """The amounts and base quantity of an order line, checked before
        Odoo's reader computes with them (no Infinity, NaN, 1E+400 or
        division by a zero base quantity); raises PoDocumentError."""
        for node in item.iter("{*}BaseQuantity", *(f"{{*}}{name}" for name in _LINE_AMOUNTS)):
            name = etree.QName(node).localname
            what = f"Line {line_ref}: {'base quantity' if name == 'BaseQuantity' else 'price'}"
            if name == "BaseQuantity":
                parse_number(node.text, what, maximum=PO_MAX_QUANTITY, positive=True)
            else:
                parse_number(node.text, f"{what} ({name})", minimum=0)

    def _oci_extract_order(self, tree, connection, content):
        """A UBL Order (BIS Ordering 3) -> PoDocument; raises PoDocumentError."""
        if not self._oci_is_order(tree):
            raise PoDocumentError(400, "The document is not a Peppol BIS Ordering 3 Order.")
        po_number = (tree.findtext("{*}ID") or "").strip()
        if not po_number:
            raise PoDocumentError(400, "The Order has no ID (PO number).")
        if len(po_number) > 64:
            raise PoDocumentError(400, "The Order ID (PO number) is longer than 64 characters.")
        uuid = (tree.findtext("{*}UUID") or "").strip()
        if isinstance(content, str):
            content = content.encode("utf-8")
        payload_id = uuid or "sha256:" + hashlib.sha256(content or b"").hexdigest()
        line_nodes = tree.findall("{*}OrderLine")
        codes = {
            (node.findtext("{*}LineItem/{*}Item/{*}SellersItemIdentification/{*}ID") or "").strip()
            for node in line_nodes
        } - {""}
        cache = {}
        if codes:
            for product in connection._oci_find_products([("default_code", "in", list(codes))]):
                cache.setdefault(product.default_code, product.id)
        reader = self.with_context(oci_po_products=cache)
        lines = []
        for index, node in enumerate(line_nodes, start=1):
            item = node.find("{*}LineItem")
            if item is None:
                raise PoDocumentError(400, f"Order line {index} has no LineItem.")
            line_ref = (item.findtext("{*}ID") or str(index)).strip()[:32]
            quantity = parse_number(
                item.findtext("{*}Quantity"),
                f"Line {line_ref}: quantity",
                maximum=PO_MAX_QUANTITY,
                positive=True,
            )
            self._oci_check_line_numbers(item, line_ref)
            try:
                values = reader._retrieve_line_vals(item)
            except (ValueError, TypeError, ArithmeticError, AttributeError, UserError) as exc:
                raise PoDocumentError(
                    400, f"Line {line_ref}: quantity or price is missing or not a number."
                ) from exc
            price_node = item.find("{*}Price/{*}PriceAmount")
            code = (item.findtext("{*}Item/{*}SellersItemIdentification/{*}ID") or "").strip()
            quote_item = (node.findtext("{*}QuotationLineReference/{*}LineID") or "").strip()
            lines.append(
                PoLine(
                    line_ref=line_ref,
                    quantity=quantity,
                    supplier_part_id=code,
                    product_id=values.get("product_id") or False,
                    aux_id=quote_item,
                    quote_item=quote_item if record_id(quote_item) else None,
                    unit_price=values["price_unit"] * (1 - (values.get("discount") or 0) / 100)
                    if price_node is not None
                    else None,
                    currency=(price_node.get("currencyID") or "").strip()
                    if price_node is not None
                    else "",
                    uom=item.find("{*}Quantity").get("unitCode", "")
                    if item.find("{*}Quantity") is not None
                    else "",
                    description=values.get("name") or "",
                    cost_center=(item.findtext("{*}AccountingCost") or "").strip(),
                )
            )
        quote_ref = (tree.findtext("{*}QuotationDocumentReference/{*}ID") or "").strip()
        location = tree.find("{*}Delivery/{*}DeliveryLocation")
        address = location.find("{*}Address") if location is not None else None
        ship_to = {}
        if location is not None or tree.find("{*}Delivery/{*}DeliveryParty") is not None:
            ship_to = {
                "address_id": (location.findtext("{*}ID") or "").strip()
                if location is not None
                else "",
                "name": (
                    tree.findtext("{*}Delivery/{*}DeliveryParty/{*}PartyName/{*}Name") or ""
                ).strip(),
                "deliver_to": "",
                "street": (address.findtext("{*}StreetName") or "").strip()
                if address is not None
                else "",
                "city": (address.findtext("{*}CityName") or "").strip()
                if address is not None
                else "",
                "zip": (address.findtext("{*}PostalZone") or "").strip()
                if address is not None
                else "",
                "country": (address.findtext("{*}Country/{*}IdentificationCode") or "").strip()
                if address is not None
                else "",
                "email": "",
            }
        period = "{*}Delivery/{*}RequestedDeliveryPeriod/"
        delivery_date = iso_date(
            tree.findtext(period + "{*}StartDate") or tree.findtext(period + "{*}EndDate"),
            "The requested delivery date",
        )
        return PoDocument(
            channel="ubl",
            payload_id=payload_id,
            po_number=po_number,
            order_date=iso_date(tree.findtext("{*}IssueDate"), "The issue date"),
            currency=(tree.findtext("{*}DocumentCurrencyCode") or "").strip(),
            quote_refs=[quote_ref] if quote_ref else [],
            ship_to=ship_to,
            delivery_date=delivery_date,
            cost_center=(tree.findtext("{*}AccountingCost") or "").strip(),
            comments=(tree.findtext("{*}Note") or "").strip(),
            orderer_email=self._find_value(
                ".//cac:BuyerCustomerParty/cac:Party/cac:Contact/cbc:ElectronicMail", tree
            )
            or "",
            lines=lines,
        )
