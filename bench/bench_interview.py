"""Answer confirmed to next prompt painted, through the real interview view and a real vault.

Each step is one keystroke's worth: Next on a note, a tick on a gate, a non-response, a typed
answer. Timed from the intent to the next prompt painted (``repaint()`` is synchronous). The
baseline, measured in the same run, is the bare cost underneath: the same revision saved by the
repository and a label repainted. Target: p99 <= 50 ms (issue 5).
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication, QLabel  # noqa: TID251 - times the real widgets
from report import figure

from interview_app.domain.model import Answer, DataClass, ItemKind, ItemRef, NonResponse
from interview_app.ui.group_answers import GateAnswer
from interview_app.ui.interview_view import InterviewView
from tests.interview_support import Harness

SESSIONS = 12
TARGET_P99_MS = 50.0


def step(view: InterviewView) -> bool:
    """One intent on the item shown; False when the interview has nothing more to ask."""
    prompt, widget = view.prompt, view.answer_widget
    if view.pages.currentWidget() is view.warning:
        view.submit()
    elif prompt is None or widget is None:
        return False
    elif isinstance(widget, GateAnswer):
        unticked = [box for box in widget.boxes.values() if not box.isChecked()]
        if unticked:
            unticked[0].click()
        else:
            view.submit()
    elif prompt.item.kind in (ItemKind.NOTE, ItemKind.REPEAT):
        view.submit()
    else:
        view.record_non_response(NonResponse.DECLINED)
    view.repaint()
    return True


def interview_steps(harness: Harness, language: str) -> list[float]:
    view = InterviewView(harness.session(language))
    view.resize(1280, 800)
    view.show()
    QApplication.processEvents()
    times = []
    while True:
        start = time.perf_counter()
        if not step(view):
            break
        times.append(time.perf_counter() - start)
    view.close()
    view.deleteLater()
    return times


def baseline_steps(harness: Harness, count: int) -> list[float]:
    session = harness.session()
    label = QLabel()
    label.resize(800, 100)
    label.show()
    times = []
    for number in range(count):
        ref = ItemRef(f"baseline_{number}")  # type: ignore[arg-type]
        start = time.perf_counter()
        harness.repository.save_answer(
            session.session_id, Answer(ref, non_response=NonResponse.DECLINED),
            data_class=DataClass.STATEMENT,
        )
        label.setText(f"Question {number}")
        label.repaint()
        times.append(time.perf_counter() - start)
    return times


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98] * 1000


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="bench-interview-") as temp:
        harness = Harness.create(Path(temp))
        try:
            interview_steps(harness, "ar")  # warm up: imports, fonts, catalogues
            view_times: list[float] = []
            for number in range(SESSIONS):
                view_times += interview_steps(harness, "ar" if number % 2 else "en")
                app.processEvents()
            base_times = baseline_steps(harness, len(view_times))
        finally:
            harness.vault.lock()
    view_p99, base_p99 = p99(view_times), p99(base_times)
    print(f"save + label repaint (bare)     p50 {statistics.median(base_times) * 1000:6.1f} ms"
          f"   p99 {base_p99:6.1f} ms")
    print(f"answer to next prompt painted   p50 {statistics.median(view_times) * 1000:6.1f} ms"
          f"   p99 {view_p99:6.1f} ms   ({len(view_times)} steps)")
    print(f"ratio of p99                    {view_p99 / base_p99:6.2f}")
    print(f"target                          p99 <= {TARGET_P99_MS:.0f} ms")
    figure("answer_to_prompt", "answer to next prompt painted (real view, real vault)",
           unit="ms", median=statistics.median(view_times) * 1000, p99=view_p99,
           baseline=statistics.median(base_times) * 1000, baseline_p99=base_p99,
           baseline_name="the same save + a label repainted",
           target=f"p99 <= {TARGET_P99_MS:.0f} ms",
           met=view_p99 <= TARGET_P99_MS)
    return 0 if view_p99 <= TARGET_P99_MS else 1


if __name__ == "__main__":
    sys.exit(main())
