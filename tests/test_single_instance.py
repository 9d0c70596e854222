"""One window per data folder: a second launch brings the first forward and exits."""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QDir, Qt

from serge_reader.opening import open_library
from serge_reader.ui import app
from serge_reader.ui.single_instance import SingleInstance, server_name

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def instances():
    made = []

    def make(data_dir):
        instance = SingleInstance(data_dir)
        made.append(instance)
        return instance

    yield make
    for instance in made:
        instance.release()


def test_a_second_claim_on_the_same_folder_brings_the_first_forward(qtbot, instances, tmp_path):
    first = instances(tmp_path / "data")
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not instances(tmp_path / "data").claim()


def test_different_data_folders_do_not_meet(qtbot, instances, tmp_path):
    first = instances(tmp_path / "one")
    assert first.claim()
    with qtbot.assertNotEmitted(first.activated, wait=100):
        assert instances(tmp_path / "two").claim()


@pytest.mark.skipif(sys.platform == "win32", reason="named pipes leave nothing behind")
def test_a_socket_left_by_a_crashed_instance_does_not_block_the_start(qtbot, instances, tmp_path):
    path = os.path.join(QDir.tempPath(), server_name(tmp_path / "data"))
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # bound, never listening: what a killed process leaves
    stale.close()
    assert os.path.exists(path)
    first = instances(tmp_path / "data")
    assert first.claim()
    assert first.server.fullServerName() == path  # it took that very name over
    with qtbot.waitSignal(first.activated, timeout=5000):
        assert not instances(tmp_path / "data").claim()


def test_a_second_launch_exits_at_once_and_the_first_window_comes_forward(
    qtbot, instances, tmp_path
):
    data_dir = tmp_path / "data"
    first = instances(data_dir)
    assert first.claim()
    with qtbot.waitSignal(first.activated, timeout=30000):
        second = subprocess.Popen(
            [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
    _, stderr = second.communicate(timeout=30)
    assert second.returncode == 0, stderr
    assert not (data_dir / "library.db").exists()  # it never opened the library


def test_the_window_comes_forward_when_asked(qtbot, data_dir):
    opened = open_library(data_dir)
    lib = opened.library
    window = app.open_window(opened, data_dir)
    qtbot.addWidget(window)
    try:
        window.showMinimized()
        qtbot.waitUntil(window.isMinimized)
        app.bring_forward(window)
        assert not window.isMinimized()
        assert window.isVisible()
        assert not window.windowState() & Qt.WindowState.WindowMinimized
    finally:
        window.close()
        lib.close()


# -- issue 19: the one-window rule is kept by a lock beside the library ----------------------


def _launch(data_dir, env=None, *extra):
    return subprocess.Popen(
        [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir), *extra],
        cwd=ROOT,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_another_tmpdir_or_home_still_brings_the_first_window_forward(qtbot, instances, tmp_path):
    data_dir = tmp_path / "data"
    first = instances(data_dir)
    assert first.claim()
    elsewhere = {**os.environ, "TMPDIR": str(tmp_path / "tmp2"), "HOME": str(tmp_path / "home2")}
    for folder in ("tmp2", "home2"):
        (tmp_path / folder).mkdir()
    with qtbot.waitSignal(first.activated, timeout=30000):
        second = _launch(data_dir, elsewhere, "--quit-when-ready")
    _, stderr = second.communicate(timeout=30)
    assert second.returncode == 0, stderr
    assert not (data_dir / "library.db").exists()  # it never opened the library


def test_a_window_that_does_not_answer_is_named_in_one_line(tmp_path):
    from serge_reader.locks import WindowLock

    data_dir = tmp_path / "data"
    holder = WindowLock(data_dir / "library.db")  # a window that holds the library, mute
    assert holder.acquire()
    try:
        second = _launch(data_dir, None, "--quit-when-ready")
        _, stderr = second.communicate(timeout=60)
    finally:
        holder.release()
    assert second.returncode == 1, stderr
    assert "Traceback" not in stderr
    (line,) = stderr.strip().splitlines()[-1:]
    assert "open in another Serge Reader" in line
    assert not (data_dir / "library.db").exists()


def test_a_lock_left_by_a_killed_window_holds_nothing(qtbot, instances, tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "library.db-window").write_text("/nowhere/serge-reader-dead")
    first = instances(data_dir)
    assert first.claim()
    assert (data_dir / "library.db-window").read_text() == first.server.fullServerName()
    first.release()
    again = instances(data_dir)
    assert again.claim()  # released at the window's end: the next window opens


def test_a_launch_while_the_first_window_is_still_starting_brings_it_forward(
    qtbot, instances, tmp_path
):
    data_dir = tmp_path / "data"
    first = instances(data_dir)
    assert first.claim(listen=False)  # the lock is held; the window answers from its first paint
    second = _launch(data_dir, None, "--quit-when-ready")
    qtbot.wait(500)  # the second launch finds the lock held and no address yet: it waits
    with qtbot.waitSignal(first.activated, timeout=30000):
        first.listen()
    _, stderr = second.communicate(timeout=30)
    assert second.returncode == 0, stderr
    assert not (data_dir / "library.db").exists()  # it never opened the library
