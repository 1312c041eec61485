# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two Odoo nodes on one database (issue 11 §7), as a shop behind a load
balancer runs them: two `odoo --workers=2` servers (tests/tools/run_odoo.py)
on their own ports, the same database and the same data directory (HTTP
sessions and filestore), no cron on either. The buyer harness logs in on one
node and fills the cart and transfers on the other; POs arrive on either;
the failed-login throttle counts across both; a change made through one
node is seen at once by the other (Odoo's registry/cache signalling).
Nothing the punchout needs may live only in one process's memory.

The database (demo data, both addons) is made once and dropped at the end,
like tests/prefork/test_prefork_roundtrip.py, whose server class this
reuses. Database name: $OCI_NODES_DB, else "<pytest-odoo database>_nodes";
OCI_PREFORK_KEEP_DB=1 keeps it for work on these tests.
"""

import os
import shutil
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from test_prefork_roundtrip import (
    CODE,
    PO_IDENTITY,
    PO_SECRET,
    ROOT,
    SECRET,
    USERNAME,
    PreforkServer,
    _buyer,
    _drop_database,
    _items_summary,
    _lines,
    _login,
    _order,
    po_sender,
)

odoo = pytest.importorskip("odoo", reason="Odoo 18.0 is not importable")


class Node(PreforkServer):
    """One node: its own ports and log, the database and data directory
    given (shared with the other node)."""

    def __init__(self, db, data_dir):
        super().__init__()
        text = self.cfg.read_text()
        text = text.replace(f"dbfilter = ^{self.db}$", f"dbfilter = ^{db}$")
        text = text.replace(f"data_dir = {self.tmp / 'data'}", f"data_dir = {data_dir}")
        self.cfg.write_text(text)
        self.db = db

    def cleanup(self):
        """Stop the server; the shared database is dropped by the fixture."""
        try:
            self.stop()
        finally:
            if self.log.exists():
                (ROOT / "var").mkdir(exist_ok=True)
                shutil.copy(self.log, ROOT / "var" / f"nodes-{self.db}-{self.http_port}.log")
            shutil.rmtree(self.tmp, ignore_errors=True)


@pytest.fixture(scope="module")
def nodes(tmp_path_factory):
    base = odoo.tools.config.get("db_name") or "oci"
    db = os.environ.get("OCI_NODES_DB") or f"{base.split(',')[0]}_nodes"
    data_dir = tmp_path_factory.mktemp("shared-data")
    node_a, node_b = Node(db, data_dir), Node(db, data_dir)
    try:
        node_a.create_database()
        node_a.start()
        node_b.start()
        # No failed login left from an earlier run may lock 127.0.0.1 out.
        node_a.call("ir.config_parameter", "set_param", "oci_punchout.max_failures", "1000")
        yield node_a, node_b
    finally:
        try:
            node_b.cleanup()
        finally:
            node_a.cleanup()
            if os.environ.get("OCI_PREFORK_KEEP_DB") != "1":
                _drop_database(db)


@pytest.fixture(scope="module")
def shop(nodes):
    node_a, _node_b = nodes
    connection = node_a.call(
        "oci.connection", "search_read", [("code", "=", CODE)], fields=["partner_id"]
    )
    assert connection, f"no demo connection {CODE}"
    categories = node_a.call(
        "res.partner",
        "read",
        [connection[0]["partner_id"][0]],
        fields=["oci_assortment_categ_ids"],
    )[0]["oci_assortment_categ_ids"]
    domain = [("sale_ok", "=", True), ("is_published", "=", True)]
    if categories:
        domain.append(("categ_id", "child_of", categories))
    products = node_a.call("product.product", "search", domain, limit=2, order="id")
    assert len(products) == 2
    return {"connection": connection[0], "products": products}


def _send_po(node, items):
    po_number = f"46{uuid.uuid4().int % 10**8:08d}"
    xml = po_sender.build_cxml_order(
        items, po_number, f"{uuid.uuid4()}@srm.example", PO_IDENTITY, PO_SECRET
    )
    return po_number, xml, po_sender.post_cxml(node.url, CODE, xml)


def _punchout(node_login, node_cart, shop, quantities, buyer=None):
    """Login on one node (its HOOK_URL prefix allowed through the *other*
    node's RPC), cart and transfer on the other; returns the items."""
    if buyer is None:
        with _buyer(node_cart, shop) as buyer:
            return _punchout(node_login, node_cart, shop, quantities, buyer)
    first, second = shop["products"]
    response = _login(buyer, node_login.url)
    assert response.url.startswith(node_login.url)
    buyer.shop_url = node_cart.url  # the same cookie, the other node
    buyer.add_to_cart(first, quantities[0])
    buyer.add_to_cart(second, quantities[1])
    items = buyer.transfer()
    assert buyer.last_response.url.startswith(node_cart.url)
    assert buyer.last_post["path"] == "/sap/bc/hook"
    assert _items_summary(items) == sorted([(first, quantities[0]), (second, quantities[1])])
    # The session ended with the transfer: the first node knows it too.
    buyer.shop_url = node_login.url
    ended = buyer.http.get(f"{node_login.url}/shop/cart", timeout=60)
    assert "o_oci_banner" not in ended.text
    return items


def test_login_on_one_node_cart_and_transfer_on_the_other(nodes, shop):
    node_a, node_b = nodes
    for login_node, cart_node in ((node_a, node_b), (node_b, node_a)):
        items = _punchout(login_node, cart_node, shop, (2.0, 1.0))
        quote = {item["EXT_QUOTE_ID"] for item in items}
        assert len(quote) == 1
        quote = quote.pop()
        order = _order(login_node, quote)
        assert (order["state"], order["oci_transfer_state"]) == ("sent", "transferred")
        assert _lines(cart_node, quote) == _items_summary(items)


def test_po_on_either_node_and_duplicate_on_the_other(nodes, shop):
    node_a, node_b = nodes
    items_1 = _punchout(node_a, node_b, shop, (1.0, 3.0))
    items_2 = _punchout(node_b, node_a, shop, (4.0, 1.0))
    po_1, xml_1, answer_1 = _send_po(node_a, items_1)
    po_2, _xml_2, answer_2 = _send_po(node_b, items_2)
    assert answer_1[:2] == (200, 200), answer_1
    assert answer_2[:2] == (200, 200), answer_2
    for items, po_number in ((items_1, po_1), (items_2, po_2)):
        order = _order(node_a, items[0]["EXT_QUOTE_ID"])
        assert (order["state"], order["client_order_ref"]) == ("sale", po_number)
    # The same document again, now to the other node: answered as the
    # duplicate it is, no second order and no second PO record.
    again = po_sender.post_cxml(node_b.url, CODE, xml_1)
    assert again[0] == 200 and again[1] < 500, again
    assert node_b.call("oci.purchase.order", "search_count", [("po_number", "=", po_1)]) == 1
    assert node_b.call("sale.order", "search_count", [("client_order_ref", "=", po_1)]) == 1


def test_concurrent_buyers_on_both_nodes_keep_their_carts(nodes, shop):
    """Four requisitions at once, each logging in on one node and working
    on the other: every transfer holds exactly its own lines."""
    node_a, node_b = nodes
    plans = [
        (node_a, node_b, (1.0, 2.0)),
        (node_b, node_a, (3.0, 1.0)),
        (node_a, node_b, (2.0, 2.0)),
        (node_b, node_a, (5.0, 4.0)),
    ]
    # The harness's hook servers are allowed one after the other (each
    # allow-list write reads the one before), then the buyers run at once.
    buyers = [_buyer(node_b, shop) for _plan in plans]
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            results = list(
                pool.map(
                    lambda pair: _punchout(*pair[0][:2], shop, pair[0][2], pair[1]),
                    zip(plans, buyers, strict=True),
                )
            )
    finally:
        for buyer in buyers:
            buyer.close()
    quotes = [{item["EXT_QUOTE_ID"] for item in items} for items in results]
    assert all(len(quote) == 1 for quote in quotes)
    assert len(set().union(*quotes)) == 4, "one quotation per requisition"


def test_throttle_counted_across_nodes(nodes, shop):
    """Wrong secrets alternate between the nodes: the counter is in the
    database, so the limit holds for both together. Runs last."""
    node_a, node_b = nodes
    earlier = node_a.call(
        "oci.session",
        "search_count",
        [("remote_addr", "=", "127.0.0.1"), ("state", "=", "refused")],
    )
    allowed = 4
    node_a.call(
        "ir.config_parameter", "set_param", "oci_punchout.max_failures", str(earlier + allowed)
    )
    node_b.call("ir.config_parameter", "set_param", "oci_punchout.failure_window", "60")

    def login(node, secret):
        return requests.post(
            f"{node.url}/oci/{CODE}/login",
            data={
                "USERNAME": USERNAME,
                "PASSWORD": secret,
                "HOOK_URL": "https://srm.delinde.example/sap/bc/hook",
            },
            timeout=60,
            allow_redirects=False,
        ).status_code

    statuses = [login((node_a, node_b)[i % 2], "wrong-secret") for i in range(allowed + 2)]
    assert statuses == [401] * allowed + [429, 429], statuses
    assert login(node_a, SECRET) == 429 and login(node_b, SECRET) == 429
    refused_on = {
        node.http_port
        for node in (node_a, node_b)
        for _pid, _method, path, status in node.access_log()
        if path == f"/oci/{CODE}/login" and status == 401
    }
    assert refused_on == {node_a.http_port, node_b.http_port}
