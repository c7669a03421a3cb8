"""The site build's second process (indexer.site.background): the job's files are there after
join, a failure comes back as one line, nothing forks beside other threads, and a cancelled
job leaves nothing running."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from indexer.site.background import Background, BackgroundError
from indexer.site.extras import write_downloads


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_the_job_runs_in_a_second_process_and_its_files_are_there_after_join(tmp_path):
    def job() -> None:
        write_downloads(tmp_path, {"a/b.txt": f"from {os.getpid()}", "c.bin": b"\x00\x01"})

    work = Background(job)
    assert work.forked
    work.join()
    written = (tmp_path / "a" / "b.txt").read_text(encoding="utf-8")
    assert written.startswith("from ") and written != f"from {os.getpid()}"
    assert (tmp_path / "c.bin").read_bytes() == b"\x00\x01"
    work.join()  # a second join does nothing


def test_a_failure_comes_back_as_one_line(tmp_path):
    def job() -> None:
        raise ValueError("no such entry 'x'\nsecond line")

    work = Background(job)
    with pytest.raises(BackgroundError) as info:
        work.join()
    assert str(info.value).startswith("ValueError: no such entry 'x'")


def test_a_download_outside_the_site_folder_is_refused(tmp_path):
    site = tmp_path / "site"
    work = Background(lambda: write_downloads(site, {"../escape.txt": "x"}))
    with pytest.raises(BackgroundError, match="outside the site folder"):
        work.join()
    assert not (tmp_path / "escape.txt").exists()


def test_beside_another_thread_the_job_runs_in_place_at_join(tmp_path):
    stop = threading.Event()
    server = threading.Thread(target=stop.wait)  # as `mkdocs serve`'s server would
    server.start()
    try:
        ran_in: list[int] = []
        work = Background(lambda: ran_in.append(os.getpid()))
        assert not work.forked and ran_in == []
        work.join()
        assert ran_in == [os.getpid()]
    finally:
        stop.set()
        server.join()


def test_a_cancelled_job_leaves_nothing_running(tmp_path):
    work = Background(lambda: time.sleep(60))
    assert work.forked
    pid = work._pid
    assert pid is not None and _alive(pid)
    work.cancel()
    assert not _alive(pid)
    work.join()  # nothing to wait for, nothing raised
    assert not Path(tmp_path / "anything").exists()
