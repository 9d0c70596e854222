"""Reading progress: statuses, pages and percentages, sessions, undo, re-reads, figures."""

import time
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from serge_reader import clock, progress, reading_stats, timeline
from serge_reader.errors import UserError


def test_moving_on_starts_a_work_and_the_last_page_finishes_it(lib):
    row = progress.set_progress(lib, "conquered-city", pages=240, page=10)
    assert (row.status, row.page, row.percent) == ("reading", 10, 4.2)
    assert row.started and not row.finished
    row = progress.set_progress(lib, "conquered-city", page=240)
    assert row.status == "finished" and row.finished


def test_the_page_count_defaults_to_the_listed_edition_and_can_be_changed(lib):
    assert progress.get_progress(lib, "midnight-in-the-century").pages == 199
    assert progress.set_progress(lib, "midnight-in-the-century", pages=256).pages == 256


def test_a_percentage_becomes_a_page_of_the_readers_edition(lib):
    row = progress.set_progress(lib, "midnight-in-the-century", percent=50)
    assert row.page == 100 and row.percent == pytest.approx(50.3)
    with pytest.raises(UserError, match="page count"):
        progress.set_progress(lib, "kronstadt-21", percent=10)  # no listed page count


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"page": 500}, "beyond the last page"),
        ({"page": -1}, "whole number"),
        ({"page": "12"}, "whole number"),
        ({"pages": 0}, "above 0"),
        ({"percent": 101}, "between 0 and 100"),
        ({"status": "devoured"}, "status must be"),
        ({"page": 3, "percent": 5}, "not both"),
    ],
)
def test_bad_values_change_nothing(lib, kwargs, message):
    progress.set_progress(lib, "midnight-in-the-century", page=20)
    with pytest.raises(UserError, match=message):
        progress.set_progress(lib, "midnight-in-the-century", **kwargs)
    assert progress.get_progress(lib, "midnight-in-the-century").page == 20
    assert len(progress.sessions(lib)) == 1


def test_unknown_and_lost_works_cannot_be_tracked(lib):
    with pytest.raises(UserError, match="no work"):
        progress.set_progress(lib, "no-such-book", page=1)
    with pytest.raises(UserError, match="cannot be tracked"):
        progress.set_progress(lib, "la-tourmente", page=1)


def test_every_change_is_a_session_and_undo_puts_it_back(lib):
    progress.set_progress(lib, "midnight-in-the-century", page=20)
    progress.set_progress(lib, "midnight-in-the-century", page=199)  # finished
    assert [(s["from_page"], s["to_page"]) for s in progress.sessions(lib)] == [(0, 20), (20, 199)]
    row = progress.undo_last(lib, "midnight-in-the-century")
    assert (row.status, row.page, row.finished) == ("reading", 20, None)
    row = progress.undo_last(lib, "midnight-in-the-century")
    assert row.status is None and row.page == 0
    with pytest.raises(UserError, match="nothing to undo"):
        progress.undo_last(lib, "midnight-in-the-century")


def test_rereading_keeps_the_earlier_read(lib):
    progress.set_progress(lib, "conquered-city", pages=240, page=240)
    row = progress.set_progress(lib, "conquered-city", status="reading")
    assert (row.status, row.page, row.finished) == ("reading", 0, None)
    earlier = progress.earlier_reads(lib, "conquered-city")
    assert len(earlier) == 1 and earlier[0]["status"] == "finished" and earlier[0]["finished"]
    progress.undo_last(lib, "conquered-city")
    assert progress.earlier_reads(lib, "conquered-city") == []
    assert progress.get_progress(lib, "conquered-city").status == "finished"


def _session(lib, work, day, from_page, to_page):
    lib.conn.execute(
        "INSERT INTO reading_sessions (work, at, from_page, to_page, before) VALUES (?, ?, ?, ?, '{}')",
        (work, f"{day.isoformat()}T12:00:00Z", from_page, to_page),
    )


def test_pages_per_week_streak_and_pace(lib):
    today = date(2026, 11, 22)  # a Sunday
    for back, (a, b) in enumerate([(40, 60), (30, 40), (20, 30), (0, 20)]):
        _session(lib, "conquered-city", today - timedelta(days=back), a, b)
    _session(lib, "conquered-city", today - timedelta(days=10), 0, 15)
    weeks = reading_stats.pages_per_week(lib, today, weeks=3)
    assert [w[0].weekday() for w in weeks] == [0, 0, 0]
    # 0 -> 15 ten days ago; then 0 -> 20 goes only 5 pages beyond page 15, and so on
    assert [w[1] for w in weeks] == [0, 15, 45]
    assert reading_stats.current_streak(lib, today) == 4
    assert reading_stats.current_streak(lib, today + timedelta(days=1)) == 4  # today not over yet
    assert reading_stats.current_streak(lib, today + timedelta(days=2)) == 0
    row = progress.set_progress(lib, "conquered-city", pages=240, page=60)
    expected = today + timedelta(days=-(-180 // (60 / 14)))  # 60 new pages in 14 days
    assert reading_stats.estimated_finish(lib, row, today) == expected


def test_a_correction_is_not_counted_as_pages_read(lib):
    today = date(2026, 11, 22)
    for page in (100, 50, 100):  # a wrong page, corrected
        progress.set_progress(lib, "conquered-city", pages=240, page=page)
    lib.conn.execute("UPDATE reading_sessions SET at = ?", (f"{today}T12:00:00Z",))
    assert reading_stats.pages_per_week(lib, today, weeks=1)[0][1] == 100


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo", "UTC"])
def test_days_are_the_readers_own(lib, monkeypatch, zone):
    """Read at 19:00 in California is read today there, though it is tomorrow in UTC."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        evening = datetime(2026, 11, 21, 19, 0, tzinfo=ZoneInfo(zone))
        stamp = evening.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        lib.conn.execute(
            "INSERT INTO reading_sessions (work, at, from_page, to_page, before)"
            " VALUES ('conquered-city', ?, 0, 30, '{}')",
            (stamp,),
        )
        assert reading_stats.current_streak(lib, date(2026, 11, 21)) == 1
        assert reading_stats.current_streak(lib, date(2026, 11, 23)) == 0
        assert clock.local_day(stamp) == date(2026, 11, 21)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()


def test_finished_per_year_counts_rereads(lib):
    progress.set_progress(lib, "conquered-city", pages=240, page=240)
    progress.set_progress(lib, "conquered-city", status="reading")
    progress.set_progress(lib, "conquered-city", page=240)
    year = date.today().year
    assert reading_stats.finished_per_year(lib) == [(year, 2)]


def test_timeline_places_periods_and_works_with_the_readers_status(lib):
    progress.set_progress(lib, "midnight-in-the-century", page=5)
    spans = timeline.periods(lib)
    assert spans[0].start <= 1890 + 11 / 12 and spans[-1].end >= 1947 + 10 / 12
    marks = {m.slug: m for m in timeline.works(lib)}
    assert marks["midnight-in-the-century"].status == "reading"
    assert marks["midnight-in-the-century"].year == 1939
    assert all(timeline.FIRST_YEAR <= m.year <= timeline.LAST_YEAR for m in marks.values())
    assert not marks["la-tourmente"].readable
