# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Real PDF rendering in tests (test helper, not a test module).

In test mode Odoo renders reports as HTML (``ir.actions.report.
_pre_render_qweb_pdf`` checks ``tools.config['test_enable']``) unless the
context has ``force_report_rendering``: then wkhtmltopdf really runs.
"""

import io
import shutil
import subprocess
import tempfile
import unittest

from odoo.tools import config
from odoo.tools.pdf import OdooPdfFileReader


def use_real_pdf(case):
    """Make ``case.env`` render real PDFs with wkhtmltopdf, or skip the test
    when wkhtmltopdf is not installed.

    wkhtmltopdf loads the report's stylesheets over HTTP: they are fetched
    from this test run's own server (``report.url``), which sees the test's
    transaction (registry test mode, as HttpCase does). Without a server the
    PDF is rendered unstyled (wkhtmltopdf exit code 1, accepted by Odoo)."""
    if case.env["ir.actions.report"].get_wkhtmltopdf_state() in ("install", "broken"):
        raise unittest.SkipTest("wkhtmltopdf is not installed: no real PDF rendering")
    case.env["ir.config_parameter"].sudo().set_param(
        "report.url", f"http://127.0.0.1:{config['http_port']}"
    )
    if case.registry.test_cr is None:  # HttpCase already is in test mode
        case.registry.enter_test_mode(case.cr)
        case.addCleanup(case.registry.leave_test_mode)
    # Debian's wkhtmltopdf (unpatched Qt) draws @font-face web fonts (the
    # report's Lato) as outlines: the PDF then has no text to read back. The
    # reports here use an installed font instead; all else is the real report.
    case.env["ir.ui.view"].create(
        {
            "name": "test: installed font in PDF reports",
            "type": "qweb",
            "inherit_id": case.env.ref("web.minimal_layout").id,
            "arch": '<xpath expr="//head" position="inside"><style>'
            "body, body * { font-family: sans-serif !important; }</style></xpath>",
        }
    )
    case.env = case.env(context=dict(case.env.context, force_report_rendering=True))


def pdf_text(pdf_bytes):
    """The text of a PDF: ``pdftotext`` (poppler-utils), else the PDF
    library Odoo ships."""
    if not pdf_bytes.startswith(b"%PDF-"):
        raise AssertionError(f"not a PDF: {pdf_bytes[:60]!r}")
    if shutil.which("pdftotext"):
        with tempfile.NamedTemporaryFile(suffix=".pdf") as pdf_file:
            pdf_file.write(pdf_bytes)
            pdf_file.flush()
            return subprocess.run(  # noqa: S603 - fixed arguments, no shell
                ["pdftotext", "-enc", "UTF-8", pdf_file.name, "-"],
                check=True,
                capture_output=True,
            ).stdout.decode("utf-8")
    reader = OdooPdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    return "\n".join(page.extract_text() for page in reader.pages)


def pdf_attachments(pdf_bytes):
    """{file name: content} of the files embedded in a PDF."""
    reader = OdooPdfFileReader(io.BytesIO(pdf_bytes), strict=False)
    return dict(reader.getAttachments())


def one_line(text):
    """Whitespace collapsed: PDF text breaks lines where the layout does."""
    return " ".join(text.split())
