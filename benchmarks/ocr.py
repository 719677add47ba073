"""How well and how fast qa's OCR reads pages: character error rate (CER) and pages/s.

    .venv-bench/bin/python -m benchmarks.ocr   (the environment `bash benchmarks/run` makes)

Renders A4 pages at 200 dpi with Pillow (25 lines of 11-point prose each; DejaVu Sans where the
system has it, else the TrueType font Pillow ships), then reads them with `qa.ingest.ocr`'s
engine (orientation, deskew, recognition, confidence filter) as they are, as phone photos
(grey paper, turned by a few degrees, Gaussian noise, JPEG) and turned by 90, 180 and 270
degrees. CER is the edit distance between the recognised text and the text drawn, both with
whitespace collapsed, divided by the length of the text drawn. Targets: clean pages <= 2%,
photos <= 5%, >= 0.5 pages/s.
"""

from __future__ import annotations

import io
import random
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.results import write_section
from qa.ingest.ocr import DPI, Engine, engine_identity

WIDTH, HEIGHT = round(8.27 * DPI), round(11.69 * DPI)  # A4, pixels
MARGIN = round(0.8 * DPI)
FONT_POINTS = 11
LINES = 25
PAGES = 3  # of each kind
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
SENTENCES = [
    "The committee met on 19 June to review the harbour renovation budget of €450,000.",
    "Van 14 left the depot at 07:45 and reached Millbrook station eleven minutes late.",
    "Most of the invoices were paid within 30 days, although three were disputed in writing.",
    "Dr. Okafor explained that the new pump draws 2.5 kW and runs quietly at night.",
    "Our library lends roughly 3,200 books each month, mostly novels and cookbooks.",
    "Please return the signed contract before Friday, 4 October, to avoid a late fee of €35.",
    "The bridge on Route 9 will close for repairs between 22:00 and 05:00 next week.",
    "Temperatures fell to minus 6 degrees, so the school opened two hours later than usual.",
    "The quarterly report shows revenue of €1.2 million, up 8% from the previous year.",
    "Volunteers planted 540 oak saplings along the river bank during the spring weekend.",
    "The museum's new exhibition on Roman glassware opens to the public on 2 March.",
    "If the alarm sounds, leave by the nearest exit and gather at assembly point C.",
    "After the storm, engineers inspected 17 pylons and replaced one damaged insulator.",
    "Shipment 7731 contained 48 boxes of ceramic tiles, two of which arrived cracked.",
    "The ferry timetable changes on 1 November, with the last crossing at 19:30.",
    "Interest is charged at 4.9% per annum and calculated on the daily balance.",
]


def font(points: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    """DejaVu Sans at `points` (rendered at DPI), else Pillow's own TrueType font (Pillow >= 10.1)."""
    pixels = round(points * DPI / 72)
    if _DEJAVU.is_file():
        return ImageFont.truetype(str(_DEJAVU), pixels)
    return ImageFont.load_default(size=pixels)


def render(seed: int) -> tuple[Image.Image, str]:
    """A page of prose in shuffled sentences, and the text drawn on it."""
    sentences = SENTENCES[:]
    random.Random(seed).shuffle(sentences)
    page = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(page)
    typeface = font(FONT_POINTS)
    lines: list[str] = []
    for word in " ".join(sentences * 2).split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=typeface) <= WIDTH - 2 * MARGIN:
            lines[-1] = f"{lines[-1]} {word}"
        elif len(lines) < LINES:
            lines.append(word)
        else:
            break
    pitch = round(FONT_POINTS * DPI / 72 * 1.55)
    for row, line in enumerate(lines):
        draw.text((MARGIN, MARGIN + row * pitch), line, font=typeface, fill=0)
    return page, " ".join(lines)


def photograph(page: Image.Image, skew: float, seed: int) -> Image.Image:
    """The page on grey paper, turned by `skew` degrees, with noise, through JPEG at quality 80."""
    paper = Image.eval(page, lambda value: 45 + value * 180 // 255)
    turned = paper.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=215)
    grain = np.random.default_rng(seed).normal(0, 14, (turned.height, turned.width))
    noisy = Image.fromarray(np.clip(np.asarray(turned, dtype=np.float32) + grain, 0, 255).astype(np.uint8))
    buffer = io.BytesIO()
    noisy.convert("RGB").save(buffer, "JPEG", quality=80)
    return Image.open(buffer)


def cer(truth: str, found: str) -> float:
    """Levenshtein distance / len(truth), one row at a time in numpy (no edit-distance library is
    a dependency of qa; 2,000 characters take 10 ms this way against seconds in pure Python)."""
    truth, found = " ".join(truth.split()), " ".join(found.split())
    target = np.array([ord(c) for c in found])
    previous = np.arange(len(found) + 1)
    for row, char in enumerate(truth, 1):
        current = np.empty_like(previous)
        current[0] = row
        current[1:] = np.minimum(previous[1:] + 1, previous[:-1] + (target != ord(char)))
        # insertions: current[j] = min over k <= j of current[k] + (j - k)
        current = np.minimum.accumulate(current - np.arange(len(current))) + np.arange(len(current))
        previous = current
    return float(previous[-1]) / max(1, len(truth))


KINDS: dict[str, Callable[[Image.Image, int], Image.Image]] = {
    "clean": lambda page, seed: page,
    "photo, turned -2°, noise": lambda page, seed: photograph(page, -2.0, seed),
    "photo, turned +3°, noise": lambda page, seed: photograph(page, 3.0, seed),
    "turned 90°": lambda page, seed: page.rotate(90, expand=True),
    "turned 180°": lambda page, seed: page.rotate(180, expand=True),
    "turned 270°": lambda page, seed: page.rotate(270, expand=True),
}


def table() -> str:
    """Per kind of page: mean and worst CER, and pages/s, as a Markdown table."""
    engine = Engine()
    engine.check()
    pages = [render(seed) for seed in range(PAGES)]
    lines = [
        f"{PAGES} A4 pages of {LINES} lines of {FONT_POINTS}-point text per kind, {WIDTH}x{HEIGHT} pixels (200 dpi); "
        f"engine {engine_identity()}.",
        "",
        "| page | CER mean | CER worst | pages/s |",
        "|---|---:|---:|---:|",
    ]
    for name, make in KINDS.items():
        errors, seconds = [], 0.0
        for seed, (page, truth) in enumerate(pages):
            image = make(page, seed)
            start = time.perf_counter()
            blocks = engine.read(image)
            seconds += time.perf_counter() - start
            errors.append(cer(truth, " ".join(block.text for block in blocks)))
        lines.append(f"| {name} | {np.mean(errors):.2%} | {max(errors):.2%} | {len(pages) / seconds:.2f} |")
    return "\n".join(lines)


def main() -> None:
    """Print the table and write it to benchmarks/RESULTS.md."""
    body = table()
    print(body)
    write_section("OCR: character error rate and speed", body, ".venv-bench/bin/python -m benchmarks.ocr")


if __name__ == "__main__":
    main()
