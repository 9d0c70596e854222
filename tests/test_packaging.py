"""The packages a reader installs: the one-folder build, the desktop entry, the AppStream metadata."""

import configparser
import importlib.util
import json
import os
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from serge_reader import __version__
from serge_reader.ui.theme import ICON_SIZES

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.serge_reader.SergeReader"
DESKTOP = LINUX / f"{APP_ID}.desktop"
METAINFO = LINUX / f"{APP_ID}.metainfo.xml"
TOOLS = {"desktop-file-validate": "desktop-file-utils", "appstreamcli": "appstream"}  # Debian's


def _tool(name):
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: apt-get install {TOOLS[name]})")
    return path


def _desktop_entry():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_is_valid():
    result = subprocess.run(
        [_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # no warnings either


def test_the_metainfo_is_valid():
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_desktop_entry_starts_the_installed_command():
    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    entry = _desktop_entry()
    assert entry["Exec"].split()[0] in scripts
    assert entry["Icon"] == APP_ID


def test_the_metainfo_names_this_release_and_the_desktop_entry():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.find("launchable").text == DESKTOP.name
    newest = root.find("releases/release")
    assert newest.get("version") == __version__, "add a <release> for the new version"
    license_ = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["license"]
    assert root.findtext("project_license") == license_


def test_install_puts_the_entry_and_every_icon_where_desktops_look(tmp_path):
    done = subprocess.run(
        ["sh", str(LINUX / "install.sh"), str(tmp_path)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    assert (share / "applications" / DESKTOP.name).read_bytes() == DESKTOP.read_bytes()
    assert (share / "metainfo" / METAINFO.name).is_file()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in ICON_SIZES:
        assert (share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file(), size


@pytest.mark.slow
def test_the_one_folder_build_runs(tmp_path):
    if importlib.util.find_spec("PyInstaller") is None:
        pytest.skip("PyInstaller is not installed (it is in the `test` extra)")
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "packaging" / "build.py"),
            "--dist",
            str(tmp_path / "dist"),
            "--work",
            str(tmp_path / "work"),
        ],
        check=True,
        capture_output=True,
        timeout=900,
    )
    app = tmp_path / "dist" / "serge-reader" / "serge-reader"
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {
        **os.environ,
        "SERGE_READER_DATA_DIR": str(tmp_path / "data"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": "",
    }

    def run(*args):
        return subprocess.run(
            [str(app), *args], cwd=elsewhere, env=env, capture_output=True, text=True, timeout=120
        )

    assert run("--version").stdout.strip() == f"serge-reader {__version__}"
    found = run("search", "okhrana", "--json")  # the bundled reference database
    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)[0]["id"] == "okhrana"
    page = run("show", "okhrana", "--html")  # markdown and its extensions are bundled
    assert page.returncode == 0, page.stderr
    assert "<p>" in page.stdout
    ready = run("--quit-when-ready")
    assert ready.returncode == 0, ready.stderr
    assert (tmp_path / "data" / "library.db").is_file()
