"""The `tipkb` program ends a corpus command quickly (indexer.cli.entry: os._exit once its
output is flushed). Run as a user runs it, in a process of its own with its output piped: every
byte it printed arrives, and its exit code is the command's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from indexer.cli import commands

from .conftest import FIXTURES, make_corpus

# Buffered output, as a user's shell gives it: with PYTHONUNBUFFERED (set in some CI shells)
# nothing would wait in a buffer, and a missing flush would go unseen.
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}


def tipkb(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "indexer.cli", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=300, env=BUFFERED)


def test_validate_with_errors_prints_all_and_exits_1(tmp_path):
    root = make_corpus(tmp_path / "bad", FIXTURES / "invalid" / "entries")
    run = tipkb("validate", "--corpus", str(root), "--format", "json", cwd=tmp_path)
    assert run.returncode == 1, run.stderr
    # flushed whole before the process ended: the report is written straight through, past
    # the buffer, but the newline print adds after it waits in the buffer until a flush
    assert run.stdout.endswith("\n")
    report = json.loads(run.stdout)
    found = report["problems"] if isinstance(report, dict) else report
    files = {Path(p["path"]).name for p in found}
    assert len(files) >= 20 and "tip031-self-related.md" in files


def test_index_prints_its_report_and_exits_0(tmp_path):
    root = make_corpus(tmp_path / "good")
    run = tipkb("index", "--corpus", str(root), "--index", str(tmp_path / "index"),
                cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "full build" in run.stderr and (tmp_path / "index" / "CURRENT").is_file()
    again = tipkb("index", "--corpus", str(root), "--index", str(tmp_path / "index"),
                  cwd=tmp_path)
    assert again.returncode == 0 and "up to date" in again.stderr


def test_a_reader_that_goes_away_early_is_no_error(tmp_path):
    root = make_corpus(tmp_path / "bad", FIXTURES / "invalid" / "entries")
    proc = subprocess.Popen([sys.executable, "-m", "indexer.cli", "validate", "--corpus",
                             str(root), "--format", "json"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=BUFFERED)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(10)
    proc.stdout.close()  # like `| head -c 10`
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=300) in (0, 1) and "Traceback" not in err


def test_only_corpus_commands_read_the_whole_corpus():
    import importlib
    import pkgutil

    quick = set()
    for info in pkgutil.iter_modules(commands.__path__):
        module = importlib.import_module(f"{commands.__name__}.{info.name}")
        if getattr(module, "READS_WHOLE_CORPUS", False):
            quick.add(module.NAME)
    # the others may hold a browser, a temporary folder or a server that must close at exit
    assert quick == {"index", "validate"}


def test_a_profiled_run_still_writes_its_profile(tmp_path):
    root = make_corpus(tmp_path / "good")
    out = tmp_path / "run.prof"
    run = subprocess.run([sys.executable, "-m", "cProfile", "-o", str(out), "-m", "indexer.cli",
                          "validate", "--corpus", str(root)], capture_output=True, text=True,
                         cwd=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    assert out.is_file() and out.stat().st_size > 1000  # cProfile wrote it at exit


def _threshold_after(args: list[str], cwd: Path) -> int:
    """The young generation's threshold the program ran with (a tracer keeps it from ending
    early, so that an exit handler can say)."""
    code = ("import atexit, gc, sys; "
            "atexit.register(lambda: print('threshold', gc.get_threshold()[0])); "
            "sys.settrace(lambda *a: None); sys.argv = ['tipkb', *sys.argv[1:]]; "
            "from indexer.cli import entry; entry()")
    run = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                         cwd=cwd, timeout=300)
    return int(run.stdout.split("threshold")[-1])


def test_a_corpus_command_collects_young_objects_less_often(tmp_path):
    from indexer.cli import YOUNG_THRESHOLD

    root = make_corpus(tmp_path / "good")
    assert _threshold_after(["validate", "--corpus", str(root)], tmp_path) == YOUNG_THRESHOLD
    other = _threshold_after(["checklist", "--corpus", str(root), "--pillar", "protection"],
                             tmp_path)
    assert other < YOUNG_THRESHOLD  # Python's own
