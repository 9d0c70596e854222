"""The installed program in a real X window (Xvfb), as a reader's desktop starts it.

Needs Debian's xvfb, x11-utils, xdotool, imagemagick and tesseract-ocr (.ci/run installs them)
and the `serge-reader` command installed (`pip install .`); skips, saying which is missing,
otherwise. The screenshot is read back with OCR, so the test sees what a reader sees.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

TITLE = "Serge Reader"
WAIT = 60  # seconds: a limit for a hung program, not a pause


def _need(tool, how):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed ({how})")


@pytest.fixture
def display():
    """A fresh Xvfb server; its number is read from -displayfd once it accepts clients."""
    _need("Xvfb", "apt-get install xvfb; .ci/run does")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()
    if not number:
        server.wait(timeout=WAIT)
        pytest.fail(f"Xvfb did not start (exit {server.returncode})")
    yield f":{number}"
    server.terminate()
    server.wait(timeout=WAIT)


@pytest.fixture
def desktop_env(display, tmp_path):
    _need("serge-reader", "pip install .")
    return {
        **os.environ,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "SERGE_READER_DATA_DIR": str(tmp_path / "data"),
    }


@pytest.fixture
def app_window(desktop_env, tmp_path):
    """Start `serge-reader`; yields (process, X window id) once its window is on screen."""
    _need("xdotool", "apt-get install xdotool; .ci/run does")
    errors = tmp_path / "stderr.txt"
    with errors.open("w") as stderr:
        app = subprocess.Popen(
            ["serge-reader"], env=desktop_env, stdout=subprocess.DEVNULL, stderr=stderr
        )
    try:
        found = subprocess.run(
            ["xdotool", "search", "--sync", "--onlyvisible", "--name", f"^{TITLE}$"],
            env=desktop_env,
            capture_output=True,
            text=True,
            timeout=WAIT,
        )
        assert found.returncode == 0, errors.read_text()
        yield app, found.stdout.split()[0]
    finally:
        if app.poll() is None:
            app.kill()
        app.wait(timeout=WAIT)


def _x(env, *command):
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=WAIT)


def _screenshot(env, window, path: Path) -> QImage:
    """The window as drawn: taken again until it is no longer blank (its first paint)."""
    _need("import", "apt-get install imagemagick; .ci/run does")
    for _attempt in range(100):
        shot = _x(env, "import", "-window", window, str(path))
        assert shot.returncode == 0, shot.stderr
        image = QImage(str(path))
        if _colours(image) > 20:
            return image
    raise AssertionError(f"the window stayed blank: {path}")


def _colours(image: QImage) -> int:
    step = 7
    return len(
        {
            image.pixel(x, y)
            for x in range(0, image.width(), step)
            for y in range(0, image.height(), step)
        }
    )


def test_the_window_opens_with_its_title_class_and_icon(app_window, desktop_env):
    _need("xprop", "apt-get install x11-utils; .ci/run does")
    _app, window = app_window
    assert _x(desktop_env, "xdotool", "getwindowname", window).stdout.strip() == TITLE
    props = _x(desktop_env, "xprop", "-id", window, "WM_CLASS", "_NET_WM_ICON").stdout
    # The desktop file's StartupWMClass lets docks and task bars match the window to it.
    assert 'WM_CLASS(STRING) = "serge-reader"' in props
    assert "_NET_WM_ICON(CARDINAL)" in props, "the window has no icon"


def test_the_reading_list_and_the_context_panel_show(app_window, desktop_env, tmp_path):
    _need("tesseract", "apt-get install tesseract-ocr; .ci/run does")
    _app, window = app_window
    image = _screenshot(desktop_env, window, tmp_path / "window.png")
    assert image.width() >= 800 and image.height() >= 500
    # --psm 11: sparse text, read wherever it is, not as columns of one page
    text = _x(desktop_env, "tesseract", str(tmp_path / "window.png"), "-", "--psm", "11").stdout
    works = json.loads(_x(desktop_env, "serge-reader", "works", "--json").stdout)
    titles_seen = [w["title"] for w in works if w["title"] in text]
    # The list is sorted by year and shows its first twenty or so rows; long titles are elided.
    assert len(titles_seen) >= 8, (titles_seen, text)
    assert TITLE in text  # the context panel's home page heading (no title bar: no window manager)


def test_ctrl_q_quits_and_keeps_the_window_layout(app_window, desktop_env, tmp_path):
    app, window = app_window
    keys = _x(desktop_env, "xdotool", "windowfocus", "--sync", window, "key", "ctrl+q")
    assert keys.returncode == 0, keys.stderr
    assert app.wait(timeout=WAIT) == 0
    settings = (tmp_path / "data" / "settings.ini").read_text()
    assert "geometry=" in settings


def test_quit_when_ready_under_xcb(desktop_env):
    ready = subprocess.run(
        ["serge-reader", "--quit-when-ready"],
        env=desktop_env,
        capture_output=True,
        text=True,
        timeout=WAIT,
    )
    assert ready.returncode == 0, ready.stderr


def _xvfb(width, height):
    """An Xvfb server of one screen size; returns (process, display)."""
    _need("Xvfb", "apt-get install xvfb; .ci/run does")
    read_end, write_end = os.pipe()
    server = subprocess.Popen(
        [
            "Xvfb",
            "-displayfd",
            str(write_end),
            "-screen",
            "0",
            f"{width}x{height}x24",
            "-nolisten",
            "tcp",
        ],
        pass_fds=(write_end,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_end)
    with os.fdopen(read_end) as ready:
        number = ready.readline().strip()
    assert number, "Xvfb did not start"
    return server, f":{number}"


@pytest.mark.parametrize("screen", [(800, 600), (1920, 1080)])
def test_a_readers_journey_at_every_screen_size_cuts_nothing_off(screen, tmp_path):
    """start → track → look up → note → search → export, in a real window on an X server of
    that size (tests/real_window_journey.py walks it and checks every step)."""
    server, display = _xvfb(*screen)
    try:
        walked = subprocess.run(
            [
                sys.executable,
                str(Path(__file__).with_name("real_window_journey.py")),
                str(tmp_path / "data"),
                str(tmp_path / "notes.json"),
            ],
            env={**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"},
            capture_output=True,
            text=True,
            timeout=WAIT * 2,
            cwd=Path(__file__).resolve().parent.parent,
        )
    finally:
        server.terminate()
        server.wait(timeout=WAIT)
    assert walked.returncode == 0, walked.stderr
    report = json.loads(walked.stdout.strip().splitlines()[-1])
    assert [s["step"] for s in report["steps"]] == [
        "start",
        "track",
        "look up",
        "note",
        "search",
        "export",
    ]
    assert report["problems"] == []
    small = screen[0] < 1000
    assert {s["arrangement"] for s in report["steps"]} == {"medium" if small else "wide"}
