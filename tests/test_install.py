"""A plain `pip install` of the wheel gives a working program, from any directory."""

import json
import os
import subprocess
import sys
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
    # The venv sees the test machine's PySide6 and friends, so no download is needed; the
    # program itself comes only from the wheel.
    venv.create(env_dir, with_pip=True, system_site_packages=True)
    python = env_dir / "bin" / "python"
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
    out = run("search", "okhrana", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)[0]["id"] == "okhrana"
    assert run("note", "add", "--work", "conquered-city", "installed and working").returncode == 0
    ready = run("--quit-when-ready")
    assert ready.returncode == 0, ready.stderr
