"""ReQA-style evaluation: every sentence of a SQuAD file is a candidate for every question.

Besides retrieval, abstention is measured through the real `QA.answer` path: in-corpus questions,
out-of-corpus questions (asked of a corpus made of half of the file's articles) and, for SQuAD 2.0,
the impossible questions.

Halves. Every article is in half 0 or half 1, fixed by its title (`article_half`), so that an
article is in the same half of every file: SQuAD 2.0 dev re-uses SQuAD v1.1 dev's articles and
most of its questions. Official SQuAD files carry a top-level `version` key; for them the fit
half is half 0 and the held-out half is half 1. A file without a `version` key (the
TyDi QA GoldP English files, one paragraph per article) is one split as a whole: a file whose name
has the word `train` is all fit, one whose name has the word `dev` is all held out.

Cache. Each file is written out as a folder of .txt articles and indexed under
`<qa cache>/eval/<stem>-<sha256 of the file's bytes, 12 hex digits>[-<model>-<hash>]/` (the
model part for any embedding model but the default, see `model_variant`): `corpus/` + `index/`
(every article), `corpus-half0/` + `index-half0/` and `corpus-half1/` + `index-half1/` (half
corpora). A corpus folder is pruned to exactly the articles of its file, so two files never share
one.
"""

from __future__ import annotations

import bisect
import gzip
import hashlib
import json
import os
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa import feedback
from qa.engine import QA
from qa.index.lexical import terms
from qa.paths import cache_root


@dataclass(frozen=True)
class Question:
    """A SQuAD question with the corpus file and character offsets of its answers.

    An impossible question (SQuAD 2.0 `is_impossible`) has no answer offsets.
    """

    text: str
    source: str
    answer_starts: tuple[int, ...]


# How a file is cut into a fit and a held-out half (see the module docstring).
BY_ARTICLE, WHOLE_FIT, WHOLE_HELD_OUT = "halves by title", "whole file fit", "whole file held out"


@dataclass(frozen=True)
class SquadFile:
    """A SQuAD-format file as articles to write and questions to ask.

    `files`: file name -> text (title line, then one paragraph per block), in article order.
    `questions`: the answerable questions; `unanswerable`: the impossible ones (SQuAD 2.0).
    `split`: BY_ARTICLE, WHOLE_FIT or WHOLE_HELD_OUT.
    """

    files: dict[str, str]
    questions: list[Question]
    unanswerable: list[Question]
    split: str
    version: str | None


def read_squad(path: Path) -> SquadFile:
    """Read a SQuAD v1.1/v2.0 or TyDi GoldP (SQuAD layout) file, gzipped or not."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as handle:
        top = json.load(handle)
    data = top["data"]
    width = max(3, len(str(len(data) - 1)))  # so that sorted file names are in article order
    files: dict[str, str] = {}
    questions: list[Question] = []
    unanswerable: list[Question] = []
    for number, article in enumerate(data):
        source = f"{number:0{width}d}_{article['title'][:60].replace('/', '_')}.txt"
        text = article["title"].replace("_", " ")
        for paragraph in article["paragraphs"]:
            text += "\n\n"
            offset = len(text)
            text += paragraph["context"].replace("\n", " ")
            for qa in paragraph["qas"]:
                if qa["answers"] and not qa.get("is_impossible", False):
                    starts = tuple(sorted({offset + a["answer_start"] for a in qa["answers"]}))
                    questions.append(Question(qa["question"], source, starts))
                else:
                    unanswerable.append(Question(qa["question"], source, ()))
        files[source] = text + "\n"
    version = top.get("version")
    return SquadFile(files, questions, unanswerable, _split_of(path, version), version)


def _split_of(path: Path, version: str | None) -> str:
    if version is not None:
        return BY_ARTICLE
    words = set(re.split(r"[^a-z0-9]+", path.name.lower()))
    if ("train" in words) == ("dev" in words):
        has = "both the words 'train' and 'dev'" if "train" in words else "neither the word 'train' nor 'dev'"
        raise ValueError(
            f"{path.name} has no 'version' key, so it is evaluated as one split, but its name has {has}: "
            "name it with exactly one (train -> fit half, dev -> held-out half), "
            "or add a 'version' key to split it by article"
        )
    return WHOLE_FIT if "train" in words else WHOLE_HELD_OUT


def load_squad(path: Path) -> tuple[dict[str, str], list[Question]]:
    """Files to write (one per article) and the answerable questions: `read_squad` without the rest.

    SQuAD v2 questions without an answer are left out: ReQA has no gold sentence for them.
    """
    squad = read_squad(path)
    return squad.files, squad.questions


def eval_dir(squad: Path, variant: str = "") -> Path:
    """The cache folder of one file, keyed by its content: `<qa cache>/eval/<stem>-<sha256[:12]>[-variant]`."""
    digest = file_digest(squad)
    return cache_root() / "eval" / f"{squad.name.split('.')[0]}-{digest[:12]}{'-' + variant if variant else ''}"


def model_variant(model: str | None) -> str:
    """The `eval_dir` variant of an embedding model, so that each model keeps its own index of a
    file: "" for qa's default (`model` None and `QA_MODEL` unset), else the model's name or folder
    with every run of other characters than ASCII letters, digits and dots made one "-" (its last
    40 characters), then "-" and 8 hex digits of the sha256 of the name as given, so that two names
    never share a folder: "all-mpnet-base-v2-<hash>". (The backend, `QA_BACKEND`, is not part of
    it: switching it rebuilds the folder's index, which records the model and backend it holds.)"""
    name = model or os.environ.get("QA_MODEL")
    if not name:
        return ""
    readable = re.sub(r"[^A-Za-z0-9.]+", "-", name)[-40:].strip("-")
    return f"{readable}-{hashlib.sha256(name.encode()).hexdigest()[:8]}".lstrip("-")


def file_digest(path: Path) -> str:
    """sha256 of the file's bytes, in hex."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _write_corpus(folder: Path, files: dict[str, str]) -> None:
    """Make `folder` hold exactly `files`: write what differs, delete every other file."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).as_posix() not in files:
            path.unlink()
    for name, text in files.items():
        path = folder / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")


SLICES = (("low", 0.0, 1 / 3), ("middle", 1 / 3, 2 / 3), ("high", 2 / 3, 1.01))


@dataclass
class Prepared:
    """A SQuAD file indexed as a corpus, with each question's vector, gold rows and word overlap.

    `questions`, `vectors`, `gold`, `overlap` and `held_out` have one entry per answerable question;
    `gold` holds rows of `bot.retriever.sentences`. `articles` are the article file names in order
    (their half is `article_half`); `unanswerable` are the impossible questions.
    """

    bot: QA
    questions: list[Question]
    vectors: np.ndarray
    gold: list[set[int]]
    overlap: np.ndarray
    held_out: np.ndarray
    squad: Path | None = None
    workdir: Path | None = None
    model: str | None = None
    split: str = BY_ARTICLE
    articles: tuple[str, ...] = ()
    unanswerable: tuple[Question, ...] = ()
    files: dict[str, str] | None = None
    version: str | None = None


def prepare(squad: Path, limit: int | None = None, model: str | None = None, workdir: Path | None = None) -> Prepared:
    """Write the articles as .txt files and index them like any corpus (cached between runs).

    `workdir` defaults to `eval_dir(squad, model_variant(model))`; its `corpus/` is pruned to this
    file's articles.
    `limit` keeps the first N answerable and the first N impossible questions.
    """
    read = read_squad(squad)
    questions, unanswerable = read.questions, read.unanswerable
    workdir = workdir or eval_dir(squad, model_variant(model))
    _write_corpus(workdir / "corpus", read.files)
    (workdir / "source.json").write_text(
        json.dumps({"file": squad.name, "sha256": file_digest(squad)}, indent=2) + "\n", encoding="utf-8"
    )
    bot = QA(workdir / "corpus", index_dir=workdir / "index", model=model)
    if limit is not None:
        questions, unanswerable = questions[:limit], unanswerable[:limit]
    sentences = bot.retriever.sentences
    rows_of: dict[str, list[int]] = {}
    for row, sentence in enumerate(sentences):
        rows_of.setdefault(sentence.source, []).append(row)
    gold = []
    for question in questions:
        rows = rows_of.get(question.source, [])
        ends = [sentences[r].end for r in rows]
        # The sentence holding the first character of an answer.
        gold.append(
            {rows[min(bisect.bisect_right(ends, start), len(rows) - 1)] for start in question.answer_starts if rows}
        )
    vectors = bot.embedder.encode([q.text for q in questions])
    question_terms = terms([q.text for q in questions])
    overlap = np.array(
        [
            _overlap(set(qt), [set(t) for t in terms([sentences[r].text for r in g])])
            for qt, g in zip(question_terms, gold, strict=False)
        ]
    )
    articles = tuple(sorted(read.files))
    held_out = _held_out(read.split, articles, questions)
    return Prepared(
        bot,
        questions,
        vectors,
        gold,
        overlap,
        held_out,
        squad=squad,
        workdir=workdir,
        model=model,
        split=read.split,
        articles=articles,
        unanswerable=tuple(unanswerable),
        files=read.files,
        version=read.version,
    )


def _held_out(split: str, articles: Sequence[str], questions: Sequence[Question]) -> np.ndarray:
    if split != BY_ARTICLE:
        return np.full(len(questions), split == WHOLE_HELD_OUT)
    return np.array([article_half(q.source) == 1 for q in questions], dtype=bool)


def article_half(article: str) -> int:
    """0 or 1: the low bit of the sha256 of the article's title (its file name without the number
    in front and the .txt), the same for an article in every file."""
    title = article.split("_", 1)[-1].rsplit(".", 1)[0]
    return hashlib.sha256(title.encode("utf-8")).digest()[0] % 2


def _overlap(question_terms: set[str], gold_terms: list[set[str]]) -> float:
    """Share of the question's content-word stems found in its gold sentence (the best, if several)."""
    if not question_terms or not gold_terms:
        return 0.0
    return max(len(question_terms & g) for g in gold_terms) / len(question_terms)


def half_corpus(prepared: Prepared, half: int) -> QA:
    """The cached QA over the articles of one half (0 or 1, see `article_half`) of the file."""
    if half not in (0, 1) or prepared.workdir is None or prepared.files is None:
        raise ValueError(f"half must be 0 or 1 of a prepared file, got {half!r}")
    name = f"half{half}"
    kept = {a: prepared.files[a] for a in prepared.articles if article_half(a) == half}
    _write_corpus(prepared.workdir / f"corpus-{name}", kept)
    return QA(prepared.workdir / f"corpus-{name}", index_dir=prepared.workdir / f"index-{name}", model=prepared.model)


def _key(text: str) -> str:
    """A sentence as the answer path tells sentences apart (see engine._distinct)."""
    return " ".join(text.casefold().split())


@dataclass(frozen=True)
class QuestionArrays:
    """One row per question of a file, n in all: the answerable questions of `prepare` (same order),
    then the impossible ones.

    questions      list of n Question
    gold           list of n sets of rows of `prepared.bot.retriever.sentences` (empty: impossible)
    gold_text      list of n sets of gold sentence texts, as `_key` normalises them
    overlap        (n,) float: share of the question's stems in its gold sentence (0 when impossible)
    held_out       (n,) bool: the question is in the held-out half (else the fit half)
    impossible     (n,) bool: SQuAD 2.0 `is_impossible` (asked of the full corpus, never right)
    article_half   (n,) int: the half of the question's article (`article_half`)
    out_of_corpus  (2, n) bool: row h is True for the answerable questions out of the corpus made of
                   half h's articles (`half_corpus(prepared, h)`): their article is in the other half
                   and no gold sentence's text occurs in half h (a repeated passage would leak)
    """

    questions: list[Question]
    gold: list[set[int]]
    gold_text: list[set[str]]
    overlap: np.ndarray
    held_out: np.ndarray
    impossible: np.ndarray
    article_half: np.ndarray
    out_of_corpus: np.ndarray

    @property
    def in_corpus(self) -> np.ndarray:
        """(n,) bool: answerable, so in the full corpus."""
        return ~self.impossible


def question_arrays(prepared: Prepared) -> QuestionArrays:
    """The per-question arrays of a prepared file, for this evaluation and for fitting scripts."""
    sentences = prepared.bot.retriever.sentences
    questions = list(prepared.questions) + list(prepared.unanswerable)
    answerable = len(prepared.questions)
    halves = np.array([article_half(q.source) for q in questions], dtype=np.int64)
    impossible = np.arange(len(questions)) >= answerable
    gold = list(prepared.gold) + [set() for _ in prepared.unanswerable]
    gold_text = [{_key(sentences.text[r]) for r in g} for g in gold]
    texts_of_half: list[set[str]] = [set(), set()]
    for row in range(len(sentences)):
        texts_of_half[article_half(sentences.sources[sentences.source[row]])].add(_key(sentences.text[row]))
    leaked = np.array([[bool(g & texts_of_half[h]) for g in gold_text] for h in (0, 1)], dtype=bool).reshape(2, -1)
    out_of_corpus = (halves[None, :] != np.arange(2)[:, None]) & ~impossible[None, :] & ~leaked
    unanswerable_held_out = _held_out(prepared.split, prepared.articles, prepared.unanswerable)
    held_out = np.r_[prepared.held_out, unanswerable_held_out].astype(bool)
    overlap = np.r_[prepared.overlap, np.zeros(len(prepared.unanswerable))]
    return QuestionArrays(questions, gold, gold_text, overlap, held_out, impossible, halves, out_of_corpus)


@dataclass(frozen=True)
class Asked:
    """What `QA.answer` said about each of n questions: `found` (n,) bool, `confidence` (n,) float
    (0 where None), `right` (n,) bool: the first passage's text is a gold sentence's text."""

    found: np.ndarray
    confidence: np.ndarray
    right: np.ndarray


def ask(bot: QA, questions: Sequence[Question], gold_text: Sequence[set[str]]) -> Asked:
    """Ask each question through `bot.answer`, the path a user's question takes."""
    found, confidence, right = [], [], []
    for question, gold in zip(questions, gold_text, strict=True):
        answer = bot.answer(question.text)
        found.append(answer.found)
        confidence.append(answer.confidence or 0.0)
        right.append(bool(answer.passages) and _key(answer.passages[0].text) in gold)
    return Asked(np.array(found, dtype=bool), np.array(confidence, dtype=float), np.array(right, dtype=bool))


def gold_ranks(prepared: Prepared, method: str) -> np.ndarray:
    """1-based rank of the first gold sentence per question; a gold row never ranked gets 10**9."""
    retriever = prepared.bot.retriever
    ranks = np.full(len(prepared.questions), 10**9)
    for i, (question, vector, gold) in enumerate(zip(prepared.questions, prepared.vectors, prepared.gold, strict=False)):
        if method == "dense":
            scores = retriever.dense.vectors @ vector
        elif method == "bm25":
            scores = retriever.lexical.scores(terms([question.text])[0])
        else:
            found = retriever.candidates(question.text, vector)
            scores = np.full(len(retriever.sentences), -np.inf, dtype=np.float32)
            scores[found.rows] = found.features @ retriever.weights
        best_gold = max(scores[list(gold)]) if gold else -np.inf
        if np.isfinite(best_gold):
            # Ties count against the gold sentence: a query BM25 scores 0 everywhere ranks nothing.
            tied = int((scores == best_gold).sum()) - sum(1 for g in gold if scores[g] == best_gold)
            ranks[i] = int((scores > best_gold).sum()) + tied + 1
    return ranks


def _latency_ms(prepared: Prepared, method: str, count: int = 200) -> float:
    """Median wall time of one question, query encoding included."""
    retriever = prepared.bot.retriever
    timings = []
    for question in prepared.questions[:count]:
        start = time.perf_counter()
        vector = prepared.bot.embedder.encode([question.text])[0]
        if method == "dense":
            retriever.dense.search(vector[None, :], 10)
        elif method == "bm25":
            retriever.lexical.scores(terms([question.text])[0]).argmax()
        else:
            retriever.search(question.text, vector, 3)
        timings.append((time.perf_counter() - start) * 1000)
    return float(np.median(timings)) if timings else float("nan")


@dataclass(frozen=True)
class Outcomes:
    """Every ask of one file through `QA.answer`, m in all, one per (question, corpus) pair.

    `kind` (m,) str: "in" (answerable, full corpus), "out" (answerable, a half corpus without its
    article), "impossible" (full corpus); `held_out` (m,) bool; `found`, `confidence`, `right` as in
    `Asked` (right is only ever True for "in"); `corpus` (m,) str: "full", "half 0" or "half 1".
    """

    kind: np.ndarray
    corpus: np.ndarray
    held_out: np.ndarray
    found: np.ndarray
    confidence: np.ndarray
    right: np.ndarray


def answer_outcomes(prepared: Prepared, arrays: QuestionArrays) -> Outcomes:
    """Ask the in-corpus and impossible questions of the full corpus and the out-of-corpus ones of
    both half corpora (corpus = half 0's articles asked half 1's questions, and the reverse)."""
    parts = []
    full = ask(prepared.bot, arrays.questions, arrays.gold_text)
    kind = np.where(arrays.impossible, "impossible", "in")
    parts.append((kind, np.full(len(kind), "full"), arrays.held_out, full))
    for half in (0, 1):
        chosen = np.flatnonzero(arrays.out_of_corpus[half])
        bot = half_corpus(prepared, half)
        asked = ask(bot, [arrays.questions[i] for i in chosen], [set() for _ in chosen])  # out of corpus: never right
        corpus = np.full(len(chosen), f"half {half}")
        parts.append((np.full(len(chosen), "out"), corpus, arrays.held_out[chosen], asked))
    return Outcomes(
        np.concatenate([p[0] for p in parts]).astype(str),
        np.concatenate([p[1] for p in parts]).astype(str),
        np.concatenate([p[2] for p in parts]).astype(bool),
        np.concatenate([p[3].found for p in parts]).astype(bool),
        np.concatenate([p[3].confidence for p in parts]).astype(float),
        np.concatenate([p[3].right for p in parts]).astype(bool),
    )


def _share(values: np.ndarray, mask: np.ndarray) -> str:
    """'97.2% of 5,397', or '–' when the mask is empty."""
    count = int(mask.sum())
    return f"{values[mask].mean():.1%} of {count:,}" if count else "–"


def abstention_table(outcomes: Outcomes) -> str:
    """Shares answered, right and abstained, by fit / held-out half, as a Markdown table."""
    o = outcomes
    halves = (("fit half", ~o.held_out), ("held-out half", o.held_out), ("all", np.ones(len(o.kind), bool)))
    inside = (o.kind == "in") & (o.corpus == "full")
    rows = [
        ("answered, in corpus", o.found, inside),
        ("answered and right, in corpus", o.found & o.right, inside),
        ("first passage right, in corpus (answered or not)", o.right, inside),
        ("abstained, out of corpus (corpus: half 0)", ~o.found, (o.kind == "out") & (o.corpus == "half 0")),
        ("abstained, out of corpus (corpus: half 1)", ~o.found, (o.kind == "out") & (o.corpus == "half 1")),
        ("abstained, out of corpus (both)", ~o.found, o.kind == "out"),
        ("abstained, impossible", ~o.found, o.kind == "impossible"),
    ]
    lines = ["| share | fit half | held-out half | all |", "|---|---|---|---|"]
    for label, values, mask in rows:
        lines.append(f"| {label} | " + " | ".join(_share(values, mask & half) for _, half in halves) + " |")
    return "\n".join(lines)


CONFIDENCE_BINS = 10


def reliability(confidence: np.ndarray, right: np.ndarray) -> list[tuple[int, float, float]]:
    """Per bin [k/10, (k+1)/10) (the last one closed): count, mean predicted, observed share right
    (NaN for an empty bin)."""
    edges = np.arange(1, CONFIDENCE_BINS) / CONFIDENCE_BINS  # k / 10 is the double nearest to 0.k
    bins = np.searchsorted(edges, confidence, side="right")
    result = []
    for b in range(CONFIDENCE_BINS):
        mask = bins == b
        count = int(mask.sum())
        if count:
            result.append((count, float(confidence[mask].mean()), float(right[mask].mean())))
        else:
            result.append((0, float("nan"), float("nan")))
    return result


def reliability_table(outcomes: Outcomes) -> str:
    """The reliability of `confidence` over the held-out asks, with the expected calibration error."""
    o = outcomes
    lines = ["| confidence | asks | mean predicted | observed right |", "|---|---|---|---|"]
    table = reliability(o.confidence[o.held_out], o.right[o.held_out])
    for b, (count, predicted, observed) in enumerate(table):
        high = "1.0]" if b == CONFIDENCE_BINS - 1 else f"{(b + 1) / CONFIDENCE_BINS:.1f})"
        cells = f"{predicted:.3f} | {observed:.3f}" if count else "– | –"
        lines.append(f"| [{b / CONFIDENCE_BINS:.1f}, {high} | {count:,} | {cells} |")
    total = sum(count for count, _, _ in table)
    if total:
        error = sum(count * abs(p - r) for count, p, r in table if count) / total
        lines += ["", f"Expected calibration error (held-out half): {error:.3f} over {total:,} asks."]
    return "\n".join(lines)


def tradeoff_table(outcomes: Outcomes) -> str:
    """Answering when confidence ≥ t, t = 0.1 … 0.9, beside the shipped rule (`found`), held-out asks."""
    o = outcomes
    held = o.held_out
    inside, outside, impossible = held & (o.kind == "in"), held & (o.kind == "out"), held & (o.kind == "impossible")
    lines = [
        "| answered when | answered, in corpus | answered and right, in corpus | abstained, out of corpus "
        "| abstained, impossible |",
        "|---|---|---|---|---|",
    ]
    rules = [("found (shipped rule)", o.found)]
    rules += [(f"confidence ≥ {k / 10:.1f}", o.confidence >= k / 10) for k in range(1, 10)]
    for label, answered in rules:
        cells = [
            _percent(answered, inside),
            _percent(answered & o.right, inside),
            _percent(~answered, outside),
            _percent(~answered, impossible),
        ]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _percent(values: np.ndarray, mask: np.ndarray) -> str:
    return f"{values[mask].mean():.1%}" if mask.any() else "–"


def retrieval_table(prepared: Prepared) -> str:
    """P@1, MRR, R@5, R@10 and p50 latency of hybrid, dense-only and BM25-only ranking, by half and
    by overlap slice."""
    lines = ["| method | questions | P@1 | MRR | R@5 | R@10 | p50 ms |", "|---|---|---|---|---|---|---|"]
    groups = [("all", np.ones(len(prepared.questions), bool))]
    groups += [("fit half", ~prepared.held_out), ("held-out half", prepared.held_out)]
    groups += [
        (
            f"{name} overlap [{low:.2f}, {min(high, 1):.2f}{')' if high < 1 else ']'}",
            (prepared.overlap >= low) & (prepared.overlap < high),
        )
        for name, low, high in SLICES
    ]
    for method in ("hybrid", "dense", "bm25"):
        ranks = gold_ranks(prepared, method)
        latency = _latency_ms(prepared, method)
        for label, mask in groups:
            r = ranks[mask]
            if not len(r):
                lines.append(f"| {method}, {label} | 0 | – | – | – | – | – |")
                continue
            lines.append(
                f"| {method}, {label} | {len(r):,} | {np.mean(r == 1):.3f} | {np.mean(1 / r):.3f} | "
                f"{np.mean(r <= 5):.3f} | {np.mean(r <= 10):.3f} | {latency:.1f} |"
            )
    return "\n".join(lines)


_HALVES = {
    BY_ARTICLE: "fit half = the articles of half 0, held-out half = those of half 1 (an article's half is fixed by its title)",
    WHOLE_FIT: "no `version` key and `train` in the name: the whole file is the fit half",
    WHOLE_HELD_OUT: "no `version` key and `dev` in the name: the whole file is the held-out half",
}


def evaluate_file(squad: Path, limit: int | None = None, model: str | None = None) -> str:
    """One file's section: retrieval, abstention, reliability and trade-off tables, in Markdown."""
    prepared = prepare(squad, limit=limit, model=model)
    arrays = question_arrays(prepared)
    outcomes = answer_outcomes(prepared, arrays)
    digest = file_digest(squad)[:12]
    version = f"SQuAD version {prepared.version}" if prepared.version else "SQuAD layout without a version"
    leaked = int(((arrays.article_half != np.arange(2)[:, None]) & arrays.in_corpus & ~arrays.out_of_corpus).sum())
    return "\n".join(
        [
            f"## {squad.name} (sha256 {digest})",
            "",
            f"{version}: {len(prepared.articles):,} articles, {len(prepared.questions):,} answerable and "
            f"{len(prepared.unanswerable):,} impossible questions, {len(prepared.bot.retriever.sentences):,} candidate "
            f"sentences. Halves: {_HALVES[prepared.split]}.",
            "",
            "### Retrieval",
            "",
            "Every sentence is a candidate for every answerable question; ties count against the gold sentence.",
            "",
            retrieval_table(prepared),
            "",
            "### Abstention, through QA.answer",
            "",
            "In corpus: the answerable questions, asked of every article. Out of corpus: the answerable questions "
            "of the other half, asked of one half's articles alone"
            + (f" ({leaked:,} whose gold sentence's text is also in that half were not asked)" if leaked else "")
            + ". Impossible: SQuAD 2.0 `is_impossible` questions, asked of every article. "
            "Right: the first passage is a gold sentence.",
            "",
            abstention_table(outcomes),
            "",
            "### Reliability of confidence, held-out half",
            "",
            "Every held-out ask above; only an in-corpus question whose first passage is gold is right.",
            "",
            reliability_table(outcomes),
            "",
            "### Trade-off, held-out half",
            "",
            tradeoff_table(outcomes),
        ]
    )


def run_evaluation(squads: Sequence[Path], limit: int | None = None, model: str | None = None) -> str:
    """The evaluation as Markdown, one section per file, in the order given."""
    if not squads:
        raise ValueError("give at least one SQuAD-format file (--squad PATH, repeatable)")
    return "\n\n".join(evaluate_file(squad, limit=limit, model=model) for squad in squads) + "\n"


def _rank_of(passage: dict, answer_passages: Sequence) -> int | None:
    """1-based rank of a rated passage (same file, same sentence) among an answer's passages."""
    for rank, candidate in enumerate(answer_passages, 1):
        if candidate.source == passage.get("source") and _key(candidate.text) == _key(str(passage.get("text", ""))):
            return rank
    return None


def evaluate_feedback(path: Path, bot: QA, top_k: int = 3) -> str:
    """The ratings of a feedback file replayed as an evaluation set, as one Markdown section.

    Each rated question is asked again through `bot.answer`, with the conversation it was asked
    in. A liked answer's first passage counts as right: the share asked again that still puts it
    first is P@1. A disliked answer's first passage counts as wrong: the share that still puts it
    first should fall. Ratings without passages (nothing was found to show) are counted apart.
    """
    ratings, unreadable = feedback.read(path)
    rows = {True: [0, 0, 0, 0], False: [0, 0, 0, 0]}  # asked, first, in top k, found
    empty = 0
    for rating in ratings:
        shown = rating.get("passages") or []
        if not shown or not isinstance(shown[0], dict):
            empty += 1
            continue
        history = rating.get("history")
        history = [turn for turn in history if isinstance(turn, dict)] if isinstance(history, list) else None
        answer = bot.answer(rating["question"], history=history, top_k=top_k)
        rank = _rank_of(shown[0], answer.passages)
        row = rows[rating["liked"]]
        row[0] += 1
        row[1] += rank == 1
        row[2] += rank is not None
        row[3] += answer.found
    lines = [
        f"## {path.name} (feedback, {len(ratings):,} ratings)",
        "",
        "Every rated question asked again through QA.answer, with the conversation it was asked in. "
        "A liked answer's first passage is right, a disliked one's is wrong."
        + (f" {empty:,} ratings of answers without passages were not asked." if empty else "")
        + (f" {unreadable:,} unreadable lines were skipped." if unreadable else ""),
        "",
        f"| rated | asked | rated passage first | rated passage in top {top_k} | found |",
        "|---|---|---|---|---|",
    ]
    for liked, label in ((True, "liked (right)"), (False, "disliked (wrong)")):
        asked, first, top, found = rows[liked]
        if not asked:
            lines.append(f"| {label} | 0 | – | – | – |")
            continue
        lines.append(f"| {label} | {asked:,} | {first / asked:.1%} | {top / asked:.1%} | {found / asked:.1%} |")
    return "\n".join(lines)
