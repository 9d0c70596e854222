"""The window at every size, as a reader sees it: columns that become tabs, a first window
that fits the screen, a reading measure, pictures whose labels never collide, and the small
things of issue 15 (undo from anywhere, compact mode both ways, a full bar when finished,
visible field edges in the dark theme, the keys in the shortcut list)."""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetricsF, QImage
from PySide6.QtWidgets import QApplication, QWidget

from serge_reader import progress, timeline
from serge_reader.ui import theme
from serge_reader.ui.main_window import MEDIUM, NARROW, WIDE, first_geometry
from serge_reader.ui.reading_list import SLUG_ROLE, ReadingListModel
from serge_reader.ui.shortcuts_help import shortcut_rows
from serge_reader.ui.statistics_view import BarChart, shown_labels
from serge_reader.ui.timeline_view import layout

ROOT = Path(__file__).resolve().parent.parent


def _sized(window, width, height):
    window.resize(width, height)
    QApplication.processEvents()
    return window


def test_the_first_window_fits_a_small_screen():
    for screen in (QRect(0, 0, 1024, 740), QRect(0, 0, 800, 572), QRect(1920, 0, 2560, 1400)):
        placed = first_geometry(screen)
        assert screen.contains(placed), (screen, placed)
    assert first_geometry(QRect(0, 0, 2560, 1400)).size().toTuple() == (1280, 800)


def test_a_new_window_opens_inside_the_screen(qtbot, data_dir, lib):
    from serge_reader.ui.app import settings_for
    from serge_reader.ui.main_window import MainWindow

    window = MainWindow(lib, settings_for(data_dir))  # no saved place: the first start
    qtbot.addWidget(window)
    assert window.screen().availableGeometry().contains(window.geometry())


@pytest.mark.parametrize(
    ("size", "arrangement"),
    [((800, 600), MEDIUM), ((620, 600), NARROW), ((1920, 1080), WIDE), ((2560, 1440), WIDE)],
)
def test_the_entry_column_keeps_a_readable_width_at_every_size(open_window, size, arrangement):
    window = _sized(open_window(), *size)
    assert window.arrangement == arrangement
    reading = QFontMetricsF(window.panel.font()).averageCharWidth()
    assert window.panel.width() >= 40 * reading  # never the 110 px of issue 15
    assert window.minimumSizeHint().width() <= 800 and window.minimumSizeHint().height() <= 600
    books_in_tab = window.tabs.indexOf(window.reading) >= 0
    notes_in_tab = window.tabs.indexOf(window.notes_slot) >= 0
    assert (books_in_tab, notes_in_tab) == {
        WIDE: (False, False),
        MEDIUM: (True, False),
        NARROW: (True, True),
    }[arrangement]
    window.reveal(window.reading)
    assert window.reading.isVisible()


def test_back_to_a_wide_window_the_three_columns_return(open_window, qtbot):
    window = _sized(open_window(), 800, 600)
    _sized(window, 1600, 900)
    assert [window.splitter.widget(i) for i in range(window.splitter.count())] == [
        window.reading,
        window.tabs,
        window.notes_slot,
    ]
    assert window.reading.isVisible() and window.notes.isVisible()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == [
        "Entry",
        "Timeline",
        "Statistics",
    ]


def _line_lengths(browser):
    document = browser.document()
    lengths = []
    block = document.begin()
    while block.isValid():
        lay = block.layout()
        lengths += [lay.lineAt(i).textLength() for i in range(lay.lineCount())]
        block = block.next()
    return lengths


def test_the_entry_is_set_at_a_reading_measure(open_window):
    window = _sized(open_window(), 2400, 1200)
    window.open_entry("midnight-in-the-century")
    QApplication.processEvents()
    longest = max(_line_lengths(window.panel))
    assert 55 <= longest <= 80  # a book's line, not the whole width of a wide screen
    assert window.panel.horizontalScrollBar().maximum() == 0


def test_a_work_chosen_in_the_look_up_is_selected_in_the_reading_list(open_window, qtbot):
    window = open_window()
    window.lookup.setFocus()
    qtbot.keyClicks(window.lookup, "Conquered City")
    qtbot.keyClick(window.lookup, Qt.Key.Key_Return)
    assert window.panel.current == "conquered-city"
    table = window.reading.table
    assert table.currentIndex().data(SLUG_ROLE) == "conquered-city"
    selected = table.selectionModel().selectedRows()
    assert [index.data(SLUG_ROLE) for index in selected] == ["conquered-city"]
    assert table.viewport().rect().intersects(table.visualRect(table.currentIndex()))


def test_undo_in_the_edit_menu_works_from_any_panel(open_window, qtbot):
    window = open_window()
    model = window.reading.model
    model.change(model.row_of("conquered-city"), page=30)
    model.change(model.row_of("conquered-city"), page=80)
    assert window.undo_action in window.menus["edit"].actions()
    window.panel.setFocus()
    window.undo_action.trigger()
    assert progress.get_progress(window.lib, "conquered-city").page == 30
    window.notes.search.setFocus()  # a text field: its own typing is undone, not the page
    qtbot.keyClicks(window.notes.search, "abc")
    window.undo_action.trigger()
    assert window.notes.search.text() == ""
    assert progress.get_progress(window.lib, "conquered-city").page == 30


def test_p_from_anywhere_opens_the_page_box_of_the_work_being_read(open_window, qtbot):
    window = open_window()
    progress.set_progress(window.lib, "conquered-city", pages=240, page=12)
    _sized(window, 800, 600)  # the reading list is a tab: it comes forward
    window.panel.setFocus()
    window.page_action.trigger()
    assert window.tabs.currentWidget() is window.reading
    editor = window.reading.findChild(QWidget, "pageEditor")
    assert editor is not None and editor.isVisible()


def test_ctrl_shift_m_toggles_compact_mode_both_ways(open_window, qtbot):
    window = open_window()
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    compact = window.compact
    assert compact is not None and compact.isVisible() and not window.isVisible()
    compact.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is compact)
    qtbot.keyClick(
        compact.panel,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.isVisible() and not compact.isVisible()


def test_a_finished_book_shows_a_full_bar(lib):
    from serge_reader.ui.events import LibraryEvents

    progress.set_progress(lib, "conquered-city", pages=240, page=200)
    progress.set_progress(lib, "conquered-city", status="finished")
    model = ReadingListModel(lib, LibraryEvents(lib))
    index = model.index(model.row_of("conquered-city"), ReadingListModel.PROGRESS)
    assert index.data() == "100%"


def test_the_shortcut_list_has_the_page_keys_and_undo(open_window):
    rows = dict(shortcut_rows(open_window().menuBar().actions()))
    assert rows["Undo"] == "Ctrl+Z"
    assert rows["Set the page of the work being read"] == "P, F2"


def test_text_fields_have_visible_edges_in_the_dark_theme(open_window, qtbot):
    window = open_window()
    app = QApplication.instance()
    window.settings.setValue("theme", theme.DARK)
    try:
        window.apply_preferences()
        window.lookup.setFocus()
        field = window.notes.search  # not focused: its edge is the plain one
        QApplication.processEvents()
        image = field.grab().toImage()
        back = app.palette().window().color()
        edge = max(
            theme.contrast_ratio(image.pixelColor(x, image.height() // 2), back) for x in range(3)
        )
        assert edge >= 3.0  # WCAG's level for the edge of a control
        assert app.style().name().lower() == "fusion"
    finally:
        window.settings.setValue("theme", theme.SYSTEM)
        window.apply_preferences()


def test_timeline_labels_are_whole_and_never_overlap(lib):
    spans, marks = timeline.periods(lib), timeline.works(lib)
    for width in (400.0, 700.0, 1000.0, 1800.0):
        placed = layout(spans, marks, width, lambda text: 7.5 * len(text), 20.0)
        labels = [p.label for p in placed]
        assert {p.slug for p in placed} >= {s.slug for s in spans} | {m.slug for m in marks}
        for p in placed:
            assert p.label.width() == pytest.approx(7.5 * len(p.title))  # never elided
            assert p.label.left() >= 0 and p.label.right() <= width, (width, p.title)
        for a, b in itertools.combinations(labels, 2):
            assert not a.intersects(b), (width, a, b)


def test_chart_labels_are_thinned_out_rather_than_run_together():
    labels = [f"{day} Sep" for day in range(1, 13)]
    wide = shown_labels(labels, 80.0, lambda text: 7.0 * len(text))
    assert wide == list(range(12))
    narrow = shown_labels(labels, 30.0, lambda text: 7.0 * len(text))
    assert 11 in narrow and len(narrow) < 12
    gaps = {b - a for a, b in itertools.pairwise(narrow)}
    assert len(gaps) == 1 and gaps.pop() * 30.0 >= 7.0 * 6 + 8


def test_empty_charts_say_what_will_appear_and_how_to_start(lib, qtbot):
    from serge_reader.ui.statistics_view import StatisticsView

    view = StatisticsView(lib)
    qtbot.addWidget(view)
    for chart in view.findChildren(BarChart):
        assert not chart.has_values()
        assert "will appear here" in chart.empty and len(chart.empty) > 60


def test_every_screenshot_shows_its_view_and_differs_from_the_others(tmp_path):
    made = subprocess.run(
        [sys.executable, str(ROOT / "docs" / "screenshots" / "make.py"), "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"},
    )
    assert made.returncode == 0, made.stderr
    shown = json.loads((tmp_path / "shots.json").read_text())
    assert {name: shot["view"] for name, shot in shown.items()} == {
        "main-window": "contextPanel",
        "look-up": "lookupResults",
        "statistics": "statisticsView",
        "timeline": "timeline",
        "compact": "compactPanel",
        "small-window": "contextPanel",
        "small-window-books": "readingListPanel",
        "small-window-timeline": "timeline",
        "main-window-fr": "contextPanel",
    }
    assert (shown["small-window"]["width"], shown["small-window"]["height"]) == (800, 600)
    pictures = {name: QImage(str(tmp_path / f"{name}.png")) for name in shown}
    for (a, image_a), (b, image_b) in itertools.combinations(pictures.items(), 2):
        assert image_a != image_b, f"{a}.png and {b}.png are the same picture"
    readme = (ROOT / "README.md").read_text()
    for name in shown:
        assert f"docs/screenshots/{name}.png" in readme, name
