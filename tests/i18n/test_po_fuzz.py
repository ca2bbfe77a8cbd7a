"""Fuzz: any .po bytes give a catalogue or a CatalogError on the way to run time, nothing else."""

from __future__ import annotations

import gettext

from babel.messages.catalog import Catalog
from hypothesis import event, given
from hypothesis import strategies as st

from interview_app.errors import CatalogError
from interview_app.i18n.catalogs import (
    completeness,
    parse_po,
)
from interview_app.i18n.compiled import compile_mo, translations_from_mo
from tests.i18n.conftest import small_form

FORM = small_form()

_quoted = st.text(max_size=12).map(
    lambda text: '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'
)
_raw = st.text(max_size=12)
_header_values = st.sampled_from(
    [
        "Language: fr",
        "Language: ar",
        "Language: xx_YY",
        "Language: ",
        "Plural-Forms: nplurals=2; plural=(n > 1);",
        "Plural-Forms: nplurals=x; plural=n;",
        "Plural-Forms: nplurals=2; plural=(n >>> 1);",
        "Plural-Forms: nplurals=2; plural=n%0;",
        "Plural-Forms: nplurals=0; plural=0;",
        "Plural-Forms: nplurals=1; plural=((((((((((((((((((((((n))))))))))))))))))))));",
        "Content-Type: text/plain; charset=utf-8",
        "Content-Type: text/plain; charset=latin-1",
        "Content-Type: text/plain; charset=no-such-codec",
        "POT-Creation-Date: not a date",
        "PO-Revision-Date: 2026-13-45 99:99+9999",
    ]
)
_lines = st.one_of(
    st.builds(lambda v: f'"{v}\\n"', _header_values),
    st.builds(
        lambda k, v: f"{k} {v}",
        st.sampled_from(["msgid", "msgstr", "msgctxt", "msgid_plural"]),
        _quoted,
    ),
    st.builds(lambda i, v: f"msgstr[{i}] {v}", st.integers(-1, 7), _quoted),
    st.builds(lambda v: f"#, {v}", st.sampled_from(["fuzzy", "python-format", "fuzzy, draft", ""])),
    st.builds(
        lambda v: f"# {v}",
        st.sampled_from(["draft", "draft: check", '| msgid "old"', "|", '| "x"']),
    ),
    st.builds(lambda v: f"#~ {v}", _quoted),
    st.builds(lambda v: f"#| msgid {v}", _quoted),
    _quoted,
    _raw,
    st.just('msgid ""\nmsgstr ""'),
    st.just(""),
)
_good_header_values = st.sampled_from(
    ["Language: fr", "Content-Type: text/plain; charset=utf-8", "MIME-Version: 1.0"]
)
_header = st.lists(st.one_of(_good_header_values, _header_values), max_size=4).map(
    lambda values: 'msgid ""\nmsgstr ""\n' + "".join(f'"{v}\\n"\n' for v in values)
)
_comments = st.lists(
    st.sampled_from(["# draft", "#, fuzzy", "#. note", '#| msgid "old"', "# | x", "#: a.py:1"]),
    max_size=2,
)
_entry = st.builds(
    lambda comments, context, msgid, strings: "\n".join(
        [
            *comments,
            *([f"msgctxt {context}"] if context else []),
            f"msgid {msgid}",
            *(
                [f"msgstr {strings[0]}"]
                if len(strings) == 1
                else ['msgid_plural "p"', *(f"msgstr[{i}] {v}" for i, v in enumerate(strings))]
            ),
        ]
    ),
    _comments,
    st.one_of(st.none(), _quoted),
    _quoted,
    st.lists(_quoted, min_size=1, max_size=3),
)
# Random lines; well-formed entries after a header; and the same with stray lines mixed in.
PO_TEXT = st.one_of(
    st.lists(_lines, max_size=30).map("\n".join),
    st.builds(
        lambda header, blocks: "\n\n".join([header, *blocks]),
        _header,
        st.lists(_entry, max_size=12),
    ),
    st.builds(
        lambda header, blocks: "\n\n".join([header, *blocks]),
        _header,
        st.lists(st.one_of(_entry, _lines), max_size=12),
    ),
)
PO_BYTES = st.one_of(
    st.binary(max_size=300),
    PO_TEXT.map(lambda text: text.encode("utf-8")),
    PO_TEXT.map(lambda text: text.encode("utf-8")),
    PO_TEXT.map(lambda text: text.encode("utf-16")),
)


def _load(data: bytes, language: str | None) -> Catalog | None:
    try:
        return parse_po(data, source="fuzz.po", language=language)
    except CatalogError as error:
        # `--hypothesis-show-statistics` shows which refusals the examples reach.
        event(f"refused: {str(error).split(' ', 2)[1][:24]}")
        return None


@given(data=PO_BYTES, language=st.sampled_from([None, "fr", "ar", "ru", "fa"]))
def test_fuzz_po_loading_gives_a_catalogue_or_a_catalog_error(
    data: bytes, language: str | None
) -> None:
    catalog = _load(data, language)
    if catalog is None:
        return
    assert isinstance(catalog, Catalog)
    status = completeness(catalog, FORM)
    assert status.translated + status.fuzzy + status.missing == status.total
    try:
        runtime = translations_from_mo(compile_mo(catalog), source="fuzz.mo")
    except CatalogError:
        event("read, not compiled")
        return
    event(f"compiled with {len(catalog)} entries" if len(catalog) < 3 else "compiled, 3+ entries")
    assert isinstance(runtime, gettext.GNUTranslations)
    runtime.gettext("Save")
    if language is not None:  # run time only loads catalogues of a language, with its own rule
        runtime.ngettext("{n} answer", "{n} answers", 3)
