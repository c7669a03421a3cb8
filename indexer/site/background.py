"""One job of the site build run in a second process while MkDocs renders the pages.

The files published beside the pages (citations, bibliographies, open data: indexer.site.extras)
need the corpus only, not the pages; writing them takes a quarter of the plugin's own time at
5,000 entries, while MkDocs spends most of a build rendering pages on one core. ``Background``
forks a child that does the job while the parent goes on, and ``join`` waits for it; an error
in the child comes back as one line. It forks only where that is safe: a process with one
thread (``mkdocs build``; never ``mkdocs serve``, whose server runs in threads) on a system
that has fork. Elsewhere the job runs in place, when ``join`` is called.
"""

from __future__ import annotations

import atexit
import os
import signal
import threading
from collections.abc import Callable

MAX_MESSAGE = 4000


class BackgroundError(Exception):
    """The job failed; the message is the child's one-line account of it."""


class Background:
    def __init__(self, job: Callable[[], None]):
        self._job: Callable[[], None] | None = job
        self._pid: int | None = None
        self._pipe: int | None = None
        if hasattr(os, "fork") and threading.active_count() == 1:
            self._fork()

    @property
    def forked(self) -> bool:
        return self._pid is not None

    def _fork(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: do the job, say how it went, and leave without cleaning up
            os.close(read)
            code, message = 0, b""
            try:
                assert self._job is not None
                self._job()
            except BaseException as exc:  # every failure goes back to the parent as a line
                code = 1
                message = f"{type(exc).__name__}: {exc}".encode("utf-8", "replace")
            try:
                os.write(write, message[:MAX_MESSAGE])
            finally:
                os._exit(code)  # no atexit handlers, no flushing of the parent's buffers
        os.close(write)
        self._pid, self._pipe, self._job = pid, read, None
        atexit.register(self.cancel)

    def join(self) -> None:
        """Wait for the job to finish (or run it now); BackgroundError if it failed."""
        if self._pid is None:
            job, self._job = self._job, None
            if job is not None:
                try:
                    job()
                except Exception as exc:
                    raise BackgroundError(f"{type(exc).__name__}: {exc}") from exc
            return
        assert self._pipe is not None
        chunks = []
        while chunk := os.read(self._pipe, MAX_MESSAGE):
            chunks.append(chunk)
        os.close(self._pipe)
        _, status = os.waitpid(self._pid, 0)
        self._pid = self._pipe = None
        atexit.unregister(self.cancel)
        code = os.waitstatus_to_exitcode(status)
        if code != 0:
            message = b"".join(chunks).decode("utf-8", "replace").strip()
            raise BackgroundError(message or f"the second process ended with code {code}")

    def cancel(self) -> None:
        """Stop the job (the build failed or was interrupted): nothing is left running."""
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGTERM)
                os.waitpid(self._pid, 0)
            except (ProcessLookupError, ChildProcessError):
                pass
            if self._pipe is not None:
                os.close(self._pipe)
            self._pid = self._pipe = None
            atexit.unregister(self.cancel)
        self._job = None
