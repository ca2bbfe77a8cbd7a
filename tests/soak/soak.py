"""Soak: SIGKILL a worker at random moments of saves, passphrase changes, backups and exports."""

# After every kill the vault must open with the last confirmed passphrase (or the one being set
# when the kill came), hold every answer the worker confirmed, pass its integrity checks and
# audit chain, and every confirmed backup must restore and every confirmed export must match its
# register entry. ``make soak`` runs this for hundreds of kills and writes bench/SOAK.md; the test
# suite runs a short version (tests/soak/test_soak.py).
#
#     python -m tests.soak.soak [--kills N] [--seed S] [--report PATH] [--dir DIR]

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import hashlib
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from interview_app.documents.protect import is_encrypted, read_marks
from interview_app.errors import StorageError
from interview_app.storage import keyslots
from interview_app.storage import vault as vault_module
from interview_app.storage.backup import read_backup_info, restore
from interview_app.storage.db import DB_FILES
from interview_app.storage.delayed import DELAYED_FILE
from interview_app.storage.failures import FAILURES_FILE
from interview_app.storage.unlocked import LOCK_FILE, Vault, zero
from tests.soak.soak_child import FOCUSES, passphrase
from tests.storage.conftest import SUPERVISOR, TINY_KDF

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
# First guesses of how long each operation takes (seconds); measured as the soak runs, so a
# kill can land anywhere inside one.
FIRST_GUESS = {"start": 0.5, "save": 0.002, "passphrase": 0.02, "backup": 0.05,
               "export": 0.1}
LINES_BEFORE_KILL = (0, 1, 2, 3, 5, 8, 13, 21, 34)
# What a vault folder may hold (storage/README.md); anything else is reported.
VAULT_FILES = {*DB_FILES, keyslots.SLOTS_FILE, keyslots.SLOTS_COPY, LOCK_FILE, FAILURES_FILE,
               DELAYED_FILE}


@dataclass
class Tally:
    """What the soak did and found; the targets are the zeros in :meth:`problems`."""

    kills: int = 0
    in_flight: Counter[str] = field(default_factory=Counter)
    vaults: int = 0
    answers_confirmed: int = 0
    answers_found: int = 0
    answers_unconfirmed_found: int = 0
    answers_lost: int = 0
    failed_to_open: int = 0
    failed_checks: int = 0
    passphrases_confirmed: int = 0
    passphrase_kills_new_in_force: int = 0
    passphrase_kills_old_in_force: int = 0
    backups_confirmed: int = 0
    backups_restored: int = 0
    backups_unconfirmed_whole: int = 0
    backups_failed: int = 0
    exports_confirmed: int = 0
    exports_verified: int = 0
    exports_unconfirmed_registered: int = 0
    exports_orphaned: int = 0
    exports_failed: int = 0
    partial_files: int = 0
    temp_files_left: Counter[str] = field(default_factory=Counter)
    worker_errors: int = 0
    details: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def problems(self) -> dict[str, int]:
        """Counts that must be zero: anything lost, unopenable, unrestorable or half-written."""
        return {
            "answers lost": self.answers_lost,
            "vaults that failed to open": self.failed_to_open,
            "vaults that failed their checks": self.failed_checks,
            "confirmed backups that failed": self.backups_failed,
            "confirmed exports that failed": self.exports_failed,
            "partial files": self.partial_files,
            "workers that stopped on an error": self.worker_errors,
        }


@dataclass
class VaultState:
    directory: Path
    session_id: int
    case_id: int
    generation: int = 0
    confirmed: set[int] = field(default_factory=set)
    kills: int = 0


@dataclass
class Outcome:
    """One worker's claims, read from its complete lines (a cut last line claims nothing)."""

    saved: set[int] = field(default_factory=set)
    generation: int | None = None
    begun_generation: int | None = None
    backups: dict[Path, int] = field(default_factory=dict)  # path -> passphrase generation
    begun_backups: dict[Path, int] = field(default_factory=dict)
    exports: dict[Path, tuple[str, str | None]] = field(default_factory=dict)
    begun_exports: set[Path] = field(default_factory=set)
    in_flight: str = "start"
    said: list[str] = field(default_factory=list)  # the lines that were not saves


def read_outcome(lines: list[str]) -> Outcome:
    outcome = Outcome()
    for line in lines:
        if not line.endswith("\n"):
            break
        words = line.rstrip("\n").split(" ", 3)
        kind = words[0]
        if "save" not in kind:
            outcome.said.append(line.rstrip("\n"))
        if kind == "ready":
            outcome.in_flight = "between operations"
        elif kind == "begin":
            outcome.in_flight = words[1]
            if words[1] == "passphrase":
                outcome.begun_generation = int(words[2])
            elif words[1] == "backup":
                outcome.begun_backups[Path(words[2])] = int(words[3])
            elif words[1] == "export":
                outcome.begun_exports.add(Path(words[2]))
        else:
            outcome.in_flight = "between operations"
            if kind == "saved":
                outcome.saved.add(int(words[1]))
            elif kind == "passphrase":
                outcome.generation = int(words[1])
            elif kind == "backup":
                path = Path(words[1])
                outcome.backups[path] = outcome.begun_backups[path]
            elif kind == "exported":
                password = None if words[3] == "-" else words[3]
                outcome.exports[Path(words[1])] = (words[2], password)
    return outcome


def _whole_pdf(data: bytes) -> bool:
    """Written to the end: a PDF header, our marks, and the end-of-file marker last."""
    return (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
            and read_marks(data) is not None)


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


class Soak:
    """Kills workers on a vault, checks it after each kill, starts a new vault now and then."""

    def __init__(self, root: Path, *, kills: int, seed: int, kills_per_vault: int = 100,
                 aim: float = 0.5, log: Callable[[str], None] = lambda _line: None) -> None:
        self.root = root
        self.kills = kills
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - kill timing, not secrets
        self.kills_per_vault = kills_per_vault
        self.aim = aim
        self.log = log
        self.tally = Tally()
        self.durations: dict[str, list[float]] = {k: [v] for k, v in FIRST_GUESS.items()}
        self.work = root / "work"
        self.work.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.state = self._new_vault()

    # -- the run -------------------------------------------------------------------------------

    def run(self) -> Tally:
        began = time.monotonic()
        for number in range(self.kills):
            if self.state.kills >= self.kills_per_vault:
                self._retire()
            focus = FOCUSES[number % len(FOCUSES)]
            outcome = self._kill_one(focus, self.rng.randrange(1 << 30))
            self.tally.kills += 1
            self.state.kills += 1
            self.tally.in_flight[outcome.in_flight] += 1
            self._check(outcome)
            if number % 50 == 49:
                self.log(f"{number + 1} kills, {self.tally.answers_confirmed} answers confirmed,"
                         f" problems {sum(self.tally.problems().values())}")
        self._retire()
        self.tally.seconds = time.monotonic() - began
        return self.tally

    def _new_vault(self) -> VaultState:
        self.tally.vaults += 1
        directory = self.root / f"vault-{self.tally.vaults}"
        vault, _recovery = vault_module.create(directory, SUPERVISOR, passphrase(0), kdf=TINY_KDF)
        with vault:
            case = vault.repository.create_case("Soak")
            session = vault.repository.start_session(case.id, "soak", "1",
                                                     interface_language="en",
                                                     interview_language="en")
        return VaultState(directory, session.id, case.id)

    def _retire(self) -> None:
        """The vault has had its share of kills: off the disk, and a new one in its place."""
        shutil.rmtree(self.state.directory, ignore_errors=True)
        self.state = self._new_vault()

    def _mean(self, operation: str) -> float:
        recent = self.durations[operation][-20:]
        return sum(recent) / len(recent)

    def _kill_one(self, focus: str, seed: int) -> Outcome:
        state = self.state
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.soak.soak_child", str(state.directory),
             str(state.session_id), str(state.case_id), str(state.generation), str(self.work),
             focus, str(seed)],
            cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert child.stdout is not None
        lines: list[str] = []
        started = time.monotonic()
        if self.rng.random() < 0.08:  # during start-up and the unlock, which writes too
            time.sleep(self.rng.uniform(0, 1.2 * self._mean("start")))
        else:
            lines.append(child.stdout.readline())
            self.durations["start"].append(time.monotonic() - started)
            begun: dict[str, float] = {}
            # Half the time aim at the focus operation: read on until one begins.
            aimed = focus != "save" and self.rng.random() < self.aim
            wanted = f"begin {focus}"
            for _ in range(200 if aimed else self.rng.choice(LINES_BEFORE_KILL)):
                line = child.stdout.readline()
                if not line:
                    break
                lines.append(line)
                self._time(line, begun)
                if aimed and line.startswith(wanted):
                    break
            last = lines[-1].split()
            if last and last[0] == "begin":
                time.sleep(self.rng.uniform(0, 1.2 * self._mean(last[1])))
            else:
                time.sleep(self.rng.uniform(0, 0.003))
        child.kill()
        # Read the rest through the same file objects: communicate() would read the pipes'
        # descriptors and lose the lines readline() had already buffered.
        out = child.stdout.read()
        err = child.stderr.read() if child.stderr is not None else ""
        child.wait(timeout=120)
        child.stdout.close()
        if child.stderr is not None:
            child.stderr.close()
        lines += out.splitlines(keepends=True)
        if child.returncode != -9:
            self.tally.worker_errors += 1
            self.tally.details.append(f"worker ended with {child.returncode}: {err[-500:]}")
        return read_outcome(lines)

    def _time(self, line: str, begun: dict[str, float]) -> None:
        words = line.split()
        now = time.monotonic()
        if words and words[0] == "begin":
            begun[words[1]] = now
            return
        finished = {"saved": "save", "passphrase": "passphrase", "backup": "backup",
                    "exported": "export"}.get(words[0] if words else "")
        if finished and finished in begun:
            self.durations[finished].append(now - begun.pop(finished))

    # -- the checks after a kill ---------------------------------------------------------------

    def _check(self, outcome: Outcome) -> None:
        state, tally = self.state, self.tally
        state.confirmed |= outcome.saved
        tally.answers_confirmed += len(outcome.saved)
        if outcome.generation is not None:
            tally.passphrases_confirmed += outcome.generation - state.generation
            state.generation = outcome.generation
        vault = self._open(outcome)
        if vault is None:
            return
        with vault:
            self._check_vault(vault, outcome)
            self._check_exports(vault, outcome)
        self._check_backups(outcome)
        self._sweep_temp_files()

    def _open(self, outcome: Outcome) -> Vault | None:
        """Unlock with whichever passphrase is in force: the confirmed one, or the one whose
        change the kill interrupted (both are right: the change was never confirmed)."""
        state, tally = self.state, self.tally
        candidates = [state.generation]
        if outcome.begun_generation is not None and outcome.begun_generation > state.generation:
            candidates.append(outcome.begun_generation)
        try:
            slot_file = keyslots.read_slot_file(state.directory)
            slot = slot_file.slot(keyslots.user_tag(slot_file.vault_id, SUPERVISOR))
            working = None
            for generation in candidates:
                key = None if slot is None else keyslots.unwrap(
                    slot, keyslots.passphrase_secret(passphrase(generation)), slot_file.vault_id)
                if key is not None:
                    zero(key)
                    working = generation
                    break
            if working is None:
                raise StorageError
            vault = vault_module.unlock(state.directory, SUPERVISOR, passphrase(working),
                                        sleep=lambda _s: None)
        except (StorageError, OSError) as error:
            tally.failed_to_open += 1
            tally.details.append(
                f"vault {state.directory.name} did not open after a kill during "
                f"{outcome.in_flight}: {type(error).__name__} (passphrases tried: "
                f"{candidates}; the slot opens with: {self._generation_in_slots(candidates)}; "
                f"the worker said: {outcome.said[-6:]})")
            self._keep_for_inspection()
            return None
        if outcome.in_flight == "passphrase":
            if working > state.generation:
                tally.passphrase_kills_new_in_force += 1
            else:
                tally.passphrase_kills_old_in_force += 1
        state.generation = working
        return vault

    def _generation_in_slots(self, tried: list[int]) -> int | None:
        """For the report of a failure: which passphrase the slot really holds, if any."""
        with contextlib.suppress(StorageError, OSError):
            slot_file = keyslots.read_slot_file(self.state.directory)
            slot = slot_file.slot(keyslots.user_tag(slot_file.vault_id, SUPERVISOR))
            for generation in range(max(tried) + 50):
                key = None if slot is None else keyslots.unwrap(
                    slot, keyslots.passphrase_secret(passphrase(generation)), slot_file.vault_id)
                if key is not None:
                    return generation
        return None

    def _keep_for_inspection(self) -> None:
        kept = self.root.parent / f"soak-failed-{self.seed}-{self.state.directory.name}"
        with contextlib.suppress(OSError):
            shutil.copytree(self.state.directory, kept)
            self.tally.details.append(f"kept a copy in {kept}")
        self.state = self._new_vault()

    def _check_vault(self, vault: Vault, outcome: Outcome) -> None:
        state, tally = self.state, self.tally
        connection = vault._live_connection()
        found = {int(row[0]) for row in connection.execute("SELECT id FROM answers")}
        lost = outcome.saved - found
        missing = state.confirmed - found
        tally.answers_found += len(outcome.saved & found)
        tally.answers_unconfirmed_found += len(found - state.confirmed)
        state.confirmed |= found  # committed, even if unconfirmed: from now on it must stay
        if lost or missing:
            tally.answers_lost += len(lost | missing)
            tally.details.append(f"answers lost after a kill during {outcome.in_flight}: "
                                 f"{sorted(lost | missing)[:10]}")
        if vault.check_integrity() != ([], []) or vault.repository.verify_audit() is not None:
            tally.failed_checks += 1
            tally.details.append(f"checks failed after a kill during {outcome.in_flight}")

    def _check_exports(self, vault: Vault, outcome: Outcome) -> None:
        tally = self.tally
        register = vault.repository.export_register()
        by_id = {record.document_id: record for record in register}
        by_sha = {record.file_sha256 for record in register}
        for path, (document_id, password) in outcome.exports.items():
            tally.exports_confirmed += 1
            record = by_id.get(document_id)
            data = path.read_bytes() if path.exists() else b""
            marks = read_marks(data, password) if data else None
            sound = (record is not None and record.file_sha256 == _sha256(path)
                     and marks is not None and marks.document_id == document_id
                     and marks.fingerprint == record.fingerprint
                     and is_encrypted(data) == (password is not None))
            if sound:
                tally.exports_verified += 1
            else:
                tally.exports_failed += 1
                tally.details.append(f"confirmed export {path.name} missing or not as registered")
            path.unlink(missing_ok=True)
        for path in outcome.begun_exports - set(outcome.exports):
            if not path.exists():
                continue
            data = path.read_bytes()
            if not _whole_pdf(data):
                tally.partial_files += 1
                tally.details.append(f"unconfirmed export {path.name} is not a whole PDF")
            elif _sha256(path) in by_sha:
                tally.exports_unconfirmed_registered += 1
            else:
                tally.exports_orphaned += 1
            path.unlink()

    def _check_backups(self, outcome: Outcome) -> None:
        tally = self.tally
        for path, generation in outcome.backups.items():
            tally.backups_confirmed += 1
            if self._restores(path, generation):
                tally.backups_restored += 1
            else:
                tally.backups_failed += 1
                tally.details.append(f"confirmed backup {path.name} did not restore")
        for path, generation in outcome.begun_backups.items():
            if path in outcome.backups or not path.exists():
                continue
            if self._restores(path, generation):
                tally.backups_unconfirmed_whole += 1
            else:
                tally.partial_files += 1
                tally.details.append(f"unconfirmed backup {path.name} is there but broken")

    def _restores(self, path: Path, generation: int) -> bool:
        target = self.root / "restored"
        try:
            read_backup_info(path)
            restored = restore(path, target, SUPERVISOR, passphrase(generation),
                               sleep=lambda _s: None)
            restored.vault.lock()
            return True
        except (StorageError, OSError) as error:
            self.tally.details.append(f"restore of {path.name}: {type(error).__name__}")
            return False
        finally:
            path.unlink(missing_ok=True)
            shutil.rmtree(target, ignore_errors=True)

    def _sweep_temp_files(self) -> None:
        """Hidden files a killed writer left beside its target (the target itself is whole),
        and anything in the vault folder that is not a vault's own file."""
        for stray in self.state.directory.iterdir():
            if stray.name not in VAULT_FILES:
                self.tally.temp_files_left[f"in the vault folder: {stray.name}"] += 1
        for leftover in self.work.iterdir():
            if leftover.name.startswith("."):
                kind = "backup copy of the database (encrypted)" if leftover.suffix == ".db" \
                    else "temporary file of an atomic write"
                self.tally.temp_files_left[kind] += 1
                leftover.unlink()


# -- the report ----------------------------------------------------------------------------


def report(tally: Tally, *, seed: int, started: dt.datetime, loads: tuple[str, str]) -> str:
    problems = tally.problems()
    met = not any(problems.values())
    kills = ", ".join(f"{what} {count}" for what, count in tally.in_flight.most_common())
    temp = ", ".join(f"{count} {what}" for what, count in tally.temp_files_left.items())
    lines = [
        "# Soak: SIGKILL during saves, passphrase changes, backups and exports",
        "",
        f"Written by `make soak` (`python -m tests.soak.soak`) on {started:%Y-%m-%d %H:%M} "
        f"UTC, seed {seed} (rerun with `--seed {seed}`), in {tally.seconds / 60:.1f} minutes "
        f"on {os.cpu_count()} cores shared with other people's work (load average "
        f"{loads[0]} at the start, {loads[1]} at the end); Python "
        f"{platform.python_version()}.",
        "",
        "A worker process unlocks a real vault (SQLCipher, WAL, `synchronous=FULL`) and, "
        "between saves, does one kind of operation over and over (in turn: saves only, "
        "passphrase changes, backups, PDF exports). It prints a line after each operation "
        "returns; the soak kills it with SIGKILL at a random moment (about one kill in twelve "
        "during start-up and the unlock; otherwise after a random number of lines, or, half "
        "the time, just after the focus operation began, then a wait drawn from that "
        "operation's measured duration), then opens the vault and checks every printed "
        "claim. A vault is replaced by a new one after 100 kills, so the checks "
        "stay quick.",
        "",
        f"**Target: none lost, none failed to open. Result: {'met' if met else 'MISSED'}.**",
        "",
        "| | |",
        "|---|---|",
        f"| kills | {tally.kills} (in flight: {kills}) |",
        f"| vaults used | {tally.vaults} |",
        f"| answers confirmed | {tally.answers_confirmed} |",
        f"| answers found (of those confirmed) | {tally.answers_found} |",
        f"| answers committed but not confirmed (killed before the line) | "
        f"{tally.answers_unconfirmed_found} |",
        f"| answers lost | {tally.answers_lost} |",
        f"| vaults that failed to open | {tally.failed_to_open} |",
        f"| vaults that failed integrity or audit checks | {tally.failed_checks} |",
        f"| passphrase changes confirmed | {tally.passphrases_confirmed} |",
        f"| kills during a passphrase change: new passphrase in force / old one | "
        f"{tally.passphrase_kills_new_in_force} / {tally.passphrase_kills_old_in_force} |",
        f"| backups confirmed / restored | {tally.backups_confirmed} / {tally.backups_restored} |",
        f"| backups not confirmed but whole (killed after the rename) | "
        f"{tally.backups_unconfirmed_whole} |",
        f"| exports confirmed / matching their register entry | {tally.exports_confirmed} / "
        f"{tally.exports_verified} |",
        f"| exports not confirmed, whole and registered | "
        f"{tally.exports_unconfirmed_registered} |",
        f"| exports not confirmed, whole but not in the register | {tally.exports_orphaned} |",
        f"| partial files (a half-written backup or export under its name) | "
        f"{tally.partial_files} |",
        f"| hidden temporary files left beside a target | {temp or 'none'} |",
        f"| workers that stopped on an error instead of the kill | {tally.worker_errors} |",
        "",
    ]
    if tally.details:
        lines += ["## Details", "", *[f"- {d}" for d in tally.details[:50]], ""]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=int(os.environ.get("SOAK_KILLS", "600")))
    parser.add_argument("--seed", type=int, default=random.SystemRandom().randrange(1 << 30))
    parser.add_argument("--report", type=Path, default=None)
    parser.add_argument("--dir", type=Path, default=None, help="where the vaults go")
    args = parser.parse_args(argv)
    started = dt.datetime.now(dt.UTC)
    load_before = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    with tempfile.TemporaryDirectory(prefix="soak-", dir=args.dir) as temp:
        soak = Soak(Path(temp), kills=args.kills, seed=args.seed, log=print)
        tally = soak.run()
    load_after = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    text = report(tally, seed=args.seed, started=started, loads=(load_before, load_after))
    print(text)
    if args.report is not None:
        args.report.write_text(text, encoding="utf-8")
    return 1 if any(tally.problems().values()) else 0


if __name__ == "__main__":
    sys.exit(main())
