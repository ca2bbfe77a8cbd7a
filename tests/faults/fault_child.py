"""A child process for the fault tests: one storage or export operation under an injected fault."""

#     python -m tests.faults.fault_child unlock DIR
#         # unlock, read, try a save and a lock; each step prints "ok ..." or "error <Class>"
#     python -m tests.faults.fault_child while-open DIR BACKUP_DIR
#         # unlock, print "unlocked", wait for a line on stdin (the fault), then try a save,
#         # a passphrase change, a backup to BACKUP_DIR and the lock
#     python -m tests.faults.fault_child export DIR OUT MAX [named]
#         # unlock; under a file-size cap of MAX bytes (0: none), export a PDF to OUT; report;
#         # then lift the cap and export again. "named": no O_TMPFILE, as on a FAT stick
#     python -m tests.faults.fault_child crash DIR OUT
#         # export a PDF to OUT and crash (SIGSEGV) while its second page is painted
#
# Every line names error classes only: messages are fixed text, and the tests compare them.

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path

from interview_app.documents import render
from interview_app.documents.exporting import export_document
from interview_app.documents.model import Block, Document, Heading, Paragraph, new_document_id
from interview_app.domain.model import Answer, DataClass, ItemRef, QuestionId
from interview_app.errors import InterviewAppError
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import write_backup
from interview_app.storage.unlocked import Vault
from tests.storage.conftest import PASSPHRASE, SUPERVISOR, TINY_KDF

NEW_PASSPHRASE = "a brand new passphrase"  # noqa: S105 - a test vault's passphrase


def _no_sleep(_seconds: float) -> None:
    return None


def say(line: str) -> None:
    print(line, flush=True)


def attempt(label: str, action: object) -> object:
    """Run ``action``; print ``ok <label>`` or ``error <label> <Class>``."""
    assert callable(action)
    try:
        result = action()
    except InterviewAppError as error:
        say(f"error {label} {type(error).__name__}")
        return None
    say(f"ok {label}")
    return result


def long_document(pages: int = 6) -> Document:
    """Several pages of fictional text: big enough to pass a small file-size cap."""
    words = "This fictional statement is long enough to fill pages of a document. " * 40
    blocks: list[Block] = [Heading("Fault test")]
    blocks += [Paragraph(words) for _ in range(pages * 2)]
    return Document(new_document_id("FT"), "fault", "Fault test", "en", tuple(blocks))


def unlock(directory: Path) -> None:
    vault = attempt("unlock", lambda: vault_module.unlock(directory, SUPERVISOR, PASSPHRASE,
                                                         sleep=_no_sleep))
    if not isinstance(vault, Vault):
        return
    say(f"cases {len(vault.repository.cases())}")
    attempt("save", lambda: vault.repository.create_case("after"))
    attempt("lock", vault.lock)


def while_open(directory: Path, backups: Path) -> None:
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    session = vault.repository.sessions_for_case(vault.repository.cases()[0].id)[0]
    say("unlocked")
    sys.stdin.readline()  # the parent takes the folder's write permission away now
    answer = Answer(ItemRef(QuestionId("while_read_only")), value="words")
    attempt("save", lambda: vault.repository.save_answer(session.id, answer,
                                                         data_class=DataClass.STATEMENT))
    attempt("passphrase", lambda: vault.change_passphrase(PASSPHRASE, NEW_PASSPHRASE,
                                                          kdf=TINY_KDF))
    attempt("backup", lambda: write_backup(vault, backups / "during.bak"))
    attempt("lock", vault.lock)


def export(directory: Path, out: Path, cap: int, named: bool) -> None:
    if named:
        del os.O_TMPFILE  # as where the filesystem has none: a hidden temporary name instead
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    case = vault.repository.cases()[0]
    document = long_document()
    render.render_pdf(long_document(1))  # fonts and Qt loaded before the cap
    if cap:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # EFBIG from write(), do not die
        resource.setrlimit(resource.RLIMIT_FSIZE, (cap, resource.RLIM_INFINITY))
    attempt("export", lambda: export_document(vault.repository, document, out,
                                              case_id=case.id))
    say(f"files {sorted(p.name for p in out.parent.iterdir())}")
    say(f"registered {len(vault.repository.export_register())}")
    resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
    attempt("export-again", lambda: export_document(vault.repository, document, out,
                                                    case_id=case.id))
    attempt("lock", vault.lock)


def crash(directory: Path, out: Path) -> None:
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash, not a core file
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    real_footer = render._footer

    def footer(*args: object, page: int, **kwargs: object) -> None:
        if page == 2:
            say("crashing")
            os.kill(os.getpid(), signal.SIGSEGV)
        real_footer(*args, page=page, **kwargs)  # type: ignore[arg-type]

    render._footer = footer
    export_document(vault.repository, long_document(), out)
    say("not crashed")


def main(argv: list[str]) -> int:
    mode, directory = argv[1], Path(argv[2])
    if mode == "unlock":
        unlock(directory)
    elif mode == "while-open":
        while_open(directory, Path(argv[3]))
    elif mode == "export":
        export(directory, Path(argv[3]), int(argv[4]), argv[5:] == ["named"])
    elif mode == "crash":
        crash(directory, Path(argv[3]))
    else:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
