"""Finding and driving widgets the way a reader does."""

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTableView

from serge_reader.ui.reading_list import SLUG_ROLE


def find(window, cls, name):
    widget = window.findChild(cls, name)
    assert widget is not None, name
    return widget


def select_work(window, slug):
    table = find(window, QTableView, "readingList")
    model = table.model()
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        if index.data(SLUG_ROLE) == slug:
            table.scrollTo(index)
            QTest.mouseClick(
                table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(index).center()
            )
            return
    raise AssertionError(slug)
