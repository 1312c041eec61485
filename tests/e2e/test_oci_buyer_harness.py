# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The buyer harness catches what an SRM would reject (no Odoo needed)."""

import sys
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "buyer"))
import oci_buyer  # noqa: E402

HOOK = "https://srm.example.com/sap/bc/hook?sess=1&x=%20y"
ECHO = [("~OkCode", "ADDI"), ("~TARGET", "_top"), ("~CALLER", "CTLG")]


def page(action=HOOK, target="_top", charset="utf-8", fields=None, script=True):
    inputs = "".join(f'<input type="hidden" name="{n}" value="{v}"/>' for n, v in (fields or []))
    submit = '<script>document.getElementById("oci_transfer_form").submit();</script>'
    return (
        f'<html><body><form id="oci_transfer_form" method="post" action="{action}" '
        f'target="{target}" accept-charset="{charset}">{inputs}'
        f'<noscript><button type="submit">Go</button></noscript></form>'
        f"{submit if script else ''}</body></html>"
    )


def item(index, **values):
    base = {
        "DESCRIPTION": "Slagroomtaart",
        "QUANTITY": "2",
        "UNIT": "C62",
        "PRICE": "32.5",
        "CURRENCY": "EUR",
    }
    base.update(values)
    return [(f"NEW_ITEM-{k}[{index}]", v) for k, v in base.items()]


def check(html, **kwargs):
    form, scripts = oci_buyer.parse_transfer_page(html)
    return oci_buyer.check_form(
        form,
        scripts,
        kwargs.get("hook", HOOK),
        kwargs.get("target", "_top"),
        kwargs.get("echo", ECHO),
    )


def test_good_form_is_parsed():
    html = page(
        action=HOOK.replace("&", "&amp;"),
        fields=ECHO
        + item(1)
        + item(2, DESCRIPTION="Logo &amp; taart")
        + [("NEW_ITEM-LONGTEXT_2:132[]", "line one")],
    )
    items = check(html)
    assert [i["DESCRIPTION"] for i in items] == ["Slagroomtaart", "Logo & taart"]
    assert items[1]["LONGTEXT"] == "line one"
    form, _scripts = oci_buyer.parse_transfer_page(html)
    assert form["buttons"] == [{"type": "submit", "noscript": True}]


BAD_FORMS = [
    (
        page(action="https://srm.example.com/sap/bc/hook?sess=1", fields=ECHO + item(1)),
        "is not HOOK_URL",
    ),
    (page(target="_blank", fields=ECHO + item(1)), "target"),
    (page(fields=ECHO[:2] + item(1)), "echo fields"),
    (page(fields=ECHO + item(0)), "do not run from 1"),
    (page(fields=ECHO + item(1) + item(3)), "do not run from 1"),
    (page(fields=ECHO + item(1, QUANTITY="1,5")), "not an OCI number"),
    (page(fields=ECHO + item(1, PRICE="1.2345")), "not an OCI number"),
    (page(fields=ECHO + item(1, DESCRIPTION="x" * 41)), "longer than 40"),
    (page(fields=ECHO + item(1, UNIT="")), r"UNIT\[1\] is empty"),
    (page(fields=ECHO + item(1) + [("PASSWORD", "x")]), "unexpected field"),
    (page(fields=ECHO + item(1), script=False), "not auto-submitted"),
]


@pytest.mark.parametrize("html, message", BAD_FORMS, ids=[m for _h, m in BAD_FORMS])
def test_bad_forms_are_refused(html, message):
    with pytest.raises(oci_buyer.OciProtocolError, match=message):
        check(html)


def test_encode_like_a_browser_in_latin1():
    body = oci_buyer.encode_form([("NEW_ITEM-DESCRIPTION[1]", "Crème € taart")], "iso-8859-1")
    assert body == b"NEW_ITEM-DESCRIPTION%5B1%5D=Cr%E8me+%26%238364%3B+taart"
    assert parse_qsl(body.decode("ascii"), encoding="iso-8859-1") == [
        ("NEW_ITEM-DESCRIPTION[1]", "Crème &#8364; taart")
    ]


def test_hook_server_records_posts():
    hook = oci_buyer.HookServer()
    try:
        url = hook.url(query="sess=7")
        answer = requests.post(
            url,
            data=b"a=1&b=%C3%A9",
            timeout=10,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert answer.status_code == 200
        received = hook.wait(1)
        assert (received["method"], received["path"], received["query"]) == (
            "POST",
            "/sap/bc/hook",
            "sess=7",
        )
        assert received["body"] == b"a=1&b=%C3%A9"
    finally:
        hook.stop()
