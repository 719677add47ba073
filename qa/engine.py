"""The QA façade: keeps a corpus folder's index current and answers questions over it."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, cast

import numpy as np

from qa.index import store
from qa.index.embedding import Embedder
from qa.index.indexing import IndexReport, synchronise
from qa.index.normalization import normalize
from qa.ingest.reading import READERS
from qa.ingest.uploads import UPLOAD_FOLDER, delete_upload
from qa.paths import cache_root
from qa.search.answer import NOT_FOUND, Answer, make_passage
from qa.search.confidence import confidence, evidence
from qa.search.conversation import MAX_EARLIER_CHARS, antecedent, blend, may_stand_alone, points_back, swap_codes
from qa.search.fits import fit_for
from qa.search.ranking import asks, codes
from qa.search.retrieval import Hit, Retriever

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "seeds"
MAX_QUESTION_CHARS = MAX_EARLIER_CHARS
MAX_TOP_K = 50


@dataclass(frozen=True)
class FileInfo:
    """A corpus file as the documents panel lists it: `sentences` is 0 and `skipped` the reason
    when the file was left out of the index; `uploaded` files (under uploads/) may be deleted."""

    source: str
    format: str
    sentences: int
    skipped: str | None = None

    @property
    def uploaded(self) -> bool:
        return PurePosixPath(self.source).parts[0] == UPLOAD_FOLDER and len(PurePosixPath(self.source).parts) == 2


class _Announcing:
    """An embedder that says how many sentences it is about to index (after the model is ready,
    so that a first start's one-off preparation is said first)."""

    def __init__(self, embedder: Embedder, progress: Callable[[str], None]) -> None:
        self._embedder = embedder
        self._progress = progress

    def __getattr__(self, name: str) -> Any:
        return getattr(self._embedder, name)

    def encode(self, texts: list[str]) -> np.ndarray:
        if texts:
            _ = self._embedder.onnx_encoder
            self._progress(f"Indexing {len(texts):,} sentence{'s' if len(texts) != 1 else ''}…")
        return self._embedder.encode(texts)


def corpus_folder(corpus: str | Path) -> Path:
    """`corpus` as an absolute path. Raises FileNotFoundError when nothing is there, and
    NotADirectoryError when it is a file rather than a folder of documents."""
    folder = Path(corpus).expanduser().resolve()
    if folder.is_dir():
        return folder
    if folder.exists():
        raise NotADirectoryError(
            f"the corpus must be a folder of documents, but {folder} is a file (give the folder it is in)"
        )
    raise FileNotFoundError(f"corpus folder not found: {folder} (create it and put documents in it)")


def default_index_dir(corpus: Path) -> Path:
    """Outside the corpus, one folder per corpus path: under $QA_INDEX_DIR or the user's cache."""
    root = Path(os.environ["QA_INDEX_DIR"]).expanduser() if os.environ.get("QA_INDEX_DIR") else cache_root() / "indexes"
    tag = hashlib.sha256(str(corpus.resolve()).encode()).hexdigest()[:10]
    return Path(root) / f"{corpus.name or 'corpus'}-{tag}"


class QA:
    """Question answering over the documents of one folder.

    The index is built (or loaded, and brought up to date) on construction. The encoder loads
    when something must first be embedded (with the "onnx-int8" backend at once, since whether
    int8 runs decides which vectors the index may hold). `progress`, if given, is told in plain
    words when sentences are about to be embedded ("Indexing 14 sentences…").
    """

    def __init__(
        self,
        corpus: str | Path = DEFAULT_CORPUS,
        index_dir: str | Path | None = None,
        model: str | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.corpus = corpus_folder(corpus)
        self.index_dir = Path(index_dir).expanduser().resolve() if index_dir else default_index_dir(self.corpus)
        self.embedder = Embedder(model)
        self.fit = fit_for(self.embedder.model_name)
        self.progress = progress
        self._lock = threading.Lock()
        self.report = self.refresh()

    def refresh(self) -> IndexReport:
        """Re-read the corpus folder: new, changed and removed files are applied to the index."""
        with self._lock:
            embedder = cast(Embedder, _Announcing(self.embedder, self.progress)) if self.progress else self.embedder
            stored, report = synchronise(self.corpus, self.index_dir, embedder)
            self.retriever = Retriever(stored.sentences, stored.dense, stored.lexical, stored.documents, self.fit.weights)
            self._counts = {source: record.count for source, record in stored.files.items()}
            self.generation = store.current(self.index_dir)
            self.report = report
            return report

    def files(self) -> list[FileInfo]:
        """Every file of the last refresh, indexed or skipped, in path order."""
        with self._lock:
            counts, skipped = self._counts, self.report.skipped
        listed = [FileInfo(source, _format(source), count) for source, count in counts.items()]
        listed += [FileInfo(s.source, _format(s.source), 0, s.reason) for s in skipped]
        return sorted(listed, key=lambda info: info.source)

    def delete_upload(self, source: str) -> IndexReport:
        """Delete an uploaded file (`uploads/<name>`) and take it out of the index.

        Raises qa.ingest.uploads.UploadError, saying why, for any other path.
        """
        delete_upload(self.corpus, source)
        return self.refresh()

    def answer(self, question: str, history: list[dict[str, Any]] | None = None, top_k: int = 3) -> Answer:
        """The best `top_k` passages for `question`; `found` is False when none answers it."""
        if isinstance(top_k, bool) or not isinstance(top_k, int) or top_k < 1:
            raise ValueError(f"top_k must be a whole number of at least 1 (more than {MAX_TOP_K} is capped), got {top_k!r}")
        question = clean_question(question)
        if not question:
            return Answer(question, "Please type a question.", False)
        if len(question) > MAX_QUESTION_CHARS:
            return Answer(
                question[:100] + "…",
                f"That question is {len(question):,} characters long; please keep it under {MAX_QUESTION_CHARS:,}.",
                False,
            )
        retriever = self.retriever
        if not retriever.sentences:
            formats = ", ".join(sorted(READERS))
            return Answer(question, f"No documents are indexed yet: add {formats} files to {self.corpus}.", False)
        earlier = antecedent(question, history)
        swapped = None if earlier is None else swap_codes(question, earlier)
        k = 3 * min(top_k, MAX_TOP_K) + 1
        if earlier is None or swapped is not None:
            asked = swapped or question
            searched = [self._search(retriever, asked, asked, self.embedder.encode([asked])[0], k)]
        else:
            vectors = self.embedder.encode([question, earlier])
            searched = [self._search(retriever, f"{earlier} {question}", question, blend(vectors[0], vectors[1]), k)]
            # Alone, it would lose the earlier question's code ("Is there a warranty?" after "Does
            # the AquaPure 100 remove lead?" is about the AquaPure 100).
            if may_stand_alone(question) and not codes(earlier):
                alone = self._search(retriever, question, question, vectors[0], k)
                if _reads_alone(question, searched[0], alone):
                    searched = [alone]
        ranked, sure = searched[0]
        if not ranked:
            return Answer(question, NOT_FOUND, False)
        hits = _distinct(retriever, ranked)[:top_k]
        passages = [make_passage(retriever.sentences, hit, retriever.previous, retriever.next) for hit in hits]
        found = sure >= self.fit.threshold
        return Answer(question, passages[0].text if found else NOT_FOUND, found, passages, round(sure, 3))

    def _search(
        self, retriever: Retriever, query: str, asked: str, vector: np.ndarray, k: int
    ) -> tuple[list[Hit], float]:
        """The `k` best hits for `query` (`asked`: the question itself, see `Retriever.search`) and
        the confidence that the first answers it, read from the ranking's own scores
        (`Ranking.plain`); no hits and confidence 0 for none."""
        ranking = retriever.search(query, vector, k, asked=asked)
        ranked = ranking.hits
        if not ranked:
            return [], 0.0
        first, second = ranking.plain
        best = replace(ranked[0], score=first)
        return ranked, confidence(evidence(best, second, retriever.unknown(query), ranking.nearest), self.fit)


def _reads_alone(question: str, joined: tuple[list[Hit], float], alone: tuple[list[Hit], float]) -> bool:
    """Whether a follow-up that may stand alone (`may_stand_alone`) is answered as read alone
    rather than joined to the earlier question: when that reading is the surer one, and, where
    the question points back ("it", "they", "there"), gives the same first sentence. Read alone,
    "How long do they bake for?" after "What oven temperature do the cheese scones need?" got
    the cake's "Bake for 45-50 minutes" (0.26, over the scones' 0.12), and "When does it close?"
    after the library's opening hours the swimming pool's closing time (0.74)."""
    (joined_hits, joined_sure), (alone_hits, alone_sure) = joined, alone
    if not alone_hits or alone_sure <= joined_sure:
        return False
    return not points_back(question) or not joined_hits or alone_hits[0].row == joined_hits[0].row


def _format(source: str) -> str:
    return PurePosixPath(source).suffix.lstrip(".").lower()


def _distinct(retriever: Retriever, hits: list[Hit]) -> list[Hit]:
    """Hits whose sentence text was not already shown (the same sentence in two files, or twice in
    one, also when written with other characters: "ﬁling" in a PDF, "filing" in a text file), nor
    lies within a passage already shown (an item of a list shown whole) or holds one (the whole list
    of an item shown, whose context already shows the items around it), nor, after the first, asks
    a question (an FAQ's question line or heading, whose answer is the passage after it)."""
    sentences = retriever.sentences
    seen: set[str] = set()
    shown: list[tuple[int, int, int]] = []
    distinct: list[Hit] = []
    for hit in hits:
        text = sentences.text[hit.row]
        key = " ".join(normalize(text).casefold().split())
        source, start, end = int(sentences.source[hit.row]), int(sentences.start[hit.row]), int(sentences.end[hit.row])
        overlaps = any(source == s and (a <= start and end <= b or start <= a and b <= end) for s, a, b in shown)
        if key in seen or overlaps or (distinct and asks(text)):
            continue
        seen.add(key)
        shown.append((source, start, end))
        distinct.append(hit)
    return distinct


def clean_question(question: object) -> str:
    """The question as `QA.answer` reads it: control characters (NUL included) become spaces, runs
    of white space collapse; "" for anything but a string. An empty result is no question."""
    if not isinstance(question, str):
        return ""
    return " ".join("".join(" " if ord(c) < 32 or 127 <= ord(c) < 160 else c for c in question).split())


_default: QA | None = None
_default_lock = threading.Lock()


def answer(question: str, history: list[dict[str, Any]] | None = None, top_k: int = 3) -> Answer:
    """`QA().answer` on the default corpus (seeds/, or $QA_CORPUS), built on first use."""
    global _default
    with _default_lock:
        if _default is None:
            _default = QA(os.environ.get("QA_CORPUS") or DEFAULT_CORPUS)
    return _default.answer(question, history=history, top_k=top_k)
