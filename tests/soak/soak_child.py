"""The soak's worker: unlock, then save, change the passphrase, back up and export until killed."""

#     python -m tests.soak.soak_child VAULT SESSION_ID CASE_ID GENERATION WORK FOCUS SEED
#
# GENERATION numbers the passphrase in force (see :func:`passphrase`). FOCUS is the operation
# done between saves: ``save`` (saves only), ``passphrase``, ``backup`` or ``export``. Each
# operation prints ``begin <op> ...`` before it starts and one line after it returns, flushed:
#
#     saved <answer id>
#     passphrase <generation now in force>
#     backup <path>
#     exported <path> <document id> <password or ->
#
# A line is a claim: what it names is on disk. The runner kills this process at random moments
# and checks every claim against the vault and the work directory.

from __future__ import annotations

import os
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import write_backup
from interview_app.storage.unlocked import Vault
from tests.storage.conftest import SUPERVISOR, TINY_KDF

if TYPE_CHECKING:
    from interview_app.documents.model import Document

FOCUSES = ("save", "passphrase", "backup", "export")


def passphrase(generation: int) -> str:
    return f"soak passphrase {generation}"


def _no_sleep(_seconds: float) -> None:
    return None


def say(line: str) -> None:
    print(line, flush=True)


def document(number: int) -> Document:
    """A short export in two directions; the runner checks the file, not its words."""
    from interview_app.documents.model import (  # noqa: PLC0415 -- Qt only when exporting
        Direction,
        Document,
        Heading,
        KeyValueTable,
        Paragraph,
        Text,
        new_document_id,
    )

    return Document(
        document_id=new_document_id("SK"),
        doc_type="soak",
        title=f"Soak export {number}",
        language="en",
        blocks=(
            Heading("Soak export"),
            Paragraph("Fictional text written while the process may be killed. " * 20),
            Paragraph("نص تجريبي من اليمين إلى اليسار، يكتب أثناء الاختبار.", Direction.RTL),
            KeyValueTable(tuple((Text(f"Field {n}"), Text(f"Value {n} " * 5))
                                for n in range(12))),
        ),
    )


def export(vault: Vault, case_id: int, path: Path, number: int, password: str | None) -> str:
    from interview_app.documents.exporting import export_document  # noqa: PLC0415

    result = export_document(vault.repository, document(number), path, password=password,
                             case_id=case_id)
    return result.document_id


def run(vault_dir: Path, session_id: int, case_id: int, generation: int, *, work: Path,
        focus: str, seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - what to do next, not secrets
    vault = vault_module.unlock(vault_dir, SUPERVISOR, passphrase(generation), sleep=_no_sleep)
    say("ready")
    pid = os.getpid()
    number = 0
    while True:
        number += 1
        operation = focus if focus != "save" and rng.random() < 0.5 else "save"
        if operation == "save":
            say("begin save")
            ref = ItemRef(QuestionId(f"q{pid}"), number)
            revision = vault.repository.save_answer(
                session_id, Answer(ref, value={"n": number, "words": "a few words " * 4}),
                data_class=DataClass.STATEMENT,
            )
            say(f"saved {revision.id}")
        elif operation == "passphrase":
            say(f"begin passphrase {generation + 1}")
            vault.change_passphrase(passphrase(generation), passphrase(generation + 1),
                                    kdf=TINY_KDF)
            generation += 1
            say(f"passphrase {generation}")
        elif operation == "backup":
            path = work / f"backup-{pid}-{number}.bak"
            say(f"begin backup {path} {generation}")
            write_backup(vault, path)
            say(f"backup {path}")
        else:
            path = work / f"export-{pid}-{number}.pdf"
            password = f"export password {number}" if number % 2 else None
            say(f"begin export {path}")
            document_id = export(vault, case_id, path, number, password)
            say(f"exported {path} {document_id} {password or '-'}")


def main(argv: list[str]) -> int:
    vault_dir, session_id, case_id, generation, work, focus, seed = argv[1:8]
    if focus not in FOCUSES:
        return 2
    run(Path(vault_dir), int(session_id), int(case_id), int(generation), work=Path(work),
        focus=focus, seed=int(seed))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
