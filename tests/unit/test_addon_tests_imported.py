# Copyright 2026 OCI Punchout contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Odoo's test loader (`odoo --test-enable`) only runs the test modules an
addon's tests/__init__.py imports; pytest-odoo finds every test_*.py file. A
module that is not imported would pass in `make test` and never run under
Odoo. This check needs no Odoo: it reads the files.

    python3 -m pytest -p no:odoo tests/unit
"""

import ast
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ADDONS = ("oci_punchout", "oci_einvoice")


def defines_tests(path):
    """True when the module defines a test method (test_* in a class) or a
    test function: helper modules named test_*.py (shared set-up) are not
    test modules."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test"
        ):
            return True
    return False


def imported_modules(init):
    """The module names `from . import x` and `from .x import y` name."""
    names = set()
    for node in ast.walk(ast.parse(init.read_text(encoding="utf-8"), str(init))):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                names.add(node.module.split(".")[0])
            else:
                names.update(alias.name for alias in node.names)
    return names


def missing_imports(addon_dir):
    tests = addon_dir / "tests"
    imported = imported_modules(tests / "__init__.py")
    return sorted(
        path.name
        for path in tests.glob("test_*.py")
        if path.stem not in imported and defines_tests(path)
    )


class TestAddonTestsImported(unittest.TestCase):
    def test_every_test_module_is_imported_by_its_tests_package(self):
        for addon in ADDONS:
            with self.subTest(addon=addon):
                self.assertTrue((ROOT / addon / "tests" / "__init__.py").is_file())
                self.assertEqual(
                    missing_imports(ROOT / addon),
                    [],
                    f"{addon}/tests/__init__.py must import these modules, "
                    "else `odoo --test-enable` never runs them",
                )

    def test_the_check_sees_a_missing_import(self):
        """The check itself: a tests package with one imported and one
        forgotten test module, and a helper module without tests."""
        with tempfile.TemporaryDirectory() as tmp:
            tests = Path(tmp) / "tests"
            tests.mkdir()
            (tests / "__init__.py").write_text("from . import test_a\n")
            (tests / "test_a.py").write_text("class T:\n    def test_x(self):\n        pass\n")
            (tests / "test_b.py").write_text("class T:\n    def test_y(self):\n        pass\n")
            (tests / "test_common.py").write_text("class Common:\n    pass\n")
            self.assertEqual(missing_imports(Path(tmp)), ["test_b.py"])
            (tests / "__init__.py").write_text("from . import test_a\nfrom .test_b import T\n")
            self.assertEqual(missing_imports(Path(tmp)), [])
