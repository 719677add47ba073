"""Files a visitor uploads: checked, renamed safely, and copied into the corpus folder.

A file uploaded under the name of an earlier upload replaces it (a new version of the same
document: the two would otherwise be indexed side by side and contradict each other).
"""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from qa.ingest.reading import READERS

MAX_UPLOAD_BYTES = 50 * 1024 * 1024
UPLOAD_FOLDER = "uploads"


class UploadError(ValueError):
    """An upload that is refused; the message says why, for the person who sent it."""


@dataclass(frozen=True)
class SavedUpload:
    """An upload as saved: `source` is its name in the index ("uploads/notes.txt"); `status` says
    whether it is a new file, replaced an upload of that name, or was that very file already."""

    path: Path
    source: str
    status: Literal["added", "replaced", "unchanged"]


def safe_name(name: str) -> str:
    """The file name alone, in plain characters: no folders, no '..', nothing hidden."""
    base = unicodedata.normalize("NFKC", name.replace("\\", "/").rsplit("/", 1)[-1])
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    stem = re.sub(r"[^\w\- ]+", "_", stem).strip(" ._-")[:100] or "upload"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def save_upload(corpus: Path, original_name: str, data: Path) -> SavedUpload:
    """Copy an uploaded file into corpus/uploads/ under a safe name.

    A file sent under exactly the name of an earlier upload replaces it, in one step (never
    half-written: the copy is made under a hidden name, which the index ignores, then renamed); a
    file with the same bytes is left as it is. A name that had to be made safe ("Q3 budget?.txt",
    a photo's "image (2).jpg") never replaces anything: it gets the first free "name-N" instead,
    since two such names may stand for different documents. Raises UploadError, saying why, for a
    format qa does not read, a file over the limit, or an uploads folder that is a link.
    """
    name = safe_name(original_name)
    suffix = Path(name).suffix
    if suffix not in READERS:
        allowed = ", ".join(sorted(READERS))
        raise UploadError(f"{original_name}: {suffix or 'no extension'} files are not read (allowed: {allowed})")
    size = data.stat().st_size
    if size > MAX_UPLOAD_BYTES:
        raise UploadError(f"{original_name}: {size / 2**20:.0f} MB is over the {MAX_UPLOAD_BYTES // 2**20} MB limit")
    folder = corpus / UPLOAD_FOLDER
    if folder.is_symlink():
        raise UploadError(f"{original_name}: {UPLOAD_FOLDER}/ is a link, and uploads are saved only in a folder of the corpus")
    folder.mkdir(exist_ok=True)
    target = folder / name
    exact = name == unicodedata.normalize("NFKC", original_name.replace("\\", "/").rsplit("/", 1)[-1])
    existed = target.is_file() and not target.is_symlink()
    if existed and filecmp.cmp(target, data, shallow=False):
        return SavedUpload(target, f"{UPLOAD_FOLDER}/{name}", "unchanged")
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".upload-", suffix=suffix)
    os.close(handle)
    try:
        shutil.copyfile(data, temporary)
        os.chmod(temporary, 0o644)
        if exact or not target.exists():
            os.replace(temporary, target)
            status: Literal["added", "replaced"] = "replaced" if existed else "added"
        else:
            target, status = _link_unused(folder, Path(name), Path(temporary)), "added"
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return SavedUpload(target, f"{UPLOAD_FOLDER}/{target.name}", status)


def _link_unused(folder: Path, name: Path, temporary: Path) -> Path:
    """Give `temporary` the first free name "stem-N.suffix" in `folder` (a link made only if that
    name is free, so that two uploads at once never take the same one), and drop its own name."""
    number = 1
    while True:
        target = folder / f"{name.stem}-{number}{name.suffix}"
        try:
            os.link(temporary, target)
        except FileExistsError:
            number += 1
            continue
        temporary.unlink()
        return target


def delete_upload(corpus: Path, source: str) -> None:
    """Delete an uploaded file, named as the index names it ("uploads/notes.txt").

    Only regular files directly in corpus/uploads/ may go; anything else (a document of the
    corpus itself, a path with '..', a link, a folder) raises UploadError, saying why.
    """
    folder, _, name = source.partition("/")
    if folder != UPLOAD_FOLDER or not name or "/" in name or "\\" in name or name in (".", ".."):
        raise UploadError(f"{source}: only uploaded files (in {UPLOAD_FOLDER}/) can be deleted")
    path = corpus / UPLOAD_FOLDER / name
    if path.parent.is_symlink() or path.is_symlink() or not path.is_file():
        raise UploadError(f"{source}: there is no such uploaded file")
    path.unlink()
