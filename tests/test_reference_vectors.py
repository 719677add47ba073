"""The default encoder gives the same vectors on every machine: those committed in
tests/reference/vectors.npz (made by tests/reference/make_vectors.py), whatever the CPU's
instruction sets and whatever else is embedded in the same batch."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from qa.index.embedding import Embedder

REFERENCE = Path(__file__).with_name("reference") / "vectors.npz"
# float32 ONNX differs between AVX-512 and AVX2 kernels, or between batch compositions, by about
# 1e-7 per component (measured: 1.3e-7); the int8 backend differs by 1e-2, which this must catch.
TOLERANCE = 1e-5


@pytest.fixture(scope="module")
def reference() -> tuple[list[str], np.ndarray, str]:
    with np.load(REFERENCE, allow_pickle=False) as stored:
        return [str(t) for t in stored["texts"]], stored["vectors"], str(stored["backend"])


def test_the_reference_was_made_by_the_default_backend(reference: tuple[list[str], np.ndarray, str]) -> None:
    _, _, backend = reference
    assert Embedder().backend == backend, "the default backend changed: run tests/reference/make_vectors.py"


def test_this_machine_reproduces_the_reference_vectors(reference: tuple[list[str], np.ndarray, str]) -> None:
    texts, expected, _ = reference
    vectors = Embedder().encode(texts)
    assert vectors.shape == expected.shape
    worst = np.abs(vectors - expected).max(axis=1)
    assert worst.max() <= TOLERANCE, f"drift {worst.max():.2e} on {texts[int(worst.argmax())][:60]!r}"


def test_a_vector_does_not_depend_on_its_batch(reference: tuple[list[str], np.ndarray, str]) -> None:
    texts, expected, _ = reference
    embedder = Embedder()
    alone = np.concatenate([embedder.encode([text]) for text in texts[:20]])
    reversed_batch = embedder.encode(texts[:20][::-1])[::-1]
    np.testing.assert_allclose(alone, expected[:20], atol=TOLERANCE, rtol=0)
    np.testing.assert_allclose(reversed_batch, expected[:20], atol=TOLERANCE, rtol=0)
