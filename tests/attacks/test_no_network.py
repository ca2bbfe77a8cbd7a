"""No networking: no module imports it, and a whole working day opens no socket at all."""

# Every test already fails on a socket (tests/conftest.py::no_sockets, proved by
# tests/test_harness.py::test_opening_a_socket_fails_the_test). This adds what that cannot see:
# imports of networking modules, and sockets made below Python's socket class, through
# Python's audit hooks in a fresh process that creates, unlocks, saves, backs up, exports a
# PDF and shows the main window.

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "interview_app"
NETWORKING = ("socket", "ssl", "http", "urllib.request", "ftplib", "smtplib", "poplib",
              "imaplib", "telnetlib", "xmlrpc", "asyncio", "socketserver", "requests",
              "urllib3", "PySide6.QtNetwork", "PySide6.QtWebEngineCore", "PySide6.QtDBus",
              "PySide6.QtWebSockets", "PySide6.QtRemoteObjects")

DAY = """
import json, sys, tempfile
from pathlib import Path
events = []
sys.addaudithook(lambda event, args: events.append(event) if event.startswith("socket.") else None)
from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import write_backup
from interview_app.storage.kdf import KdfParams
from PySide6.QtWidgets import QApplication
app = QApplication([])
from interview_app import app as app_module
from interview_app.documents.exporting import export_document
from interview_app.documents.model import Document, Paragraph, new_document_id
from interview_app.ui.settings import Settings
from interview_app.ui.shell_config import ShellConfig
root = Path(tempfile.mkdtemp())
vault, _key = vault_module.create(root / "vault", "ana", "a long passphrase",
                                  kdf=KdfParams(iterations=1, memory_kib=8, lanes=1))
vault.lock()
vault = vault_module.unlock(root / "vault", "ana", "a long passphrase")
case = vault.repository.create_case("Someone")
session = vault.repository.start_session(case.id, "f", "1", interface_language="en",
                                         interview_language="en")
vault.repository.save_answer(session.id, Answer(ItemRef(QuestionId("q")), value="words"),
                             data_class=DataClass.STATEMENT)
write_backup(vault, root / "vault.bak")
document = Document(new_document_id("NN"), "test", "Test", "en", (Paragraph("words"),))
export_document(vault.repository, document, root / "out.pdf", password="a password")
vault.lock()
config = ShellConfig(vault_dir=root / "vault", training_dir=root / "training",
                     forms_dir=Path("forms"), settings=Settings(root / "settings.ini"))
app_module.set_up_application(app, config.settings)
window = app_module.build_window(app, config)
window.show()
for _ in range(20):
    app.processEvents()
print(json.dumps({"events": sorted(set(events)), "modules": sorted(sys.modules)}))
"""


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
    return found


def _networking(name: str) -> bool:
    return any(name == bad or name.startswith(f"{bad}.") for bad in NETWORKING)


def test_no_module_of_the_application_imports_networking() -> None:
    offenders = {
        f"{path.relative_to(REPO_ROOT)}: {name}"
        for path in PACKAGE.rglob("*.py") for name in _imports(path) if _networking(name)
    }
    assert offenders == set()


def test_a_working_day_opens_no_socket_and_loads_no_qt_networking() -> None:
    done = subprocess.run(
        [sys.executable, "-c", DAY], cwd=REPO_ROOT, capture_output=True, text=True,
        timeout=120, check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.splitlines()[-1])
    assert seen["events"] == []
    loaded = {m for m in seen["modules"] if m.startswith("PySide6.")}
    assert not {m for m in loaded if _networking(m)}
    # pikepdf loads the standard library's xml.sax.saxutils, which imports urllib.request and
    # so ssl and socket: loaded, never used, as the audit events above show.
    assert "ssl" in seen["modules"]
