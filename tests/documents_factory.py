"""Documents the tests make themselves: PDF (fpdf2), HTML, Word (python-docx) and images of pages
(Pillow). Nothing third-party is committed."""

from __future__ import annotations

from pathlib import Path

import docx
import numpy as np
from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFont

# DejaVu where the system has it; else the TrueType font Pillow ships (Pillow >= 10.1).
_DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")

HEADER = "Sahel Logistics Review - Quarterly Report"
PAGES = [
    [
        "Background",
        "The agreement covers the with-",
        "drawal of all remaining troops from the northern bases.",
        "Officials said the convoy schedule was approved in May.",
    ],
    [
        "Equipment",
        "Heavy trucks will be shipped by rail to the port of Cotonou",
        "before the rainy season starts.",
        "Spare parts are stored at the Agadez depot.",
    ],
    [
        "Costs",
        "The whole operation is expected to cost 42 million dollars.",
        "Fuel accounts for about a third of that amount.",
    ],
]


def write_pdf(path: Path, pages: list[list[str]] = PAGES, header: str = HEADER) -> Path:
    """A PDF with a running header and a page-number footer on every page."""
    pdf = FPDF()
    pdf.set_auto_page_break(False)
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=12)
        pdf.ln(6)
        for line in lines:
            pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.set_font("Helvetica", size=9)
        pdf.cell(0, 8, f"Page {number} of {len(pages)}", align="C")
    pdf.output(str(path))
    return path


def write_encrypted_pdf(path: Path) -> Path:
    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="secret")
    pdf.add_page()
    pdf.set_font("Helvetica", size=12)
    pdf.cell(0, 10, "Secret troop movements are listed here.")
    pdf.output(str(path))
    return path


def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    if _DEJAVU.is_file():
        return ImageFont.truetype(str(_DEJAVU), size)
    return ImageFont.load_default(size=size)


def page_image(lines: list[str], size: int = 28, width: int = 1150) -> Image.Image:
    """Lines drawn black on white (grayscale), `size` pixels high (10-point type scanned at 200 dpi
    is 28); the first line is a title half as large again."""
    margin, pitch = 60, round(size * 1.7)
    image = Image.new("L", (width, 2 * margin + pitch * (len(lines) + 1)), 255)
    draw = ImageDraw.Draw(image)
    draw.text((margin, margin), lines[0], font=_font(round(size * 1.5)), fill=0)
    for row, line in enumerate(lines[1:], 2):
        draw.text((margin, margin + row * pitch), line, font=_font(size), fill=0)
    return image


NOTICE = [
    ("title", "NOTICE TO ALL RESIDENTS"),
    ("heading", "Planned water shutdown"),
    ("line", "Contractors will be replacing the main water pipe serving Block B."),
    ("line", "The water supply to Block B will be turned off on"),
    ("line", "Tuesday 18 November 2025 from 9:00 am until 3:00 pm."),
    ("line", "Block A is not affected."),
    ("heading", "Bin store and car park"),
    ("line", "The rear car park will be closed from 7:00 am to 4:00 pm on"),
    ("line", "the same day for the contractors' van. Please park on"),
    ("line", "Beech Road instead. The bin store remains open."),
]


def notice_image(size: int = 40) -> Image.Image:
    """A printed notice at 200 dpi: a title twice the text's size, subheadings in bold only a
    little larger (1.15 times), and a sentence broken after a short line, as people type them."""
    bold = _DEJAVU.with_name("DejaVuSans-Bold.ttf")
    fonts = {
        "title": ImageFont.truetype(str(bold), 2 * size) if bold.is_file() else _font(2 * size),
        "heading": ImageFont.truetype(str(bold), round(1.15 * size)) if bold.is_file() else _font(round(1.15 * size)),
        "line": _font(size),
    }
    image = Image.new("L", (1654, 160 + 80 * len(NOTICE)), 250)
    draw = ImageDraw.Draw(image)
    y = 100
    for kind, text in NOTICE:
        y += 30 if kind != "line" else 0
        draw.text((120, y), text, font=fonts[kind], fill=20)
        y += {"title": 140, "heading": 80, "line": 58}[kind]
    return image


def photo_of(page: Image.Image, turn: int = 0, skew: float = 0.0, noise: float = 0.0, seed: int = 0) -> Image.Image:
    """A page as a phone photographs it: grey paper, tilted by `skew` degrees, with Gaussian
    noise of `noise` grey levels, then turned `turn` degrees counter-clockwise (RGB)."""
    paper = Image.eval(page, lambda value: 40 + value * 185 // 255)
    tilted = paper.rotate(skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=225)
    grain = np.random.default_rng(seed).normal(0, noise, (tilted.height, tilted.width))
    noisy = Image.fromarray(np.clip(np.asarray(tilted, dtype=np.float32) + grain, 0, 255).astype(np.uint8))
    return noisy.rotate(turn, expand=True).convert("RGB")


def write_scanned_pdf(path: Path, pages: list[list[str]] = PAGES) -> Path:
    """A scan: one image per page and no text layer."""
    images = [page_image(lines) for lines in pages]
    images[0].save(path, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return path


def write_drawing_pdf(path: Path) -> Path:
    """A PDF with a drawing and no text layer, nor any text to recognise."""
    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    pdf.output(str(path))
    return path


HTML_PAGE = """<!doctype html>
<html><head><title>Niger news</title>
<style>body { font-family: serif } .secret-style-rule { color: red }</style>
<script>var trackingSecret = "do not index this script";</script></head>
<body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent">We use cookies to give you the best experience. Accept all cookies or manage settings.</div>
<main><article>
<h1>Drone base handed over</h1>
<p>The drone base near Agadez was handed over to the Nigerien army on August 5 after months of talks between the two governments.</p>
<h2>Cost of the base</h2>
<p>The United States spent about 110 million dollars building the base, which opened in 2019 &amp; served surveillance flights over the Sahel.</p>
<p>Officials described the handover as &ldquo;orderly&rdquo; and said no equipment was left behind at the site.</p>
</article></main>
<aside class="related"><h3>Recommended for you</h3><ul><li><a href="/a">Ten surprising facts about camels</a></li><li><a href="/b">Markets rally as oil prices fall</a></li></ul></aside>
<footer><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a> | Copyright 2024 Example News Group</footer>
</body></html>
"""


def write_html(path: Path) -> Path:
    path.write_text(HTML_PAGE, encoding="utf-8")
    return path


def write_docx(path: Path) -> Path:
    """Headings, paragraphs and a table, in that order."""
    document = docx.Document()
    document.add_heading("Training Mission", level=1)
    document.add_paragraph("The training mission taught 300 Nigerien officers to read satellite maps.")
    document.add_heading("Budget", level=2)
    document.add_paragraph("The budget table below lists each item of the mission.")
    table = document.add_table(rows=3, cols=2)
    for row, (item, cost) in zip(table.rows, [("Item", "Cost"), ("Instructors", "2.5 million dollars"), ("Simulators", "800,000 dollars")], strict=False):
        row.cells[0].text, row.cells[1].text = item, cost
    document.add_paragraph("Every officer passed the final examination in December.")
    document.save(str(path))
    return path
