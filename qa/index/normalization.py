"""The form in which text is matched: one spelling per word, whatever characters the file used.

Documents and questions both pass through `normalize` before the embedding model and BM25 see
them; the sentence table keeps the text as read, so passages, spans and highlights still point
into the original.
"""

from __future__ import annotations

import unicodedata

import regex

# Recorded in the index: vectors and BM25 terms made from text normalised otherwise are rebuilt.
NORMALIZATION = "qa text 1: NFKC, invisible characters removed, quotes straightened"

# Format characters (Unicode category Cf: soft hyphen, zero-width space and joiners, word joiner,
# byte order mark, bidirectional marks) and control characters other than white space: they
# split a word in two for the tokenizer without showing on the page. The `regex` library knows
# Unicode categories; the standard `re` does not.
_INVISIBLE = regex.compile(r"[\p{Cf}\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
# Curly, low and prime quotation marks, which NFKC keeps, read as the straight ones.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
    }
)


def normalize(text: str) -> str:
    """`text` in NFKC (ligatures, full-width forms, no-break spaces, composed accents), without
    invisible characters, with straight quotes. Its length may differ from `text`'s ("ﬃ" -> "ffi"),
    so offsets never come from it. Never raises."""
    return _INVISIBLE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES)
