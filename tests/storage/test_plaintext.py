"""Nothing in plaintext: after a scripted case, no answer text is in any file we can reach."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

from tests.conftest import REPO_ROOT


def _canaries() -> list[str]:
    tag = secrets.token_hex(4).upper()
    return [
        f"ZEBRACANARY{tag}",
        f"Канарейка{tag}",
        f"นกขมิ้นทดสอบ{tag}",
        f"金丝雀测试数据{tag}",
        f"كناري{tag}",
        f"Nguyễnđộc{tag}",
    ]


def _forms(canary: str) -> set[bytes]:
    """Every way the text could sit in a file: case-folded (FTS tokens), without diacritics,
    in UTF-8 and UTF-16 (Qt's own encoding)."""
    stripped = "".join(
        c for c in unicodedata.normalize("NFD", canary) if not unicodedata.combining(c)
    )
    texts = {canary, canary.lower(), canary.upper(), canary.casefold(), stripped,
             stripped.lower(), unicodedata.normalize("NFD", canary)}
    return {t.encode(e) for t in texts for e in ("utf-8", "utf-16-le", "utf-16-be")}


def _files(*roots: Path) -> Iterator[Path]:
    for root in roots:
        for path in root.rglob("*"):
            if path.is_file() and not path.is_symlink():
                yield path


def _leaks(roots: list[Path], canaries: list[str]) -> list[str]:
    forms = {form: canary for canary in canaries for form in _forms(canary)}
    found = []
    for path in _files(*roots):
        data = path.read_bytes()
        found += [f"{path}: {canary!r}" for form, canary in forms.items() if form in data]
    return found


def test_no_canary_reaches_the_vault_temp_or_home_directories(
    tmp_path: Path, private_home: Path
) -> None:
    canaries = _canaries()
    vault_dir, temp = tmp_path / "vault", tmp_path / "tmp"
    temp.mkdir(mode=0o700)
    env = os.environ | {"TMPDIR": str(temp), "SQLITE_TMPDIR": str(temp), "HOME": str(private_home)}
    child = subprocess.run(
        [sys.executable, "-m", "tests.storage.vault_child", "script", str(vault_dir), *canaries],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    assert child.returncode == 0, child.stderr[-2000:]
    assert not any(c in child.stdout + child.stderr for c in canaries)
    roots = [vault_dir, temp, private_home]
    assert sorted(p.name for p in vault_dir.iterdir()) == [
        "keyslots.copy.json", "keyslots.json", "keyslots.lock", "vault.db"
    ]
    assert _leaks(roots, canaries) == []
    # The scan itself works: a file with one canary in it is found.
    (temp / "control.txt").write_text(canaries[3].lower(), encoding="utf-16-le")
    assert len(_leaks(roots, canaries)) == 1
