# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Offline validation of generated UBL: the OASIS UBL 2.1 XSD (always) and
the official compiled schematron XSLTs (Peppol BIS 3, CEN EN16931, SI-UBL
2.0) when present in ``$OCI_SCHEMATRON_DIR`` (default /opt/oci-validation).
Test helper only: the addon itself does not import it.

Saxon (a GraalVM native image) reserves far more virtual memory than the
soft RLIMIT_AS an Odoo server sets (limit_memory_hard) and then aborts the
whole process. So the schematron runs in one helper subprocess without that
limit (as Odoo does for Chrome in HttpCase), started on first use and reused:
this file is also the worker's script."""

import atexit
import glob
import json
import os
import re
import subprocess
import sys

from lxml import etree

SCHEMATRON_DIR_ENV = "OCI_SCHEMATRON_DIR"
SCHEMATRON_DIR_DEFAULT = "/opt/oci-validation"
SVRL_NS = "http://purl.oclc.org/dsdl/svrl"

CUSTOMIZATION_BIS3 = "urn:fdc:peppol.eu:2017:poacc:billing:3.0"
CUSTOMIZATION_NLCIUS = "urn:fdc:nen.nl:nlcius"
CUSTOMIZATION_XRECHNUNG = "xrechnung"

_compiled = {}
_processor = []


def validate_ubl_xsd(xml_bytes):
    """(ok, errors) against the OASIS UBL 2.1 Invoice/CreditNote XSD."""
    from peppol.xsd import validate_xsd

    return validate_xsd(xml_bytes)


def schematron_dir():
    return os.environ.get(SCHEMATRON_DIR_ENV) or SCHEMATRON_DIR_DEFAULT


def schematron_files():
    folder = schematron_dir()
    return sorted(
        glob.glob(os.path.join(folder, "*.xsl")) + glob.glob(os.path.join(folder, "*.xslt"))
    )


def schematron_applies(path, customization_id):
    """Which artefact validates which document:
    - SI-UBL (NLCIUS) rules: NLCIUS documents only;
    - Peppol BIS 3 rules: Peppol BIS 3 documents only (R004 demands its
      CustomizationID);
    - XRechnung (KoSIT) rules: XRechnung documents only;
    - CEN EN16931 and anything else: every EN16931 document."""
    name = os.path.basename(path).lower()
    customization_id = customization_id or ""
    if re.search(r"si-ubl|nlcius|simplerinvoicing", name):
        return CUSTOMIZATION_NLCIUS in customization_id
    if "peppol" in name:
        return CUSTOMIZATION_BIS3 in customization_id
    if "xrechnung" in name:
        return CUSTOMIZATION_XRECHNUNG in customization_id
    return True


def _saxon():
    if not _processor:
        from saxonche import PySaxonProcessor

        _processor.append(PySaxonProcessor(license=False))
    return _processor[0]


def _executable(path):
    if path not in _compiled:
        xslt = _saxon().new_xslt30_processor()
        _compiled[path] = xslt.compile_stylesheet(stylesheet_file=path)
    return _compiled[path]


def _run_schematron_here(xml_bytes):
    """Validate with every applicable XSLT found in the schematron folder.

    :return: (list of artefact file names used,
              list of failures as "file: rule-id [flag] message",
              list of warnings, same form)
    """
    root = etree.fromstring(xml_bytes)
    customization = root.findtext("{*}CustomizationID")
    used, failures, warnings = [], [], []
    proc = _saxon()
    node = proc.parse_xml(xml_text=xml_bytes.decode("utf-8"))
    for path in schematron_files():
        if not schematron_applies(path, customization):
            continue
        used.append(os.path.basename(path))
        svrl = _executable(path).transform_to_string(xdm_node=node)
        svrl_tree = etree.fromstring(svrl.encode("utf-8"))
        for failed in svrl_tree.iter(f"{{{SVRL_NS}}}failed-assert"):
            flag = (failed.get("flag") or "error").lower()
            text = " ".join("".join(failed.itertext()).split())
            message = f"{os.path.basename(path)}: {failed.get('id')} [{flag}] {text}"
            (failures if flag in ("fatal", "error") else warnings).append(message)
    return used, failures, warnings


_worker = []


def _lift_memory_limit():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))


def _stop_worker():
    while _worker:
        proc = _worker.pop()
        proc.stdin.close()
        proc.wait(timeout=10)


def run_schematron(xml_bytes):
    """Validate with every applicable XSLT found in the schematron folder (in
    the worker subprocess).

    :return: (list of artefact file names used,
              list of failures as "file: rule-id [flag] message")
    """
    used, failures, _warnings = run_schematron_with_warnings(xml_bytes)
    return used, failures


def run_schematron_with_warnings(xml_bytes):
    """Like :func:`run_schematron`, plus the warnings (flag ``warning``):
    (used, failures, warnings)."""
    if not _worker:
        _worker.append(
            subprocess.Popen(  # noqa: S603 - our own script, no shell
                [sys.executable, os.path.abspath(__file__), "--worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                env=dict(os.environ, **{SCHEMATRON_DIR_ENV: schematron_dir()}),
                preexec_fn=_lift_memory_limit if os.name == "posix" else None,  # noqa: PLW1509
            )
        )
        atexit.register(_stop_worker)
    proc = _worker[0]
    proc.stdin.write(b"%d\n" % len(xml_bytes) + xml_bytes)
    proc.stdin.flush()
    answer = proc.stdout.readline()
    if not answer:
        _worker.clear()
        raise RuntimeError("the schematron worker stopped")
    result = json.loads(answer)
    if "error" in result:
        raise RuntimeError(result["error"])
    return result["used"], result["failures"], result["warnings"]


def _worker_loop():
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while True:
        header = stdin.readline()
        if not header:
            return
        xml_bytes = stdin.read(int(header))
        try:
            used, failures, warnings = _run_schematron_here(xml_bytes)
            answer = {"used": used, "failures": failures, "warnings": warnings}
        except Exception as exc:  # reported to the test, which fails
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        stdout.write(json.dumps(answer).encode() + b"\n")
        stdout.flush()


if __name__ == "__main__" and sys.argv[1:] == ["--worker"]:
    _worker_loop()
