# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the server-to-server routes (cXML setup, PO intake) read from an
unauthenticated request: the body under a size limit, the sender's address."""


def limited_body(httprequest, limit, cache=True):
    """The request body, or None when it is over ``limit`` bytes (by its
    Content-Length before anything is read, or by what was read)."""
    length = httprequest.content_length
    if length is not None and length > limit:
        return None
    data = httprequest.get_data(cache=cache)
    if len(data) > limit:
        return None
    return data


def remote_addr(httprequest):
    """The sender's address as the throttle and the session log keep it
    (behind a proxy it comes from a header: no NUL byte)."""
    return (httprequest.remote_addr or "").replace("\x00", "")[:64] or None
