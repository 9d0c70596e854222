"""The reading list, timeline and statistics views, through their models and real widgets."""

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView, QTextBrowser

from serge_reader import progress, timeline
from serge_reader.ui.events import LibraryEvents
from serge_reader.ui.reading_list import ReadingListFilter, ReadingListModel
from serge_reader.ui.statistics_view import StatisticsView
from serge_reader.ui.timeline_view import TimelineView, hit, layout
from tests.qt_helpers import find, select_work


def _row(model, slug):
    return model.row_of(slug)


def _model(lib):
    return ReadingListModel(lib, LibraryEvents(lib))


def test_model_sets_a_page_and_refuses_a_bad_one(lib, qtbot):
    model = _model(lib)
    row = _row(model, "midnight-in-the-century")
    index = model.index(row, ReadingListModel.PROGRESS)
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(index, 100)
    assert model.data(index) == "50%"
    assert model.data(model.index(row, ReadingListModel.STATUS)) == "Reading"
    with qtbot.waitSignal(model.events.refused) as refused:
        assert not model.setData(index, 1000)
    assert "beyond the last page" in refused.args[1]
    assert progress.get_progress(lib, "midnight-in-the-century").page == 100


def test_lost_manuscripts_are_listed_but_not_editable(lib):
    model = _model(lib)
    row = _row(model, "la-tourmente")
    assert model.data(model.index(row, ReadingListModel.STATUS)) == "Confiscated"
    assert not model.flags(model.index(row, ReadingListModel.PROGRESS)) & Qt.ItemFlag.ItemIsEditable


def test_filter_by_status_genre_and_years(lib):
    progress.set_progress(lib, "conquered-city", page=3)
    model = _model(lib)
    proxy = ReadingListFilter()
    proxy.setSourceModel(model)
    proxy.set_filter(status="reading", genre=None, years=None)
    assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Conquered City"]
    proxy.set_filter(status=None, genre="novel", years=(1930, 1939))
    titles = {proxy.index(r, 0).data() for r in range(proxy.rowCount())}
    assert titles == {
        "Men in Prison",
        "Birth of Our Power",
        "Conquered City",
        "Midnight in the Century",
        "Les Hommes perdus",
        "La Tourmente",  # the confiscated novels are listed too
    }


def test_page_from_the_keyboard_and_undo(open_window, qtbot):
    window = open_window()
    select_work(window, "midnight-in-the-century")
    table = find(window, QTableView, "readingList")
    table.setFocus()
    qtbot.keyClick(table, Qt.Key.Key_P)
    editor = table.focusWidget()
    assert editor.objectName() == "pageEditor"
    editor.selectAll()
    qtbot.keyClicks(editor, "120")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop turn
    qtbot.waitUntil(
        lambda: progress.get_progress(window.lib, "midnight-in-the-century").page == 120
    )
    qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert progress.get_progress(window.lib, "midnight-in-the-century").page == 0


def test_timeline_layout_and_click_opens_the_entry(open_window, qtbot):
    window = open_window()
    progress.set_progress(window.lib, "midnight-in-the-century", page=5)
    placed = layout(timeline.periods(window.lib), timeline.works(window.lib), 1000)
    work = next(p for p in placed if p.slug == "midnight-in-the-century")
    period = next(p for p in placed if p.slug == "mexico")
    assert period.rect.right() > work.rect.right()  # 1941-47 lies after 1939
    assert hit(placed, work.rect.center()).slug == "midnight-in-the-century"
    window.tabs.setCurrentIndex(1)
    view = window.findChild(TimelineView, "timeline")
    view.resize(1000, 320)
    view.refresh()
    target = next(p for p in view.placed if p.slug == "mexico").rect.center().toPoint()
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=target)
    assert window.tabs.currentIndex() == 0
    assert find(window, QTextBrowser, "contextPanel").documentTitle() == "Last years in Mexico"


def test_statistics_view_shows_the_readers_figures(lib, qtbot):
    progress.set_progress(lib, "conquered-city", pages=240, page=60)
    view = StatisticsView(lib)
    qtbot.addWidget(view)
    text = view.summary.text()
    assert "Current streak: <b>1 day</b>" in text
    assert "Conquered City: page 60 of 240" in text
    assert view.weeks.bars[-1][1] == 60


def test_the_progress_bar_shows_on_the_selected_row_too(open_window, qtbot):
    """The selected row's background is the highlight, the colour a bar is filled with:
    there the bar is drawn in the highlighted text's colour, so that its progress shows."""
    from PySide6.QtGui import QPalette

    from serge_reader.changes import Change

    window = open_window()
    progress.set_progress(window.lib, "midnight-in-the-century", page=150)
    window.events.announce(Change(progress=frozenset({"midnight-in-the-century"})))
    select_work(window, "midnight-in-the-century")
    table = find(window, QTableView, "readingList")
    index = table.currentIndex().siblingAtColumn(ReadingListModel.PROGRESS)
    assert table.selectionModel().isSelected(index)
    cell = table.visualRect(index)
    image = table.viewport().grab(cell).toImage()
    inside_the_bar = image.pixelColor(6, cell.height() // 2)  # in its filled first part
    palette = table.palette()
    assert inside_the_bar == palette.color(QPalette.ColorRole.HighlightedText)
    assert inside_the_bar != palette.color(QPalette.ColorRole.Highlight)
