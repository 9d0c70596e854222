"""A plain `pip install` of the wheel gives a working program, from any directory."""

import json
import os
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_installs_and_runs_from_anywhere(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    wheel = next(dist.glob("serge_reader-*.whl"))
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    # The new venv borrows the dependencies (PySide6, markdown, appdirs) from the environment
    # running the tests, whether that is a venv or the system interpreter, so nothing is
    # downloaded; those folders come after the venv's own, so the program itself is the
    # wheel's (a .pth path line is appended to sys.path and its own .pth files are not run,
    # so an editable install of the checkout there is not seen).
    purelib = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    borrowed = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(purelib) / "borrowed-dependencies.pth").write_text(
        "".join(f"{folder}\n" for folder in sorted(borrowed)), encoding="utf-8"
    )
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--force-reinstall", "--quiet", str(wheel)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "SERGE_READER_DATA_DIR": str(tmp_path / "data"), "PYTHONPATH": ""}

    def run(*args):
        return subprocess.run(
            [env_dir / "bin" / "serge-reader", *args],
            cwd=elsewhere,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )

    where = subprocess.run(
        [python, "-c", "import serge_reader; print(serge_reader.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert str(env_dir) in where.stdout
    # the French translation ships inside the package, and the program finds it there
    probe = "from serge_reader.ui import translation as t; print(t.translations_dir())"
    found = subprocess.run(
        [python, "-c", probe], cwd=elsewhere, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert found.startswith(str(env_dir)), found
    assert (Path(found) / "serge_reader_fr.qm").is_file()
    out = run("search", "okhrana", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["id"] == "okhrana"
    assert run("note", "add", "--work", "conquered-city", "installed and working").returncode == 0
    ready = run("--quit-when-ready")
    assert ready.returncode == 0, ready.stderr
