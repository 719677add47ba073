"""Images (.png, .jpg, .jpeg, .tif, .tiff): photos and scans of pages, read by OCR (Pillow decodes
them); each frame of a multi-page TIFF is a page."""

from __future__ import annotations

import io
from collections.abc import Iterator
from contextlib import contextmanager

from PIL import Image, ImageOps

from qa.ingest.documents import Document, DocumentBuilder
from qa.ingest.ocr import FileOcr

# An image of more pixels than this is refused before it is decoded (a "decompression bomb": a
# small file declaring a huge picture). Pillow only warns from 89 Mpx and refuses from 179 Mpx;
# an A3 page scanned at 600 dpi is 70 Mpx.
MAX_PIXELS = 80_000_000
# Longer sides are scaled down to this (pixels: an A4 page at 300 dpi) before OCR, which reads
# such a page as well as a larger one, in a fraction of the time.
MAX_SIDE = 3508


class ImageError(ValueError):
    """An image that cannot be read; the message says why."""


def parse_image(source: str, data: bytes, ocr: FileOcr | None) -> Document:
    """Every frame recognised as a page; blocks carry `ocr=True` and their 1-based page.

    Raises:
        ImageError: the image is damaged, too large, or there is no OCR to read it with.
        qa.ingest.ocr.OcrUnavailableError: OCR cannot run (its data are missing or damaged).
    """
    if ocr is None:
        raise ImageError("is an image, and images are read by OCR only")
    with _opened(data) as image:
        frames = getattr(image, "n_frames", 1)
        for number in range(frames):
            image.seek(number)
            _check_size(image)
        found = ocr.pages(range(1, frames + 1), lambda number: _frame(image, number))
    builder = DocumentBuilder(source)
    for number in sorted(found):
        for block in found[number]:
            builder.add(block.text, block.kind, page=number, ocr=True, level=block.level)
    return builder.build()


@contextmanager
def _opened(data: bytes) -> Iterator[Image.Image]:
    """The image, opened but not decoded; ImageError if it is damaged or far too large."""
    try:
        image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError:
        raise ImageError(f"is an image of more than {MAX_PIXELS / 1e6:.0f} million pixels; it is not read") from None
    except (OSError, ValueError, SyntaxError):  # SyntaxError: Pillow's word for some bad headers
        raise ImageError("is a damaged image, or not an image at all") from None
    try:
        yield image
    except ImageError:  # said already (too many pixels): not a damaged image
        raise
    except (OSError, ValueError, SyntaxError, EOFError):
        raise ImageError("is a damaged image (its pixels cannot be read)") from None
    finally:
        image.close()


def _check_size(frame: Image.Image) -> None:
    """Raises ImageError when the current frame declares more than MAX_PIXELS pixels."""
    width, height = frame.size
    if width * height > MAX_PIXELS:
        raise ImageError(
            f"is an image of {width}x{height} pixels ({width * height / 1e6:,.0f} million); "
            f"images over {MAX_PIXELS / 1e6:.0f} million pixels are not read"
        )


def _frame(image: Image.Image, number: int) -> Image.Image:
    """Page `number` (1-based) decoded in grayscale, turned as its EXIF orientation says, at most
    MAX_SIDE pixels long; transparent parts are white (dark text on a transparent PNG stays visible)."""
    image.seek(number - 1)
    frame = ImageOps.exif_transpose(image)
    if frame.mode in ("RGBA", "LA", "PA", "P") or "transparency" in frame.info:
        frame = Image.alpha_composite(Image.new("RGBA", frame.size, "white"), frame.convert("RGBA"))
    frame = frame.convert("L")
    frame.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    return frame
