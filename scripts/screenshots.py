#!/usr/bin/env python3
"""Render every page of the app in every interface language (and en_XA) to ./screenshots/."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PROJECT_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT_ROOT))  # the test helpers hold the sample's Arabic catalogue

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402, TID251 -- a UI tool

from interview_app.app import build_window, set_up_application  # noqa: E402
from interview_app.storage.repository import ConsentStatus  # noqa: E402
from interview_app.ui.main_window import MainWindow  # noqa: E402
from interview_app.ui.settings import Settings  # noqa: E402
from interview_app.ui.shell_config import ShellConfig  # noqa: E402
from tests.interview_support import write_arabic_catalogue  # noqa: E402
from tests.shell_support import FORMS, PASSPHRASE, SUPERVISOR, TINY_KDF  # noqa: E402

SIZE = (1100, 760)
# Every interface language, and the pseudo-locale: its padded strings show what would clip.
LANGUAGES = ("en", "fr", "es", "de", "ar", "ru", "en_XA")


def wait_until(app: QApplication, done: Callable[[], bool], timeout: float = 20.0) -> None:
    """Let queued events (background unlocks) run until ``done``; the app is headless."""
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise TimeoutError("the page did not appear in time")
        app.processEvents()
        time.sleep(0.005)


class Camera:
    def __init__(self, app: QApplication, out: Path, prefix: str) -> None:
        self.app, self.out, self.prefix, self.count = app, out, prefix, 0

    def shoot(self, widget: QWidget, name: str) -> Path:
        for _ in range(3):
            self.app.processEvents()
        self.count += 1
        path = self.out / f"{self.prefix}-{self.count:02d}-{name}.png"
        widget.grab().save(str(path))
        return path


def shoot_language(app: QApplication, language: str, out: Path, work: Path) -> list[Path]:
    settings = Settings(work / "settings.ini")
    settings.interface_language = language
    set_up_application(app, settings)
    translations = write_arabic_catalogue(work / "translations")
    config = ShellConfig(vault_dir=work / "vault", training_dir=work / "training",
                         forms_dir=FORMS, settings=settings, translations_dir=translations,
                         kdf=TINY_KDF)
    window = build_window(app, config)
    window.resize(*SIZE)
    window.show()
    camera = Camera(app, out, language)
    shots = [camera.shoot(window, "start-without-vault")]
    start = window.start
    start.unlock_view.create_button.click()
    start.create_view.name.setText(SUPERVISOR)
    shots.append(camera.shoot(window, "create-vault"))
    start.create_view.passphrase.setText(PASSPHRASE)
    start.create_view.repeat.setText(PASSPHRASE)
    start.create_view.create_button.click()
    wait_until(app, lambda: window.pages.currentWidget() is start.recovery_view)
    shots.append(camera.shoot(window, "recovery-key"))
    start.recovery_view.stored.setChecked(True)
    start.recovery_view.continue_button.click()
    wait_until(app, lambda: window.case_list is not None)
    shots += shoot_vault_pages(window, camera, language)

    window.lock()
    start.unlock_view.passphrase.setText("wrong passphrase")
    start.unlock_view.unlock_button.click()
    wait_until(app, lambda: bool(start.unlock_view.error.text()))
    shots.append(camera.shoot(window, "unlock-wrong-passphrase"))
    window.quick_hide()
    shots.append(camera.shoot(window.neutral, "quick-hide"))
    window.neutral.hide()
    window.close()
    window.deleteLater()
    return shots


def shoot_vault_pages(window: MainWindow, camera: Camera, language: str) -> list[Path]:
    assert window.vault is not None  # noqa: S101 -- just unlocked above
    repository = window.vault.repository
    for pseudonym in ("Rose", "Nguyễn Thị Lan", "سلمى", "王小明"):
        repository.create_case(pseudonym)
    window.show_cases()
    shots = [camera.shoot(window, "case-list")]
    case = repository.search_cases("Rose")[0]
    window.open_case(case.id)
    shots.append(camera.shoot(window, "case-page-new"))
    window.set_up_session(case.id)
    setup = window.session_setup
    assert setup is not None  # noqa: S101
    offered = setup.interview_language.findData(language)  # the sample has en and ar only
    if offered >= 0:
        setup.interview_language.setCurrentIndex(offered)
    setup.interpreter.setChecked(True)
    setup.interpreter_name.setText("Samira Haddad")
    setup.dialect.setText("Levantine")
    setup.place.setCurrentIndex(setup.place.findData("police_station"))
    setup.age.setCurrentIndex(setup.age.findData("child"))
    shots.append(camera.shoot(window, "session-setup-warnings"))
    setup.no_conflict.setChecked(True)
    setup.confidentiality.setChecked(True)
    setup.place.setCurrentIndex(setup.place.findData("shelter"))
    setup.start_button.click()
    shots.append(camera.shoot(window, "interview"))
    session_id = repository.sessions_for_case(case.id)[0].id
    repository.record_consent(case.id, "interview", ConsentStatus.GIVEN, language=language,
                              session_id=session_id)
    window.open_case(case.id)
    shots.append(camera.shoot(window, "case-page-with-session"))
    window.training_banner.show()  # as a training vault shows it, on every page
    window.show_cases()
    shots.append(camera.shoot(window, "training-banner"))
    window.training_banner.hide()
    return shots


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=PROJECT_ROOT / "screenshots")
    parser.add_argument("--language", action="append", choices=LANGUAGES)
    args = parser.parse_args(argv)
    os.umask(0o077)
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)  # noqa: S101 -- instance() is typed as QCoreApplication
    for language in args.language or LANGUAGES:
        with tempfile.TemporaryDirectory(prefix="screenshots-") as work:
            for path in shoot_language(app, language, args.out, Path(work)):
                print(path.relative_to(PROJECT_ROOT) if path.is_relative_to(PROJECT_ROOT)
                      else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
