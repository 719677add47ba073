"""`qa eval` on tiny SQuAD-format files the tests write: content-keyed cache, one section per file,
abstention shares through the real `QA.answer` (checked against the test's own calls), the tables."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT
from test_models import needs_mpnet

from qa import QA
from qa.cli import main
from qa.evaluation import (
    BY_ARTICLE,
    WHOLE_FIT,
    WHOLE_HELD_OUT,
    Outcomes,
    Prepared,
    abstention_table,
    answer_outcomes,
    eval_dir,
    load_squad,
    model_variant,
    prepare,
    question_arrays,
    read_squad,
    reliability,
    reliability_table,
    run_evaluation,
    tradeoff_table,
)

DATA = ROOT.parent / "shared" / "data"

VOLCANO = (
    "Mount Kelvar erupted in 1783 and covered the valley in ash. The eruption killed most of the sheep on the island."
)
# (title, context, [(question, answer or None for impossible)]). Their titles put articles 0, 2 and 4
# in half 0 and articles 1 and 3 in half 1 (qa.evaluation.article_half).
ARTICLES = [
    (
        "Skerry_Lighthouse",
        "The Skerry lighthouse was built in 1852 by the engineer Alan Brodie. Its lamp burned whale oil until 1901. "
        "The tower is forty metres tall.",
        [("Who built the Skerry lighthouse?", "Alan Brodie"), ("Until when did the lamp burn whale oil?", "1901")],
    ),
    ("Mount_Kelvar", VOLCANO, [("When did Mount Kelvar erupt?", "1783")]),
    (
        "The_Brindle_chess_club",
        "The Brindle chess club meets every Tuesday in the old library. It was founded by Mary Hollis in 1921.",
        [
            ("Who founded the Brindle chess club?", "Mary Hollis"),
            ("Who won the Brindle chess championship in 1950?", None),
        ],
    ),
    (
        "Corran_bakery",
        "The Corran bakery sells rye bread made with a sourdough starter. The bakery opened on Mill Street in 1988.",
        [("What bread does the Corran bakery sell?", "rye bread")],
    ),
    # The Mount Kelvar passage again, under another title and without questions: it sits in half 0,
    # so the Mount Kelvar question is not out of the corpus of half 0.
    ("Kelvar_eruption", VOLCANO, []),
]
OTHER = [
    (
        "Fenwick_glacier",
        "The Fenwick glacier retreated two kilometres between 1950 and 2000.",
        [("How far did the Fenwick glacier retreat?", "two kilometres")],
    ),
    (
        "Harbour_ferry",
        "The harbour ferry crosses the bay every forty minutes.",
        [("How often does the harbour ferry cross the bay?", "every forty minutes")],
    ),
]


def write_squad(path: Path, articles: list, version: str | None = "v2.0") -> Path:
    data = []
    for number, (title, context, questions) in enumerate(articles):
        qas = []
        for i, (question, answer) in enumerate(questions):
            qa = {"id": f"{number}-{i}", "question": question}
            if answer is None:
                qa.update(answers=[], is_impossible=True)
            else:
                qa.update(answers=[{"text": answer, "answer_start": context.index(answer)}], is_impossible=False)
            qas.append(qa)
        data.append({"title": title, "paragraphs": [{"context": context, "qas": qas}]})
    path.parent.mkdir(parents=True, exist_ok=True)
    top = {"data": data} if version is None else {"version": version, "data": data}
    path.write_text(json.dumps(top), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_squad(tmp_path_factory.mktemp("a") / "tiny.json", ARTICLES)


@pytest.fixture(scope="module")
def other(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Another file with the same name (and stem) as `tiny`, but other articles."""
    return write_squad(tmp_path_factory.mktemp("b") / "tiny.json", OTHER, version="1.1")


@pytest.fixture(scope="module")
def prepared(tiny: Path) -> Prepared:
    return prepare(tiny)


@pytest.fixture(scope="module")
def report(tiny: Path, other: Path) -> str:
    return run_evaluation([tiny, other])


def test_read_squad_keeps_impossible_questions_apart(tiny: Path) -> None:
    squad = read_squad(tiny)
    assert [q.text for q in squad.unanswerable] == ["Who won the Brindle chess championship in 1950?"]
    assert squad.unanswerable[0].answer_starts == ()
    assert len(squad.questions) == 5 and all(q.answer_starts for q in squad.questions)
    assert squad.split == BY_ARTICLE and squad.version == "v2.0"
    files, questions = load_squad(tiny)
    assert files == squad.files and questions == squad.questions


def test_a_file_without_version_is_one_split_named_by_train_or_dev(tmp_path: Path) -> None:
    assert read_squad(write_squad(tmp_path / "x-train.json", OTHER, version=None)).split == WHOLE_FIT
    assert read_squad(write_squad(tmp_path / "x-dev.json", OTHER, version=None)).split == WHOLE_HELD_OUT
    with pytest.raises(ValueError, match="neither the word 'train' nor 'dev'"):
        read_squad(write_squad(tmp_path / "x.json", OTHER, version=None))
    with pytest.raises(ValueError, match="both"):
        read_squad(write_squad(tmp_path / "train-dev.json", OTHER, version=None))


@pytest.mark.skipif(not DATA.is_dir(), reason="the shared benchmark data is not here")
def test_the_shared_files_are_split_as_documented() -> None:
    v2 = read_squad(DATA / "squad-dev-v2.0.json.gz")
    assert (v2.split, len(v2.questions), len(v2.unanswerable)) == (BY_ARTICLE, 5928, 5945)
    assert read_squad(DATA / "squad-dev-v1.1.json.gz").split == BY_ARTICLE
    assert read_squad(DATA / "tydiqa-goldp-v1.1-english-dev.json.gz").split == WHOLE_HELD_OUT
    train = read_squad(DATA / "tydiqa-goldp-v1.1-english-train.json.gz")
    assert train.split == WHOLE_FIT
    assert list(train.files) == sorted(train.files), "file names sort in article order"


def test_cache_is_keyed_by_content(tiny: Path, other: Path, tmp_path: Path) -> None:
    assert eval_dir(tiny) != eval_dir(other)
    copy = tmp_path / "elsewhere.json"
    copy.write_bytes(tiny.read_bytes())
    assert eval_dir(copy).name.split("-")[-1] == eval_dir(tiny).name.split("-")[-1]
    a, b = prepare(tiny), prepare(other)
    for prepared, squad in ((a, tiny), (b, other)):
        files = set(read_squad(squad).files)
        assert {p.name for p in (prepared.workdir / "corpus").iterdir()} == files
        assert set(prepared.bot.retriever.sentences.sources) <= files


def test_model_variants_name_their_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QA_MODEL", raising=False)
    assert model_variant(None) == ""
    assert re.fullmatch(r"all-mpnet-base-v2-[0-9a-f]{8}", model_variant("all-mpnet-base-v2"))
    assert re.fullmatch(r"home-me-models-My-Model-[0-9a-f]{8}", model_variant("/home/me/models/My Model/"))
    long = model_variant("/" + "deep/" * 40 + "model")
    assert len(long) <= 49 and long.startswith("deep-") and "deep-model-" in long
    assert model_variant("/m/模型") != model_variant("/m/型号"), "names that read alike keep their own folders"
    assert model_variant("/") != "", "only the default model has the plain folder"
    monkeypatch.setenv("QA_MODEL", "all-mpnet-base-v2")
    assert model_variant(None) == model_variant("all-mpnet-base-v2")


@needs_mpnet
def test_each_model_keeps_its_own_index_of_a_file(tiny: Path, prepared: Prepared) -> None:
    """Evaluating with another model, then the default again, rebuilds nothing: each has its folder."""
    generation = (prepared.workdir / "index" / "CURRENT").read_text()
    mpnet = prepare(tiny, model="all-mpnet-base-v2")
    assert mpnet.workdir == eval_dir(tiny, model_variant("all-mpnet-base-v2")) != prepared.workdir
    assert mpnet.vectors.shape[1] == 768
    again = prepare(tiny)
    assert again.workdir == eval_dir(tiny) and again.vectors.shape[1] == 384
    assert (again.workdir / "index" / "CURRENT").read_text() == generation


def test_a_shared_workdir_never_mixes_two_files(tiny: Path, other: Path, tmp_path: Path) -> None:
    prepare(tiny, workdir=tmp_path / "shared")
    second = prepare(other, workdir=tmp_path / "shared")
    files = set(read_squad(other).files)
    assert {p.name for p in (tmp_path / "shared" / "corpus").iterdir()} == files
    assert set(second.bot.retriever.sentences.sources) == files


def test_question_arrays_by_hand(prepared: Prepared) -> None:
    arrays = question_arrays(prepared)
    assert [q.text for q in arrays.questions][-1] == "Who won the Brindle chess championship in 1950?"
    # Articles 0..4: half 0 = 0, 2, 4 (fit half); half 1 = 1, 3 (held out).
    assert arrays.article_half.tolist() == [0, 0, 1, 0, 1, 0]
    assert arrays.held_out.tolist() == [False, False, True, False, True, False]
    assert arrays.impossible.tolist() == [False] * 5 + [True]
    assert arrays.gold_text[0] == {"the skerry lighthouse was built in 1852 by the engineer alan brodie."}
    assert arrays.gold[5] == set() and arrays.overlap[5] == 0
    # Corpus = half 0: the bakery question is out of it; the Kelvar one is not (its passage is in article 4).
    assert arrays.out_of_corpus[0].tolist() == [False, False, False, False, True, False]
    assert arrays.out_of_corpus[1].tolist() == [True, True, False, True, False, False]
    assert prepared.held_out.tolist() == arrays.held_out[:5].tolist()


def _outcomes(**columns: list) -> Outcomes:
    return Outcomes(**{name: np.array(values) for name, values in columns.items()})


def _row(table: str, label: str) -> list[str]:
    [line] = [line for line in table.splitlines() if line.startswith(f"| {label} |")]
    return [cell.strip() for cell in line.strip("|").split("|")][1:]


def test_abstention_shares_by_hand() -> None:
    # Held out: 4 in corpus (3 found, 2 of them right; 1 right but not found), 2 out of the half-0
    # corpus (1 abstained), 1 impossible (abstained). Fit: 2 in corpus (1 found and right), 1 out
    # of the half-1 corpus (answered).
    outcomes = _outcomes(
        kind=["in"] * 4 + ["out"] * 2 + ["impossible"] + ["in"] * 2 + ["out"],
        corpus=["full"] * 4 + ["half 0"] * 2 + ["full"] * 3 + ["half 1"],
        held_out=[True] * 7 + [False] * 3,
        found=[True, True, True, False, True, False, False, True, False, True],
        confidence=[0.9, 0.8, 0.35, 0.3, 0.6, 0.1, 0.05, 0.7, 0.2, 0.5],
        right=[True, True, False, True, False, False, False, True, False, False],
    )
    table = abstention_table(outcomes)
    assert _row(table, "answered, in corpus") == ["50.0% of 2", "75.0% of 4", "66.7% of 6"]
    assert _row(table, "answered and right, in corpus") == ["50.0% of 2", "50.0% of 4", "50.0% of 6"]
    assert _row(table, "first passage right, in corpus (answered or not)") == ["50.0% of 2", "75.0% of 4", "66.7% of 6"]
    assert _row(table, "abstained, out of corpus (corpus: half 0)") == ["–", "50.0% of 2", "50.0% of 2"]
    assert _row(table, "abstained, out of corpus (corpus: half 1)") == ["0.0% of 1", "–", "0.0% of 1"]
    assert _row(table, "abstained, out of corpus (both)") == ["0.0% of 1", "50.0% of 2", "33.3% of 3"]
    assert _row(table, "abstained, impossible") == ["–", "100.0% of 1", "100.0% of 1"]
    tradeoff = tradeoff_table(outcomes)
    assert _row(tradeoff, "found (shipped rule)") == ["75.0%", "50.0%", "50.0%", "100.0%"]
    # Held out, confidence ≥ 0.3: in corpus 0.9, 0.8, 0.35, 0.3 answered (0.3 is on the edge); out 0.6.
    assert _row(tradeoff, "confidence ≥ 0.3") == ["100.0%", "75.0%", "50.0%", "100.0%"]
    assert _row(tradeoff, "confidence ≥ 0.9") == ["25.0%", "25.0%", "100.0%", "100.0%"]
    reliable = reliability_table(outcomes)
    assert _row(reliable, "[0.3, 0.4)") == ["2", "0.325", "0.500"]
    assert _row(reliable, "[0.0, 0.1)") == ["1", "0.050", "0.000"]
    assert _row(reliable, "[0.2, 0.3)") == ["0", "–", "–"]


def test_reliability_bins_edges_and_the_last_closed_bin() -> None:
    confidence = np.array([0.0, 0.1, 0.3, 0.7, 0.999, 1.0, 0.95])
    right = np.array([False, True, True, False, True, True, False])
    bins = reliability(confidence, right)
    assert [count for count, _, _ in bins] == [1, 1, 0, 1, 0, 0, 0, 1, 0, 3]
    count, predicted, observed = bins[9]
    assert predicted == pytest.approx((0.999 + 1.0 + 0.95) / 3) and observed == pytest.approx(2 / 3)
    assert np.isnan(bins[2][1])


def test_answer_outcomes_match_the_tests_own_calls(prepared: Prepared, tmp_path: Path) -> None:
    arrays = question_arrays(prepared)
    outcomes = answer_outcomes(prepared, arrays)
    # In corpus and impossible: the full corpus, asked by the test itself.
    full = [prepared.bot.answer(q.text) for q in arrays.questions]
    inside = (outcomes.kind == "in") & (outcomes.corpus == "full")
    assert outcomes.found[inside].tolist() == [a.found for a in full[:5]]
    assert outcomes.confidence[inside].tolist() == [a.confidence for a in full[:5]]
    texts = [q.text for q in arrays.questions]
    text = prepared.bot.retriever.sentences.text
    own_right = [a.passages[0].text in {text[r] for r in g} for a, g in zip(full[:5], arrays.gold[:5], strict=False)]
    assert outcomes.right[inside].tolist() == own_right
    assert sum(own_right) >= 3, "the easy questions find their sentence"
    assert outcomes.found[outcomes.kind == "impossible"].tolist() == [full[5].found]
    # Out of corpus: a corpus the test writes itself, of half 0's articles (0, 2, 4).
    corpus = tmp_path / "half0"
    corpus.mkdir()
    for i, name in enumerate(prepared.articles):
        if i % 2 == 0:
            (corpus / name).write_text(prepared.files[name], encoding="utf-8")
    half0 = QA(corpus, index_dir=tmp_path / "half0-index")
    asked = (outcomes.kind == "out") & (outcomes.corpus == "half 0")
    assert outcomes.found[asked].tolist() == [half0.answer(texts[4]).found]  # the bakery question only
    assert not outcomes.right[outcomes.kind != "in"].any()
    table = abstention_table(outcomes)
    answered = [a.found for a, held in zip(full[:5], arrays.held_out[:5], strict=False) if held]
    assert _row(table, "answered, in corpus")[1] == f"{np.mean(answered):.1%} of {len(answered)}"


def test_several_files_give_one_section_each_in_order(report: str, tiny: Path, other: Path) -> None:
    headings = re.findall(r"^## (.+)$", report, flags=re.MULTILINE)
    assert len(headings) == 2 and all(h.startswith("tiny.json (sha256 ") for h in headings)
    assert headings[0] != headings[1]
    first, second = report.split("\n## ")[:2]
    assert "5 answerable and 1 impossible questions" in first
    assert "2 answerable and 0 impossible questions" in second


def test_each_section_has_every_table_row(report: str) -> None:
    sections = report.split("\n## ")
    assert len(sections) == 2
    groups = ["all", "fit half", "held-out half"]
    groups += ["low overlap [0.00, 0.33)", "middle overlap [0.33, 0.67)", "high overlap [0.67, 1.00]"]
    bins = [f"[{k / 10:.1f}, {(k + 1) / 10:.1f})" for k in range(9)] + ["[0.9, 1.0]"]
    for section in sections:
        for heading in ("Retrieval", "Abstention, through QA.answer", "Reliability of confidence, held-out half"):
            assert f"\n### {heading}\n" in section
        assert "\n### Trade-off, held-out half\n" in section
        labels = [f"{method}, {group}" for method in ("hybrid", "dense", "bm25") for group in groups]
        labels += ["answered, in corpus", "answered and right, in corpus", "abstained, impossible"]
        labels += [f"abstained, out of corpus ({c})" for c in ("corpus: half 0", "corpus: half 1", "both")]
        labels += bins + ["found (shipped rule)"] + [f"confidence ≥ {k / 10:.1f}" for k in range(1, 10)]
        for label in labels:
            assert f"\n| {label} |" in section, label
    # The second file has no impossible questions; the first has one, in the fit half (article 2).
    assert _row(sections[1], "abstained, impossible") == ["–", "–", "–"]
    fit, held, every = _row(sections[0], "abstained, impossible")
    assert held == "–" and fit == every and fit.endswith(" of 1")
    assert _row(sections[0], "hybrid, all")[0] == "5"


def test_cli_eval_takes_squad_more_than_once(
    tiny: Path, other: Path, report: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["eval", "--squad", str(tiny), "--squad", str(other), "--limit", "3"]) == 0
    printed = capsys.readouterr().out
    headings = re.findall(r"^## .+$", printed, flags=re.MULTILINE)
    assert headings == re.findall(r"^## .+$", report, flags=re.MULTILINE)
    assert "3 answerable and 1 impossible questions" in printed and printed.endswith("|\n")
