"""What the two faces, app.py and `python -m qa`, show on the console.

Quiet by default: warnings and errors, and a model's one-off preparation said in plain words;
`verbose`: every library's log. Library code only logs (STYLE: it never configures logging);
these functions are for the faces, which own the console.
"""

from __future__ import annotations

import logging
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# qa.index.indexing warns about each skipped file at every synchronisation (a skipped file is read
# again each time, since only indexed files are stored), with this message and (source, reason).
INDEXING_LOGGER = "qa.index.indexing"
SKIPPED = "skipped %s: it %s"
# Loggers that say "… (once)" at INFO when a model is first exported, quantised or assembled.
PREPARING_LOGGERS = ("qa.index.onnx_backend", "qa.index.models")


def quiet(verbose: bool, say: Callable[[str], None]) -> None:
    """Set up the console of a face. Quiet: warnings and errors on stderr, library progress bars
    off, and `say("Preparing the model (once)…")` when a model is first prepared; `verbose`:
    every library's log at INFO. Handlers a program set up before (pytest's) are left alone."""
    if verbose:
        logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
        return
    warnings.filterwarnings("ignore")
    root = logging.getLogger()
    if not root.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)  # also for libraries that set their own logger to DEBUG (bm25s)
        root.addHandler(handler)
        root.setLevel(logging.WARNING)
    for name in PREPARING_LOGGERS:
        logger = logging.getLogger(name)
        for old in [h for h in logger.handlers if isinstance(h, _Preparing)]:
            logger.removeHandler(old)
        logger.setLevel(logging.INFO)
        logger.addHandler(_Preparing(say))
    try:
        from huggingface_hub.utils import disable_progress_bars
        from transformers.utils import logging as transformers_logging

        disable_progress_bars()
        transformers_logging.set_verbosity_error()
        transformers_logging.disable_progress_bar()  # "Loading weights" while a model is first exported
    except ImportError:
        pass


class _Preparing(logging.Handler):
    """Says "Preparing the model (once)…" when a model is first exported, quantised or assembled
    (those log "… (once)" at INFO, which the quiet console does not show)."""

    def __init__(self, say: Callable[[str], None]) -> None:
        super().__init__(logging.INFO)
        self.say = say
        self.said = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.said and record.getMessage().endswith("(once)"):
            self.said = True
            self.say("Preparing the model (once)…")


def warn_skips_once(corpus: Path) -> None:
    """A long-running face: each skipped file of `corpus` is warned about once, and again only when
    it changes (another reason, size or modification time), not at every refresh of the index."""
    logger = logging.getLogger(INDEXING_LOGGER)
    for old in [f for f in logger.filters if isinstance(f, _SkipsOnce)]:
        logger.removeFilter(old)
    logger.addFilter(_SkipsOnce(corpus))


class _SkipsOnce(logging.Filter):
    def __init__(self, corpus: Path) -> None:
        super().__init__()
        self.corpus = corpus
        self.warned: dict[str, tuple[str, tuple[int, int] | None]] = {}
        self.lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        skip = _skip_of(record)
        if skip is None:
            return True
        source, reason = skip
        try:
            stat = (self.corpus / source).stat()
            version: tuple[int, int] | None = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            version = None
        with self.lock:
            if self.warned.get(source) == (reason, version):
                return False
            self.warned[source] = (reason, version)
            return True


@contextmanager
def skips_left_to_report() -> Iterator[None]:
    """While a command runs that lists the skipped files in its own output (`python -m qa index`),
    the log does not say them a second time."""
    logger = logging.getLogger(INDEXING_LOGGER)
    logger.addFilter(_not_a_skip)
    try:
        yield
    finally:
        logger.removeFilter(_not_a_skip)


def _not_a_skip(record: logging.LogRecord) -> bool:
    return _skip_of(record) is None


def _skip_of(record: logging.LogRecord) -> tuple[str, str] | None:
    """(source, reason) of a skipped file's warning; None for any other record."""
    args = record.args
    if record.msg != SKIPPED or not isinstance(args, tuple) or len(args) != 2:
        return None
    return str(args[0]), str(args[1])
