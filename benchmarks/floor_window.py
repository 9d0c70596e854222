"""The floor for start-up and memory: a bare PySide6 window holding a QTextBrowser, which
quits on its first paint (as `serge-reader --quit-when-ready` does).

    QT_QPA_PLATFORM=offscreen python benchmarks/floor_window.py [--probe]

With --probe it prints, as `app_probe.py` does, one JSON line with the time of the first
paint (epoch seconds) and the resident memory (kB) then.
"""

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    """Quits on the first paint of the window it watches, reporting it if asked."""

    def __init__(self, report: bool) -> None:
        super().__init__()
        self.report = report

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.report:
                print(json.dumps({"first_paint": time.time(), "rss_kb": rss_kb()}), flush=True)
                self.report = False
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTextBrowser())
    window.resize(1280, 800)
    first_paint = FirstPaint("--probe" in sys.argv)
    window.installEventFilter(first_paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
