"""The same word written with other characters is the same word, in documents and in questions,
while passages still show the characters the file holds."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa import QA
from qa.index.embedding import Embedder
from qa.index.lexical import terms
from qa.index.normalization import normalize

# (as a file may hold it, as a person types it)
VARIANTS = [
    ("Late \ufb01lings pay a \ufb02at fee at the o\ufb03ce.", "Late filings pay a flat fee at the office."),
    ("\uff26\uff4c\uff49\uff47\uff48\uff54 \uff11\uff12 leaves at \uff19\uff1a\uff13\uff10.", "Flight 12 leaves at 9:30."),
    ("The re\u00adnewal form is pro\u00adcessed weekly.", "The renewal form is processed weekly."),
    ("The re\u200bnewal form is pro\u2060cessed weekly.", "The renewal form is processed weekly."),
    ("The cafe\u0301 in Bre\u0301al opens at noon.", "The caf\u00e9 in Br\u00e9al opens at noon."),
    ("Gate\u00a04 opens at\u00a0noon.", "Gate 4 opens at noon."),
    ("The manager\u2019s \u201cquiet hours\u201d start at ten.", "The manager's \"quiet hours\" start at ten."),
    ("\ufeffThe report\u200e is due on Friday.", "The report is due on Friday."),
]


@pytest.mark.parametrize(("written", "typed"), VARIANTS)
def test_variants_normalise_to_the_typed_form(written: str, typed: str) -> None:
    assert normalize(written) == normalize(typed) == typed


@pytest.mark.parametrize(("written", "typed"), VARIANTS)
def test_bm25_terms_are_the_same(written: str, typed: str) -> None:
    assert terms([written]) == terms([typed])


def test_the_model_sees_one_word() -> None:
    vectors = Embedder().encode([written for written, _ in VARIANTS] + [typed for _, typed in VARIANTS])
    written, typed = vectors[: len(VARIANTS)], vectors[len(VARIANTS) :]
    np.testing.assert_allclose(np.sum(written * typed, axis=1), 1.0, atol=1e-5)


@pytest.mark.parametrize("direction", ["written in the file", "written in the question"])
def test_answers_match_across_spellings_and_show_the_file_text(tmp_path: Path, direction: str) -> None:
    in_file = direction == "written in the file"
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    facts = [
        ("Late \ufb01lings of the annual return are charged a \ufb02at fee of 200 euros.", "What is the fee for a late filing?"),
        ("The \uff37\uff49\uff46\uff49 password is printed on the router.", "Where is the Wifi password?"),
        ("Re\u00adnewal requests are pro\u200bcessed every Tues\u00adday.", "When are renewal requests processed?"),
        ("The manager\u2019s \u201cquiet hours\u201d begin at 22:00 on weekdays.", "When do the manager's \"quiet hours\" begin?"),
    ]
    filler = [
        "Payments made after the due date are charged interest.",
        "The office is closed on public holidays.",
        "Questions about the annual return go to the front desk.",
        "Parking permits are issued at the main entrance.",
    ]
    lines = [written if in_file else normalize(written) for written, _ in facts] + filler
    (corpus / "handbook.txt").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    bot = QA(corpus, index_dir=tmp_path / "index")
    for written, question in facts:
        asked = question if in_file else _respell(question)
        answer = bot.answer(asked)
        top = answer.passages[0]
        assert answer.found, asked
        assert top.text == (written if in_file else normalize(written))
        assert top.context[top.highlight_start : top.highlight_end] == top.text


def _respell(question: str) -> str:
    """The question as a PDF or a phone might write it: ligatures, curly quotes, soft hyphens."""
    return (
        question.replace("fi", "\ufb01")
        .replace("'", "\u2019")
        .replace('"', "\u201c", 1)
        .replace('"', "\u201d", 1)
        .replace("renewal", "re\u00adnewal")
        .replace("Wifi", "\uff37\uff49\uff46\uff49")
    )


def test_an_index_made_from_text_normalised_otherwise_is_rebuilt(seed_copy: Path, tmp_path: Path) -> None:
    QA(seed_copy, index_dir=tmp_path / "index")
    (manifest_path,) = (tmp_path / "index").glob("gen-*/manifest.json")
    manifest = json.loads(manifest_path.read_text())
    del manifest["normalization"]  # as an index made before text was normalised
    manifest_path.write_text(json.dumps(manifest))
    bot = QA(seed_copy, index_dir=tmp_path / "index")
    assert (bot.report.rebuilt_because or "").startswith("the normalization changed")
    assert bot.answer("When will American troops leave Niger?").found
