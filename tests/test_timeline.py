"""The novels' settings on the timeline: what the core gives, where it is drawn, and the
real view (hover and click), without giving away a part of a novel the reader has not reached."""

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QTextBrowser, QToolTip

from serge_reader import i18n, progress, timeline
from serge_reader.content import NOVELS
from serge_reader.spoilers import NOTHING_READ, SHOW_ALL, Place
from serge_reader.ui.timeline_view import TimelineView, hit, layout
from tests.qt_helpers import find


def by_novel(settings):
    found: dict[str, list[timeline.Setting]] = {}
    for s in settings:
        found.setdefault(s.slug, []).append(s)
    return found


def test_each_novel_is_set_in_its_years_and_places(lib):
    novels = by_novel(timeline.settings(lib, NOTHING_READ))
    assert set(novels) == set(NOVELS)
    (prison,) = novels["men-in-prison"]
    assert (prison.start, prison.end, prison.open_end) == (1912.0, 1918.0, False)
    assert prison.when == "1912 – 1917"
    assert prison.places == ("Paris (La Santé)", "Melun")
    (city,) = novels["conquered-city"]
    assert (city.title, city.when, city.places) == ("Conquered City", "1919 – 1920", ("Petrograd",))
    (last,) = novels["last-times"]  # no source gives its end: it runs to the year's end, open
    assert (last.start, last.end, last.open_end) == (1940 + 5 / 12, 1941.0, True)
    assert last.when == "from June 1940"
    starts = [s.start for s in timeline.settings(lib, NOTHING_READ)]
    assert starts == sorted(starts)


@pytest.mark.parametrize(
    ("place", "places"),
    [
        (NOTHING_READ, ["Paris"]),
        (Place({"unforgiving-years": 2}), ["Paris", "Leningrad"]),
        (Place({"unforgiving-years": 3}), ["Paris", "Leningrad", "Berlin"]),
        (SHOW_ALL, ["Paris", "Leningrad", "Berlin", "Mexico"]),
    ],
)
def test_later_parts_of_a_novel_wait_for_the_readers_chapter(lib, place, places):
    """Unforgiving Years holds its later parts' places in spoiler blocks; so does the
    timeline, part by part, until the reader reaches each one's chapter."""
    parts = by_novel(timeline.settings(lib, place))["unforgiving-years"]
    assert [p for s in parts for p in s.places] == places
    if "Leningrad" in places:
        siege = parts[1]
        assert (siege.when, siege.start, siege.end) == (
            "September 1941 – January 1944",
            1941 + 8 / 12,
            1944 + 1 / 12,
        )


def test_the_french_window_names_the_novels_by_their_french_titles(lib):
    i18n.use_original_titles(True)
    try:
        titles = {s.slug: s.title for s in timeline.settings(lib, NOTHING_READ)}
    finally:
        i18n.use_original_titles(False)
    assert titles["men-in-prison"] == "Les Hommes dans la prison"
    assert titles["midnight-in-the-century"] == "S'il est minuit dans le siècle"


def test_settings_have_a_row_of_their_own_and_no_label_runs_into_another(lib):
    spans, marks = timeline.periods(lib), timeline.works(lib)
    settings = timeline.settings(lib, SHOW_ALL)
    for width in (400.0, 700.0, 1000.0, 1800.0):
        placed = layout(spans, marks, width, lambda t: 7.5 * len(t), 20.0, settings, "Settings")
        bands = [p for p in placed if p.kind == "setting"]
        assert len(bands) == len(settings)
        periods_end = max(p.rect.bottom() for p in placed if p.kind == "period")
        dots_top = min(p.rect.top() for p in placed if p.kind == "work")
        assert all(periods_end < b.rect.top() and b.rect.bottom() < dots_top for b in bands)
        # each novel's title is written once, whole, inside the widget
        named = [b for b in bands if not b.label.isEmpty()]
        assert sorted(b.slug for b in named) == sorted(NOVELS)
        for b in named:
            assert b.label.width() == pytest.approx(7.5 * len(b.title))
            assert b.label.left() >= 0 and b.label.right() <= width
        labels = [p.label for p in placed if not p.label.isEmpty()]
        for a, b in itertools.combinations(labels, 2):
            assert not a.intersects(b), (width, a, b)
        # a novel's parts share its row; the bands of one row never overlap
        for slug, parts in itertools.groupby(sorted(bands, key=lambda b: b.slug), lambda b: b.slug):
            assert len({b.rect.top() for b in parts}) == 1, slug
        for a, b in itertools.combinations(bands, 2):
            if a.slug != b.slug:
                assert not a.rect.intersects(b.rect), (width, a.slug, b.slug)
        caption = next(p for p in placed if p.kind == "caption")
        assert hit(placed, caption.label.center()) is None


def test_hovering_a_setting_tells_its_years_and_places_and_a_click_opens_the_novel(
    open_window, qtbot
):
    window = open_window()
    window.tabs.setCurrentIndex(1)
    view = find(window, TimelineView, "timeline")
    view.resize(1200, 400)
    view.refresh()
    band = next(p for p in view.placed if p.kind == "setting" and p.slug == "conquered-city")
    centre = band.rect.center().toPoint()
    move = QMouseEvent(
        QMouseEvent.Type.MouseMove,
        band.rect.center(),
        view.mapToGlobal(band.rect.center()),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(view, move)
    assert QToolTip.text() == "Conquered City\n1919 – 1920\nPetrograd"
    assert view.cursor().shape() == Qt.CursorShape.PointingHandCursor
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=centre)
    assert window.tabs.currentIndex() == 0
    assert find(window, QTextBrowser, "contextPanel").documentTitle() == "Conquered City"


def test_reaching_a_chapter_shows_the_next_part_on_the_timeline(lib, qtbot):
    view = TimelineView(lib)
    qtbot.addWidget(view)
    view.resize(1000, 400)

    def places():
        return [
            p.detail.splitlines()[-1]
            for p in view.placed
            if p.kind == "setting" and p.slug == "unforgiving-years"
        ]

    assert places() == ["Paris"]
    progress.set_progress(lib, "unforgiving-years", status="reading", chapter=2)
    view.refresh()
    assert places() == ["Paris", "Leningrad"]
