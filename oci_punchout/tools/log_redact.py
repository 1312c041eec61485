# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Keep OCI login secrets out of the HTTP request log.

Pure Python (no Odoo import). The filter is installed once per process by the
addon's ``post_load`` hook (``oci_punchout/__init__.py``, named in the
manifest), not as a side effect of importing a controller.
"""

import logging
import re

REQUEST_LOGGER = "werkzeug"


class RedactOciCredentials(logging.Filter):
    """The OCI login may come by GET, credentials in the query string: keep
    them out of the HTTP request log (werkzeug logs the request line)."""

    _SECRET_RE = re.compile(
        r"((?:^|[?&;])[^=&\s]*(?:pass|pwd|secret|token|kennwort|wachtwoord)[^=&\s]*=)[^&\s\"]*",
        re.IGNORECASE,
    )

    def filter(self, record):
        if isinstance(record.args, tuple) and any(
            isinstance(arg, str) and "/oci/" in arg for arg in record.args
        ):
            record.args = tuple(
                self._SECRET_RE.sub(r"\1***", arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True


def install_log_filter(logger_name=REQUEST_LOGGER):
    """Add the filter to the request logger, once (idempotent). Returns it."""
    logger = logging.getLogger(logger_name)
    for existing in logger.filters:
        if isinstance(existing, RedactOciCredentials):
            return existing
    installed = RedactOciCredentials()
    logger.addFilter(installed)
    return installed
