"""Resident memory over a simulated 4-hour session of 2,000 answers, and vault size per 1,000."""

# One InterviewSession (no widgets) on a real vault (tiny KDF: unlock cost is bench_storage's
# business) walks a generated script of 2,000 questions under a fake clock that advances 7.2 s per
# answer (4 hours of interview), with a 10-minute break every 45 minutes and a correction (a new
# revision with a reason) every 50 answers. Resident
# memory (VmRSS) is read after the first 100 answers (imports, caches and the SQLite page cache
# warmed) and after the last; the growth between them is what a long day costs. The baseline,
# measured in the same run, is the same process's RSS before the session began.
#
# Vault size: the database after the lock (the write-ahead log checkpointed into it) minus the
# empty vault, per 1,000 answers (each with its audit entry, and the revisions the corrections
# made). Baseline: the same answer rows in a plain sqlite3 table with the same PRAGMAs.

from __future__ import annotations

import datetime as dt
import gc
import os
import sqlite3
import sys
import tempfile
from pathlib import Path

from report import figure

from interview_app.domain.forms import load_form
from interview_app.domain.model import ItemKind, JsonValue
from interview_app.interview_session import InterviewSession
from interview_app.storage import vault as vault_module
from interview_app.storage.db import DB_FILE
from interview_app.storage.kdf import KdfParams

ANSWERS = int(os.environ.get("BENCH_SESSION_ANSWERS", "2000"))
WARM = 100
PER_SECTION = 50
SESSION = dt.timedelta(hours=4)
BREAK_EVERY = dt.timedelta(minutes=45)
BREAK = dt.timedelta(minutes=10)
# About 10 KiB per answer: a session keeps a few hundred bytes per answer, so more is a leak.
TARGET_GROWTH_MIB = 20.0
# A busy year (500 interviews of 200 answers) in 100 MiB: a backup to a USB stick in seconds.
TARGET_KIB_PER_1000 = 1024.0
TINY = KdfParams(iterations=1, memory_kib=8, lanes=1)
NAME, WORDS = "bench", "bench passphrase"
KINDS = ("text", "number", "yes_no", "single_choice", "narrative")
# A sentence of about the length people give, in a script that is not Latin, as many are.
WORDS_SAID = "Мы работали на ферме с утра до ночи, и хозяин забрал наши паспорта. "


class FakeClock:
    """Time as the bench says it is: a 4-hour day in seconds of real time."""

    def __init__(self) -> None:
        self.now = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now


def rss_mib() -> float:
    """This process's resident set size, from /proc (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def script(questions: int) -> str:
    lines = ["form:", "  id: day", '  version: "1"', "  title: A long day",
             "  purpose: Four hours of questions.", "sections:"]
    for number in range(questions):
        if number % PER_SECTION == 0:
            lines += [f"  - id: s{number // PER_SECTION}", f"    title: Part {number}",
                      "    items:"]
        kind = KINDS[number % len(KINDS)]
        lines += [f"      - id: q{number}", f"        kind: {kind}",
                  f"        prompt: Question {number}, asked in words the person knows?"]
        if kind == "single_choice":
            lines += ["        options:", "          - {value: farm, label: A farm}",
                      "          - {value: home, label: A private home}"]
    return "\n".join(lines) + "\n"


def value_for(kind: ItemKind, number: int) -> JsonValue:
    if kind is ItemKind.NUMBER:
        return number % 90
    if kind is ItemKind.YES_NO:
        return number % 2 == 0
    if kind is ItemKind.SINGLE_CHOICE:
        return {"option": "farm" if number % 3 else "home"}
    if kind is ItemKind.NARRATIVE:
        return {"original": WORDS_SAID * 6, "translation": "We worked on the farm. " * 6}
    return WORDS_SAID


def walk_the_day(session: InterviewSession, clock: FakeClock, rss: list[float]) -> int:
    """Answer whatever is current until the script ends; the number of revisions saved."""
    step = SESSION / ANSWERS
    since_break = dt.timedelta()
    saved = 0
    while (ref := session.current) is not None:
        item = session.form.item(ref.question_id)
        session.answer(ref, value_for(item.kind, saved))
        saved += 1
        clock.now += step
        since_break += step
        if int(ref.question_id[1:]) % 50 == 0:  # a text question (kinds cycle by 5)
            # A correction: the person remembers it differently; a new revision, with a reason.
            session.answer(ref, f"{WORDS_SAID}(corrected {saved})",
                           reason="the person corrected it")
            saved += 1
        if since_break >= BREAK_EVERY:
            session.start_break()
            clock.now += BREAK
            session.end_break()
            since_break = dt.timedelta()
        if saved == WARM:
            gc.collect()
            rss.append(rss_mib())
    return saved


def plain_size(rows: list[tuple[object, ...]], path: Path) -> int:
    """The same answer rows in plain sqlite3 with the vault's PRAGMAs: the size baseline."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode = WAL", "synchronous = FULL", "secure_delete = ON"):
        connection.execute(f"PRAGMA {pragma}")
    connection.execute(
        "CREATE TABLE answers (id INTEGER PRIMARY KEY, session_id INTEGER, question_id TEXT,"
        " instance INTEGER, revision INTEGER, data_class TEXT, value TEXT, non_response TEXT,"
        " text TEXT, translation TEXT, translated_by INTEGER, recorded_at TEXT,"
        " recorded_by INTEGER, reason TEXT)")
    connection.execute("CREATE UNIQUE INDEX answers_by_ref"
                       " ON answers (session_id, question_id, ifnull(instance, 0), revision)")
    empty = path.stat().st_size
    connection.execute("BEGIN")
    connection.executemany("INSERT INTO answers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           rows)
    connection.execute("COMMIT")
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    return path.stat().st_size - empty


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-memory-", dir=os.environ.get("BENCH_DIR")) as t:
        root = Path(t)
        (root / "day.yaml").write_text(script(ANSWERS), encoding="utf-8")
        form = load_form(root / "day.yaml")
        clock = FakeClock()
        directory = root / "vault"
        vault_module.create(directory, NAME, WORDS, kdf=TINY, clock=clock)[0].lock()
        empty = (directory / DB_FILE).stat().st_size
        gc.collect()
        before = rss_mib()
        vault = vault_module.unlock(directory, NAME, WORDS, clock=clock)
        case = vault.repository.create_case("Bench day")
        record = vault.repository.start_session(case.id, form.id, form.version,
                                                interface_language="en", interview_language="en")
        session = InterviewSession(vault.repository, record.id, form, clock=clock)
        rss: list[float] = []
        saved = walk_the_day(session, clock, rss)
        gc.collect()
        rss.append(rss_mib())
        rows = vault._live_connection().execute("SELECT * FROM answers").fetchall()
        audit = len(vault.repository.audit_entries(limit=100_000))
        vault.lock()
        grown = (directory / DB_FILE).stat().st_size - empty
        plain = plain_size(rows, root / "plain.db")
    hours = (clock.now - dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)).total_seconds() / 3600
    growth = rss[-1] - rss[0]
    per_1000 = grown / len(rows) * 1000 / 1024
    plain_per_1000 = plain / len(rows) * 1000 / 1024
    print(f"session: {saved} revisions ({len(rows)} rows, {audit} audit entries) over "
          f"{hours:.1f} simulated hours, breaks included")
    print(f"resident memory: {before:.1f} MiB before the session, {rss[0]:.1f} MiB after "
          f"{WARM} answers, {rss[-1]:.1f} MiB after {saved}: growth {growth:.1f} MiB "
          f"(target <= {TARGET_GROWTH_MIB:.0f} MiB)")
    print(f"vault size: {per_1000:.0f} KiB per 1,000 answers (plain sqlite3 {plain_per_1000:.0f} "
          f"KiB, {per_1000 / plain_per_1000:.2f}x; target <= {TARGET_KIB_PER_1000:.0f} KiB)")
    figure("session_memory", f"resident memory growth over a 4-hour session of {saved:,} answers",
           unit="MiB", median=growth, baseline=rss[0],
           baseline_name=f"RSS after the first {WARM} answers", ratio=rss[-1] / rss[0],
           target=f"growth <= {TARGET_GROWTH_MIB:.0f} MiB",
           met=growth <= TARGET_GROWTH_MIB,
           note=f"one measurement, not a median; RSS {before:.0f} MiB before unlocking, "
                f"{rss[-1]:.0f} MiB at the end; ratio is end RSS / RSS after warm-up")
    figure("vault_size", "vault size per 1,000 answers (with audit entries and revisions)",
           unit="KiB", median=per_1000, baseline=plain_per_1000,
           baseline_name="the same rows in plain sqlite3",
           target=f"<= {TARGET_KIB_PER_1000 / 1024:.0f} MiB", met=per_1000 <= TARGET_KIB_PER_1000,
           note="one measurement; database after lock and checkpoint, minus the empty vault")
    return 0 if growth <= TARGET_GROWTH_MIB and per_1000 <= TARGET_KIB_PER_1000 else 1


if __name__ == "__main__":
    sys.exit(main())
