"""A second floor for start-up: a window with the kinds of widgets Serge Reader's first
screen shows, and none of its code: five menus of four actions, a toolbar holding a line
edit, a sortable table of 30 rows, a text browser holding a page, a status bar. It quits at
its first paint, printing the time as `floor_window.py --probe` does, and the processor time
spent until then (as `app_probe.py` does).

    QT_QPA_PLATFORM=offscreen python benchmarks/floor_same_widgets.py
"""

import json
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QSplitter,
    QTableView,
    QTextBrowser,
    QToolBar,
    QWidget,
)


class FirstPaint(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            seen = {"first_paint": time.time(), "cpu": time.process_time()}
            print(json.dumps(seen), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return False


def build() -> QMainWindow:
    window = QMainWindow()
    for title in ("&File", "&Edit", "&Go", "&View", "&Help"):
        menu = window.menuBar().addMenu(title)
        for i in range(4):
            action = QAction(f"Action {i}", window)
            action.setShortcut(f"Ctrl+{i}")
            menu.addAction(action)
    bar = QToolBar("Main")
    window.addToolBar(bar)
    bar.addWidget(QLineEdit())
    model = QStandardItemModel(30, 4)
    for row in range(30):
        for column in range(4):
            model.setItem(row, column, QStandardItem(f"Work {row}, column {column}"))
    table = QTableView()
    table.setModel(model)
    table.setSortingEnabled(True)
    table.horizontalHeader().setStretchLastSection(True)
    browser = QTextBrowser()
    browser.setHtml("<h1>Home</h1>" + "<p>Some <a href='x'>linked</a> text.</p>" * 40)
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for widget in (table, browser, QWidget()):
        splitter.addWidget(widget)
    window.setCentralWidget(splitter)
    window.statusBar()
    window.resize(1280, 800)
    return window


def main() -> int:
    app = QApplication(sys.argv)
    window = build()
    first_paint = FirstPaint()
    window.installEventFilter(first_paint)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
