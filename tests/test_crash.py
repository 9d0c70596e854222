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


# -- issue 19: killed during a backup, an export and a restore --------------------------------

KILLS_EACH = 4  # kills of each kind: a few, for the time CI has


def run_until(data_dir, args, kill_after):
    """Run `serge-reader ARGS`, killed with SIGKILL after `kill_after` seconds unless it
    ended; returns its CompletedProcess, or None when it was killed."""
    proc = subprocess.Popen(
        command(data_dir, *args),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
    )
    try:
        out, err = proc.communicate(timeout=kill_after)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        return None
    assert proc.returncode == 0, err  # a run that was not killed must succeed
    return subprocess.CompletedProcess(proc.args, 0, out, err)


def kill_moments(rng, typical, count):
    """Seeded moments: half anywhere in a run, half in its last quarter (past the start-up,
    where the copying and the renames are)."""
    for i in range(count):
        if i % 2:
            yield rng.uniform(0, 1.2 * typical)
        else:
            yield rng.uniform(0.75 * typical, 1.1 * typical)


def timed(data_dir, args):
    start = time.monotonic()
    done = run_until(data_dir, args, 120)
    assert done is not None
    return done, time.monotonic() - start


def sound_library(data_dir):
    """Open the library as the next program would: it must be sound, no restore half-done;
    returns its notes' bodies."""
    from serge_reader import backup, notes
    from serge_reader.opening import open_library

    opened = open_library(data_dir)
    assert opened.recovery is None, opened.recovery
    with opened.library as lib:
        assert backup.check(lib) == []
        bodies = sorted(n.body for n in notes.list_notes(lib))
    assert not (data_dir / ".restoring.db").exists()
    assert not (data_dir / "library.db-restoring").exists()
    assert not list(data_dir.glob("library-damaged-*"))
    return bodies


def bodies_of(path):
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT body FROM notes"))
    finally:
        con.close()


def filled_library(data_dir, count, tag):
    from serge_reader import notes
    from serge_reader.library import Library

    with Library(data_dir) as lib, lib.atomic():
        for i in range(count):
            notes.add_note(lib, f"{tag} {i} Петроград " + "слово word " * (i % 50))


@pytest.mark.slow
def test_killed_backups_exports_and_restores_leave_nothing_half_done(tmp_path):
    import csv
    import random

    from serge_reader import backup

    data_dir = tmp_path / "data"
    seed = int(os.environ.get("CRASH_SEED", "20261201"))
    rng = random.Random(seed)
    filled_library(data_dir, 3000, "first")
    first = sound_library(data_dir)
    context = f"seed {seed}"

    # Backups: a killed one is never taken for a whole one (not listed, not recommended).
    _, typical = timed(data_dir, ["backup"])
    for delay in kill_moments(rng, typical, KILLS_EACH):
        run_until(data_dir, ["backup"], delay)
        assert sound_library(data_dir) == first, context
        for listed in backup.list_backups(data_dir):  # whole, or not there under that name
            assert backup.check_file(listed) is None, (context, listed)
            assert bodies_of(listed) == first, (context, listed)

    # Exports: the target is the earlier export, whole, or the new one, whole.
    exports = tmp_path / "exports"
    exports.mkdir()
    earlier = {}
    for fmt in ("json", "csv"):
        target = exports / f"notes.{fmt}"
        timed(data_dir, ["export", "--format", fmt, str(target)])
        earlier[fmt] = target.read_bytes()

    def exported_bodies(fmt, path):
        if fmt == "json":
            return sorted(n["body"] for n in json.loads(path.read_text(encoding="utf-8"))["notes"])
        with path.open(newline="", encoding="utf-8") as f:
            return sorted(row["body"] for row in csv.DictReader(f))

    for fmt in ("json", "csv"):
        target = exports / f"notes.{fmt}"
        _, typical = timed(data_dir, ["export", "--format", fmt, "--force", str(target)])
        for delay in kill_moments(rng, typical, KILLS_EACH // 2):
            run_until(data_dir, ["export", "--format", fmt, "--force", str(target)], delay)
            assert exported_bodies(fmt, target) == first, (context, fmt)
            assert sound_library(data_dir) == first, context
    small = tmp_path / "small"  # a file per note, each flushed to disk: fewer notes
    filled_library(small, 150, "small")
    reference = exports / "reference"
    _, typical = timed(small, ["export", "--format", "md", str(reference)])
    for n, delay in enumerate(kill_moments(rng, typical, KILLS_EACH // 2)):
        vault = exports / f"vault-{n}"
        run_until(small, ["export", "--format", "md", str(vault)], delay)
        for written in vault.glob("*"):  # each file there is whole, or a hidden leftover
            if written.name.startswith(".serge-part-"):
                continue  # removed by the next export there, once old
            assert written.read_bytes() == (reference / written.name).read_bytes(), context
        assert len(sound_library(small)) == 150, context

    # Restores: the library is the one before or the one restored, never anything between,
    # and a library replaced is kept aside.
    filled_library(data_dir, 200, "second")
    both = sound_library(data_dir)
    sources = {
        tuple(first): min(backup.list_backups(data_dir), key=lambda p: p.name),
        tuple(both): Path(timed(data_dir, ["backup"])[0].stdout.strip()),
    }
    current = both
    _, typical = timed(data_dir, ["restore", str(sources[tuple(first)])])
    current = first
    for delay in kill_moments(rng, typical, KILLS_EACH):
        wanted = both if current == first else first
        asides = set(data_dir.glob("library-replaced-*.db"))
        run_until(data_dir, ["restore", str(sources[tuple(wanted)])], delay)
        now = sound_library(data_dir)
        assert now in (current, wanted), context
        if now == wanted:  # replaced: the library before is kept, whole
            (aside,) = set(data_dir.glob("library-replaced-*.db")) - asides
            assert bodies_of(aside) == current, context
        current = now
