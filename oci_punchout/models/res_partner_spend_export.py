# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Spend overview of a business customer exported as CSV or XLSX, for the
customer's administrators in the portal and for the shop's sales staff:
one row per branch or orderer and budget period, typed cells (a text is
never run as a formula)."""

import csv
import io
from datetime import date, datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import xlsxwriter


def _csv_text(value):
    """A text cell a spreadsheet does not run as a formula."""
    value = value or ""
    return f"'{value}" if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_cell(cell):
    """A typed cell of the spend table as CSV text."""
    if cell is None:
        return ""
    if isinstance(cell, str):
        return _csv_text(cell)
    if isinstance(cell, date):
        return fields.Date.to_string(cell)
    return f"{cell:.2f}"


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _oci_spend_table(self, when=None):
        """The overview as a table for the exports: (header, rows), one row
        per holder and period with typed cells (texts, dates, amounts or
        None)."""
        overview = self._oci_spend_overview(when)
        currency = overview["currency"]
        kinds = {"orderer": self.env._("Orderer"), "branch": self.env._("Branch")}
        header = [
            self.env._("Type"),
            self.env._("Name"),
            self.env._("Period"),
            self.env._("From"),
            self.env._("To"),
            self.env._("Budget"),
            self.env._("Committed"),
            self.env._("Spent"),
            self.env._("Remaining"),
            self.env._("Currency"),
        ]
        rows = [
            [
                kinds[kind],
                row["partner"].name or "",
                row["label"],
                row["start"].date(),
                (row["end"] - timedelta(days=1)).date(),
                row["budget"] or None,
                row["committed"],
                row["spent"],
                row["remaining"],
                currency.name,
            ]
            for kind in ("branch", "orderer")
            for row in overview[kind]
        ]
        return header, rows

    def _oci_spend_csv(self, when=None):
        """The overview as CSV text (one line per holder and period)."""
        header, rows = self._oci_spend_table(when)
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_cell(cell) for cell in row])
        return out.getvalue()

    def _oci_spend_xlsx(self, when=None):
        """The overview as an XLSX workbook (bytes): a header row, amounts
        as numbers, dates as dates, texts always as strings (a name starting
        with = is not a formula)."""
        self.ensure_one()
        header, rows = self._oci_spend_table(when)
        currency = self.currency_id or self.env.company.currency_id
        output = io.BytesIO()
        workbook = xlsxwriter.Workbook(output, {"in_memory": True})
        worksheet = workbook.add_worksheet(self.env._("Spend"))
        header_style = workbook.add_format({"bold": True, "bg_color": "#e9ecef"})
        date_style = workbook.add_format({"num_format": "yyyy-mm-dd"})
        decimals = currency.decimal_places if currency.decimal_places is not False else 2
        amount_style = workbook.add_format(
            {"num_format": "#,##0" + ("." + "0" * decimals if decimals else "")}
        )
        for column, title in enumerate(header):
            worksheet.write_string(0, column, title, header_style)
        for row_index, row in enumerate(rows, start=1):
            for column, cell in enumerate(row):
                if cell is None:
                    worksheet.write_blank(row_index, column, None)
                elif isinstance(cell, str):
                    worksheet.write_string(row_index, column, cell.replace("\r", " "))
                elif isinstance(cell, date):
                    worksheet.write_datetime(
                        row_index, column, datetime.combine(cell, time.min), date_style
                    )
                else:
                    worksheet.write_number(row_index, column, cell, amount_style)
        worksheet.set_column(0, 0, 12)
        worksheet.set_column(1, 2, 30)
        worksheet.set_column(3, len(header) - 1, 14)
        worksheet.freeze_panes(1, 0)
        workbook.close()
        return output.getvalue()

    def _oci_spend_export(self, file_format, when=None):
        """(content, content type, file name) of the overview exported as
        ``file_format`` ('csv' or 'xlsx')."""
        self.ensure_one()
        if file_format == "xlsx":
            return (
                self._oci_spend_xlsx(when),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "spend.xlsx",
            )
        return self._oci_spend_csv(when).encode("utf-8-sig"), "text/csv; charset=utf-8", "spend.csv"

    @api.model
    def _oci_spend_staff_company(self, partner_id):
        """The customer company ``partner_id`` whose spend the current shop
        staff user may export; AccessError otherwise."""
        if not self.env.user.has_group("sales_team.group_sale_salesman"):
            raise AccessError(self.env._("Only sales staff can export a customer's spend."))
        company = self.browse(partner_id).exists()
        if not company or not company.is_company:
            raise AccessError(self.env._("Only sales staff can export a customer's spend."))
        company.check_access("read")
        return company

    def action_oci_spend_export_csv(self):
        return self._oci_spend_export_action("csv")

    def action_oci_spend_export_xlsx(self):
        return self._oci_spend_export_action("xlsx")

    def _oci_spend_export_action(self, file_format):
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/oci_punchout/spend/{self.id}/export.{file_format}",
            "target": "download",
        }
