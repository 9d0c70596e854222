"""Processes adding notes are killed with SIGKILL at random moments, several at once; the
library stays sound and every note whose command reported success is there, whole."""

import json
import os
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORKERS = 3  # processes running at the same time
RUNS_PER_WORKER = 20
TAGS = ["memoirs", "okhrana", "petrograd", "exile"]


def command(data_dir, *args):
    return [sys.executable, "-m", "serge_reader", "--data-dir", str(data_dir), *args]


def attempt(data_dir, body, tags, kill_after):
    """Run one `note add`, killed after `kill_after` seconds unless it ended; returns the note
    number when it reported success, else None."""
    args = ["note", "add", *(f"--tag={t}" for t in tags), "-"]
    proc = subprocess.Popen(
        command(data_dir, *args),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    try:
        out, err = proc.communicate(body, timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.kill()  # SIGKILL: no cleanup of any kind
        proc.communicate()
        return None
    assert proc.returncode == 0, err  # a run that was not killed must succeed
    return int(out.strip())


@pytest.mark.slow
def test_killed_writers_never_lose_a_reported_note_or_damage_the_library(tmp_path):
    data_dir = tmp_path / "data"
    seed = int(os.environ.get("CRASH_SEED", "20261201"))  # the same run each time, unless asked
    bodies = {}  # body -> tags, for every attempt

    def make_body(i, rng):
        size = rng.choice([10, 1_000, 200_000])
        body = f"note {i} [[Okhrana]] Петроград «{rng.random()}» " + "слово word " * (size // 11)
        bodies[body] = sorted(rng.sample(TAGS, rng.randint(0, 3)))
        return body

    def worker(w):
        done = {}
        rng = random.Random(seed + w)
        typical = None  # how long an undisturbed run takes here, under this load
        for run in range(RUNS_PER_WORKER):
            body = make_body(f"{w}-{run}", rng)
            if typical is None:
                delay = 60.0
            elif run % 2:  # anywhere in the run
                delay = rng.uniform(0, 1.2 * typical)
            else:  # in its last quarter, where the writing is (after the imports and the check)
                delay = rng.uniform(0.75 * typical, 1.1 * typical)
            start = time.monotonic()
            number = attempt(data_dir, body, bodies[body], delay)
            if number is not None:
                done[number] = body
                if typical is None:
                    typical = time.monotonic() - start
        return done

    reported = {}
    with ThreadPoolExecutor(WORKERS) as pool:
        for done in pool.map(worker, range(WORKERS)):
            reported.update(done)

    context = f"seed {seed}: {len(reported)} of {len(bodies)} reported success"
    check = subprocess.run(command(data_dir, "check"), capture_output=True, text=True, cwd=ROOT)
    assert (check.returncode, check.stdout.strip()) == (0, "ok"), (context, check.stderr)
    assert not list(data_dir.glob("library-damaged-*")), context
    listed = subprocess.run(
        command(data_dir, "note", "list", "--json"),
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    present = {n["id"]: n for n in json.loads(listed.stdout)}
    for number, body in reported.items():
        assert number in present, (context, f"note {number} was reported but is missing")
        assert present[number]["body"] == body, context
    for note in present.values():  # killed or not, a note is whole: its text and its tags
        assert note["body"] in bodies, context
        assert note["tags"] == bodies[note["body"]], context
    assert 0 < len(reported) < len(bodies), context  # some runs were killed, some were not
