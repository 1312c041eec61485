# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The spend overview as an XLSX workbook (and CSV) for the customer
administrator in My account and for shop staff on the customer's form:
typed cells (numbers, dates, strings, never formulas), the model's figures,
and who may download it."""

import io
import re
import zipfile
from datetime import date, datetime, timedelta

from lxml import etree

from odoo.tests import HttpCase, new_test_user, tagged

from .test_business_spend import SpendCommon

try:
    import openpyxl
except ImportError:  # pragma: no cover - openpyxl is optional
    openpyxl = None

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
EXCEL_EPOCH = datetime(1899, 12, 30)


def read_xlsx(content):
    """The first sheet of an XLSX file as a list of rows of cells, each cell
    a dict: value (str, float, datetime or None), kind ('s' string, 'n'
    number, 'd' date, None empty), formula (bool) and number format."""
    if openpyxl:
        sheet = openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]
        rows = []
        for row in sheet.iter_rows():
            cells = []
            for cell in row:
                kind = {"s": "s", "n": "n", "d": "d", "f": "f"}.get(cell.data_type)
                if cell.value is None:
                    kind = None
                elif cell.is_date:
                    kind = "d"
                cells.append(
                    {
                        "value": cell.value,
                        "kind": "s" if kind == "f" else kind,
                        "formula": cell.data_type == "f",
                        "format": cell.number_format,
                    }
                )
            rows.append(cells)
        return rows
    return _read_xlsx_xml(content)


def _read_xlsx_xml(content):
    """read_xlsx without openpyxl: the sheet's XML, its shared strings and
    the number formats of its styles."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        sheet = etree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
        strings = [
            "".join(item.itertext())
            for item in etree.fromstring(archive.read("xl/sharedStrings.xml")).iterfind("m:si", NS)
        ]
        styles = etree.fromstring(archive.read("xl/styles.xml"))
    formats = {
        int(fmt.get("numFmtId")): fmt.get("formatCode")
        for fmt in styles.iterfind(".//m:numFmt", NS)
    }
    xfs = [int(xf.get("numFmtId", 0)) for xf in styles.iterfind("m:cellXfs/m:xf", NS)]
    rows = []
    for row in sheet.iterfind(".//m:sheetData/m:row", NS):
        cells = []
        for cell in row.iterfind("m:c", NS):
            column = re.match(r"[A-Z]+", cell.get("r")).group()
            while len(cells) < ord(column) - ord("A"):
                cells.append({"value": None, "kind": None, "formula": False, "format": "General"})
            fmt = formats.get(xfs[int(cell.get("s", 0))], "General")
            raw = cell.findtext("m:v", namespaces=NS)
            formula = cell.find("m:f", NS) is not None
            if cell.get("t") == "s":
                value, kind = strings[int(raw)], "s"
            elif cell.get("t") == "inlineStr":
                value, kind = "".join(cell.find("m:is", NS).itertext()), "s"
            elif raw is None:
                value, kind = None, None
            elif "yy" in fmt:
                value, kind = EXCEL_EPOCH + timedelta(days=float(raw)), "d"
            else:
                value, kind = float(raw), "n"
            cells.append({"value": value, "kind": kind, "formula": formula, "format": fmt})
        rows.append(cells)
    return rows


class SpendExportCommon(SpendCommon):
    def _xlsx_row(self, rows, name, label):
        found = [row for row in rows[1:] if row[1]["value"] == name and row[2]["value"] == label]
        self.assertEqual(len(found), 1, (name, label))
        return found[0]

    def _assert_xlsx_matches_overview(self, content, company):
        """Every row of the workbook carries the model's figures, typed."""
        rows = read_xlsx(content)
        self.assertEqual(
            [cell["value"] for cell in rows[0]],
            [
                "Type",
                "Name",
                "Period",
                "From",
                "To",
                "Budget",
                "Committed",
                "Spent",
                "Remaining",
                "Currency",
            ],
        )
        overview = company._oci_spend_overview()
        expected = overview["branch"] + overview["orderer"]
        self.assertEqual(len(rows) - 1, len(expected))
        for row in expected:
            cells = self._xlsx_row(rows, row["partner"].name, row["label"])
            self.assertEqual(cells[0]["kind"], "s")
            self.assertEqual(cells[3]["kind"], "d")
            self.assertEqual(cells[3]["value"].date(), row["start"].date())
            self.assertEqual(cells[4]["kind"], "d")
            self.assertLess(cells[4]["value"], row["end"])
            for index, key in ((5, "budget"), (6, "committed"), (7, "spent"), (8, "remaining")):
                value = (row["budget"] or None) if key == "budget" else row[key]
                if value is None:
                    self.assertIsNone(cells[index]["value"], key)
                    continue
                self.assertEqual(cells[index]["kind"], "n", key)
                self.assertAlmostEqual(cells[index]["value"], value, places=2, msg=key)
                self.assertEqual(cells[index]["format"], "#,##0.00", key)
            self.assertEqual(cells[9]["value"], overview["currency"].name)
        return rows


@tagged("post_install", "-at_install")
class TestBusinessSpendXlsx(SpendExportCommon):
    def test_xlsx_typed_cells_and_figures(self):
        order = self._confirmed(qty=2, price=100.0)
        invoice = self._invoice(order)
        self._credit(invoice, 1)
        self._confirmed(qty=1, price=40.0, orderer=self.colleague, shipping=self.branch_south)
        rows = self._assert_xlsx_matches_overview(self.customer._oci_spend_xlsx(), self.customer)
        anna = self._xlsx_row(
            rows,
            self.orderer.name,
            self.orderer._oci_spend_period_label(self.orderer._oci_spend_bounds("current")[0]),
        )
        self.assertEqual(
            [cell["value"] for cell in anna[5:9]],
            [1000.0, 0.0, 100.0, 900.0],
            "budget, committed, spent (net of the credit note), remaining",
        )
        self.assertEqual(anna[0]["value"], "Orderer")
        self.assertEqual(anna[3]["value"].day, 1)

    def test_xlsx_no_formulas(self):
        """Names starting with = + - @ are strings in the workbook."""
        names = ["=HYPERLINK(1)", "+31 SUM(A1)", "-2+3", "@cmd"]
        for index, name in enumerate(names):
            self.env["res.partner"].create(
                {"name": name, "parent_id": self.customer.id, "email": f"f{index}@zorg.example"}
            )
        rows = read_xlsx(self.customer._oci_spend_xlsx())
        written = {row[1]["value"]: row[1] for row in rows[1:]}
        for name in names:
            with self.subTest(name=name):
                self.assertIn(name, written)
                self.assertEqual(written[name]["kind"], "s")
                self.assertFalse(written[name]["formula"])
        with zipfile.ZipFile(io.BytesIO(self.customer._oci_spend_xlsx())) as archive:
            self.assertNotIn(b"<f>", archive.read("xl/worksheets/sheet1.xml"))

    def test_xlsx_without_openpyxl_reader_agrees(self):
        """The two readers of this module read the same workbook alike (the
        fallback is what runs where openpyxl is missing)."""
        self._confirmed(qty=1, price=100.0)
        content = self.customer._oci_spend_xlsx()
        fallback = _read_xlsx_xml(content)
        self.assertEqual(len(fallback), 1 + 2 * (2 + 2))
        if openpyxl:
            values = [[cell["value"] for cell in row] for row in read_xlsx(content)]
            self.assertEqual([[cell["value"] for cell in row] for row in fallback], values)

    def test_csv_unchanged_by_shared_table(self):
        self._confirmed(qty=1, price=100.0)
        text = self.customer._oci_spend_csv()
        start, end = self.orderer._oci_spend_bounds("current")
        self.assertIn(
            f"Orderer,{self.orderer.name},{self.orderer._oci_spend_period_label(start)},"
            f"{start.date()},{date.fromordinal(end.toordinal() - 1)},"
            f"1000.00,100.00,0.00,900.00,{self.currency.name}",
            text,
        )

    def test_backend_export_actions(self):
        for file_format in ("csv", "xlsx"):
            action = getattr(self.customer, f"action_oci_spend_export_{file_format}")()
            self.assertEqual(action["type"], "ir.actions.act_url")
            self.assertEqual(action["target"], "download")
            self.assertEqual(
                action["url"], f"/oci_punchout/spend/{self.customer.id}/export.{file_format}"
            )
        arch = self.env["res.partner"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_oci_spend_export_xlsx"', arch)
        self.assertIn('name="action_oci_spend_export_csv"', arch)


@tagged("post_install", "-at_install")
class TestBusinessSpendXlsxHttp(SpendExportCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env, login="sam.sales", groups="sales_team.group_sale_salesman"
        )

    def test_admin_downloads_xlsx(self):
        self._invoice(self._confirmed(qty=2, price=100.0))
        self._confirmed(qty=1, price=30.0)
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        page = self.url_open("/my/account/spend")
        self.assertIn('href="/my/account/spend/export.xlsx"', page.text)
        response = self.url_open("/my/account/spend/export.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_TYPE)
        self.assertIn("spend.xlsx", response.headers["Content-Disposition"])
        self.assertEqual(response.headers["Cache-Control"], "no-store")
        rows = self._assert_xlsx_matches_overview(response.content, self.customer)
        names = {row[1]["value"] for row in rows[1:]}
        self.assertIn(self.orderer.name, names)
        self.assertNotIn("Bob Other", names)
        self.assertNotIn("Ander Oost", names)
        csv_response = self.url_open("/my/account/spend/export.csv")
        self.assertEqual(csv_response.status_code, 200)
        self.assertIn("text/csv", csv_response.headers["Content-Type"])

    def test_other_customers_admin_gets_own_company_only(self):
        self._confirmed(qty=2, price=100.0)
        self.other_orderer.oci_is_customer_admin = True
        self.authenticate(self.other_user.login, self.other_user.login)
        response = self.url_open("/my/account/spend/export.xlsx")
        self.assertEqual(response.status_code, 200)
        rows = self._assert_xlsx_matches_overview(response.content, self.other_customer)
        names = {row[1]["value"] for row in rows[1:]}
        self.assertIn("Ander Oost", names)
        self.assertNotIn(self.orderer.name, names)
        self.assertNotIn("Locatie Noord", names)
        # The staff route is not theirs, for their own company or another.
        for partner in (self.customer, self.other_customer):
            for file_format in ("csv", "xlsx"):
                url = f"/oci_punchout/spend/{partner.id}/export.{file_format}"
                with self.subTest(url=url):
                    self.assertEqual(self.url_open(url).status_code, 404)

    def test_orderer_without_admin_rights_refused(self):
        self.authenticate(self.orderer_user.login, self.orderer_user.login)
        self.orderer.oci_is_customer_admin = False
        self.assertEqual(self.url_open("/my/account/spend/export.xlsx").status_code, 404)

    def test_public_sent_to_login(self):
        for url in (
            "/my/account/spend/export.xlsx",
            f"/oci_punchout/spend/{self.customer.id}/export.xlsx",
        ):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_staff_downloads_from_the_customer_form(self):
        self._confirmed(qty=2, price=100.0)
        self.authenticate(self.salesman.login, self.salesman.login)
        response = self.url_open(f"/oci_punchout/spend/{self.customer.id}/export.xlsx")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX_TYPE)
        self._assert_xlsx_matches_overview(response.content, self.customer)
        response = self.url_open(f"/oci_punchout/spend/{self.customer.id}/export.csv")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.orderer.name, response.content.decode("utf-8-sig"))
        # Not a customer company, or no such partner: 404.
        for partner_id in (self.orderer.id, 999999999):
            url = f"/oci_punchout/spend/{partner_id}/export.xlsx"
            with self.subTest(url=url):
                self.assertEqual(self.url_open(url).status_code, 404)
        self.assertEqual(
            self.url_open(f"/oci_punchout/spend/{self.customer.id}/export.pdf").status_code, 404
        )
