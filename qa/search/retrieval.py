"""Index -> ranked sentences: dense and BM25 evidence about each sentence, its paragraph and its
document, fused by the weights of `qa.search.ranking`'s features (`qa.search.fits`)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np

from qa.index.dense import DenseIndex, group_means
from qa.index.lexical import LexicalIndex, distinct, terms
from qa.ingest.documents import BlockKind
from qa.ingest.formats.tables import first_cell, named_cells
from qa.ingest.sentences import KINDS, Sentence, SentenceTable
from qa.search.fits import MINILM
from qa.search.ranking import (
    ANSWER_TYPES,
    ASKS,
    CONTINUES,
    LAST_STEP,
    MONEY,
    STEP_WORDS,
    TRAITS,
    asked_code_pairs,
    asked_kinds,
    asked_value,
    asks_for_a_price,
    asks_for_one_fact,
    asks_for_something,
    code_pairs,
    codes,
    content_terms,
    kinds,
    loose_code_pairs,
    names_another,
    names_other_days,
    names_other_kind,
    quantity_column,
    question_terms,
    question_types,
    sentence_traits,
    step_asked,
    step_match,
    step_numbers,
    weekdays,
)

# The terms of a question that ask for a step rather than say which list: "step", "the second", "3".
_STEP_WORDS = frozenset(terms([" ".join(STEP_WORDS)])[0])
_STEP_TERM = re.compile(r"\d+(st|nd|rd|th)?")
# How many of each ranking's best rows are considered for fusion.
CANDIDATES = 100
# For a question asking for one fact ("When is rent due?"), an item of the list ranked first
# whole that scores within this of the list answers instead. Set by hand (2026-12-02) on the
# questions of `benchmarks.structured_documents` whose first answer was a whole list, and on
# those of a newcomer's six documents (two of them are that benchmark's sixth folder,
# `benchmarks.fact_list_documents`): items the question asked for scored 0.1 to 1.3 below their
# list ("When is rent due?", "Can I have a cat?", "Where on the router is the reset hole?",
# "What if I'm an hour late returning the car?"); the first wrong item, 2.0 below
# ("Can I drop the car off after the office closes?").
ITEM_MARGIN = 1.5
# Added to a follow-up's candidates, times the share of its own words they hold: searched joined
# to the question before it and with a vector halfway between the two, "And on Saturdays?" after
# "When does the pool open on Monday?" got Monday's row again, and "What about the afternoon
# one?" the morning shift. Set by hand (2026-12-02) on the follow-ups of three newcomers' trials
# (tests/test_answer_quality.py keeps the pool's).
FOLLOW_UP_WEIGHT = 2.0
# An FAQ question of up to this many sentences is context, whole, of the answer after it.
QUESTION_SENTENCES = 3
# A table's cell of at most this many words other than its first names a category its row is in
# ("Home/Away: Away", "Size: Small"), which `Retriever._other_row` tells rows apart by.
_CATEGORY_WORDS = 3
# The kinds of row whose first cell names what the row is about (`Retriever._other_row`).
_ROW_KINDS = (KINDS.index(BlockKind.ROW), KINDS.index(BlockKind.TABLE_ROW))
_HEADING_KIND = KINDS.index(BlockKind.HEADING)
# A question for a date in words `question_types` does not count as asking when ("What date is
# the board meeting?", "Which year did the club merge?", "What is the deadline?").
_DATE_WORD = re.compile(r"\b(dates?|days?|years?|months?|deadlines?|closing|since|ago)\b", re.I)
# Rows sampled once to standardise a query's cosines; more changes the statistics very little.
STATISTICS_SAMPLE = 4096


@dataclass(frozen=True)
class Hit:
    """A ranked sentence: `row` joins the sentence table, FAISS and BM25.

    `cosine` is the sentence's own similarity to the query (in a paragraph after an FAQ line or
    a question heading, the higher of its own and that question's) and `coverage` the
    IDF-weighted share of the query's terms found in it, its section's headings, its document's
    name, the FAQ line or question heading just before its paragraph (for a later sentence of
    the paragraph, but for the terms its first sentence holds) or, for a sentence that opens
    with a pronoun, the sentence before it in its paragraph (a term no sentence holds counts as
    missing); `paragraph_coverage` the same over its whole paragraph,
    and `missing` the IDF share of the rarest query term absent from that paragraph; `code_missing`
    is 1 where a code the query names ("AquaPure 200", "Lot D": `qa.search.ranking.codes`; "lot d"
    or "week 2" typed in small letters where a candidate names a code after that word) is absent
    from that paragraph and its context (a run of codes, "Years 3 to 6", holds each), where the sentence and its headings name another code of
    that kind and not the query's ("Menu for Week 1 (from 2 March)" for "week 2"), or where a
    wh-question names days of the week, a measure, a size or a colour and they name only others ("on
    Wednesdays" for "… on Sundays?", "40 litres" for "a 70 litre bag", "grey bin" for "the green
    bin"), else 0; `price_missing` 1 where the query asks what
    something costs (`qa.search.ranking.asks_for_a_price`) and the sentence names no sum of money:
    the absolute evidence the confidence is computed from (`qa.search.confidence`).
    """

    row: int
    score: float
    cosine: float
    coverage: float
    paragraph_coverage: float
    missing: float
    code_missing: float
    step: float
    price_missing: float


@dataclass(frozen=True)
class _Cells:
    """A table row's terms: of its first cell, of each other cell of at most _CATEGORY_WORDS words
    (by its column's name in small letters), and of all its cells (not the columns' names)."""

    first: frozenset[str]
    categories: dict[str, frozenset[str]]
    values: frozenset[str]

    @classmethod
    def of(cls, row: str) -> _Cells:
        named = named_cells(row)
        categories = {
            column.casefold(): frozenset(terms([value])[0]) for column, value in named[1:] if len(value.split()) <= _CATEGORY_WORDS
        }
        values = frozenset(terms([" ; ".join(value for _, value in named)])[0]) if named else frozenset(terms([row])[0])
        return cls(frozenset(terms([first_cell(row)])[0]), categories, values)


@dataclass(frozen=True)
class Ranking:
    """What one search found: `hits`, best first, and `nearest`, the highest `cosine` of any
    candidate (the dense side's nearest sentences are all candidates): how near the corpus comes
    to the question, whichever sentence ranks first."""

    hits: list[Hit]
    nearest: float
    # The ranking's own score of the first hit and the best of the other candidates' (0, 0 for
    # none): the confidence's evidence, as fitted, before a follow-up's own words or a list's item
    # moved the order (`Retriever.search`), so that neither makes an answer look surer.
    plain: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Candidates:
    """The rows considered for one query and their feature matrix (columns as ranking.FEATURES)."""

    rows: np.ndarray
    features: np.ndarray
    cosine: np.ndarray
    coverage: np.ndarray
    paragraph_coverage: np.ndarray
    missing: np.ndarray
    code_missing: np.ndarray
    step: np.ndarray
    price_missing: np.ndarray
    follow_up: np.ndarray  # IDF share of a follow-up's own terms in the row and its context (zeros: none)

    def nearest(self) -> float:
        """The highest cosine of any candidate (`Ranking.nearest`)."""
        return float(self.cosine.max(initial=-1.0))

    def hit(self, i: int, score: float) -> Hit:
        """The `i`th candidate as a Hit with the given score."""
        return Hit(
            int(self.rows[i]),
            score,
            float(self.cosine[i]),
            float(self.coverage[i]),
            float(self.paragraph_coverage[i]),
            float(self.missing[i]),
            float(self.code_missing[i]),
            float(self.step[i]),
            float(self.price_missing[i]),
        )


class Retriever:
    """Ranks the sentences of one index for a query."""

    def __init__(
        self,
        sentences: Sequence[Sentence],
        dense: DenseIndex,
        lexical: LexicalIndex,
        documents: np.ndarray | None = None,
        weights: np.ndarray = MINILM.weights,
    ) -> None:
        """`documents`: each document's mean vector as the index stored it (computed if not given)."""
        self.sentences = sentences if isinstance(sentences, SentenceTable) else SentenceTable.of(sentences)
        self.weights = weights
        self.dense = dense
        self.lexical = lexical
        n = len(self.sentences)
        source, block = self.sentences.source, self.sentences.block
        new_document = np.r_[True, source[1:] != source[:-1]] if n else np.zeros(0, bool)
        new_paragraph = new_document | np.r_[True, block[1:] != block[:-1]] if n else new_document
        rows = np.arange(n)
        # Context runs over a paragraph's sentences, over the rows of one sheet and over the items
        # of one list (a step is shown among the steps around it).
        kind, section = self.sentences.kind, self.sentences.section
        runs_on = np.isin(kind[1:], (KINDS.index(BlockKind.ROW), KINDS.index(BlockKind.ITEM)))
        same_run = np.r_[False, runs_on & (kind[1:] == kind[:-1]) & (section[1:] == section[:-1])]
        new_context = new_paragraph & ~(same_run & ~new_document) if n else new_paragraph
        self.previous = np.where(new_context, rows, rows - 1)
        self.next = np.where(np.r_[new_context[1:], True] if n else new_context, rows, rows + 1)
        self.paragraph = np.cumsum(new_paragraph) - 1
        self.document = np.cumsum(new_document) - 1
        self.paragraph_start = np.r_[np.flatnonzero(new_paragraph), n]
        self.document_start = np.r_[np.flatnonzero(new_document), n]
        self.documents = group_means(dense.vectors, self.document_start[:-1]) if documents is None else documents
        self._buffers: list[tuple[np.ndarray, np.ndarray]] = []
        self._buffers_lock = threading.Lock()
        # Filled in as rows become candidates: computing them all would slow every start.
        self._traits = np.full((n, TRAITS), np.nan, dtype=np.float32)
        # One id per (document, section heading) pair, whose terms are computed once, on demand.
        pairs = np.stack([self.sentences.source, self.sentences.section], axis=1) if n else np.zeros((0, 2), np.int32)
        self._contexts, self._context = np.unique(pairs, axis=0, return_inverse=True)
        self._context = self._context.reshape(-1)
        self._context_terms: dict[int, frozenset[str]] = {}
        # The codes each row and its headings name (`code_pairs`), computed once, on demand.
        self._codes: dict[int, frozenset[tuple[str, str]]] = {}
        # The days of the week and the measures, sizes and colours each row and its headings name
        # (`weekdays`, `kinds`), computed once, on demand.
        self._kinds: dict[int, tuple[frozenset[int], frozenset[tuple[str, str]]]] = {}
        # The terms of each table row's cells (`_Cells`), computed once, on demand.
        self._keys: dict[int, _Cells] = {}
        # The terms each row holds (`content_terms`), computed once, on demand.
        self._content_terms: dict[int, frozenset[str] | None] = {}
        rng = np.random.default_rng(0)
        sample = np.sort(rng.choice(n, STATISTICS_SAMPLE, replace=False)) if n > STATISTICS_SAMPLE else np.arange(n)
        self._sample_vectors = dense.rows(sample)

    def search(self, query: str, vector: np.ndarray, k: int, asked: str | None = None) -> Ranking:
        """The `k` best sentences, best first, and how near the nearest comes. `asked`: the
        question itself where `query` joins an earlier one to it (a follow-up): the codes it
        names count alone ("And Lot C?" after "When does Lot B open?" asks about Lot C), and where
        it names none, the earlier question's do ("Does it need a migration?" after "What does 4.2
        need?" asks about 4.2), and a sentence holding its own words ranks higher
        (FOLLOW_UP_WEIGHT). For a question that asks for one fact, an item of a list ranked first
        whole may answer in the list's place (`_item_for_list`)."""
        if not self.sentences or k < 1:
            return Ranking([], 0.0)
        found = self.candidates(query, vector, asked)
        plain = found.features @ self.weights
        scores = plain + FOLLOW_UP_WEIGHT * found.follow_up
        order = np.argsort(-scores, kind="stable")
        # A follow-up with a question word of its own asks what that word asks ("Why?"); one
        # without ("And the deposit?") asks what the question before it did.
        question = asked if asked is not None and asks_for_something(asked) else query
        if asks_for_one_fact(question):
            order, scores = self._item_for_list(found, scores, order)
        if not len(order):
            return Ranking([], found.nearest())
        first = int(order[0])
        others = plain[order[1:]]
        evidence = (float(plain[first]), float(others.max()) if len(others) else float(plain[first]))
        return Ranking([found.hit(int(i), float(scores[i])) for i in order[:k]], found.nearest(), evidence)

    def candidates(self, query: str, vector: np.ndarray, asked: str | None = None) -> Candidates:
        """Dense and BM25 top rows with their features; exposed for tuning the weights. `asked`
        as for `search`."""
        question = query if asked is None else asked
        named, coded = codes(question), question
        if not named and asked is not None:
            named, coded = codes(query), query
        follow_up = frozenset(terms([asked])[0]) if asked is not None and asked != query else frozenset()
        # A follow-up with a question word of its own asks for what that word asks ("How long does
        # it take?" after "How much does the tour cost?"); one without, for what the earlier did.
        typed = asked if asked is not None and asks_for_something(asked) else query
        with self._bm25_buffers() as (buffer, matched):
            return self._candidates(
                query,
                vector,
                buffer,
                matched,
                named,
                asked_code_pairs(coded),
                loose_code_pairs(question) or (loose_code_pairs(query) if asked is not None else frozenset()),
                step_asked(question),
                question_terms(question) if asks_for_something(question) else None,
                follow_up,
                question_types(typed),
                quantity_column(typed),
                asks_for_a_price(typed),
                # Days, measures, sizes and colours asked for, by a wh-question only: "No, it trains on Wednesdays"
                # answers "Does the squad train on Sundays?". A follow-up's own replace the earlier's.
                (weekdays(question) or weekdays(query)) if asks_for_something(typed) else frozenset(),
                (asked_kinds(question) or asked_kinds(query)) if asks_for_something(typed) else frozenset(),
                asked_value(question) or (asked_value(query) if asked is not None else None),
            )

    def _item_for_list(self, found: Candidates, scores: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """For a question that asks for one fact: `order` and `scores` with the best item of the
        first candidate in its place, with its score (for the order shown; the confidence reads
        `Ranking.plain`), where that candidate is a list shown whole
        (or its lead-in) and the item scores within ITEM_MARGIN of it (an item that answers about
        as well as its whole list answers alone, among the items around it: its passage's
        context); and without the lists or lead-ins that hold the first candidate, which would
        show it again below it and make its lead over the next one look smaller than it is."""
        if not len(order):
            return order, scores
        first = int(order[0])
        items = np.flatnonzero(np.isin(found.rows, self._spanned(int(found.rows[first]))))
        if len(items):
            item = int(items[np.argmax(scores[items])])
            if scores[first] - scores[item] < ITEM_MARGIN:
                scores = scores.copy()
                scores[item] = scores[first]
                order = np.r_[item, order[(order != first) & (order != item)]]
        row, rows = int(found.rows[order[0]]), found.rows[order]
        sentences = self.sentences
        holding = (
            (rows < row)
            & (sentences.source[rows] == sentences.source[row])
            & (sentences.start[rows] <= sentences.start[row])
            & (sentences.end[rows] >= sentences.end[row])
        )
        return order[~holding], scores

    def unknown(self, query: str) -> float:
        """The IDF-weighted share of the query's terms that no sentence of the corpus holds."""
        query_terms = terms([query])[0]
        if not query_terms:
            return 0.0
        idf = self.lexical.idf(query_terms)
        known = np.array([self.lexical.holds(t) for t in distinct(query_terms)])
        return float(idf[~known].sum() / idf.sum())

    def _candidates(
        self,
        query: str,
        vector: np.ndarray,
        buffer: np.ndarray,
        matched: np.ndarray,
        named: set[str],
        pairs: frozenset[tuple[str, str]],
        loose: frozenset[tuple[str, str]],
        step: int | None,
        wh_terms: frozenset[str] | None,
        follow_up: frozenset[str],
        asks: np.ndarray,
        quantity: int,
        price_asked: bool,
        days: frozenset[int],
        sized: frozenset[tuple[str, str]],
        value: re.Pattern[str] | None,
    ) -> Candidates:
        query_terms = terms([query])[0]
        # Coverage counts the 64 rarest distinct terms (one bit each); a longer question's
        # commonest words are left out of it, present or not.
        unique, idf = distinct(query_terms), self.lexical.idf(query_terms)
        kept = np.sort(np.argsort(-idf, kind="stable")[:64])
        marked, idf = [unique[i] for i in kept], idf[kept]
        bm25 = self.lexical.scores(query_terms, out=buffer, matched=matched, marked=marked)
        best_bm25 = float(bm25.max(initial=0.0))
        if best_bm25 > 0:
            bm25 /= best_bm25
        _, dense_rows = self.dense.search(vector[None, :], CANDIDATES)
        dense_rows = dense_rows[0][dense_rows[0] >= 0]  # an IVF search may come back short, padded with -1
        rows = np.union1d(dense_rows, _top(bm25, CANDIDATES)) if best_bm25 > 0 else np.sort(dense_rows)
        sample = self._sample_vectors @ vector
        mean, spread = float(sample.mean()), float(sample.std()) or 1.0

        paragraphs = self.paragraph[rows]
        members, offsets, position = self._paragraph_members(paragraphs)
        member_vectors = self.dense.rows(members)
        member_cosine = member_vectors @ vector
        best_cosine = np.maximum.reduceat(member_cosine, offsets)[position]
        bm25_paragraph_best = np.maximum.reduceat(bm25[members], offsets)[position]
        # Cosine with the paragraph's mean vector: (sum of vectors · query) / |sum of vectors|.
        sums = np.add.reduceat(member_vectors, offsets)
        norms = np.linalg.norm(sums, axis=1)
        paragraph_cosine = (np.add.reduceat(member_cosine, offsets) / np.where(norms > 0, norms, 1))[position]

        cosine = self.dense.similarity(vector, rows)
        has_previous, has_next = self.previous[rows] != rows, self.next[rows] != rows
        window = (bm25[rows] + bm25[self.previous[rows]] * has_previous + bm25[self.next[rows]] * has_next) / (
            1 + has_previous.astype(np.float32) + has_next
        )

        def z(values: np.ndarray) -> np.ndarray:
            return (values - mean) / spread

        # The sentence before the row's paragraph, in the same document, and whether it asks a
        # question: the answer to an FAQ line, or to a question heading, is the paragraph after it,
        # any sentence of it ("A: Books are lent for three weeks. DVDs are lent for one week.").
        lead = self.paragraph_start[self.paragraph[rows]]
        before = np.maximum(lead - 1, 0)
        same_document = (lead > 0) & (self.document[before] == self.document[rows])
        asked_before = self._traits_of(before)[:, ASKS] * same_document
        before_cosine = self.dense.similarity(vector, before)
        evidence = self.coverage(query_terms, np.array([int(np.argmax(bm25))]))[0] if best_bm25 > 0 else 0.0
        total = float(idf.sum()) or 1.0
        weights = idf
        own_bits = matched[rows]
        # Context: the section heading, the document's name and, after an FAQ line or a question
        # heading, that question: "A: Press Forgot password." answers "Q: How do I reset it?";
        # for a sentence that opens with a pronoun, the sentence before it in its paragraph.
        traits = self._traits_of(rows)
        # A later sentence of an answer shares its question's words but for those the first
        # sentence holds: "DVDs are lent for one week." after "Books are lent for three weeks." (for
        # "Q: How long can I keep a book?") is not about books.
        question_bits = self._question_bits(before, matched)
        # An FAQ line's cosine alone credits any answer after a "Can I …?" line for any "Can I …?"
        # question ("Can I bring my dog?" → the food FAQ's answer), and its BM25 score one after a
        # line sharing a word or two ("Can we visit on Christmas Day?" → "Can I leave and come back
        # on the same day?"): both credits are scaled by the IDF-weighted share of the query's
        # terms the line holds.
        asked_alike = _weighted(question_bits, weights) / total
        later = lead != rows
        question_bits[later] &= ~matched[lead[later]]
        # Within a paragraph only: the rows of one sheet are context of each other, not continuations.
        continues = (traits[:, CONTINUES] > 0) & has_previous & (self.paragraph[self.previous[rows]] == self.paragraph[rows])
        context_bits = (
            self._context_bits(marked, rows)
            | np.where(asked_before > 0, question_bits, np.uint64(0))
            | np.where(continues, matched[self.previous[rows]], np.uint64(0))
        )
        # A follow-up's own terms that some sentence holds ("saturday" of "And on Saturdays?"), and
        # the IDF-weighted share of them each row or its context holds.
        follow_bits = np.uint64(sum(1 << j for j, t in enumerate(marked) if t in follow_up and self.lexical.holds(t)))
        follow_total = float(_weighted(np.array([follow_bits]), weights)[0])
        follow_share: np.ndarray = np.zeros(len(rows), dtype=np.float32)
        if follow_total:
            follow_share = _weighted((own_bits | context_bits) & follow_bits, weights) / follow_total
        dense_paragraph = z(paragraph_cosine)
        dense_paragraph_best = z(best_cosine)
        dense_document = z(self.documents[self.document[rows]] @ vector)
        context_coverage = _weighted(own_bits | context_bits, weights) / total
        paragraph_bits = np.bitwise_or.reduceat(matched[members], offsets)[position] | context_bits
        paragraph_coverage = _weighted(paragraph_bits, weights) / total
        missing = _rarest_missing(paragraph_bits, idf) / total
        # A code typed in small letters ("lot d", "week 2") is one where a candidate names a code
        # after the same word ("Lot B", "Week 1").
        if loose - pairs:
            used = {name for row in rows.tolist() for name, _ in self._row_codes(row)}
            taken = frozenset(pair for pair in loose - pairs if pair[0] in used)
            pairs, named = pairs | taken, named | {code for _, code in taken}
        # A code among the terms left out of the 64 (the commonest of a long query) is not checked.
        code_bits = np.uint64(sum(1 << j for j, term in enumerate(marked) if term in named))
        # A row about another code, other days, another measure, size or colour than the question's
        # is about another thing of its kind ("Menu for Week 1 (from 2 March)" for "week 2", whose
        # "2" it holds): ranked lower (`other_code`) and no sure answer (`code_missing`).
        other_kind = np.maximum(self._names_another(rows, pairs), self._other_kind(rows, days, sized))
        # A row naming a run or a list of codes holds each ("Years 3 to 6" holds "Year 4"), though not its term.
        absent = ((paragraph_bits & code_bits) != code_bits) & ~self._names_asked(rows, pairs)
        code_missing = np.maximum(absent, other_kind).astype(np.float32)
        dateless = wh_terms is not None and not asks[2] and _DATE_WORD.search(query) is None
        step_rank, step_evidence = self._steps(rows, step, marked, idf, paragraph_bits, context_bits)
        columns = [
            z(cosine),
            dense_paragraph,
            dense_paragraph_best,
            dense_document,
            bm25[rows],
            bm25_paragraph_best,
            window,
            dense_paragraph * evidence,
            dense_paragraph_best * evidence,
            dense_document * evidence,
            bm25[rows] * evidence,
            bm25_paragraph_best * evidence,
            traits[:, 0],
            traits[:, quantity] * asks[0],
            traits[:, 2] * asks[1],
            traits[:, 3] * asks[2],
            traits[:, 4] * asks[3],
            _weighted(own_bits, weights) / total,
            _weighted(context_bits, weights) / total,
            context_coverage,
            traits[:, ASKS],
            asked_before * z(before_cosine) * asked_alike,
            asked_before * bm25[before] * asked_alike,
            paragraph_coverage,
            missing,
            np.maximum(other_kind, self._other_row(rows, frozenset(query_terms), wh_terms is not None)),
            step_rank,
            np.maximum(
                self._echoes(rows, wh_terms, own_bits, traits[:, 0]),
                # A heading that is no question is a candidate for its date alone ("Menu for Week 3
                # (from 16 March)"): for a wh-question that asks for no date, what is under it answers.
                (self.sentences.kind[rows] == _HEADING_KIND) & (traits[:, ASKS] == 0) & dateless,
            ),
            self._states(rows, value),
        ]
        features = np.stack(columns, axis=1).astype(np.float32)
        return Candidates(
            rows,
            features,
            np.maximum(cosine, np.where(asked_before > 0, before_cosine, -1.0)),
            context_coverage.astype(np.float32),
            paragraph_coverage.astype(np.float32),
            missing.astype(np.float32),
            code_missing,
            step_evidence,
            (1.0 - traits[:, MONEY]) * price_asked,
            follow_share.astype(np.float32),
        )

    def _context_bits(self, marked: list[str], rows: np.ndarray) -> np.ndarray:
        """Per row, bit j set where `marked[j]` is in its section's headings or its document's name
        (their terms computed once per heading and document, on demand)."""
        contexts, position = np.unique(self._context[rows], return_inverse=True)
        bits = np.zeros(len(contexts), dtype=np.uint64)
        for i, context in enumerate(contexts.tolist()):
            held = self._context_terms.get(context)
            if held is None:
                document, section = self._contexts[context]
                name = self.sentences.sources[document].rsplit("/", 1)[-1].rsplit(".", 1)[0]
                heading = self.sentences.sections[section] if section >= 0 else ""
                held = self._context_terms[context] = frozenset(terms([f"{name.replace('_', ' ')}. {heading}"])[0])
            bits[i] = sum(1 << j for j, term in enumerate(marked) if term in held)
        return bits[position.reshape(-1)]

    def _steps(
        self,
        rows: np.ndarray,
        step: int | None,
        marked: list[str],
        idf: np.ndarray,
        paragraph_bits: np.ndarray,
        context_bits: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray]:
        """For a question asking for step `step` (or `LAST_STEP`), per row: `step_match` (1: that
        numbered step, -1: another), where a step of that number is 1 only in the list the question
        names, by the IDF-weighted share s of its other terms ("for Mac", "of the banana bread"):
        the mean of their shares in the row's context (headings, document name) and in its
        paragraph and context, so that a heading names a list more than a step's words do ("3.
        Follow the Windows steps" under "macOS" is no Windows step); 2s - 1, so that step 7 of a
        recipe is another list's step for "step 7 for Windows". Two values: for the ranking, over
        the terms some sentence or some candidate's context holds (unknown ones tell no list from
        another); for the confidence, counting unknown ones as missing ("step 3 for Linux" over
        Windows and Mac steps). Zeros where no step is asked for."""
        if step is None:
            zeros = np.zeros(len(rows), dtype=np.float32)
            return zeros, zeros
        text = self.sentences.text
        asked = [step] * len(rows) if step != LAST_STEP else [self._last_step(r) for r in rows.tolist()]
        matches = np.array(
            [step_match(text[r], n) for r, n in zip(rows.tolist(), asked, strict=True)], dtype=np.float32
        )
        other = np.array([not _STEP_TERM.fullmatch(t) and t not in _STEP_WORDS for t in marked], dtype=bool)
        # Known: some sentence holds it, or some candidate's heading or document name ("## macOS").
        seen = int(np.bitwise_or.reduce(paragraph_bits)) if len(rows) else 0
        held = [self.lexical.holds(t) or bool(seen >> j & 1) for j, t in enumerate(marked)]
        known = other & np.array(held, dtype=bool)

        def covered(mask: np.ndarray) -> np.ndarray:
            weights = np.where(mask, idf, 0.0)
            total = float(weights.sum())
            if total == 0:
                return np.ones(len(rows))
            return (_weighted(context_bits, weights) + _weighted(paragraph_bits, weights)) / (2 * total)

        def scaled(share: np.ndarray) -> np.ndarray:
            return np.where(matches > 0, 2 * share - 1, matches).astype(np.float32)

        return scaled(covered(known)), scaled(covered(other))

    def _question_bits(self, rows: np.ndarray, matched: np.ndarray) -> np.ndarray:
        """Per row (a sentence that asks), the query terms its question holds: the whole
        paragraph it ends, if that has at most QUESTION_SENTENCES sentences ("Q: I lost my card.
        What should I do?"), else the row alone."""
        paragraphs = self.paragraph[rows]
        starts, ends = self.paragraph_start[paragraphs], self.paragraph_start[paragraphs + 1]
        whole = (ends - starts <= QUESTION_SENTENCES) & (ends - 1 == rows)
        bits = matched[rows].copy()
        for i in np.flatnonzero(whole).tolist():
            bits[i] = np.bitwise_or.reduce(matched[starts[i] : ends[i]])
        return bits

    def _states(self, rows: np.ndarray, value: re.Pattern[str] | None) -> np.ndarray:
        """Per row, 1 where it says what the question asks the value of (`value`, from
        `qa.search.ranking.asked_value`): "The code is 4127." for "What's the code for the key box?";
        a list shown whole only by its first line."""
        if value is None:
            return np.zeros(len(rows), dtype=np.float32)
        # The file's own text, not normalised: 3 µs a row against 8 (a value question has ~200
        # candidates). A list shown whole says it in its lead-in ("Every chef must follow these
        # rules:"), not in one of its items: there, the item is the answer.
        said = np.zeros(len(rows), dtype=np.float32)
        for i, row in enumerate(rows.tolist()):
            text = self.sentences.text[row]
            match = value.search(text)
            said[i] = match is not None and "\n" not in text[: match.start()]
        return said

    def _echoes(
        self, rows: np.ndarray, wh_terms: frozenset[str] | None, own_bits: np.ndarray, log_words: np.ndarray
    ) -> np.ndarray:
        """Per row, 1 where it says nothing the question does not: every one of its terms
        (`content_terms`, None for a negation) is among `wh_terms`, the terms of a question that
        asks for something (`asks_for_something`); "5. Data protection audit" for "What did the
        data protection audit find?". Zeros where `wh_terms` is None. Only rows that hold one of
        the question's terms and have at most three words per question term (and three more) are
        looked at, their terms computed once, on demand: stemming every candidate cost about 1 ms
        a question on a new corpus."""
        marked = np.zeros(len(rows), dtype=np.float32)
        if wh_terms is None:
            return marked
        short = np.expm1(log_words) <= 3 * len(wh_terms) + 3
        for i in np.flatnonzero(short & (own_bits != 0)).tolist():
            row = int(rows[i])
            if row not in self._content_terms:
                self._content_terms[row] = content_terms(self.sentences.text[row])
            held = self._content_terms[row]
            marked[i] = held is not None and bool(held) and held <= wh_terms
        return marked

    def _last_step(self, row: int) -> int:
        """The number a row must bear to be the last step of its list: its own where it is one
        step and the item after it in its list is not the next step, else one no step has."""
        numbers = step_numbers(self.sentences.text[row])
        if len(numbers) != 1:
            return -1
        (number,) = numbers
        block, after = self.sentences.block[row], row
        while self.next[after] != after and self.sentences.block[after] == block:  # past the step's own sentences
            after = int(self.next[after])
        last = self.sentences.block[after] == block or step_numbers(self.sentences.text[after]) != {number + 1}
        return number if last else -1

    def _names_another(self, rows: np.ndarray, asked: frozenset[tuple[str, str]]) -> np.ndarray:
        """Per row, 1 where it or its section's headings name another code of the kind the
        question asks about, and none of the question's (`qa.search.ranking.names_another`)."""
        result = np.zeros(len(rows), dtype=np.float32)
        if not asked:
            return result
        for i, row in enumerate(rows.tolist()):
            result[i] = names_another(self._row_codes(row), asked)
        return result

    def _names_asked(self, rows: np.ndarray, asked: frozenset[tuple[str, str]]) -> np.ndarray:
        """Per row, True where it or its section's headings name every code the question names
        after a name (`asked`; "Year 4" in "For Years 3 to 6 a school lunch costs £2.60")."""
        named = [pair for pair in asked if pair[0]]
        if not named:
            return np.zeros(len(rows), dtype=bool)
        return np.array([self._row_codes(row).issuperset(named) for row in rows.tolist()], dtype=bool)

    def _row_codes(self, row: int) -> frozenset[tuple[str, str]]:
        """The codes a row and its section's headings name (`qa.search.ranking.code_pairs`)."""
        held = self._codes.get(row)
        if held is None:
            held = self._codes[row] = code_pairs(self._headed(row))
        return held

    def _headed(self, row: int) -> str:
        """A row's text after its section's headings (their path, "Tickets › Prices"), on a line of their own."""
        section = int(self.sentences.section[row])
        heading = self.sentences.sections[section] if section >= 0 else ""
        return f"{heading}\n{self.sentences.text[row]}"

    def _other_kind(self, rows: np.ndarray, days: frozenset[int], sized: frozenset[tuple[str, str]]) -> np.ndarray:
        """Per row, 1 where it or its section's headings name days of the week, none of them the
        question's (`days`; `qa.search.ranking.names_other_days`), or measures, sizes or colours of
        the kinds of the question's, none of them its own (`sized`; `qa.search.ranking.names_other_kind`)."""
        result = np.zeros(len(rows), dtype=np.float32)
        if not days and not sized:
            return result
        for i, row in enumerate(rows.tolist()):
            held = self._kinds.get(row)
            if held is None:
                text = self._headed(row)
                held = self._kinds[row] = (weekdays(text), kinds(text))
            result[i] = names_other_days(held[0], days) or names_other_kind(held[1], sized)
        return result

    def _other_row(self, rows: np.ndarray, wanted: frozenset[str], categories: bool) -> np.ndarray:
        """Per row, 1 where it is a table's row whose first cell holds none of `wanted` (the
        query's terms; a follow-up's joined to the earlier question's) that the first cell of
        another candidate row of its table (its file and section) holds: "Ticket: Child (5–17); …;
        Notes: Must be accompanied by an adult" for "How much is an adult ticket?", where one row's
        first cell is "Adult". A row is about what its first cell names, as a paragraph is about
        its code (`other_code`). Likewise, with `categories` (a wh-question: for a yes/no question
        the row that answers "no" differs from the others: "Is there a home game on 10 May?" is
        answered by 10 May's "Home/Away: Away"), where another row's short cell (a category, of at
        most _CATEGORY_WORDS words) holds terms of `wanted` that none of the row's cells holds:
        "Home/Away: Away" for "When is our first home game against Ashby?", where another Ashby
        row holds "Home/Away: Home" (every row holds "home" in the column's name); not the home
        game's "Venue: Millbrook Rec" where the away game's is "Ashby Leisure Centre", since its
        "Opponent: Ashby Town Colts" holds "ashby"."""
        result = np.zeros(len(rows), dtype=np.float32)
        tabled = np.flatnonzero(np.isin(self.sentences.kind[rows], _ROW_KINDS))
        if not wanted or not len(tabled):
            return result
        cells: dict[int, _Cells] = {}
        for i in tabled.tolist():
            row = int(rows[i])
            held = self._keys.get(row)
            if held is None:
                held = self._keys[row] = _Cells.of(self.sentences.text[row])
            cells[i] = held
        firsts: dict[int, set[str]] = {}
        named: dict[tuple[int, str], set[str]] = {}
        for i, held in cells.items():
            context = int(self._context[rows[i]])
            firsts.setdefault(context, set()).update(held.first & wanted)
            for column, value in held.categories.items():
                named.setdefault((context, column), set()).update(value & wanted)
        for i, held in cells.items():
            context = int(self._context[rows[i]])
            other_first = bool(firsts[context]) and not held.first & wanted
            other_category = categories and any(
                named[(context, column)] and not named[(context, column)] & held.values for column in held.categories
            )
            result[i] = float(other_first or other_category)
        return result

    @contextmanager
    def _bm25_buffers(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """Scores and matched-term arrays reused from question to question (see
        LexicalIndex.scores): as many exist as questions were ever searched at once."""
        with self._buffers_lock:
            if self._buffers:
                buffers = self._buffers.pop()
            else:
                buffers = (np.zeros(len(self.sentences), dtype=np.float32), np.zeros(len(self.sentences), dtype=np.uint64))
        try:
            yield buffers
        finally:
            with self._buffers_lock:
                self._buffers.append(buffers)

    def _traits_of(self, rows: np.ndarray) -> np.ndarray:
        """`sentence_traits` of the rows, computed once each; safe when questions run in threads
        (a row another thread is writing reads as missing and is computed again).

        A list shown whole (or its lead-in, which runs on to the list's end) has a quantity, a
        date or a place where more than half of the items it spans do: a house's rules on leaving
        hold a time in one item ("Hand the keys back by noon"), which answers "When do the keys go
        back?" alone, and the whole list, holding every item's words and that time, outranked the
        item for "When will I get my deposit back?"."""
        traits = self._traits[rows]
        missing = np.isnan(traits).any(axis=1)
        if missing.any():
            computed = sentence_traits([self.sentences.text[r] for r in rows[missing]])
            for i, row in enumerate(rows[missing].tolist()):
                spanned = self._spanned(row)
                if len(spanned):
                    kinds = sentence_traits([self.sentences.text[r] for r in spanned.tolist()])[:, ANSWER_TYPES]
                    blocks = self.sentences.block[spanned]
                    starts = np.flatnonzero(np.r_[True, blocks[1:] != blocks[:-1]])
                    # An item has a type where one of its sentences has it.
                    per_item = np.maximum.reduceat(kinds > 0, starts, axis=0)
                    computed[i, ANSWER_TYPES] = np.where(per_item.mean(axis=0) > 0.5, computed[i, ANSWER_TYPES], 0.0)
            traits[missing] = computed
            self._traits[rows[missing]] = traits[missing]
        return traits

    def _spanned(self, row: int) -> np.ndarray:
        """The rows after `row` that lie within its span (the items of a list shown whole, or of
        the list a lead-in runs on to); none for any other row."""
        start, end, source = self.sentences.start, self.sentences.end, self.sentences.source
        last = row
        while last + 1 < len(start) and source[last + 1] == source[row] and start[last + 1] < end[row]:
            last += 1
        return np.arange(row + 1, last + 1)

    def _paragraph_members(self, paragraphs: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """All rows of the given paragraphs, where each paragraph's rows start among them, and
        the position of each given paragraph among the distinct ones (for np.*.reduceat)."""
        distinct = np.unique(paragraphs)
        starts = self.paragraph_start[distinct]
        lengths = self.paragraph_start[distinct + 1] - starts
        offsets = np.cumsum(lengths) - lengths
        members = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        return members, offsets, np.searchsorted(distinct, paragraphs)

    def coverage(self, query_terms: list[str], rows: np.ndarray) -> list[float]:
        """Share of the query's content terms found in each sentence."""
        wanted = set(query_terms)
        if not wanted:
            return [0.0] * len(rows)
        found = terms([self.sentences.text[r] for r in rows])
        return [len(wanted & set(t)) / len(wanted) for t in found]


def _weighted(bits: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """Per row, the sum of `weights[j]` over the bits j set in `bits`."""
    held = (bits[:, None] >> np.arange(len(weights), dtype=np.uint64)) & np.uint64(1)
    return held.astype(np.float32) @ weights


def _rarest_missing(bits: np.ndarray, idf: np.ndarray) -> np.ndarray:
    """Per row, the highest IDF among the marked terms whose bit is not set; 0 where all are there."""
    absent = ((bits[:, None] >> np.arange(len(idf), dtype=np.uint64)) & np.uint64(1)) == 0
    return np.where(absent, idf, 0).max(axis=1, initial=0.0)


def _top(scores: np.ndarray, k: int) -> np.ndarray:
    k = min(k, len(scores))
    return np.argpartition(-scores, k - 1)[:k]
