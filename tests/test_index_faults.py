"""Any damage to any file of a real index folder: the next start answers as a clean build does,
never reads outside the folder, and leaves nothing behind that makes the following start rebuild again."""

from __future__ import annotations

import builtins
import errno
import io
import os
import random
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from qa import QA

QUESTIONS = [
    "When was the bridge repaired?",
    "What does the depot in Agadez store?",
    "Where do mangoes ripen?",
    "Who won the cup?",
]
# Every file of a generation of a small index (no FAISS file: that comes with large ones), then
# the index folder's own files.
GENERATION_FILES = [
    "manifest.json",
    "vectors.npy",
    "documents.npy",
    "sentences/names.json",
    "sentences/text.npy",
    "sentences/offsets.npy",
    "sentences/source.npy",
    "sentences/start.npy",
    "sentences/end.npy",
    "sentences/block.npy",
    "sentences/section.npy",
    "sentences/page.npy",
    "sentences/kind.npy",
    "sentences/ocr.npy",
    "bm25/params.index.json",
    "bm25/vocab.index.json",
    "bm25/data.csc.index.npy",
    "bm25/indices.csc.index.npy",
    "bm25/indptr.csc.index.npy",
]
FOLDER_FILES = ["CURRENT", ".lock"]

Fault = Callable[[Path, Path, pytest.MonkeyPatch], None]


def _random_bytes(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    size = max(path.stat().st_size, 16)
    path.write_bytes(b"\xff\xfe" + random.Random(size).randbytes(size - 2))  # never valid UTF-8


def _truncated(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _empty(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.write_bytes(b"")


def _folder(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.unlink()
    path.mkdir()
    (path / "inside").write_bytes(b"gen-000000000000")


def _dangling_link(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.unlink()
    path.symlink_to(outside / path.name)


def _unreadable(path: Path, outside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.chmod(0)
    if os.geteuid() == 0:  # root reads a file of mode 000 all the same: refuse its opens as the kernel does for others
        _refuse_opens(path, monkeypatch)


def _refuse_opens(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening this very file (not a new one later put at its path) fails with PermissionError."""
    refused = (path.stat().st_dev, path.stat().st_ino)

    def check(file: object) -> None:
        if isinstance(file, (str, bytes, os.PathLike)):
            try:
                found = os.stat(file)
            except OSError:
                return
            if (found.st_dev, found.st_ino) == refused:
                raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(file))

    def guarded(real: Callable) -> Callable:
        def call(file: object, *args: object, **kwargs: object) -> object:
            check(file)
            return real(file, *args, **kwargs)

        return call

    monkeypatch.setattr(os, "open", guarded(os.open))
    monkeypatch.setattr(builtins, "open", guarded(builtins.open))
    monkeypatch.setattr(io, "open", guarded(io.open))


FAULTS: list[Fault] = [_random_bytes, _truncated, _empty, _folder, _dangling_link, _unreadable]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list]:
    """A small corpus, its index built by QA, and the answers of that clean build."""
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "a.txt").write_text(
        "The depot in Agadez stores grain for the winter.\nThe bridge over the river was repaired in May.\n",
        encoding="utf-8",
    )
    (corpus / "b.md").write_text("# Fruit\n\nMangoes ripen in April near Niamey.\n", encoding="utf-8")
    index = tmp_path_factory.mktemp("clean") / "index"
    return corpus, index, _answers(QA(corpus, index_dir=index))


def _answers(bot: QA) -> list:
    return [(answer.found, [(p.text, p.source) for p in answer.passages]) for answer in map(bot.answer, QUESTIONS)]


def _damaged_copy(clean_index: Path, tmp_path: Path, name: str) -> tuple[Path, Path]:
    index = tmp_path / "index"
    shutil.copytree(clean_index, index, symlinks=True)
    (tmp_path / "outside").mkdir()
    target = index / name if name in FOLDER_FILES else next(index.glob(f"gen-*/{name}"))
    return index, target


def test_the_fault_list_covers_every_file_of_a_generation(clean: tuple[Path, Path, list]) -> None:
    _, index, _ = clean
    (generation,) = index.glob("gen-*")
    files = {p.relative_to(generation).as_posix() for p in generation.rglob("*") if p.is_file()}
    assert files == set(GENERATION_FILES)
    assert {p.name for p in index.iterdir() if p.is_file()} == set(FOLDER_FILES)


@pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.__name__.strip("_"))
@pytest.mark.parametrize("name", FOLDER_FILES + GENERATION_FILES)
def test_any_damage_to_any_file_answers_as_a_clean_build(
    clean: tuple[Path, Path, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fault: Fault
) -> None:
    corpus, clean_index, expected = clean
    index, target = _damaged_copy(clean_index, tmp_path, name)
    fault(target, tmp_path / "outside", monkeypatch)
    first = QA(corpus, index_dir=index)
    assert _answers(first) == expected
    assert (first.report.rebuilt_because is not None) == (name != ".lock")  # the lock holds no data
    second = QA(corpus, index_dir=index)
    assert second.report.rebuilt_because is None and second.report.embedded == []
    (generation,) = index.glob("gen-*")  # the damaged generation is gone, not kept as the previous one
    assert (index / "CURRENT").read_text(encoding="ascii") == generation.name
    assert not any((tmp_path / "outside").iterdir())  # a link was not followed out of the folder


def _outside_generation(index: Path, outside: Path) -> Path:
    """A complete, valid generation of the same corpus, outside the index folder."""
    (generation,) = index.glob("gen-*")
    copy = outside / generation.name
    shutil.copytree(generation, copy)
    return copy


@pytest.mark.parametrize(
    "pointer",
    [
        lambda copy: "gen-0123456789ab",
        lambda copy: f"../outside/{copy.name}",
        lambda copy: str(copy),
        lambda copy: f"{copy.name}/../../outside/{copy.name}",
    ],
    ids=["missing", "relative", "absolute", "climbing"],
)
def test_a_pointer_that_leads_elsewhere_is_never_followed(
    clean: tuple[Path, Path, list], tmp_path: Path, pointer: Callable[[Path], str]
) -> None:
    corpus, clean_index, expected = clean
    index, current = _damaged_copy(clean_index, tmp_path, "CURRENT")
    copy = _outside_generation(index, tmp_path / "outside")
    current.write_text(pointer(copy))
    bot = QA(corpus, index_dir=index)
    assert bot.report.rebuilt_because is not None  # the valid generation outside was not loaded
    assert _answers(bot) == expected
    assert (copy / "manifest.json").is_file()  # nor removed
    assert QA(corpus, index_dir=index).report.rebuilt_because is None


def test_a_generation_that_is_a_link_out_of_the_folder_is_never_followed(
    clean: tuple[Path, Path, list], tmp_path: Path
) -> None:
    corpus, clean_index, expected = clean
    index, current = _damaged_copy(clean_index, tmp_path, "CURRENT")
    copy = _outside_generation(index, tmp_path / "outside")
    (index / "gen-0123456789ab").symlink_to(copy, target_is_directory=True)
    current.write_text("gen-0123456789ab")
    bot = QA(corpus, index_dir=index)
    assert bot.report.rebuilt_because is not None and _answers(bot) == expected
    assert (copy / "manifest.json").is_file() and not (index / "gen-0123456789ab").exists()


@pytest.mark.parametrize("fault", [_folder, _dangling_link, _unreadable], ids=lambda fault: fault.__name__.strip("_"))
def test_a_damaged_lock_is_replaced_when_the_index_is_written(
    clean: tuple[Path, Path, list], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Fault
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(clean[0], corpus)
    QA(corpus, index_dir=tmp_path / "index")
    (tmp_path / "outside").mkdir()
    fault(tmp_path / "index" / ".lock", tmp_path / "outside", monkeypatch)
    (corpus / "c.txt").write_text("The ferry to Gaya leaves at dawn.\n", encoding="utf-8")
    bot = QA(corpus, index_dir=tmp_path / "index")
    assert bot.report.embedded == ["c.txt"]
    assert bot.answer("When does the ferry to Gaya leave?").passages[0].source == "c.txt"
    lock = tmp_path / "index" / ".lock"
    assert lock.is_file() and not lock.is_symlink() and not any((tmp_path / "outside").iterdir())
