# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The one shape of a received purchase order, whatever brought it.

The cXML OrderRequest reader (tools/cxml.py), the UBL Order reader
(models/sale_edi_xml_ubl_bis3.py) and the manual PO wizard all fill a
:class:`PoDocument`; the intake (oci.po.intake) checks it, stores
:meth:`PoDocument.as_dict` on the received-PO record and hands that dict to
the matcher. Pure Python: no Odoo import.
"""

from dataclasses import asdict, dataclass, field


@dataclass
class PoLine:
    """One line of a PO. ``quote_name``/``quote_item`` name the punchout
    quotation and its line when the sender echoed them (cXML
    SupplierPartAuxiliaryID, UBL QuotationLineReference); ``product_id`` is
    set only where the shop itself found the product (UBL reader, wizard).
    ``delivery_date`` and ``ship_to`` (a dict as PoDocument's) are the
    line's own, when the sender gave them (cXML ItemOut)."""

    line_ref: str
    quantity: float
    supplier_part_id: str = ""
    product_id: int | bool | None = None
    aux_id: str = ""
    quote_name: str | None = None
    quote_item: str | None = None
    unit_price: float | None = None
    currency: str = ""
    uom: str = ""
    description: str = ""
    delivery_date: str | None = None
    cost_center: str = ""
    ship_to: dict = field(default_factory=dict)


@dataclass
class PoDocument:
    """The PO header and its lines. ``ship_to`` is a plain dict (address_id,
    name, deliver_to, street, city, zip, country, email) or empty. Only a
    cXML document carries ``timestamp`` and the ``from``/``sender``
    credentials (the shared secret is removed before it is stored)."""

    channel: str
    po_number: str
    payload_id: str | None = None
    order_type: str = "new"
    version: str = ""
    order_date: str | None = None
    currency: str = ""
    total: float | None = None
    quote_refs: list = field(default_factory=list)
    ship_to: dict = field(default_factory=dict)
    delivery_date: str | None = None
    cost_center: str = ""
    comments: str = ""
    orderer_email: str = ""
    lines: list = field(default_factory=list)
    timestamp: str | None = None
    credentials_from: dict | None = None
    credentials_sender: dict | None = None

    def as_dict(self):
        """The document as the intake stores it (JSON-safe)."""
        values = asdict(self)
        values.pop("timestamp")
        values.pop("credentials_from")
        values.pop("credentials_sender")
        if self.channel == "cxml":
            values["timestamp"] = self.timestamp or ""
            values["from"] = dict(self.credentials_from or {})
            values["sender"] = dict(self.credentials_sender or {})
        return values

    def without_secrets(self):
        """The credentials without the shared secret, for what is kept."""
        for name in ("credentials_from", "credentials_sender"):
            credential = getattr(self, name)
            if credential is not None:
                setattr(self, name, {k: v for k, v in credential.items() if k != "secret"})
        return self


@dataclass
class PoIntakeResult:
    """What the intake answers for one document: the received-PO record (an
    earlier one for a duplicate or a concurrent twin), the status code and
    the text for the sender. ``twin``: answered from a concurrent request's
    committed record."""

    record: object
    status_code: int
    message: str
    twin: bool = False
