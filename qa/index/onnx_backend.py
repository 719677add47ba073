"""The embedding model run by ONNX Runtime: the same vectors as PyTorch, about twice as fast for
one short question (benchmarks/speed.py measures both). Optionally quantised to int8: faster to
index with, at a small cost in agreement with the float32 vectors.

sentence-transformers' own ONNX backend needs optimum, which cannot be installed beside
sentence-transformers 6; so the model is exported here, once, with torch.onnx, and cached.
Only local folders with a tokenizer.json, a Transformer and mean pooling are exported; the
export feeds the transformer input ids and attention mask alone, all that BERT (all-MiniLM-L6-v2,
token types all zero) and MPNet (all-mpnet-base-v2, which has none) take. Any other model stays
on PyTorch.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import uuid
import warnings
from pathlib import Path

import numpy as np

from qa.paths import cache_root

logger = logging.getLogger(__name__)

# Matrix products the int8 quantisation leaves in float32, by the model's `model_type`. MPNet's
# feed-forward output projections read GELU outputs with outliers that one int8 scale per batch
# cannot hold: quantised, SQuAD sentences drift 0.12 in cosine on average (up to 0.20) from the
# float32 vectors, against 0.008 (up to 0.016) with them in float32. BERT (MiniLM) needs none.
FLOAT32_MATMULS = {"mpnet": re.compile(r"/transformer/encoder/layer\.\d+/output/dense/MatMul")}


def exportable(model_dir: Path) -> bool:
    """A local sentence-transformers folder: Transformer, mean Pooling (and Normalize) only."""
    try:
        modules = json.loads((model_dir / "modules.json").read_text(encoding="utf-8"))
        pooling = next(m for m in modules if m["type"].endswith("Pooling"))
        config = json.loads((model_dir / pooling["path"] / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, StopIteration):
        return False
    kinds = [m["type"].rsplit(".", 1)[-1] for m in modules]
    mean_only = config.get("pooling_mode_mean_tokens") and not any(
        config.get(k) for k in ("pooling_mode_cls_token", "pooling_mode_max_tokens", "pooling_mode_mean_sqrt_len_tokens")
    )
    return bool(mean_only) and kinds[:2] == ["Transformer", "Pooling"] and set(kinds[2:]) <= {"Normalize"}


class OnnxEncoder:
    """Tokenizer (the model's tokenizer.json) and ONNX Runtime sessions that pool and normalise.

    Two sessions of the same model: one question runs on every core (4.6 ms against 6.1 on one
    core here), while batches run one per core, `threads` at a time, which indexes 9 % (float32)
    to 32 % (int8) faster than every core on each batch in turn.
    """

    def __init__(self, model_dir: Path, onnx_path: Path, threads: int) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        self.path = onnx_path
        settings = json.loads((model_dir / "sentence_bert_config.json").read_text(encoding="utf-8"))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=int(settings.get("max_seq_length", 256)))
        # To the longest text of each batch, with the model's own pad token ([PAD] = 0 for BERT, <pad> = 1 for MPNet).
        padding = self.tokenizer.padding or {}
        self.tokenizer.enable_padding(pad_id=padding.get("pad_id", 0), pad_token=padding.get("pad_token", "[PAD]"))
        self.threads = threads

        def session(cores: int) -> onnxruntime.InferenceSession:
            options = onnxruntime.SessionOptions()
            options.intra_op_num_threads = cores
            # Idle threads that spin steal the cores FAISS and numpy need right after each question.
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            return onnxruntime.InferenceSession(str(onnx_path), options, providers=["CPUExecutionProvider"])

        self.session = session(threads)
        self._batch_session = session(1) if threads > 1 else self.session

    def encode(self, texts: list[str], one_core: bool = False) -> np.ndarray:
        """Vectors of one batch; `one_core` when other batches run beside it (thread-safe)."""
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        session = self._batch_session if one_core else self.session
        return session.run(None, {"input_ids": ids, "attention_mask": mask})[0]


def load_encoder(model_dir: Path, identity: str, int8: bool = False) -> OnnxEncoder:
    """The cached export of this model (quantised to int8 if asked), made first if need be."""
    onnx_path = cache_root() / "onnx" / f"{hashlib.sha256(identity.encode()).hexdigest()[:16]}.onnx"
    if not onnx_path.exists():
        _export(model_dir, onnx_path)
    if int8:
        quantised = onnx_path.with_suffix(".int8.onnx")
        if not quantised.exists():
            _quantise(onnx_path, quantised, _float32_matmuls(model_dir, onnx_path))
        onnx_path = quantised
    return OnnxEncoder(model_dir, onnx_path, threads=os.cpu_count() or 1)


def _float32_matmuls(model_dir: Path, exported: Path) -> list[str]:
    """The MatMul nodes of the export that FLOAT32_MATMULS keeps in float32 for this model's type."""
    import onnx

    model_type = json.loads((model_dir / "config.json").read_text(encoding="utf-8")).get("model_type")
    pattern = FLOAT32_MATMULS.get(model_type)
    if pattern is None:
        return []
    graph = onnx.load(str(exported), load_external_data=False).graph
    return [node.name for node in graph.node if node.op_type == "MatMul" and pattern.fullmatch(node.name)]


def _quantise(source: Path, target: Path, keep_float32: list[str]) -> None:
    """Dynamic int8 quantisation of the matrix products but `keep_float32`, one scale per output
    channel: with a single scale per matrix, vectors drifted up to 0.27 in cosine here, against 0.03."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    logger.info("quantising %s to int8 (once)", source.name)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    quantize_dynamic(
        source,
        temporary,
        op_types_to_quantize=["MatMul"],
        per_channel=True,
        weight_type=QuantType.QInt8,
        nodes_to_exclude=keep_float32,
    )
    os.replace(temporary, target)


def _export(model_dir: Path, target: Path) -> None:
    import torch
    from sentence_transformers import SentenceTransformer

    logger.info("exporting %s to ONNX (once)", model_dir)
    transformer: torch.nn.Module = SentenceTransformer(str(model_dir), device="cpu")[0].auto_model  # type: ignore[assignment]
    transformer.eval()

    class Pooled(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
            tokens = self.transformer(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            mean = (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=1)

    example = (torch.ones((1, 8), dtype=torch.long), torch.ones((1, 8), dtype=torch.long))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
    dynamic = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}, "vector": {0: "batch"}}
    with torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # tracer notes about the model's Python branches, harmless here
        torch.onnx.export(
            Pooled(),
            example,
            str(temporary),
            input_names=["input_ids", "attention_mask"],
            output_names=["vector"],
            dynamic_axes=dynamic,
            opset_version=17,
            dynamo=False,
        )
    os.replace(temporary, target)
