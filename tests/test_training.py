"""The training vault: fictional cases walking every script, opened with a published passphrase."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given

from interview_app.cli import main
from interview_app.domain.engine import Engine
from interview_app.domain.forms import load_form
from interview_app.domain.model import Answer, Form, Item
from interview_app.storage import vault as vault_module
from interview_app.storage.repository import ConsentStatus
from interview_app.training import (
    DIRECTORY_FILE,
    TRAINING_PASSPHRASE,
    TRAINING_USER,
    build_training_vault,
    ensure_training_vault,
    training_scripts,
)
from interview_app.training_walk import MARK, walk
from tests.domain.test_engine_fuzz import random_forms
from tests.storage.conftest import TINY_KDF, Sleeps

TODAY = dt.date(2026, 3, 1)
@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture(autouse=True)
def tiny_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(vault_module, "calibrate", lambda: TINY_KDF)


@pytest.fixture
def listing() -> Path:
    """The fictional sample directory that ships with the application."""
    return DIRECTORY_FILE


@pytest.fixture
def built(tmp_path: Path, sample_form_path: Path, listing: Path) -> Path:
    directory = tmp_path / "training"
    ensure_training_vault(directory, forms=[sample_form_path, sample_form_path],
                          directory_file=listing, kdf=TINY_KDF, today=TODAY)
    return directory


def test_the_training_vault_opens_with_the_published_passphrase_and_is_marked(
    built: Path, sleeps: Sleeps
) -> None:
    with vault_module.unlock(built, TRAINING_USER, TRAINING_PASSPHRASE, sleep=sleeps) as vault:
        assert vault.is_training
        repo = vault.repository
        cases = repo.cases()
        assert len(cases) == 2
        assert all(c.pseudonym.startswith(MARK) for c in cases)
        for case in cases:
            assert all(n.text.startswith(MARK) for n in repo.notes(case.id))
            assert all(str(v).startswith(MARK) or "fictional" in str(v)
                       for v in repo.identity(case.id).values())
        assert all(e.name.endswith(f"({MARK} copy)") for e in repo.directory())
        assert vault.check_integrity() == ([], [])
        assert repo.verify_audit() is None


def test_each_script_has_one_finalised_session_with_every_answer(
    built: Path, sample_form_path: Path, sleeps: Sleeps
) -> None:
    form = load_form(sample_form_path)
    with vault_module.unlock(built, TRAINING_USER, TRAINING_PASSPHRASE, sleep=sleeps) as vault:
        repo = vault.repository
        kinds = set()
        for case in repo.cases():
            (session,) = repo.sessions_for_case(case.id)
            assert session.is_finalised
            assert (session.form_id, session.form_version) == (form.id, form.version)
            answers = repo.answers_for_session(session.id)
            resumed = Engine(form, answers, TODAY)
            assert resumed.next_open() is None  # walked to the end
            assert resumed.blocking_gate() is None
            assert resumed.progress().answered == resumed.progress().total > 10
            assert any(a.ref.instance == 1 for a in answers.values())  # a repeat instance
            consents = repo.current_consents(case.id)
            assert consents[("interview", None)].status is ConsentStatus.GIVEN
            assert consents[("share_police", "police")].status is ConsentStatus.REFUSED
            assert {r.item for r in repo.rights_given(case.id)} == {
                "support_unconditional", "may_decline"}
            (observation,) = repo.indicator_observations(case.id)
            assert observation.indicator_id == "labour.sector"
            (referral,) = repo.referrals(case.id)
            recipient = repo.directory_entry(referral.recipient)
            (agreed,) = [c for c in consents.values() if c.id == referral.consent_id]
            assert agreed.status is ConsentStatus.GIVEN
            assert agreed.recipient == recipient.kind != "police"
            kinds.add(recipient.id)
        assert len(kinds) == 2  # the cases take turns through the directory


def test_ensure_leaves_an_existing_vault_alone(
    built: Path, sample_form_path: Path, sleeps: Sleeps
) -> None:
    before = sorted((p.name, p.stat().st_mtime_ns) for p in built.iterdir())
    assert ensure_training_vault(built, forms=[sample_form_path], kdf=TINY_KDF) == built
    assert sorted((p.name, p.stat().st_mtime_ns) for p in built.iterdir()) == before


def test_without_a_directory_file_there_is_no_referral(
    tmp_path: Path, sample_form_path: Path, sleeps: Sleeps
) -> None:
    directory = tmp_path / "training"
    build_training_vault(directory, forms=[sample_form_path], directory_file=tmp_path / "none",
                         kdf=TINY_KDF, today=TODAY)
    with vault_module.unlock(directory, TRAINING_USER, TRAINING_PASSPHRASE,
                             sleep=sleeps) as vault:
        (case,) = vault.repository.cases()
        assert vault.repository.referrals(case.id) == []
        assert vault.repository.sessions_for_case(case.id)[0].is_finalised


def test_the_command_builds_it_and_prints_the_passphrase(
    tmp_path: Path, sample_form_path: Path, capsys: pytest.CaptureFixture[str], sleeps: Sleeps
) -> None:
    directory = tmp_path / "training"
    args = ["training-vault", str(directory), "--forms", str(sample_form_path),
            "--directory-file", str(tmp_path / "none.yaml")]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert f"user:       {TRAINING_USER}" in out
    assert f"passphrase: {TRAINING_PASSPHRASE}" in out
    vault_module.unlock(directory, TRAINING_USER, TRAINING_PASSPHRASE, sleep=sleeps).lock()
    assert main(args) == 1
    assert capsys.readouterr().err.endswith("error: A vault already exists in this folder.\n")


def test_an_invalid_script_builds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("form: {id: broken}\n")
    assert main(["training-vault", str(tmp_path / "training"), "--forms", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "broken.yaml:1:" in err
    assert err.endswith("error: a script is not valid; no training vault was built\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml"]


@given(random_forms())
def test_the_walk_reaches_the_end_of_any_script(form: Form) -> None:
    saved: list[Answer] = []

    def save(item: Item, answer: Answer) -> None:
        assert item.id == answer.ref.question_id
        saved.append(answer)

    engine = walk(form, TODAY, save)
    assert engine.next_open() is None
    assert Engine(form, {a.ref: a for a in saved}, TODAY).next_open() is None


@pytest.mark.parametrize("script", training_scripts(), ids=lambda p: p.stem)
def test_every_shipped_script_walks_to_its_end(script: Path) -> None:
    form = load_form(script)
    engine = walk(form, TODAY, lambda _item, _answer: None)
    assert engine.next_open() is None
    assert engine.blocking_gate() is None
