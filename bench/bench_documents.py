"""Benchmark: statements of 100 answers across six scripts, against a bare QTextDocument print.

Six sessions, one per script, share 100 fictional answers (a real vault). Each statement is
read from the vault, built as a model, fingerprinted, laid out, painted page by page with its
footer and QR code, and marked by pikepdf (no disk). The baseline, measured in the same run, is
the same text set as plain text in a bare QTextDocument and printed with ``print_`` to a
QPdfWriter in memory. Target (issue 7): ratio <= 1.5.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QBuffer, QByteArray, QIODevice  # noqa: TID251 - the baseline
from PySide6.QtGui import QGuiApplication, QPageSize, QPdfWriter, QTextDocument  # noqa: TID251
from report import figure

from interview_app import paths
from interview_app.documents.exporting import pdf_bytes
from interview_app.documents.fonts import document_font, register_fonts
from interview_app.documents.model import (
    BilingualBlock,
    Document,
    KeyValueTable,
    SignatureBlock,
    Table,
    Text,
)
from interview_app.documents.statement import build_statement
from interview_app.documents.statement_data import load_statement
from interview_app.domain.model import Answer, Form, Item
from interview_app.script_shelf import ScriptShelf
from interview_app.storage import vault as vault_module
from interview_app.storage.kdf import KdfParams
from interview_app.storage.repository import Repository
from interview_app.training_walk import walk

ANSWERS = 100
ROUNDS = 5
TARGET_RATIO = 1.5
TODAY = dt.date(2026, 3, 1)


class _Enough(Exception):
    pass


def _sessions(repo: Repository, forms: list[Form]) -> list[tuple[int, Form]]:
    """One session per script, answered in script order until the 100 answers are shared."""
    case = repo.create_case("Bench")
    sessions: list[tuple[int, Form]] = []
    share = -(-ANSWERS // len(forms))
    total = 0
    for form in forms:
        session = repo.start_session(case.id, form.id, form.version, interface_language="en",
                                     interview_language="fr")
        sessions.append((session.id, form))
        saved = 0

        def save(item: Item, answer: Answer, session_id: int = session.id) -> None:
            nonlocal saved, total
            if saved >= share or total >= ANSWERS:
                raise _Enough
            repo.save_answer(session_id, answer, data_class=item.data_class)
            saved += 1
            total += 1

        with contextlib.suppress(_Enough):
            walk(form, TODAY, save)
    print(f"{total} answers in {len(forms)} sessions ({', '.join(f.id for f in forms)})")
    return sessions


def _texts(document: Document) -> list[str]:
    texts: list[str] = []
    for block in document.blocks:
        if isinstance(block, KeyValueTable):
            texts.extend(f"{k.text}\t{v.text}" for k, v in block.rows)
        elif isinstance(block, Table):
            texts.extend("\t".join(c.text for c in row) for row in (block.header, *block.rows))
        elif isinstance(block, BilingualBlock):
            texts.extend(t.text for t in (block.label, block.first, block.second) if t)
        elif isinstance(block, SignatureBlock):
            texts.extend(line.role.text for line in block.lines)
        elif isinstance(getattr(block, "text", None), str):
            texts.append(block.text)  # type: ignore[union-attr]
        elif isinstance(getattr(block, "text", None), Text):
            texts.append(block.text.text)  # type: ignore[union-attr]
    return texts


def bare_print(text: str) -> bytes:
    """The baseline: plain text, the same fonts, Qt's own pagination and page numbers."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(600)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)
    document.setDefaultFont(document_font(10))
    document.setPlainText(text)
    document.print_(writer)
    buffer.close()
    return bytes(data.data())


def _median(action: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    QGuiApplication([])
    register_fonts()
    shelf = ScriptShelf.load(paths.FORMS_DIR)
    forms = list(shelf.forms)[:6]
    with tempfile.TemporaryDirectory() as directory:
        vault, _key = vault_module.create(Path(directory) / "vault", "bench", "bench passphrase",
                                          kdf=KdfParams(iterations=1, memory_kib=8, lanes=1))
        repo = vault.repository
        sessions = _sessions(repo, forms)
        documents = [build_statement(load_statement(repo, sid, form)) for sid, form in sessions]
        plain = ["\n".join(_texts(d)) for d in documents]
        pdf_bytes(documents[0])  # warm-up: fonts, Qt's PDF engine, pikepdf
        bare_print(plain[0])

        def statements() -> None:
            for session_id, form in sessions:
                pdf_bytes(build_statement(load_statement(repo, session_id, form)))

        def rendering() -> None:
            for document in documents:
                pdf_bytes(document)

        def bare() -> None:
            for text in plain:
                bare_print(text)

        full, rendered, baseline = _median(statements), _median(rendering), _median(bare)
        vault.lock()
    print(f"bare QTextDocument print_ of the same text    {baseline * 1000:7.1f} ms "
          f"({len(plain)} documents, {sum(len(t) for t in plain):,} characters)")
    print(f"statements as PDF bytes (model -> marked PDF) {rendered * 1000:7.1f} ms"
          f"   ratio {rendered / baseline:5.2f}")
    print(f"statements from the vault (read + the above)  {full * 1000:7.1f} ms"
          f"   ratio {full / baseline:5.2f}")
    print(f"target                                        ratio <= {TARGET_RATIO}")
    figure("statement_pdf", "six statements of 100 answers, vault to marked PDF", unit="ms",
           median=full * 1000, baseline=baseline * 1000,
           baseline_name="bare QTextDocument print_ of the same text",
           target=f"ratio <= {TARGET_RATIO}", met=full / baseline <= TARGET_RATIO)
    figure("statement_render", "the same statements, model to marked PDF", unit="ms",
           median=rendered * 1000, baseline=baseline * 1000,
           baseline_name="bare QTextDocument print_ of the same text", target=None, met=None,
           note="diagnostic: layout, footer, QR code and marks without the vault read")
    return 0 if full / baseline <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
