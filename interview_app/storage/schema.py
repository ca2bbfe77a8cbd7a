"""The vault's tables, as migrations keyed by ``PRAGMA user_version``, each in one transaction.

Version N of the schema is ``MIGRATIONS[N-1]`` applied on top of version N-1. A migration is a
sequence of SQL statements or a function of the connection; it and the new ``user_version``
commit together, so a failed migration leaves the vault at the previous version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from interview_app.errors import VaultTooNew
from interview_app.storage.db import Connection, transaction

Migration = Sequence[str] | Callable[[Connection], None]

_DATA_CLASS = "('identity', 'assistance', 'statement', 'intelligence')"

# Rows in these tables are history: nobody, not even a supervisor, rewrites or removes them.
APPEND_ONLY = (
    "answers",
    "audit",
    "consents",
    "rights_given",
    "case_notes",
    "identity_annex",
    "indicator_observations",
    "risk_assessments",
    "referrals",
    "referral_events",
    "export_register",
)
# Rows here change (a case's pseudonym, a session's end) but are never deleted.
NEVER_DELETED = ("users", "cases", "sessions", "participants", "session_breaks", "directory")


def _append_only(table: str) -> tuple[str, str]:
    return (
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} are append-only'); END",
    )


def _never_deleted(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} are never deleted'); END"
    )


_V1_TABLES = (
    "CREATE TABLE vault_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
    """CREATE TABLE users (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL CHECK (role IN ('supervisor', 'interviewer', 'intake')),
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES users(id),
        removed_at TEXT,
        removed_by INTEGER REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE cases (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        year INTEGER NOT NULL,
        number INTEGER NOT NULL CHECK (number >= 1),
        pseudonym TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users(id),
        UNIQUE (year, number)
    ) STRICT""",
    f"""CREATE TABLE case_notes (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        data_class TEXT NOT NULL CHECK (data_class IN {_DATA_CLASS}),
        text TEXT NOT NULL,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id),
        -- which search document holds this note (see case_search below)
        search_kind INTEGER GENERATED ALWAYS AS (CASE data_class WHEN 'identity' THEN 1
            WHEN 'assistance' THEN 2 WHEN 'statement' THEN 3 WHEN 'intelligence' THEN 4 END)
            VIRTUAL
    ) STRICT""",
    """CREATE TABLE identity_annex (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        field TEXT NOT NULL CHECK (length(field) BETWEEN 1 AND 64),
        value TEXT NOT NULL CHECK (json_valid(value)),
        reason TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    "CREATE INDEX identity_annex_by_case ON identity_annex (case_id, field, id)",
    """CREATE TABLE sessions (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        form_id TEXT NOT NULL,
        form_version TEXT NOT NULL,
        interface_language TEXT NOT NULL,
        interview_language TEXT NOT NULL,
        addendum_to INTEGER REFERENCES sessions(id),
        started_at TEXT NOT NULL,
        started_by INTEGER NOT NULL REFERENCES users(id),
        ended_at TEXT,
        finalised_at TEXT,
        finalised_by INTEGER REFERENCES users(id),
        fingerprint TEXT,
        CHECK ((finalised_at IS NULL) = (fingerprint IS NULL))
    ) STRICT""",
    "CREATE INDEX sessions_by_case ON sessions (case_id)",
    """CREATE TABLE session_breaks (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        started_at TEXT NOT NULL,
        ended_at TEXT
    ) STRICT""",
    """CREATE TABLE participants (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        role TEXT NOT NULL
            CHECK (role IN ('lead_interviewer', 'second_interviewer', 'interpreter')),
        name TEXT NOT NULL,
        user_id INTEGER REFERENCES users(id),
        language TEXT,
        dialect TEXT,
        declared_no_conflict INTEGER NOT NULL DEFAULT 0 CHECK (declared_no_conflict IN (0, 1)),
        declared_confidentiality INTEGER NOT NULL DEFAULT 0
            CHECK (declared_confidentiality IN (0, 1)),
        added_at TEXT NOT NULL,
        added_by INTEGER NOT NULL REFERENCES users(id),
        CHECK (role <> 'interpreter' OR language IS NOT NULL)
    ) STRICT""",
    f"""CREATE TABLE answers (
        id INTEGER PRIMARY KEY,
        session_id INTEGER NOT NULL REFERENCES sessions(id),
        question_id TEXT NOT NULL,
        instance INTEGER CHECK (instance IS NULL OR instance >= 1),
        revision INTEGER NOT NULL CHECK (revision >= 1),
        data_class TEXT NOT NULL CHECK (data_class IN {_DATA_CLASS}),
        value TEXT CHECK (value IS NULL OR json_valid(value)),
        non_response TEXT
            CHECK (non_response IN ('declined', 'dont_know', 'not_asked', 'not_applicable')),
        text TEXT,
        translation TEXT,
        translated_by INTEGER REFERENCES participants(id),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id),
        reason TEXT,
        CHECK ((value IS NULL) <> (non_response IS NULL)),
        CHECK (revision = 1 OR reason IS NOT NULL)
    ) STRICT""",
    """CREATE UNIQUE INDEX answers_by_ref
        ON answers (session_id, question_id, ifnull(instance, 0), revision)""",
    """CREATE TABLE consents (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        session_id INTEGER REFERENCES sessions(id),
        purpose TEXT NOT NULL,
        recipient TEXT,
        status TEXT NOT NULL CHECK (status IN ('given', 'refused', 'withdrawn')),
        given_at TEXT NOT NULL,
        language TEXT NOT NULL,
        witnessed_by TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    "CREATE INDEX consents_by_case ON consents (case_id, purpose, recipient, id)",
    """CREATE TABLE rights_given (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        session_id INTEGER REFERENCES sessions(id),
        item TEXT NOT NULL,
        given_at TEXT NOT NULL,
        language TEXT NOT NULL,
        given_by INTEGER NOT NULL REFERENCES users(id),
        interpreter INTEGER REFERENCES participants(id),
        recorded_at TEXT NOT NULL
    ) STRICT""",
    f"""CREATE TABLE indicator_observations (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        session_id INTEGER REFERENCES sessions(id),
        indicator_id TEXT NOT NULL,
        source TEXT NOT NULL CHECK (source IN ('observed', 'stated', 'document')),
        note TEXT,
        data_class TEXT NOT NULL CHECK (data_class IN {_DATA_CLASS}),
        retracts INTEGER REFERENCES indicator_observations(id),
        recorded_at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    f"""CREATE TABLE risk_assessments (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        session_id INTEGER REFERENCES sessions(id),
        area TEXT NOT NULL,
        level TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high', 'unknown')),
        note TEXT,
        data_class TEXT NOT NULL CHECK (data_class IN {_DATA_CLASS}),
        assessed_at TEXT NOT NULL,
        assessed_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE directory (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        contact TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(contact)),
        languages TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(languages)),
        notes TEXT NOT NULL DEFAULT '',
        active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        updated_at TEXT NOT NULL,
        updated_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE referrals (
        id INTEGER PRIMARY KEY,
        case_id INTEGER NOT NULL REFERENCES cases(id),
        recipient INTEGER NOT NULL REFERENCES directory(id),
        consent_id INTEGER REFERENCES consents(id),
        fields_shared TEXT NOT NULL CHECK (json_valid(fields_shared)),
        created_at TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE referral_events (
        id INTEGER PRIMARY KEY,
        referral_id INTEGER NOT NULL REFERENCES referrals(id),
        status TEXT NOT NULL CHECK (status IN ('sent', 'acknowledged', 'closed')),
        at TEXT NOT NULL,
        recorded_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE export_register (
        id INTEGER PRIMARY KEY,
        document_id TEXT NOT NULL UNIQUE,
        doc_type TEXT NOT NULL,
        case_id INTEGER REFERENCES cases(id),
        session_id INTEGER REFERENCES sessions(id),
        recipient TEXT,
        fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
        exported_at TEXT NOT NULL,
        exported_by INTEGER NOT NULL REFERENCES users(id)
    ) STRICT""",
    """CREATE TABLE audit (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user_id INTEGER,
        action TEXT NOT NULL,
        target TEXT,
        target_id INTEGER,
        details TEXT NOT NULL CHECK (json_valid(details)),
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    ) STRICT""",
)

# Case search. Each case has one document per kind of text, with rowid = case id * 8 + kind:
# 0 its pseudonym, 1-4 its notes of one data class (case_notes.search_kind) joined together.
# Search filters and finds cases by rowid alone, so it never reads stored text back, and the
# indexes are contentless: they hold no copy of the text. Two indexes: words with diacritics
# folded, and trigrams for scripts written without spaces (Thai, Chinese).
_V1_SEARCH = (
    """CREATE VIRTUAL TABLE case_search USING fts5(
        text, content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE case_search_trigram USING fts5(
        text, content = '', contentless_delete = 1,
        tokenize = 'trigram remove_diacritics 1')""",
    # Replaced text (an old pseudonym) leaves the index at once, not at the next merge.
    "INSERT INTO case_search (case_search, rank) VALUES ('secure-delete', 1)",
    "INSERT INTO case_search_trigram (case_search_trigram, rank) VALUES ('secure-delete', 1)",
    """CREATE TRIGGER case_search_case_insert AFTER INSERT ON cases BEGIN
        INSERT INTO case_search (rowid, text) VALUES (NEW.id * 8, NEW.pseudonym);
        INSERT INTO case_search_trigram (rowid, text) VALUES (NEW.id * 8, NEW.pseudonym);
    END""",
    """CREATE TRIGGER case_search_case_update AFTER UPDATE OF pseudonym ON cases BEGIN
        DELETE FROM case_search WHERE rowid = OLD.id * 8;
        DELETE FROM case_search_trigram WHERE rowid = OLD.id * 8;
        INSERT INTO case_search (rowid, text) VALUES (NEW.id * 8, NEW.pseudonym);
        INSERT INTO case_search_trigram (rowid, text) VALUES (NEW.id * 8, NEW.pseudonym);
    END""",
    """CREATE TRIGGER case_search_note_insert AFTER INSERT ON case_notes BEGIN
        DELETE FROM case_search WHERE rowid = NEW.case_id * 8 + NEW.search_kind;
        DELETE FROM case_search_trigram WHERE rowid = NEW.case_id * 8 + NEW.search_kind;
        INSERT INTO case_search (rowid, text)
            SELECT NEW.case_id * 8 + NEW.search_kind, group_concat(text, char(10))
            FROM case_notes WHERE case_id = NEW.case_id AND data_class = NEW.data_class;
        INSERT INTO case_search_trigram (rowid, text)
            SELECT NEW.case_id * 8 + NEW.search_kind, group_concat(text, char(10))
            FROM case_notes WHERE case_id = NEW.case_id AND data_class = NEW.data_class;
    END""",
)

_V1_GUARDS = (
    *(statement for table in APPEND_ONLY for statement in _append_only(table)),
    *(_never_deleted(table) for table in NEVER_DELETED),
    # A finalised session is frozen, and so is everything recorded in it.
    """CREATE TRIGGER sessions_update_finalised BEFORE UPDATE ON sessions
        WHEN (SELECT finalised_at FROM sessions WHERE id = OLD.id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
    """CREATE TRIGGER answers_insert_finalised BEFORE INSERT ON answers
        WHEN (SELECT finalised_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
    """CREATE TRIGGER participants_insert_finalised BEFORE INSERT ON participants
        WHEN (SELECT finalised_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
    """CREATE TRIGGER participants_update_finalised BEFORE UPDATE ON participants
        WHEN (SELECT finalised_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
    """CREATE TRIGGER session_breaks_insert_finalised BEFORE INSERT ON session_breaks
        WHEN (SELECT finalised_at FROM sessions WHERE id = NEW.session_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
    """CREATE TRIGGER session_breaks_update_finalised BEFORE UPDATE ON session_breaks
        WHEN (SELECT finalised_at FROM sessions WHERE id = OLD.session_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'session finalised'); END""",
)

# Version 2. A consent decision recorded in error (its answer corrected to a non-response, so
# the person decided nothing) is retracted by a later row that names it, never edited away:
# the current decision is then the latest row neither retracted nor retracting. A retraction
# must name a live decision of the same case, purpose and recipient.
_V2_CONSENT_RETRACTIONS = (
    "ALTER TABLE consents ADD COLUMN retracts INTEGER REFERENCES consents(id)",
    """CREATE TRIGGER consents_retraction_matches BEFORE INSERT ON consents
        WHEN NEW.retracts IS NOT NULL AND NOT EXISTS (
            SELECT 1 FROM consents WHERE id = NEW.retracts AND case_id = NEW.case_id
                AND purpose = NEW.purpose AND recipient IS NEW.recipient
                AND retracts IS NULL
                AND NOT EXISTS (SELECT 1 FROM consents r WHERE r.retracts = NEW.retracts))
        BEGIN SELECT RAISE(ABORT, 'a retraction names a live decision of its purpose'); END""",
)

# Version 3. The SHA-256 of each exported file's bytes, beside its register row, so `verify`
# can tell an exported file from one changed since (the register's fingerprint is of the
# document's content, which a changed file may still claim).
_V3_EXPORT_FILES = (
    """CREATE TABLE export_files (
        register_id INTEGER PRIMARY KEY REFERENCES export_register(id),
        file_sha256 TEXT NOT NULL CHECK (length(file_sha256) = 64)
    ) STRICT""",
    *_append_only("export_files"),
)

# Version 4. Where a session takes place (a kind, e.g. shelter or police_station, and a few
# words), so the record says it and a child seen at a police station shows. Sessions started
# before this version have none.
_V4_SESSION_PLACE = (
    "ALTER TABLE sessions ADD COLUMN place TEXT CHECK (length(place) BETWEEN 1 AND 64)",
    "ALTER TABLE sessions ADD COLUMN place_detail TEXT CHECK (length(place_detail) <= 200)",
)

MIGRATIONS: tuple[Migration, ...] = (
    (*_V1_TABLES, *_V1_SEARCH, *_V1_GUARDS),
    _V2_CONSENT_RETRACTIONS,
    _V3_EXPORT_FILES,
    _V4_SESSION_PLACE,
)
LATEST_VERSION = len(MIGRATIONS)


def user_version(connection: Connection) -> int:
    row = connection.execute("PRAGMA user_version").fetchone()
    return int(row[0]) if row else 0


def migrate(connection: Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Bring the database up to ``len(migrations)``; returns the version it started at.

    VaultTooNew when the file was written by a newer application: it is left untouched.
    """
    start = user_version(connection)
    if start > len(migrations):
        raise VaultTooNew
    for version in range(start + 1, len(migrations) + 1):
        migration = migrations[version - 1]
        with transaction(connection):
            if callable(migration):
                migration(connection)
            else:
                for statement in migration:
                    connection.execute(statement)
            # PRAGMA takes no parameters; version is our own integer.
            connection.execute(f"PRAGMA user_version = {int(version)}")
    return start
