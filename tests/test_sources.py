"""Opening the cited place: only corpus files are served, and a document's text is only ever text."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from qa.sources import SourceNotFound, download_url, media_type, resolve, source_url, text_view

PAGE = "<html><body><article><h1>Title</h1><p>Hello <script>alert(1)</script> there. "
PAGE += "The answer is <b>forty-two</b> today, said the report of the hangar.</p></article></body></html>"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "uploads").mkdir(parents=True)
    (folder / "notes.txt").write_text("First line here.\nThe zeppelin hangar opened in 1925.\n", encoding="utf-8")
    (folder / "uploads" / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / ".hidden.txt").write_text("secret", encoding="utf-8")
    (folder / "run.sh").write_text("#!/bin/sh", encoding="utf-8")
    outside = tmp_path / "outside.txt"
    outside.write_text("Not in the corpus.", encoding="utf-8")
    os.symlink(outside, folder / "link.txt")
    os.symlink(folder / "notes.txt", folder / "inside-link.txt")
    return folder


def test_resolve_finds_corpus_files(corpus: Path) -> None:
    assert resolve(corpus, "notes.txt") == (corpus / "notes.txt").resolve()
    assert resolve(corpus, "uploads/page.html") == (corpus / "uploads" / "page.html").resolve()
    assert resolve(corpus, "inside-link.txt") == (corpus / "notes.txt").resolve()


@pytest.mark.parametrize(
    "relative",
    [
        "../outside.txt",
        "uploads/../../outside.txt",
        "/etc/passwd",
        "//etc/passwd",
        "link.txt",  # a symlink out of the corpus
        ".hidden.txt",
        "run.sh",
        "uploads",
        "missing.txt",
        "",
        "notes.txt\x00.pdf",
        "..\\outside.txt",
    ],
)
def test_resolve_refuses_everything_else(corpus: Path, relative: str) -> None:
    with pytest.raises(SourceNotFound):
        resolve(corpus, relative)


def test_urls_are_quoted_and_pdfs_open_at_the_page() -> None:
    assert source_url("report.pdf", page=3, start=10, end=20) == "/source/report.pdf#page=3"
    assert source_url("uploads/été notes.txt", start=4, end=9) == "/source/uploads/%C3%A9t%C3%A9%20notes.txt?start=4&end=9#answer"
    assert source_url('a"<b>.md') == "/source/a%22%3Cb%3E.md"
    assert download_url("x y.docx") == "/source/x%20y.docx?download=1"


def test_media_types() -> None:
    assert media_type(Path("a.PDF")) == "application/pdf"
    assert media_type(Path("a.txt")).startswith("text/plain")
    assert media_type(Path("a.xlsx")).endswith("spreadsheetml.sheet")


def test_text_view_marks_the_sentence(corpus: Path) -> None:
    text = (corpus / "notes.txt").read_text(encoding="utf-8")
    start = text.index("The zeppelin")
    end = start + len("The zeppelin hangar opened in 1925.")
    view = text_view(corpus, resolve(corpus, "notes.txt"), start, end)
    assert '<mark id="answer">The zeppelin hangar opened in 1925.</mark>' in view
    assert "<h1>notes.txt</h1>" in view and 'href="/source/notes.txt?download=1"' in view


def test_text_view_of_html_shows_text_never_markup(corpus: Path) -> None:
    view = text_view(corpus, resolve(corpus, "uploads/page.html"), 0, 5)
    body = view.split("<body>", 1)[1]
    assert "<b>" not in body and "alert(1)</script>" not in body
    assert len(re.findall("<script>", body)) == 1  # the view's own scroll script, allowed by hash


@pytest.mark.parametrize(("start", "end"), [(None, None), (50, 10), (0, 10**9), (-3, 4)])
def test_text_view_without_a_valid_span_has_no_mark(corpus: Path, start: int | None, end: int | None) -> None:
    view = text_view(corpus, resolve(corpus, "notes.txt"), start, end)
    assert "<mark" not in view and "The zeppelin hangar opened in 1925." in view


def test_text_view_of_an_unreadable_file_says_why(corpus: Path) -> None:
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    assert "cannot be shown: it is empty" in text_view(corpus, resolve(corpus, "empty.txt"))
