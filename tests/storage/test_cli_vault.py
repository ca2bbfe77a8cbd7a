"""`interview-app vault ...`: passphrases from a descriptor or the terminal, one-line errors."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pytest

from interview_app.cli import main
from interview_app.domain.model import DataClass
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import MAGIC
from interview_app.storage.db import DB_FILE
from interview_app.storage.keyslots import SLOTS_COPY, SLOTS_FILE
from tests.storage.conftest import TINY_KDF, Sleeps, open_raw
from tests.storage.test_plaintext import _leaks

NAME = "Ana"
WORDS = "correct horse battery"
NEW_WORDS = "a much longer passphrase"


@pytest.fixture(autouse=True)
def tiny_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    """`vault init` calibrates Argon2id for half a second; tests use the cheapest cost."""
    monkeypatch.setattr(vault_module, "calibrate", lambda: TINY_KDF)


def vault_cli(*args: str, lines: tuple[str, ...] = ()) -> int:
    """Run ``interview-app vault ARGS --passphrase-fd N`` with ``lines`` waiting on N."""
    read, write = os.pipe()
    os.write(write, "".join(f"{line}\n" for line in lines).encode())
    os.close(write)
    try:
        return main(["vault", *args, "--passphrase-fd", str(read)])
    finally:
        os.close(read)


@pytest.fixture
def made(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    directory = tmp_path / "vault"
    assert vault_cli("init", str(directory), "--user", NAME, lines=(WORDS, WORDS)) == 0
    capsys.readouterr()
    return directory


def _no_traceback(captured: pytest.CaptureFixture[str]) -> tuple[str, str]:
    out, err = captured.readouterr()
    assert "Traceback" not in out + err
    return out, err


def test_init_shows_the_recovery_key_once_and_it_works(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sleeps: Sleeps
) -> None:
    directory = tmp_path / "vault"
    assert vault_cli("init", str(directory), "--user", NAME, lines=(WORDS, WORDS)) == 0
    out, _err = _no_traceback(capsys)
    assert "Print it or store it somewhere safe now" in out
    key_lines = [line.strip() for line in out.splitlines() if line.count("-") == 7]
    assert len(key_lines) == 1
    assert key_lines[0] not in (directory / SLOTS_FILE).read_text()
    with vault_module.unlock(directory, NAME, WORDS, sleep=sleeps) as vault:
        assert vault.user.role.value == "supervisor"
    vault_module.recover(directory, key_lines[0], NAME, NEW_WORDS, sleep=sleeps).lock()


def test_init_refuses_two_different_passphrases(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "vault"
    assert vault_cli("init", str(directory), "--user", NAME, lines=(WORDS, NEW_WORDS)) == 1
    _out, err = _no_traceback(capsys)
    assert err == "error: the two passphrases differ; nothing was changed\n"
    assert not directory.exists()


def test_a_short_passphrase_and_a_missing_line_are_one_line_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "vault"
    assert vault_cli("init", str(directory), "--user", NAME, lines=("short", "short")) == 1
    assert _no_traceback(capsys)[1] == "error: A passphrase must have at least 8 characters.\n"
    assert vault_cli("init", str(directory), "--user", NAME, lines=(WORDS,)) == 1
    err = _no_traceback(capsys)[1]
    assert err.startswith("error: no passphrase left on descriptor")
    assert err.count("\n") == 1


def test_a_passphrase_is_never_taken_from_the_command_line(made: Path) -> None:
    with pytest.raises(SystemExit):
        main(["vault", "verify", str(made), "--user", NAME, "--passphrase", WORDS])


def test_without_a_descriptor_the_terminal_is_asked(
    made: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    prompts: list[str] = []

    def terminal(prompt: str) -> str:
        prompts.append(prompt)
        return WORDS

    monkeypatch.setattr("getpass.getpass", terminal)
    monkeypatch.setattr("builtins.input", lambda _prompt: NAME)
    assert main(["vault", "verify", str(made)]) == 0
    assert prompts == [f"Passphrase for {NAME}: "]
    assert _no_traceback(capsys)[0].startswith("ok: ")


def test_verify_says_ok_for_a_sound_vault(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert vault_cli("verify", str(made), "--user", NAME, lines=(WORDS,)) == 0
    out, _err = _no_traceback(capsys)
    assert out.startswith("ok: ")
    assert out.count("\n") == 1


def test_verify_catches_a_hand_edited_audit_row(
    made: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = open_raw(made, NAME, WORDS)
    try:
        # What someone with the key and sqlcipher3 would do: lift the guard, edit a row.
        raw.execute("DROP TRIGGER audit_no_update")
        raw.execute("UPDATE audit SET user_id = 99 WHERE id = 2")
    finally:
        raw.close()
    assert vault_cli("verify", str(made), "--user", NAME, lines=(WORDS,)) == 1
    out, _err = _no_traceback(capsys)
    assert out == "audit chain broken at entry 2: the entry was changed after it was written\n"


def test_verify_names_a_deleted_audit_row(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    raw = open_raw(made, NAME, WORDS)
    try:
        raw.execute("DROP TRIGGER audit_no_delete")
        raw.execute("DELETE FROM audit WHERE id = 2")
    finally:
        raw.close()
    assert vault_cli("verify", str(made), "--user", NAME, lines=(WORDS,)) == 1
    assert _no_traceback(capsys)[0].startswith("audit chain broken at entry 3: an entry before")


def test_a_wrong_passphrase_is_one_line(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert vault_cli("verify", str(made), "--user", NAME, lines=("not the passphrase",)) == 1
    assert _no_traceback(capsys) == ("", "error: The user name or passphrase is not correct.\n")


def test_damaged_key_slots_are_named(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in (SLOTS_FILE, SLOTS_COPY):
        data = bytearray((made / name).read_bytes())
        data[len(data) // 2] ^= 0x01
        (made / name).write_bytes(bytes(data))
    assert vault_cli("verify", str(made), "--user", NAME, lines=(WORDS,)) == 1
    assert _no_traceback(capsys)[1] == "error: The key-slot file is damaged.\n"


def test_a_corrupted_database_is_named(made: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with (made / DB_FILE).open("r+b") as db:
        db.truncate(1000)
    assert vault_cli("verify", str(made), "--user", NAME, lines=(WORDS,)) == 1
    err = _no_traceback(capsys)[1]
    assert err == "error: The vault database is damaged or is not a vault database.\n"


def test_passwd_changes_the_passphrase(
    made: Path, capsys: pytest.CaptureFixture[str], sleeps: Sleeps
) -> None:
    assert vault_cli("passwd", str(made), "--user", NAME,
                     lines=(WORDS, NEW_WORDS, NEW_WORDS)) == 0
    assert _no_traceback(capsys)[0] == "passphrase changed\n"
    vault_module.unlock(made, NAME, NEW_WORDS, sleep=sleeps).lock()
    assert vault_cli("passwd", str(made), "--user", NAME,
                     lines=(WORDS, NEW_WORDS, NEW_WORDS)) == 1


def test_a_backup_from_a_newer_version_is_refused(
    made: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vault.backup"
    assert vault_cli("backup", str(made), str(backup), "--user", NAME, lines=(WORDS,)) == 0
    newer = tmp_path / "newer.backup"
    newer.write_bytes(MAGIC + b"2" + backup.read_bytes()[len(MAGIC) + 1:])
    assert vault_cli("restore", str(newer), str(tmp_path / "again"), "--user", NAME,
                     lines=(WORDS,)) == 1
    err = _no_traceback(capsys)[1]
    assert err == "error: The vault was made by a newer version of the application.\n"
    assert not (tmp_path / "again").exists()


def test_a_vault_made_by_init_holds_no_plaintext_and_its_backup_restores_and_verifies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sleeps: Sleeps
) -> None:
    tag = secrets.token_hex(4).upper()
    supervisor = f"Zebracanary{tag} Nguyễn"
    canaries = [f"Zebracanary{tag}", f"CANARYNOTE{tag}", f"Канарейка{tag}"]
    directory, backup = tmp_path / "vault", tmp_path / "copies" / "vault.backup"
    assert vault_cli("init", str(directory), "--user", supervisor, lines=(WORDS, WORDS)) == 0
    with vault_module.unlock(directory, supervisor, WORDS, sleep=sleeps) as vault:
        case = vault.repository.create_case(f"pseudonym {canaries[2]}")
        vault.repository.add_note(case.id, canaries[1], DataClass.INTELLIGENCE)
    backup.parent.mkdir()
    assert vault_cli("backup", str(directory), str(backup), "--user", supervisor,
                     lines=(WORDS,)) == 0
    restored = tmp_path / "restored"
    assert vault_cli("restore", str(backup), str(restored), "--user", supervisor,
                     lines=(WORDS,)) == 0
    assert vault_cli("verify", str(restored), "--user", supervisor, lines=(WORDS,)) == 0
    out, _err = _no_traceback(capsys)
    assert out.splitlines()[-1].startswith("ok: ")
    assert _leaks([directory, backup.parent, restored], canaries) == []
    # The scan finds what is there: the name, in the clear, in a file of our own.
    (tmp_path / "control").mkdir()
    (tmp_path / "control" / "name.txt").write_text(supervisor)
    assert len(_leaks([tmp_path / "control"], canaries)) == 1


def test_restore_refuses_an_occupied_directory_unless_asked_to_replace(
    made: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "vault.backup"
    assert vault_cli("backup", str(made), str(backup), "--user", NAME, lines=(WORDS,)) == 0
    assert vault_cli("backup", str(made), str(backup), "--user", NAME, lines=(WORDS,)) == 1
    assert vault_cli("restore", str(backup), str(made), "--user", NAME, lines=(WORDS,)) == 1
    assert _no_traceback(capsys)[1].endswith(
        "error: A vault already exists in this folder.\n")
    assert vault_cli("restore", str(backup), str(made), "--user", NAME, "--replace",
                     lines=(WORDS,)) == 0
    out = _no_traceback(capsys)[0]
    assert "the vault that was there is now in" in out
