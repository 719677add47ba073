"""BM25 over the sentence table with bm25s: stemmed, English stopwords and question words removed."""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from types import MappingProxyType

import bm25s
import numpy as np
import Stemmer
from bm25s.stopwords import STOPWORDS_EN
from bm25s.tokenization import Tokenizer

from qa.index.normalization import normalize

# Question words carry no evidence about which sentence answers: "When did ..." never matches "when".
# "i" is a pronoun once one-letter tokens are kept.
STOPWORDS = sorted(
    set(STOPWORDS_EN)
    | {"what", "when", "who", "whom", "whose", "how", "where", "which", "why", "did", "does", "do", "has", "have", "had", "i"}
)
_STOPWORD_SET = frozenset(STOPWORDS)
# Every run of letters and digits, one character long included ("Lot B", "vitamin D", "Gate 4"),
# with its apostrophes, which the stemmer strips ("Niger's" -> "niger"); a decimal number or a
# version is one token ("4.2", "1.2", "4.2.1"; "v4.2" is "v" and "4.2"): "4.2" is not "4.1", nor
# "1.2 litres" the Barista 1. Not a dotted date ("14.05.2024": "14", "05", "2024").
_DECIMAL = r"(?<![\d.])\d{1,3}(?:\.\d{1,3}){1,2}(?!\d|\.\d)"
_TOKEN = re.compile(rf"{_DECIMAL}|[^\W\d_]+(?={_DECIMAL})|\w+(?:'\w+)*")
# Dotted abbreviations are read as one word: "U.S." -> "US", "e.g." -> "eg".
_DOTTED = re.compile(r"\b(?:[^\W\d_]\.){2,}")
# A word after a token (spaces, a quote or an opening bracket between): "A" in "GET A PERMIT" or
# 'GET A "PERMIT"' is an article.
_WORD_NEXT = re.compile(r"\s*[\"'‘“(\[]?\w")
_EMPTY_MARK = "EMPTY"
# Recorded in the index: a stored BM25 index made with other terms is rebuilt (its vectors are kept).
TERMS = (
    "qa terms 7: normalised text, one-letter tokens, acronyms, apostrophes, a letter closing a name in capitals, "
    "decimals and versions of up to three numbers, irregular plurals"
)
# Words the Snowball stemmer leaves apart from their singular ("children" -> "children", "child"
# -> "child"), read as it before stemming, so that "Are children allowed?" finds "Child (5–17)" and
# "for 10 people" "per person" ("person" and "people" as "people": Snowball stems "personal" to
# "person"). Written out, and only plurals that are no verb's form: a lemmatizer without the
# sentence's parts of speech reads "The train leaves at 9" as leaf and "She lives in Oslo" as life.
_SINGULARS = MappingProxyType(
    {
        "children": "child", "people": "people", "person": "people", "persons": "people", "women": "woman",
        "men": "man", "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose", "knives": "knife",
        "wives": "wife",
    }
)  # fmt: skip


# The lazily built default stemmer of each thread (see _stemmer).
_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    """One stemmer per thread: PyStemmer's must not be called concurrently."""
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def terms(texts: Iterable[str]) -> list[list[str]]:
    """The stemmed content terms of each text, as BM25 sees them, in the index and in queries;
    text is read as `qa.index.normalization.normalize` writes it.

    Stop words are dropped unless they are written as names: an acronym in capitals (IT, US, WHO,
    OR) outside text that is all capitals, or a capital letter after the first word ("Plan A"); in
    text that is all capitals, a letter after the first word that no word follows ("LOT A",
    "PLAN A: EXITS"; not "GET A PERMIT"). No library tokenizer decides by case, so this is written
    out; bm25s indexes its output.
    """
    stemmer = _stemmer()
    result = []
    for text in texts:
        text = _DOTTED.sub(lambda m: m.group().replace(".", ""), normalize(text))
        found = list(_TOKEN.finditer(text))
        tokens = [m.group() for m in found]
        shouting = is_shouting(text)
        stems = stemmer.stemWords([_singular(t.lower()) for t in tokens])
        result.append(
            [
                stem
                for position, (token, stem) in enumerate(zip(tokens, stems, strict=True))
                if (token.lower() not in _STOPWORD_SET and stem not in _STOPWORD_SET)
                or (_closes_a_name(token, position, text, found[position].end()) if shouting else _is_name(token, position))
            ]
        )
    return result


def _singular(token: str) -> str:
    """A token of _SINGULARS as its singular, a possessive's "'s" dropped ("children's": "child")."""
    word = token[:-2] if token.endswith(("'s", "’s")) else token
    return _SINGULARS.get(word, token)


def _terms_of(text: str) -> list[str]:
    """`terms` of one text."""
    return terms([text])[0]


def is_shouting(text: str) -> bool:
    """Most letters are capitals ("WHEN WILL THEY LEAVE?"): capitals then mark no acronyms or names."""
    return sum(c.isupper() for c in text) > 0.6 * max(1, sum(c.isalpha() for c in text))


def _is_name(token: str, position: int) -> bool:
    """An acronym in capitals, or one capital letter that does not open the text ("Form A", not "A few")."""
    if len(token) == 1:
        return position > 0 and token.isupper() and token != "I"
    return token.isupper() and token.isalpha()


def _closes_a_name(token: str, position: int, text: str, end: int) -> bool:
    """In text in capitals, one letter after the first word that no word follows: "LOT A"."""
    return len(token) == 1 and position > 0 and token.isupper() and token != "I" and _WORD_NEXT.match(text, end) is None


class LexicalIndex:
    """Scores every sentence against a query; saved as bm25s' own folder of .npy and JSON files."""

    def __init__(self, bm25: bm25s.BM25, size: int, empty: bool = False) -> None:
        self._bm25 = bm25
        self.size = size
        self._empty = empty

    @classmethod
    def build(cls, texts: Sequence[str]) -> LexicalIndex:
        """BM25 over `texts`, each read by `terms`. bm25s' Tokenizer (`terms` as its splitter)
        numbers the terms as they come, so that the index is built from lists of term ids, which
        share their int objects: at a million sentences the build's working memory is 0.87 GB,
        against 1.12 GB from lists of term strings."""
        bm25 = bm25s.BM25()
        tokenizer = Tokenizer(lower=False, splitter=_terms_of, stopwords=None, stemmer=None)
        ids = tokenizer.tokenize(texts, return_as="ids", allow_empty=False, show_progress=False)
        if not any(ids):  # bm25s cannot index a corpus without a single term
            return cls(bm25, len(texts), empty=True)
        bm25.index((ids, tokenizer.get_vocab_dict()), show_progress=len(texts) > 100_000)
        return cls(bm25, len(texts))

    def save(self, folder: Path) -> None:
        if self._empty:
            folder.mkdir()
            (folder / _EMPTY_MARK).touch()
        else:
            self._bm25.save(str(folder), show_progress=False)

    @classmethod
    def load(cls, folder: Path, size: int) -> LexicalIndex:
        if (folder / _EMPTY_MARK).exists():
            return cls(bm25s.BM25(), size, empty=True)
        bm25 = bm25s.BM25.load(str(folder), mmap=False, show_progress=False)
        if bm25.scores["num_docs"] != size:
            raise ValueError(f"BM25 index holds {bm25.scores['num_docs']} sentences, the table {size}")
        return cls(bm25, size)

    def scores(
        self,
        query_terms: list[str],
        out: np.ndarray | None = None,
        matched: np.ndarray | None = None,
        marked: Sequence[str] = (),
    ) -> np.ndarray:
        """BM25 score of every sentence, zeros where no term matches; written into `out` if given.

        With `matched` (uint64, one per sentence), bit j is set where the sentence holds
        `marked[j]` (at most 64 terms). Summed here from bm25s' precomputed matrix, as
        `get_scores` does, but into `out`: bm25s allocates a fresh array per query, and a fresh
        array of a million rows cost 15 ms of page faults per question here, a reused one nothing.
        """
        if out is None:
            out = np.zeros(self.size, dtype=np.float32)
        else:
            out.fill(0)
        if matched is not None:
            matched.fill(0)
        if self._empty:
            return out
        if len(marked) > 64:
            raise ValueError(f"at most 64 terms can be marked, got {len(marked)}")
        vocabulary, matrix = self._bm25.vocab_dict, self._bm25.scores
        bits = {term: bit for bit, term in enumerate(marked)}
        for term, repeats in Counter(query_terms).items():
            if term not in vocabulary:
                continue
            index = vocabulary[term]
            postings = slice(matrix["indptr"][index], matrix["indptr"][index + 1])
            rows = matrix["indices"][postings]
            np.add.at(out, rows, matrix["data"][postings] * repeats)
            if matched is not None and term in bits:
                matched[rows] |= np.uint64(1 << bits[term])  # a term's rows are distinct
        return out

    def idf(self, query_terms: list[str]) -> np.ndarray:
        """Lucene's IDF of each of `distinct(query_terms)`; a term no sentence holds gets the
        highest IDF there is, so that asking about it weighs like the rarest word."""
        frequency = np.array([self._frequency(t) for t in distinct(query_terms)], dtype=np.float64)
        return np.log1p((self.size - frequency + 0.5) / (frequency + 0.5)).astype(np.float32)

    def holds(self, term: str) -> bool:
        """Whether some sentence holds `term`."""
        return self._frequency(term) > 0

    def _frequency(self, term: str) -> int:
        """How many sentences hold `term`."""
        if self._empty or term not in self._bm25.vocab_dict:
            return 0
        indptr = self._bm25.scores["indptr"]
        index = self._bm25.vocab_dict[term]
        return int(indptr[index + 1] - indptr[index])


def distinct(query_terms: list[str]) -> list[str]:
    """The query's terms once each, in first-seen order (the order of `LexicalIndex.idf`)."""
    return list(dict.fromkeys(query_terms))
