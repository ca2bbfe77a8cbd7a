"""Fuzz: any bytes given to `translations import` give a clean merge or a clear refusal."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import escape
from hypothesis import event, given
from hypothesis import strategies as st

from interview_app.i18n import build
from interview_app.i18n.catalogs import (
    DOMAINS,
    INTERFACE_DOMAIN,
    load_catalog,
    load_po,
    po_path,
    template_path,
)
from interview_app.i18n.compiled import compile_mo, translations_from_mo
from interview_app.i18n.po_import import CatalogImportError, ImportReport, import_po
from tests.conftest import DATA_DIR
from tests.i18n.conftest import Entry, po_bytes

INTERFACE: list[Entry] = [
    (None, "Open case", ""),
    (None, "Saved {count} answers for %(name)s.", ""),
    (None, ("{n} document", "{n} documents"), ("", "")),
]
FORMS_KEYS = [
    (m.context, m.id)
    for m in load_po(DATA_DIR / "translations" / "forms.pot")
    if m.id and isinstance(m.id, str)
]
KEYS: list[tuple[str | None, str]] = [
    *FORMS_KEYS[:12],
    (None, "Open case"),
    (None, "Saved {count} answers for %(name)s."),
    (None, "{n} document"),
    ("other:q", "Arrival"),
    (None, "Not in any template"),
]
PLURALS = [
    "nplurals=2; plural=(n > 1);",
    "nplurals=2; plural=(n != 1);",
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=11 ? 4 : 5;",
    "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 : "
    "n%100>=0 && n%100<=2 ? 4 : 5);",
    "nplurals=x; plural=n;",
    "nplurals=2; plural=n%0;",
]


_strings = st.one_of(
    st.text(max_size=20),
    st.sampled_from(
        [
            "Ouvrir", "{count} réponses pour %(name)s.", "{n} documents", "<b>Ouvrir</b>",
            "&amp;", "%s", "{nom}", "", "فتح", "\x00", "\\", '"',
        ]
    ),
)  # fmt: skip
GOOD_PLURALS = {"fr": PLURALS[0], "ar": PLURALS[3]}


@st.composite
def headers(draw: st.DrawFn, language: str) -> str:
    """Mostly the header the language needs, as translators' tools write it; else anything."""
    if draw(st.integers(0, 5)) > 0:
        named: str | None = draw(st.sampled_from([None, "", language]))
        plural: str | None = GOOD_PLURALS[language]
        charset = "UTF-8"
    else:
        named = draw(st.sampled_from([None, "", "fr", "fr_FR", "ar", "de", "xx"]))
        plural = draw(st.one_of(st.none(), st.sampled_from(PLURALS)))
        charset = draw(st.sampled_from(["UTF-8", "utf-8", "latin-1"]))
    return "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            *([f'"Language: {named}\\n"'] if named is not None else []),
            *([f'"Plural-Forms: {plural}\\n"'] if plural is not None else []),
            f'"Content-Type: text/plain; charset={charset}\\n"',
        ]
    )


_comments = st.lists(
    st.sampled_from(["#, fuzzy", "# draft", "#. note", "#: x.py:1", '#| msgid "x"']), max_size=2
)
_plain = st.text(alphabet="abcdeéèàôç Ωж؟", min_size=1, max_size=12)


@st.composite
def entries(draw: st.DrawFn, keys: list[tuple[str | None, str]]) -> str:
    """One entry per key: mostly plain translations, sometimes anything."""
    blocks = []
    for context, msgid in keys:
        plural = (msgid == "{n} document") != draw(st.integers(0, 9).map(lambda n: n == 0))
        count = draw(st.integers(1, 6)) if plural else 1
        mostly_plain = st.integers(0, 5).flatmap(lambda n: _plain if n else _strings)
        strings = draw(st.lists(mostly_plain, min_size=count, max_size=count))
        lines = [*draw(_comments)]
        if context is not None:
            lines.append(f"msgctxt {escape(context)}")
        lines.append(f"msgid {escape(msgid)}")
        if plural:
            lines.append(f"msgid_plural {escape(msgid + 's')}")
            lines.extend(f"msgstr[{i}] {escape(text)}" for i, text in enumerate(strings))
        else:
            lines.append(f"msgstr {escape(strings[0])}")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


@st.composite
def po_files(draw: st.DrawFn, language: str) -> bytes:
    header = draw(headers(language))
    domain_keys = draw(st.sampled_from([KEYS[:12], KEYS[12:15], KEYS]))
    keys = draw(st.lists(st.sampled_from(domain_keys), max_size=6, unique=True))
    if draw(st.integers(0, 9)) == 0:
        keys.append(keys[0] if keys else KEYS[0])  # the same entry twice
    data = (header + "\n\n" + draw(entries(keys)) + "\n").encode()
    choice = draw(st.integers(0, 11))
    if choice == 1 and data:  # a damaged byte somewhere
        position = draw(st.integers(0, len(data) - 1))
        data = data[:position] + draw(st.binary(min_size=1, max_size=3)) + data[position + 1 :]
    elif choice == 2:  # anything at all
        data = draw(st.binary(max_size=200))
    return data


@st.composite
def cases(draw: st.DrawFn) -> tuple[bytes, str, str | None]:
    language = draw(st.sampled_from(["fr", "ar"]))
    return draw(po_files(language)), language, draw(st.sampled_from([None, *DOMAINS]))


@contextmanager
def catalogue_root() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as directory:
        root = Path(directory) / "translations"
        shutil.copytree(DATA_DIR / "translations", root)
        template_path(root, INTERFACE_DOMAIN).write_bytes(
            po_bytes(None, INTERFACE, domain=INTERFACE_DOMAIN)
        )
        yield root


def _snapshot(root: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for path in root.rglob("*") if path.is_file()}


def _import(
    data: bytes, language: str, root: Path, domain: str | None
) -> ImportReport | tuple[str, ...]:
    """The report of a merge, or the problems of a refusal."""
    try:
        return import_po(data, source="fuzz.po", language=language, root=root, domain=domain)
    except CatalogImportError as error:
        return error.problems


@given(case=cases())
def test_fuzz_po_import_merges_cleanly_or_refuses_without_a_trace(
    case: tuple[bytes, str, str | None],
) -> None:
    data, language, domain = case
    with catalogue_root() as root:
        before = _snapshot(root)
        report = _import(data, language, root, domain)
        if isinstance(report, tuple):
            problems = report
            assert problems
            # Every problem names the file (and line); nothing changed, byte for byte, and no
            # temporary file was left behind.
            assert all(problem.startswith(("fuzz.po", str(root))) for problem in problems)
            event(f"refused: {problems[0].split(': ', 1)[-1][:30]}")
            assert _snapshot(root) == before
            return
        event(f"merged {min(report.merged, 2)}+" if report.written else "nothing to merge")
        if not report.written:
            assert _snapshot(root) == before
            return
        # A merged catalogue reads back, compiles, and is as `make translations` would keep it.
        catalog = load_catalog(language, report.domain, root)
        translations_from_mo(compile_mo(catalog), source="merged.mo")
        target = po_path(root, language, report.domain)
        template = load_po(template_path(root, report.domain))
        assert build.render(
            build.updated(load_catalog(language, report.domain, root), template)
        ) == (target.read_bytes())
        changed = {path for path, content in _snapshot(root).items() if before.get(path) != content}
        assert changed == {target}
