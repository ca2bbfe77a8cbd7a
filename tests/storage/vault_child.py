"""A child process for the durability and plaintext tests: runs storage code until told or killed.

    python -m tests.storage.vault_child save DIR SESSION_ID      # save answers forever
    python -m tests.storage.vault_child fill DIR SESSION_ID MAX  # until full (MAX: file size cap)
    python -m tests.storage.vault_child script DIR CANARY...     # a whole scripted case
    python -m tests.storage.vault_child full-unlock DIR SESSION_ID MAX [then-save]
        # unlock under a file-size cap, read, try a save; then lock, or lift the cap and save
    python -m tests.storage.vault_child full-backup DIR FILE     # unlock and back up to FILE

Each committed answer id is printed on its own line, flushed, after ``save_answer`` returns.
"""

from __future__ import annotations

import os
import resource
import signal
import sys
from pathlib import Path

from interview_app.domain.model import Answer, DataClass, ItemRef, NonResponse, QuestionId
from interview_app.errors import StorageError
from interview_app.storage import vault as vault_module
from interview_app.storage.access import Role
from interview_app.storage.backup import write_backup
from interview_app.storage.repository import ConsentStatus, IndicatorSource, ParticipantRole
from tests.storage.conftest import OTHER_PASSPHRASE, PASSPHRASE, SUPERVISOR, TINY_KDF


def _no_sleep(_seconds: float) -> None:
    return None


def save_forever(directory: Path, session_id: int, value_size: int = 0) -> None:
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    repo = vault.repository
    padding = "x" * value_size
    number = 0
    while True:
        ref = ItemRef(QuestionId(f"q{os.getpid()}"), number + 1)
        revision = repo.save_answer(
            session_id, Answer(ref, value={"n": number, "pad": padding}),
            data_class=DataClass.STATEMENT,
        )
        print(revision.id, flush=True)
        number += 1


def fill(directory: Path, session_id: int, max_bytes: int) -> None:
    """Write until the disk (or, with ``max_bytes``, the file-size limit) stops a commit."""
    if max_bytes:
        _cap_file_size(max_bytes)
    try:
        save_forever(directory, session_id, value_size=8000)
    except StorageError as error:
        print(f"error {type(error).__name__}: {error}", flush=True)


def _cap_file_size(max_bytes: int) -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # get EFBIG from write(), do not die
    resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, resource.RLIM_INFINITY))


def full_unlock(directory: Path, session_id: int, max_bytes: int, then_save: bool) -> None:
    """Unlock on a 'full disk' and report what works: reading does, saving does not."""
    _cap_file_size(max_bytes)
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    print(f"unlocked owed={vault.delayed_entries}", flush=True)
    print(f"answers={len(vault.repository.answers_for_session(session_id))}", flush=True)
    answer = Answer(ItemRef(QuestionId("after_full")), value=1)
    try:
        vault.repository.save_answer(session_id, answer, data_class=DataClass.STATEMENT)
        print("saved", flush=True)
    except StorageError as error:
        print(f"error {type(error).__name__}", flush=True)
    if then_save:
        resource.setrlimit(resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY,) * 2)
        vault.repository.save_answer(session_id, answer, data_class=DataClass.STATEMENT)
        print(f"saved owed={vault.delayed_entries}", flush=True)
    vault.lock()


def full_backup(directory: Path, backup: Path) -> None:
    vault = vault_module.unlock(directory, SUPERVISOR, PASSPHRASE, sleep=_no_sleep)
    print(f"unlocked owed={vault.delayed_entries}", flush=True)
    write_backup(vault, backup)
    print(f"backed up owed={vault.delayed_entries}", flush=True)
    vault.lock()


def script(directory: Path, canaries: list[str]) -> None:
    """Everything an interview touches, with the canaries in every free-text place."""
    vault, _ = vault_module.create(directory, SUPERVISOR, PASSPHRASE, kdf=TINY_KDF)
    vault.add_user("iris", Role.INTERVIEWER, OTHER_PASSPHRASE)
    repo = vault.repository
    first, *_ = canaries
    case = repo.create_case(f"pseudonym {first}")
    repo.add_note(case.id, " ".join(canaries), DataClass.INTELLIGENCE)
    repo.record_identity(case.id, "full_name", first)
    session = repo.start_session(case.id, "victim_interview", "1", interface_language="en",
                                 interview_language="uk")
    interpreter = repo.add_participant(session.id, ParticipantRole.INTERPRETER, first,
                                       language="uk")
    repo.record_consent(case.id, "referral", ConsentStatus.GIVEN, language="uk",
                        witnessed_by=first)
    repo.observe_indicator(case.id, "debt_bondage", IndicatorSource.STATED, note=first)
    for number, canary in enumerate(canaries):
        ref = ItemRef(QuestionId(f"q{number}"))
        repo.save_answer(session.id, Answer(ref, value={"original": canary}),
                         data_class=DataClass.STATEMENT, text=canary, translation=canary,
                         translated_by=interpreter.id)
        repo.save_answer(session.id, Answer(ref, non_response=NonResponse.DECLINED),
                         data_class=DataClass.STATEMENT, reason=f"changed {canary}")
        repo.search_cases(canary)
    repo.finalise_session(session.id)
    vault.lock()
    with vault_module.unlock(directory, "iris", OTHER_PASSPHRASE, sleep=_no_sleep) as again:
        for canary in canaries:
            again.repository.search_cases(canary[:4])
        again.repository.answers_for_session(session.id)


def main(argv: list[str]) -> int:
    mode, directory = argv[1], Path(argv[2])
    if mode == "save":
        save_forever(directory, int(argv[3]))
    elif mode == "fill":
        fill(directory, int(argv[3]), int(argv[4]))
    elif mode == "script":
        script(directory, argv[3:])
    elif mode == "full-unlock":
        full_unlock(directory, int(argv[3]), int(argv[4]), argv[5:] == ["then-save"])
    elif mode == "full-backup":
        full_backup(directory, Path(argv[3]))
    else:
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
