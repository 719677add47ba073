"""Text files in the encodings people's editors save: each is read as written, binary is refused."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from qa import QA
from qa.ingest.decoding import BinaryFileError, DecodedText, decode
from qa.ingest.reading import SourceFile, UnreadableFileError, read_document

NOTES = (
    "Café Orla – staff notes\r\n\r\n"
    "The café’s espresso machine is descaled every Thursday after closing. "
    "Crème brûlée is served on Sundays; the “naïve” sampler costs €4.\r\n"
)


def _read(path: Path):
    return read_document(SourceFile.at(path, path.parent))[0]


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (NOTES.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + NOTES.encode("utf-8"), "utf-8"),
        (NOTES.encode("cp1252"), "cp1252"),
        (codecs.BOM_UTF16_LE + NOTES.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + NOTES.encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + NOTES.encode("utf-32-le"), "utf-32-le"),
    ],
    ids=["utf-8", "utf-8-bom", "windows-1252", "utf-16-le-bom", "utf-16-be-bom", "utf-32-le-bom"],
)
def test_every_encoding_gives_the_same_text(data: bytes, encoding: str) -> None:
    decoded = decode(data)
    assert decoded.text == NOTES and decoded.encoding == encoding


def test_latin1_reads_as_its_letters() -> None:
    text = "Müller’s Straße: Größe, naïve déjà vu, señor, ½ price.".replace("’", "'")
    assert decode(text.encode("latin-1")).text == text


def test_a_non_western_code_page_is_not_forced_into_windows_1252() -> None:
    text = "Привет! Это тестовый файл о расписании поездов. Поезд уходит в девять часов утра каждый день."
    decoded = decode(text.encode("cp1251"))
    assert decoded.text == text and decoded.encoding == "cp1251"


def test_html_declared_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1252"><title>t</title></head><body><p>Caf\u00e9 cr\u00e8me \u2013 ok.</p></body></html>'
    assert decode(page.encode("cp1252")).text == page


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "NUL bytes"),
        (bytes(range(256)) * 8, "NUL bytes"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8\x41\x00", "not UTF-16-LE"),
    ],
    ids=["png", "all-bytes", "bad-utf-16"],
)
def test_binary_is_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(BinaryFileError, match=reason):
        decode(data)


@pytest.mark.parametrize("suffix", [".txt", ".md", ".html"])
def test_each_text_format_reads_windows_1252_and_utf16(tmp_path: Path, suffix: str) -> None:
    body = "The café’s espresso machine is descaled every Thursday after closing."
    content = f"<html><body><article><p>{body}</p></article></body></html>" if suffix == ".html" else body
    (tmp_path / f"a{suffix}").write_bytes(content.encode("cp1252"))
    (tmp_path / f"b{suffix}").write_bytes(codecs.BOM_UTF16_LE + content.encode("utf-16-le"))
    for name, encoding in ((f"a{suffix}", "cp1252"), (f"b{suffix}", "utf-16-le")):
        document = _read(tmp_path / name)
        assert document.text == body and document.encoding == encoding


def test_binary_text_file_is_skipped_with_its_reason(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(UnreadableFileError, match="looks binary"):
        _read(tmp_path / "image.txt")


def test_windows_files_are_answered_and_their_encoding_reported(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "staff-notes.txt").write_bytes(NOTES.encode("cp1252"))
    (corpus / "rota.txt").write_bytes(
        codecs.BOM_UTF16_LE + "The bakery’s oven is cleaned on Mondays before opening.\r\n".encode("utf-16-le")
    )
    bot = QA(corpus, index_dir=tmp_path / "index")
    assert bot.report.encodings == {"rota.txt": "utf-16-le", "staff-notes.txt": "cp1252"}
    assert not bot.report.skipped
    espresso = bot.answer("When is the espresso machine descaled?")
    assert espresso.found and "Thursday" in espresso.passages[0].text
    assert espresso.passages[0].text.startswith("The café’s espresso machine")
    oven = bot.answer("When is the oven cleaned?")
    assert oven.found and oven.passages[0].source == "rota.txt"


@pytest.mark.parametrize(
    "data",
    ["Le café coûte 2 € à Paris.\n".encode() + b"\xff" + "Naïve résumé.".encode(), "Le café coûte 2 €".encode()[:-1]],
    ids=["stray-byte", "cut-last-character"],
)
def test_utf8_with_a_broken_byte_stays_utf8(data: bytes) -> None:
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.text.count("\ufffd") == 1 and "café coûte" in decoded.text


@pytest.mark.parametrize("text", ["über", "“Hi”", "5 €", "Café"])
def test_a_few_bytes_of_windows_1252_read_as_written(text: str) -> None:
    assert decode(text.encode("cp1252")) == DecodedText(text, "cp1252")
