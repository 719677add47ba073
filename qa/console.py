"""What the two faces, app.py and `python -m qa`, show on the console.

Quiet by default: warnings and errors, and a model's one-off preparation said in plain words;
`verbose`: every library's log. Library code only logs (STYLE: it never configures logging);
these functions are for the faces, which own the console.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Callable

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
