"""Helpers for interview tests and screenshots: a vault, a session, an Arabic catalogue, typing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import write_po
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QWidget,
)
from pytestqt.qtbot import QtBot

from interview_app.domain.forms import load_form
from interview_app.domain.model import Form
from interview_app.i18n.catalogs import po_path
from interview_app.i18n.extract import form_messages
from interview_app.interview_session import InterviewSession
from interview_app.storage import vault as vault_module
from interview_app.storage.kdf import KdfParams
from interview_app.storage.repository import ParticipantRole, Repository
from interview_app.storage.vault import Vault

REPO_ROOT = Path(__file__).resolve().parent.parent
SAMPLE_FORM = REPO_ROOT / "tests" / "data" / "forms" / "sample.yaml"
SAMPLE_TRANSLATIONS = REPO_ROOT / "tests" / "data" / "translations"
TINY_KDF = KdfParams(iterations=1, memory_kib=8, lanes=1)
USER = "ana"
PASSPHRASE = "correct horse battery"  # noqa: S105 - a test vault's passphrase
INTERPRETER = "Samira Haddad"


@dataclass
class SteppedClock:
    """A clock that moves only when told: time in tests is what the test says it is."""

    now: dt.datetime = dt.datetime(2026, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += dt.timedelta(**delta)


def create_vault(directory: Path, clock: SteppedClock) -> Vault:
    vault = vault_module.create(directory, USER, PASSPHRASE, kdf=TINY_KDF)[0]
    vault.lock()
    return vault_module.unlock(directory, USER, PASSPHRASE, sleep=lambda _s: None, clock=clock)


def sample_form() -> Form:
    return load_form(SAMPLE_FORM)


def start_session(repository: Repository, interview_language: str = "en") -> int:
    case = repository.create_case("Test person")
    session = repository.start_session(
        case.id, "sample", "1.0.0", interface_language="en",
        interview_language=interview_language,
    )
    repository.add_participant(session.id, ParticipantRole.LEAD_INTERVIEWER, "Ana")
    repository.add_participant(
        session.id, ParticipantRole.INTERPRETER, INTERPRETER, language=interview_language,
        no_conflict=True, confidentiality=True,
    )
    return session.id


def open_session(
    repository: Repository, session_id: int, clock: SteppedClock, translations: Path
) -> InterviewSession:
    return InterviewSession(
        repository, session_id, sample_form(), translations_root=translations, clock=clock
    )


# Arabic for every string of the sample script (test data; a translator would polish it).
ARABIC: dict[str, str] = {
    "Sample interview": "مقابلة تجريبية",
    "Exercise every feature of the script format in one short interview.":
        "تجربة كل ميزات صيغة النص في مقابلة قصيرة واحدة.",
    "Safety first": "السلامة أولاً",
    "My name is on my badge. I am here to listen and to help you. You can stop at any time.":
        "اسمي مكتوب على بطاقتي. أنا هنا لأستمع إليك ولأساعدك. يمكنك التوقف في أي وقت.",
    "Sit at the same level as the person. Offer water before you start.":
        "اجلس على مستوى الشخص نفسه. قدّم له الماء قبل أن تبدأ.",
    "Before we talk, let us make sure this place is safe for you.":
        "قبل أن نتحدث، دعنا نتأكد من أن هذا المكان آمن لك.",
    "We are in a private place where nobody else can hear us.":
        "نحن في مكان خاص لا يسمعنا فيه أحد.",
    "The person who came with you is not in the room.": "الشخص الذي جاء معك ليس في الغرفة.",
    "Do you need a doctor or medicine right now?": "هل تحتاج إلى طبيب أو دواء الآن؟",
    "Consent and rights": "الموافقة والحقوق",
    "I would like to ask you some questions. You can say no, and you can stop at any time.":
        "أودّ أن أطرح عليك بعض الأسئلة. يمكنك أن ترفض، ويمكنك التوقف في أي وقت.",
    "I have explained why I am asking these questions.": "شرحتُ لماذا أطرح هذه الأسئلة.",
    "The person agrees to this interview.": "الشخص موافق على هذه المقابلة.",
    "You have rights whatever you decide to tell me.": "لديك حقوق مهما قررت أن تخبرني.",
    "Help does not depend on talking to the police.": "المساعدة لا تتوقف على التحدث إلى الشرطة.",
    "You may refuse to answer any question.": "يمكنك رفض الإجابة عن أي سؤال.",
    "About you": "عنك",
    "When were you born?": "متى وُلدت؟",
    "An approximate year is enough. Never press for an exact date.":
        "تكفي سنة تقريبية. لا تضغط أبداً للحصول على تاريخ دقيق.",
    "How old are you?": "كم عمرك؟",
    "years": "سنوات",
    "Which of these age groups are you in?": "في أي من هذه الفئات العمرية أنت؟",
    "Under 18": "أقل من 18",
    "18 to 59": "من 18 إلى 59",
    "60 or older": "60 أو أكثر",
    "Is a parent or guardian here with you today?": "هل أحد والديك أو وليّ أمرك هنا معك اليوم؟",
    "Child pathway. Call the child protection duty officer before going further.":
        "مسار الأطفال. اتصل بمسؤول حماية الطفل المناوب قبل المتابعة.",
    "Your work": "عملك",
    "The next questions are about your work. Take as much time as you need.":
        "الأسئلة التالية عن عملك. خذ كل الوقت الذي تحتاجه.",
    "What kind of work did you do?": "ما نوع العمل الذي قمت به؟",
    "Farm or agriculture": "مزرعة أو زراعة",
    "Building site": "موقع بناء",
    "Work in a private home": "عمل في منزل خاص",
    "Other work": "عمل آخر",
    "How many hours did you work on a normal day?": "كم ساعة كنت تعمل في يوم عادي؟",
    "hours": "ساعات",
    "How often could you rest, from never to whenever you wished?":
        "كم مرة كان يمكنك أن ترتاح، من أبداً إلى متى شئت؟",
    "Never": "أبداً",
    "Whenever I wished": "متى شئت",
    "Who kept your passport or identity card?": "من احتفظ بجواز سفرك أو بطاقة هويتك؟",
    "I kept it myself": "احتفظت به بنفسي",
    "The employer or someone working for them": "صاحب العمل أو شخص يعمل لديه",
    "I never had one": "لم يكن لدي واحد قط",
    "Tell me about each place where you worked.": "أخبرني عن كل مكان عملت فيه.",
    "A short name for this place": "اسم قصير لهذا المكان",
    "What work was done at this place?": "ما العمل الذي كان يُؤدّى في هذا المكان؟",
    "Were you able to leave this place when you wanted?":
        "هل كنت تستطيع مغادرة هذا المكان عندما تريد؟",
    "In your own words, how did you come to leave?":
        "بكلماتك الخاصة، كيف انتهى بك الأمر إلى المغادرة؟",
    "Do not interrupt. Write down the words as said, then the translation.":
        "لا تقاطع. اكتب الكلمات كما قيلت، ثم الترجمة.",
    "This question may bring back painful memories.": "قد يعيد هذا السؤال ذكريات مؤلمة.",
    "Is there someone we may contact for you? What is their name?":
        "هل هناك شخص يمكننا الاتصال به من أجلك؟ ما اسمه؟",
    "Did any of these happen to you?": "هل حدث لك أيّ من هذه الأمور؟",
    "Someone threatened me or my family": "هددني شخص أو هدد عائلتي",
    "I was told I owed a debt I could not pay back": "قيل لي إنني مدين بدَين لا أستطيع سداده",
    "I was locked in": "كنت محبوساً",
    "None of these": "لا شيء من هذه",
}
# Unreviewed on purpose, so the "draft translation" mark shows on this item.
ARABIC_DRAFT_CONTEXTS = frozenset({"sample:story"})


def write_arabic_catalogue(root: Path) -> Path:
    """Copy the sample's French catalogue into ``root`` and add a complete Arabic one."""
    french = po_path(SAMPLE_TRANSLATIONS, "fr", "forms")
    target = po_path(root, "fr", "forms")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(french.read_bytes())
    catalog = Catalog(locale="ar", domain="forms")
    for message in form_messages(sample_form()):
        draft = message.msgctxt in ARABIC_DRAFT_CONTEXTS
        catalog.add(
            message.msgid, ARABIC[message.msgid], context=message.msgctxt,
            user_comments=["draft"] if draft else [],
        )
    path = po_path(root, "ar", "forms")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as stream:
        write_po(stream, catalog)
    return root


@dataclass
class Harness:
    """A vault with sessions of the sample script, a clock the test moves, and catalogues."""

    vault: Vault
    clock: SteppedClock
    translations: Path

    @property
    def repository(self) -> Repository:
        return self.vault.repository

    @classmethod
    def create(cls, directory: Path) -> Harness:
        clock = SteppedClock()
        translations = write_arabic_catalogue(directory / "translations")
        return cls(create_vault(directory / "vault", clock), clock, translations)

    def session(self, interview_language: str = "en") -> InterviewSession:
        session_id = start_session(self.repository, interview_language)
        return open_session(self.repository, session_id, self.clock, self.translations)

    def reopen(self, session: InterviewSession) -> InterviewSession:
        return open_session(self.repository, session.session_id, self.clock, self.translations)


def type_text(widget: QWidget, text: str) -> None:
    """Type any script as an input method would: QTest's keyClicks aborts on non-ASCII."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click where the button really reacts: a check box's box and text, not its empty width."""
    option = QStyleOptionButton()
    button.initStyleOption(option)  # type: ignore[attr-defined]
    element = {
        QCheckBox: QStyle.SubElement.SE_CheckBoxClickRect,
        QRadioButton: QStyle.SubElement.SE_RadioButtonClickRect,
    }.get(type(button))
    area = button.rect()
    if element is not None:
        area = button.style().subElementRect(element, option, button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=area.center())
