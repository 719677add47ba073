"""The embedding backends: ONNX Runtime must give PyTorch's vectors; other models stay on PyTorch."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from qa.index.embedding import Embedder, _load_onnx, default_model
from qa.index.onnx_backend import exportable

TEXTS = [
    "The US and Niger have agreed that American troops will leave by September 15.",
    "Short one.",
    "Ein deutscher Satz über Truppen, die das Land verlassen.",
    "",
]


def test_onnx_and_torch_give_the_same_vectors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    _load_onnx.cache_clear()  # export afresh into tmp_path, whatever earlier tests loaded
    onnx = Embedder(backend="onnx").encode(TEXTS)
    torch = Embedder(backend="torch").encode(TEXTS)
    assert onnx.shape == torch.shape == (4, 384) and onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1, rtol=1e-5)
    assert float((1 - (onnx * torch).sum(axis=1)).max()) < 1e-5
    assert list(tmp_path.glob("onnx/*.onnx")), "the export is cached"


def test_int8_stays_close_to_float32_and_never_shares_its_index(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    full, int8 = Embedder(backend="onnx"), Embedder(backend="onnx-int8")
    exact, quantised = full.encode(TEXTS), int8.encode(TEXTS)
    drift = 1 - (exact * quantised).sum(axis=1)
    assert 0 < drift.max() < 0.05
    question = "When do the troops leave?"
    assert np.argmax(exact @ full.encode([question])[0]) == np.argmax(quantised @ int8.encode([question])[0])
    assert int8.identity == full.identity + "+int8" and Embedder(backend="torch").identity == full.identity
    assert list(tmp_path.glob("onnx/*.int8.onnx")), "the quantised model is cached"


def test_when_int8_cannot_run_the_index_is_labelled_float32(monkeypatch) -> None:
    import qa.index.embedding

    def failing_export(*_: object) -> None:
        raise RuntimeError("export failed")

    monkeypatch.setattr(qa.index.embedding, "load_encoder", failing_export)
    _load_onnx.cache_clear()
    try:
        embedder = Embedder(backend="onnx-int8")
        assert not embedder.identity.endswith("+int8")
        np.testing.assert_allclose(embedder.encode(TEXTS[:1]), Embedder(backend="torch").encode(TEXTS[:1]), atol=1e-6)
    finally:
        _load_onnx.cache_clear()


def test_lone_surrogates_from_a_pdf_are_embedded_not_refused() -> None:
    vectors = Embedder().encode(["Costs rose \ud800 by 5 %.", "Costs rose by 5 %."])
    assert np.isfinite(vectors).all() and float(vectors[0] @ vectors[1]) > 0.9


def test_the_default_model_is_exportable_and_others_are_not(tmp_path: Path) -> None:
    assert exportable(Path(default_model()))
    (tmp_path / "1_Pooling").mkdir()
    (tmp_path / "modules.json").write_text(
        json.dumps([{"type": "sentence_transformers.models.Transformer", "path": ""},
                    {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"}])
    )
    (tmp_path / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert not exportable(tmp_path)
    assert not exportable(tmp_path / "missing")


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="backend must be one of onnx, onnx-int8, torch"):
        Embedder(backend="tpu")
