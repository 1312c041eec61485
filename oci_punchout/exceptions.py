# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The exceptions of this addon, in one place (Odoo's payment_* pattern).

Pure Python: models, controllers and the tools/ modules all import from here,
so an error raised by a parser and caught by a controller has one definition.
"""


# --- OCI punchout login (oci.connection, oci.session, controllers) ---------------
class OciLoginRefused(Exception):
    """A punchout login that must be refused: ``status`` is the HTTP status of
    the error page and ``reason`` the text shown to the buyer and logged."""

    def __init__(self, reason, status=403):
        super().__init__(reason)
        self.reason = reason
        self.status = status


# --- Purchase order intake (tools/cxml.py, UBL reader, oci.po.* models) -------------
class PoDocumentError(Exception):
    """A purchase order document that must be refused: ``code`` is the
    status (cXML Status code / HTTP status), ``message`` the text for the
    sender."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message
