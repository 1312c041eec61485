# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The website of a punchout stays in the language the punchout was opened
in (oci.session.lang) for the whole browser session."""

from odoo.http import request

LANG_COOKIE = "frontend_lang"


def oci_open_in_language(session, redirect):
    """Set the punchout's language on the browser session (context and the
    website's language cookie) and return ``redirect`` in that language."""
    code = session.lang
    if not code:
        return redirect
    lang = request.env["res.lang"]._get_data(code=code)
    if not lang.code:
        return redirect
    request.session.context = dict(request.session.context, lang=lang.code)
    request.update_context(lang=lang.code)
    # Replace the cookie the website set for the login request itself (the
    # browser's language): the last Set-Cookie of a name wins.
    headers = request.future_response.headers
    kept = [c for c in headers.getlist("Set-Cookie") if not c.startswith(f"{LANG_COOKIE}=")]
    headers.remove("Set-Cookie")
    for cookie in kept:
        headers.add("Set-Cookie", cookie)
    request.future_response.set_cookie(LANG_COOKIE, lang.code)
    if lang.code != request.env["ir.http"]._get_default_lang().code:
        redirect = f"/{lang.url_code}{redirect}"
    return redirect
