"""A live corpus folder: call back once a burst of changes to its documents has settled.

watchdog reports the changes: inotify on Linux (its native observer elsewhere), or its polling
observer where inotify cannot be used (watch or instance limit reached, a network file system
whose remote changes inotify never sees, or `polling=True`).

Debounce rule: after a relevant event, the changed paths' (size, mtime) are looked at every
`settle_seconds`. `on_change` runs once a whole `settle_seconds` passed with no relevant event and
no changed path's (size, mtime) moved (the look catches writes the polling observer has not
reported yet). So a file still being copied is not acted on while it grows, a copy of 50 files
gives one call (more only if the copy pauses for `settle_seconds`), and a change is acted on
within 1-2 `settle_seconds` after it ends.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from watchdog.events import (
    DirDeletedEvent,
    DirMovedEvent,
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver
from watchdog.observers.polling import PollingObserver

from qa.ingest.reading import READERS, not_a_document

logger = logging.getLogger(__name__)

# The polling observer stats every file of the folder this often; 2 s halves the load of
# watchdog's default on a network share and still answers a new file within about 5 s.
POLL_SECONDS = 2.0
# File systems whose remote changes inotify does not report (as /proc/self/mounts names them).
NETWORK_FILE_SYSTEMS = {"nfs", "nfs4", "cifs", "smb3", "smbfs", "9p", "afs", "ceph", "glusterfs", "fuse.sshfs"}
# Opening or reading a file (as indexing does) is not a change: only these events count.
_REMOVALS = (FileDeletedEvent, FileMovedEvent, DirDeletedEvent, DirMovedEvent)
_COUNTED: list[type[FileSystemEvent]] = [FileCreatedEvent, FileModifiedEvent, FileClosedEvent, *_REMOVALS]

Signature = tuple[int, int] | None  # (size in bytes, mtime in ns); None when the path is gone


class FolderWatcher:
    """Watches `folder` (recursively) and calls `on_change()` from its own thread once changes
    to documents of a supported format have settled (see the module's debounce rule)."""

    def __init__(
        self, folder: Path, on_change: Callable[[], None], settle_seconds: float = 1.0, polling: bool = False
    ) -> None:
        """`settle_seconds`: how long (seconds) the folder must be quiet before `on_change` runs;
        `polling`: use watchdog's polling observer instead of inotify. Raises FileNotFoundError
        when `folder` is not a folder, ValueError when `settle_seconds` is not positive."""
        self.folder = Path(folder).absolute()
        if not self.folder.is_dir():
            raise FileNotFoundError(f"folder to watch not found: {self.folder}")
        if not settle_seconds > 0:
            raise ValueError(f"settle_seconds must be positive, got {settle_seconds!r}")
        self._on_change = on_change
        self._settle = settle_seconds
        self._mode = "polling" if polling or _on_network_file_system(self.folder) else "watchdog"
        self._changes = _Changes()
        self._stopping = threading.Event()
        self._observer: BaseObserver | None = None
        self._thread: threading.Thread | None = None

    @property
    def mode(self) -> str:
        """Either "watchdog" (native events) or "polling", for the log line."""
        return self._mode

    def start(self) -> None:
        """Start watching and return at once. Falls back to polling (with a warning) when native
        events cannot be had. Raises RuntimeError when called a second time or after `stop`."""
        if self._thread is not None or self._stopping.is_set():
            raise RuntimeError("a FolderWatcher starts once; make a new one")
        self._observer = self._start_observer()
        self._thread = threading.Thread(target=self._run, name=f"qa-watch {self.folder.name}", daemon=True)
        self._thread.start()
        logger.info("watching %s for changes (%s)", self.folder, self._mode)

    def stop(self) -> None:
        """Stop watching; waits for a running `on_change` to return. Safe to call again."""
        self._stopping.set()
        self._changes.wake()
        if self._observer is not None:
            self._observer.stop()
            self._observer.join()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join()

    def _start_observer(self) -> BaseObserver:
        """The native observer, watching; else (and then `mode` says so) the polling one."""
        handler = _Handler(self.folder, self._changes)
        if self._mode == "watchdog":
            observer = Observer()
            try:
                observer.schedule(handler, str(self.folder), recursive=True, event_filter=_COUNTED)
                observer.start()
                return observer
            except OSError as error:  # ENOSPC: watch limit, EMFILE: instance limit
                logger.warning(
                    "cannot watch %s with inotify (%s); polling every %g s", self.folder, error, POLL_SECONDS
                )
                observer.unschedule_all()
                self._mode = "polling"
        observer = PollingObserver(timeout=POLL_SECONDS)
        observer.schedule(handler, str(self.folder), recursive=True, event_filter=_COUNTED)
        observer.start()
        return observer

    def _run(self) -> None:
        """Wait for a change, wait for it to settle, call back; until `stop`."""
        while self._changes.wait(self._stopping):
            if self._settled():
                self._call_back()

    def _settled(self) -> bool:
        """True once a whole `settle_seconds` passed with no event and no changed path's (size,
        mtime) moving; the pending changes are then taken. False if `stop` was called first."""
        before = self._changes.snapshot()
        while not self._stopping.wait(self._settle):
            now = self._changes.snapshot()
            if now == before and self._changes.take(now.events):
                return True
            before = now
        return False

    def _call_back(self) -> None:
        try:
            self._on_change()
        except Exception:  # the watcher must outlive a failed refresh; the next change tries again
            logger.exception("reacting to a change in %s failed", self.folder)


@dataclass(frozen=True)
class _Snapshot:
    events: int  # relevant events counted so far
    signatures: dict[str, Signature]


class _Changes:
    """The paths changed since the last call back, and a count of the events (thread-safe: the
    observer's thread adds, the watcher's thread looks and takes)."""

    def __init__(self) -> None:
        self._condition = threading.Condition()
        self._paths: set[str] = set()
        self._events = 0

    def add(self, *paths: str) -> None:
        with self._condition:
            self._paths.update(paths)
            self._events += 1
            self._condition.notify_all()

    def wake(self) -> None:
        with self._condition:
            self._condition.notify_all()

    def wait(self, stopping: threading.Event) -> bool:
        """Block until a change is pending (True) or `stopping` is set (False)."""
        with self._condition:
            self._condition.wait_for(lambda: bool(self._paths) or stopping.is_set())
        return not stopping.is_set()

    def snapshot(self) -> _Snapshot:
        with self._condition:
            events, paths = self._events, sorted(self._paths)
        return _Snapshot(events, {path: _signature(path) for path in paths})

    def take(self, events: int) -> bool:
        """Forget the pending paths if no event came after the `events`-th; else False."""
        with self._condition:
            if self._events != events:
                return False
            self._paths.clear()
            return True


class _Handler(FileSystemEventHandler):
    """Passes on the events that can change the index: a document of a supported format created,
    written, moved or removed, or a folder moved or removed; hidden files and folders never."""

    def __init__(self, folder: Path, changes: _Changes) -> None:
        self._folder = folder
        self._changes = changes

    def on_any_event(self, event: FileSystemEvent) -> None:
        paths = [os.fsdecode(p) for p in (event.src_path, event.dest_path) if p]
        if isinstance(event, _REMOVALS) and event.is_directory:
            counted = [p for p in paths if not self._hidden(p)]
        else:
            counted = [p for p in paths if self._document(p)]
        if counted:
            self._changes.add(*counted)

    def _document(self, path: str) -> bool:
        return Path(path).suffix.lower() in READERS and not self._hidden(path)

    def _hidden(self, path: str) -> bool:
        """Left out as `list_files` leaves it out: a name, or a folder's under the corpus, starting with
        '.', or an Office lock file."""
        try:
            parts = Path(path).relative_to(self._folder).parts
        except ValueError:  # moved out of the folder: only its name counts
            parts = (Path(path).name,)
        return any(part.startswith(".") for part in parts) or not_a_document(parts[-1] if parts else "")


def _signature(path: str) -> Signature:
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _on_network_file_system(folder: Path) -> bool:
    """Whether `folder` sits on a network file system (Linux; elsewhere False)."""
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    return file_system_type(folder.resolve(), mounts) in NETWORK_FILE_SYSTEMS


def file_system_type(folder: Path, mounts: str) -> str:
    """The type of the file system `folder` (absolute, resolved) is on: that of the longest mount
    point above it in `mounts` (the text of /proc/self/mounts); "" if none. Hand-written: neither
    the standard library nor watchdog says which file system a path is on, and psutil (which
    parses the same file) is not a dependency."""
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        mount = re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), fields[1])  # "\040" is a space
        if folder.is_relative_to(mount) and len(mount) >= len(best):
            best, kind = mount, fields[2]
    return kind
