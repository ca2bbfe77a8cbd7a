"""Launch to unlock window shown, as a ratio to a bare PySide6 window shown in the same run.

Each launch is a fresh interpreter (imports, fonts and scripts are part of what a person waits
for); the child prints a line once its window is exposed and the parent times that line.
Target: ratio <= 1.5 (issue 5).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from report import figure

ROUNDS = 7
TARGET = 1.5
ROOT = Path(__file__).resolve().parent.parent

BARE = """
from PySide6.QtWidgets import QApplication, QWidget
from PySide6.QtTest import QTest
app = QApplication([])
window = QWidget()
window.resize(1100, 760)
window.show()
QTest.qWaitForWindowExposed(window)
print("shown", flush=True)
"""

APP = """
import os
os.umask(0o077)
from pathlib import Path
from PySide6.QtWidgets import QApplication
from PySide6.QtTest import QTest
from interview_app.app import build_window, configure_logging, default_config, settings_path
from interview_app.app import set_up_application
from interview_app.ui.settings import Settings
configure_logging()
app = QApplication([])
settings = Settings(settings_path())
set_up_application(app, settings)
window = build_window(app, default_config(settings))
window.show()
QTest.qWaitForWindowExposed(window)
assert window.pages.currentWidget() is window.start.unlock_view
print("shown", flush=True)
"""


def launch(code: str, env: dict[str, str]) -> float:
    start = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                             stderr=subprocess.DEVNULL, env=env, cwd=ROOT, text=True)
    assert child.stdout is not None
    line = child.stdout.readline()
    took = time.perf_counter() - start
    child.wait()
    if line.strip() != "shown" or child.returncode != 0:
        raise RuntimeError("the window was not shown")
    return took


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as home:
        env = {**os.environ, "HOME": home, "XDG_DATA_HOME": f"{home}/data",
               "XDG_CONFIG_HOME": f"{home}/config",
               "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
        launch(BARE, env)  # warm the file cache for both
        launch(APP, env)
        bare, shell = [], []
        for _ in range(ROUNDS):  # interleaved, so a busy moment hits both alike
            bare.append(launch(BARE, env))
            shell.append(launch(APP, env))
    bare_ms, shell_ms = statistics.median(bare) * 1000, statistics.median(shell) * 1000
    ratio = shell_ms / bare_ms
    print(f"bare PySide6 window shown    {bare_ms:7.1f} ms (median of {ROUNDS})")
    print(f"unlock window shown          {shell_ms:7.1f} ms (median of {ROUNDS})")
    print(f"ratio                        {ratio:7.2f}  (target <= {TARGET})")
    figure("launch_to_unlock", "launch to unlock window shown", unit="ms", median=shell_ms,
           baseline=bare_ms, baseline_name="bare PySide6 window shown", target=f"ratio <= {TARGET}",
           met=ratio <= TARGET)
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
