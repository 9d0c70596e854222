"""The floor for start-up and memory: a bare PySide6 window holding a QTextBrowser, which
quits on its first paint (as `serge-reader --quit-when-ready` does).

    QT_QPA_PLATFORM=offscreen python benchmarks/floor_window.py [--rss]

With --rss it prints the resident memory (kB) at the first paint.
"""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QTextBrowser


def rss_kb() -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class FirstPaint(QObject):
    """Quits on the first paint of the window it watches, printing the memory if asked."""

    def __init__(self, print_rss: bool) -> None:
        super().__init__()
        self.print_rss = print_rss

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            if self.print_rss:
                print(rss_kb(), flush=True)
                self.print_rss = False
            QTimer.singleShot(0, QApplication.quit)
        return False


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setCentralWidget(QTextBrowser())
    window.resize(1280, 800)
    first_paint = FirstPaint("--rss" in sys.argv)
    window.installEventFilter(first_paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
