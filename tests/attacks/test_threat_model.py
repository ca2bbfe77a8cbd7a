"""The threat model's evidence exists: every test it names is a test in this suite."""

from __future__ import annotations

import ast
import re

from tests.conftest import REPO_ROOT

THREAT_MODEL = REPO_ROOT / "docs" / "THREAT_MODEL.md"
REFERENCE = re.compile(r"(tests/[\w/]+\.py)::(test_\w+)")


def _tests_in(path: str) -> set[str]:
    tree = ast.parse((REPO_ROOT / path).read_text(encoding="utf-8"))
    return {node.name for node in ast.walk(tree)
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")}


def test_every_test_the_threat_model_names_exists() -> None:
    references = REFERENCE.findall(THREAT_MODEL.read_text(encoding="utf-8"))
    assert len(references) > 50
    missing = [f"{path}::{name}" for path, name in references
               if not (REPO_ROOT / path).is_file() or name not in _tests_in(path)]
    assert missing == []
