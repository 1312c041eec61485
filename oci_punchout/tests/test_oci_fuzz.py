# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated punchout logins over the real HTTP stack.

A seeded generator (deterministic: the same requests on every run) sends
OCI_FUZZ_REQUESTS login requests (default 10,000): random, missing, repeated,
huge, NUL, bytes that are not UTF-8 (escaped and raw), Latin-1 bodies,
hostile HOOK_URL / ~TARGET / ~CALLER / FUNCTION / PRODUCTID / QUANTITY, GET,
urlencoded and multipart POST, with and without the cookies of earlier
answers. It must hold that:

- no answer is a 5xx;
- every refusal made by the login is on its own error page and recorded;
  nothing else is made by a refusal (no session other than the refusal log,
  no contact, no user);
- no input comes back unescaped (markers ``<x-fuzz`` and ``"onload=``).

The connections get a cheap password hash (a one-round PBKDF2 written as
the stored hash): the hash is not what is tested here, and the run takes
minutes instead of hours. The throttle is lifted for the same reason; it has
its own tests with the real hash (test_oci_concurrency).
"""

import collections
import os
import random
import string
import time

from passlib.hash import pbkdf2_sha512

from odoo.tests import tagged

from .common import OCI_SECRET
from .http_common import OciHttpCommon

SEED = 20261203
MARKERS = ("<x-fuzz", '"onload=')
GOOD_HOOK = "https://srm.example.com/sap/bc/hook?sess=7"
HOSTILE_HOOKS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(document.cookie)",
    "data:text/html,<x-fuzz>",
    "vbscript:msgbox",
    "SAPEVENT:POST",
    "sapevent:post",
    'https://srm.example.com/sap/"><x-fuzz onload=alert(1)>',
    "https://srm.example.com/sap/\r\nSet-Cookie: x=1",
    "https://srm.example.com/sap/\tx",
    "https://srm.example.com.evil.example/sap/",
    "https://srm.example.com@evil.example/sap/",
    "//evil.example/sap/",
    "/relative/hook",
    "https://évil.example/sap/",
    "ftp://srm.example.com/sap/",
    "http://127.0.0.1:1/hook",
    "http://127.0.0.1.evil.example/hook",
    "https://srm.example.com/sap/" + "a" * 3000,
    "https://srm.example.com/sap/%00",
    "https://srm.example.com/sap/?q='onload=x",
    " https://srm.example.com/sap/",
    "",
]
HOSTILE_TEXT = [
    "<x-fuzz>",
    '"onload=alert(1)',
    "'><x-fuzz onload=alert(1)>",
    "</form><x-fuzz>",
    "javascript:alert(1)",
    "_blank",
    "_top",
    "_parent",
    "frame-1",
    "a" * 65,
    "\u202e\u0000",
    "é\u2013Łódź",
    "%00",
    "%FF%FE",
    "\x00",
    "{{7*7}}",
    "${7*7}",
    "\r\n\r\n<x-fuzz>",
]
FUNCTIONS = [
    "",
    "DETAIL",
    "VALIDATE",
    "BACKGROUND_SEARCH",
    "detail",
    " validate ",
    "DROP TABLE",
    "<x-fuzz>",
    "\x00",
    "BACKGROUND_SEARCH\x00",
]
QUANTITIES = [
    "1",
    "2,5",
    "0",
    "-1",
    "1E+400",
    "Infinity",
    "NaN",
    "1e308",
    "abc",
    "",
    "99999999999999999999",
    "0.0001",
    "1,000.5",
    "\x00",
    "<x-fuzz>",
]


@tagged("post_install", "-at_install")
class TestOciLoginFuzz(OciHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param("oci_punchout.max_failures", 10**9)
        cls.param_customer = cls.env["res.partner"].create(
            {"name": "Fuzz Zorg BV", "is_company": True}
        )
        cls.param_connection = cls._create_connection(
            cls.param_customer,
            cls.env["res.partner"],
            "fuzzparam",
            orderer_mode="param",
            orderer_param="email",
            orderer_auto_create=True,
        )
        cheap = pbkdf2_sha512.using(rounds=1).hash(OCI_SECRET)
        (cls.connection | cls.other_connection | cls.param_connection).sudo().write(
            {"password_hash": cheap}
        )

    # ------------------------------------------------------------------
    # Generator
    # ------------------------------------------------------------------
    def _text(self, rnd, size=None):
        size = rnd.choice([0, 1, 5, 20, 80]) if size is None else size
        pool = string.printable + "éüßŁ–€\u202e\u00a0\u2028"
        return "".join(rnd.choice(pool) for _i in range(size))

    def _valid_params(self, rnd, connection):
        params = [
            (connection.username_param, connection.username),
            (connection.password_param, OCI_SECRET),
            ("HOOK_URL", f"{GOOD_HOOK}&r={rnd.randrange(40)}"),
            ("~OkCode", "ADDI"),
            ("~TARGET", "_top"),
            ("~CALLER", "CTLG"),
            ("OCI_VERSION", "4.0"),
        ]
        if connection == self.param_connection:
            params.append(
                (
                    "email",
                    rnd.choice(
                        [
                            f"person{rnd.randrange(30)}@fuzz.example",
                            "anna@zorg.example",
                            "bob@ander.example",
                            "not-an-email",
                            "",
                            "<x-fuzz>@fuzz.example",
                            "x@\x00.example",
                            "PERSON1@FUZZ.EXAMPLE",
                        ]
                    ),
                )
            )
            params.append(("fname", rnd.choice(["Jan", "<x-fuzz>", "", "é" * 200])))
        return params

    def _mutate(self, rnd, params):  # noqa: C901 -- one branch per kind of mutation
        kind = rnd.choice(
            [
                "wrong_password",
                "wrong_user",
                "drop",
                "empty",
                "repeat",
                "huge",
                "nul",
                "nul_name",
                "hook",
                "echo",
                "function",
                "product",
                "quantity",
                "search",
                "junk",
                "many",
                "long_name",
                "unicode",
                "none",
            ]
        )
        names = [name for name, _v in params]
        if kind == "wrong_password":
            params = [(n, self._text(rnd) if n == "PASSWORD" else v) for n, v in params]
        elif kind == "wrong_user":
            params = [(n, rnd.choice(HOSTILE_TEXT) if n == "USERNAME" else v) for n, v in params]
        elif kind == "drop" and params:
            params.pop(rnd.randrange(len(params)))
        elif kind == "empty" and params:
            index = rnd.randrange(len(params))
            params[index] = (params[index][0], "")
        elif kind == "repeat" and params:
            name = rnd.choice(names)
            params.insert(rnd.randrange(len(params) + 1), (name, rnd.choice(HOSTILE_TEXT)))
        elif kind == "huge":
            params.append((rnd.choice(names + ["note"]), "x" * rnd.choice([4097, 6000])))
        elif kind == "nul" and params:
            index = rnd.randrange(len(params))
            name, value = params[index]
            cut = rnd.randrange(len(value) + 1)
            params[index] = (name, value[:cut] + "\x00" + value[cut:])
        elif kind == "nul_name":
            params.append((rnd.choice(["A\x00B", "\x00", "PASS\x00WORD"]), "1"))
        elif kind == "hook":
            params = [(n, v) for n, v in params if n != "HOOK_URL"]
            params.append(("HOOK_URL", rnd.choice(HOSTILE_HOOKS)))
        elif kind == "echo":
            params.append(
                (
                    rnd.choice(
                        ["~TARGET", "~target", "~CALLER", "~OkCode", "returntarget", "~Target"]
                    ),
                    rnd.choice(HOSTILE_TEXT),
                )
            )
        elif kind == "function":
            params.append(("FUNCTION", rnd.choice(FUNCTIONS)))
        elif kind == "product":
            params.append(("FUNCTION", rnd.choice(["DETAIL", "VALIDATE"])))
            params.append(
                (
                    "PRODUCTID",
                    rnd.choice(
                        [
                            str(self.product_cake.id),
                            "TT-SLAG",
                            "99999999999999999999",
                            "-1",
                            "0",
                            "9" * 41,
                            "<x-fuzz>",
                            " 1 ",
                            "1.5",
                            "\x00",
                            "",
                            "2147483648",
                            str(self.product_logo.id) + "\x00",
                        ]
                    ),
                )
            )
            params.append(("QUANTITY", rnd.choice(QUANTITIES)))
        elif kind == "quantity":
            params.append(("FUNCTION", "VALIDATE"))
            params.append(("PRODUCTID", str(self.product_fruit.id)))
            params.append(("QUANTITY", rnd.choice(QUANTITIES)))
        elif kind == "search":
            params.append(("FUNCTION", "BACKGROUND_SEARCH"))
            params.append(("SEARCHSTRING", rnd.choice(HOSTILE_TEXT + ["slagroom", "%", "_"])))
        elif kind == "junk":
            params.append((self._text(rnd, rnd.randrange(1, 12)) or "k", self._text(rnd)))
        elif kind == "many":
            params.extend((f"p{i}", "1") for i in range(rnd.choice([99, 120])))
        elif kind == "long_name":
            params.append(("n" * rnd.choice([255, 300]), "1"))
        elif kind == "unicode":
            params = [
                (n, v + rnd.choice(["é", "\u2013", "\U0001f370", "\u202e"])) for n, v in params
            ]
        return params

    def _request(self, rnd):
        """(method, path, keyword arguments for requests) of one login."""
        connection = rnd.choice(
            [self.connection, self.connection, self.other_connection, self.param_connection]
        )
        code = connection.code
        roll = rnd.random()
        if roll < 0.04:
            code = rnd.choice(
                [f"{code}\x00", "\x00", "nope", "<x-fuzz>", "a" * 300, "%FF", "é", code.upper()]
            )
        path = f"/oci/{code}/login".replace("\x00", "%00")
        if rnd.random() < 0.03:
            # a body that is not UTF-8 (raw Latin-1 bytes), or declared Latin-1
            body = rnd.choice(
                [
                    b"USERNAME=Gr\xfc\xdf&PASSWORD=x&HOOK_URL=x",
                    b"USERNAME="
                    + connection.username.encode()
                    + b"&PASSWORD="
                    + OCI_SECRET.encode()
                    + b"&HOOK_URL="
                    + GOOD_HOOK.encode()
                    + b"&x=\xff\xfe",
                    b"\xff\xfe\x00\x00",
                ]
            )
            content_type = rnd.choice(
                [
                    "application/x-www-form-urlencoded",
                    "application/x-www-form-urlencoded; charset=iso-8859-1",
                ]
            )
            return "POST", path, {"data": body, "headers": {"Content-Type": content_type}}
        params = [] if rnd.random() < 0.02 else self._valid_params(rnd, connection)
        for _i in range(rnd.choice([0, 1, 1, 1, 2, 3])):
            params = self._mutate(rnd, params)
        if rnd.random() < 0.05:
            # escaped bytes that are not UTF-8 in the query string
            params.append(("x", "%FF%FE"))
        method = rnd.choice(["GET", "POST", "POST", "MULTIPART"])
        if method == "GET":
            return "GET", path, {"params": params}
        if method == "MULTIPART":
            return (
                "POST",
                path,
                {
                    "files": [(n, (None, v)) for n, v in params] or None,
                    "data": None if params else {"a": ""},
                },
            )
        return "POST", path, {"data": params}

    # ------------------------------------------------------------------
    # The run
    # ------------------------------------------------------------------
    def test_generated_logins(self):
        count = int(os.environ.get("OCI_FUZZ_REQUESTS", "10000"))
        rnd = random.Random(SEED)
        Session = self.env["oci.session"]
        Partner = self.env["res.partner"].with_context(active_test=False)
        User = self.env["res.users"].with_context(active_test=False)
        last_session = Session.search([], order="id desc", limit=1).id or 0
        last_partner = Partner.search([], order="id desc", limit=1).id
        last_user = User.search([], order="id desc", limit=1).id
        statuses = collections.Counter()
        expected_refusals = 0
        successes = 0
        problems = []
        self.env.flush_all()
        started = time.time()
        for index in range(count):
            method, path, kwargs = self._request(rnd)
            if rnd.random() < 0.7:
                self._fresh_opener()
            response = self.opener.request(
                method, self.base_url() + path, allow_redirects=False, timeout=60, **kwargs
            )
            status = response.status_code
            statuses[status] += 1
            text = response.text
            if status >= 500:
                problems.append((index, method, path, kwargs, status, text[:300]))
            for marker in MARKERS:
                if marker in text or marker in response.headers.get("Location", ""):
                    problems.append((index, method, path, kwargs, "reflected", marker))
            if status in (200, 303):
                successes += 1
            elif status >= 400 and status != 429:
                if "o_oci_error" not in text:
                    problems.append((index, method, path, kwargs, status, "not our page"))
                expected_refusals += 1
        elapsed = time.time() - started
        self.env.invalidate_all()

        created = Session.search([("id", ">", last_session)])
        refused = created.filtered(lambda s: s.state == "refused")
        made = created - refused
        new_partners = Partner.search([("id", ">", last_partner)])
        new_users = User.search([("id", ">", last_user)])
        histogram = " ".join(f"{code}:{n}" for code, n in sorted(statuses.items()))
        print(  # pylint: disable=print-used
            f"OCI login fuzz: {count} requests in {elapsed:.0f}s "
            f"({count / max(elapsed, 0.001):.0f}/s), statuses {histogram}, "
            f"5xx {sum(n for code, n in statuses.items() if code >= 500)}, "
            f"refusals recorded {len(refused)}, sessions opened {len(made)}, "
            f"orderers created {len(new_partners)}, users created {len(new_users)}"
        )
        self.assertFalse(problems[:20], f"{len(problems)} problems")
        self.assertEqual(len(refused), expected_refusals, "every refusal is recorded")
        self.assertFalse([s.params for s in refused if "\x00" in str(s.params)], "no NUL stored")
        self.assertEqual(len(made), successes, "a session only for an accepted login")
        self.assertFalse(refused.order_id or refused.user_id or refused.orderer_id)
        self.assertLessEqual(new_partners, made.orderer_id, "contacts only for sessions")
        self.assertLessEqual(new_users, made.user_id, "users only for sessions")
        self.assertGreater(len(refused), count // 3, "the generator reaches the refusals")
        self.assertGreater(len(made), count // 10, "the generator reaches the shop")
