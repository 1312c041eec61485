# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Route options and answers that several punchout controllers share:
``@http.route(path, **SERVER_POST)`` and the like."""

from odoo.http import request

# Hard cap on what is read from an unauthenticated request (the intake's own,
# configurable limits are checked below it).
MAX_ROUTE_BYTES = 16 * 1024 * 1024

# A document posted server to server (cXML setup, PO intake): no browser,
# no website, no session kept.
SERVER_POST = {
    "type": "http",
    "auth": "public",
    "methods": ["POST"],
    "csrf": False,
    "save_session": False,
    "sitemap": False,
    "max_content_length": MAX_ROUTE_BYTES,
}

# A transfer/cancel form posted from the punchout cart: public (a browser
# whose punchout has ended gets the clear 410 page), CSRF checked in
# _oci_posting_session when a punchout is open.
PUNCHOUT_FORM_POST = {
    "type": "http",
    "auth": "public",
    "methods": ["POST"],
    "csrf": False,
    "website": True,
    "sitemap": False,
}

# What a procurement system sends through the buyer's browser (login,
# returned cart of the test buyer): GET or POST, no CSRF token possible.
BUYER_REQUEST = {
    "type": "http",
    "auth": "public",
    "methods": ["GET", "POST"],
    "csrf": False,
    "website": True,
    "sitemap": False,
}

# A form posted by a logged-in website user (cart, portal).
USER_FORM_POST = {
    "type": "http",
    "auth": "user",
    "methods": ["POST"],
    "website": True,
    "sitemap": False,
}


def xml_response(xml):
    """A cXML answer: the outcome is in its Status element, inside HTTP 200."""
    return request.make_response(
        xml,
        headers=[
            ("Content-Type", "text/xml; charset=utf-8"),
            ("Cache-Control", "no-store"),
        ],
    )
