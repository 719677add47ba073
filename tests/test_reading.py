"""Files -> documents: formats, headings, offsets, and files that must be skipped."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa.ingest.documents import BlockKind
from qa.ingest.reading import SourceFile, UnreadableFileError, list_files, read_document


def _read(path: Path):
    return read_document(SourceFile.at(path, path.parent))[0]


def _blocks(document):
    return [(block.kind, document.block_text(block), block.section) for block in document.blocks]


def test_text_offsets_index_the_file_itself(tmp_path: Path) -> None:
    text = "Intro line one.\nSecond line here.\n\nLast paragraph.\n"
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    document = _read(tmp_path / "a.txt")
    assert document.text == text
    assert [document.block_text(b) for b in document.blocks] == ["Intro line one.", "Second line here.", "Last paragraph."]


def test_text_headings_and_list_items(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Background\n\nTroops arrived in 2013.\n\n- first item without a stop\n- second item\n\nRecommended for you",
        encoding="utf-8",
    )
    blocks = _blocks(_read(tmp_path / "a.txt"))
    assert blocks[0] == (BlockKind.HEADING, "Background", "Background")
    assert blocks[1] == (BlockKind.PARAGRAPH, "Troops arrived in 2013.", "Background")
    assert blocks[2][:2] == (BlockKind.ITEM, "first item without a stop")
    assert blocks[3][:2] == (BlockKind.ITEM, "second item")
    assert blocks[4][0] is BlockKind.HEADING


def test_labelled_fields_in_text_are_facts_not_headings(tmp_path: Path) -> None:
    """Minutes' "Date: 14 May 2024" was a heading over the lines below it, so no question found the
    date; a long field line was joined to the next field as hard-wrapped prose."""
    (tmp_path / "minutes.txt").write_text(
        "MINUTES OF THE BOARD MEETING\n\nDate: 14 May 2024\n"
        "Location: Meeting room Atlas, head office, and by video call\nAttendees: Helen Park (Chair), David Moreau\n"
        "IT Helpdesk: extension 4400\n\nChapter 3: The Return\n\nBackground: The 2023 Review\n\nThe meeting started at "
        "10:00.\n\nNote: the results below were measured on the old test rig in\nthe lab: they may differ.\n",
        encoding="utf-8",
    )
    blocks = _blocks(_read(tmp_path / "minutes.txt"))
    assert [(kind, text) for kind, text, _ in blocks] == [
        (BlockKind.HEADING, "MINUTES OF THE BOARD MEETING"),
        (BlockKind.PARAGRAPH, "Date: 14 May 2024"),
        (BlockKind.PARAGRAPH, "Location: Meeting room Atlas, head office, and by video call"),
        (BlockKind.PARAGRAPH, "Attendees: Helen Park (Chair), David Moreau"),
        (BlockKind.PARAGRAPH, "IT Helpdesk: extension 4400"),
        (BlockKind.HEADING, "Chapter 3: The Return"),  # a label with a number heads a part
        (BlockKind.HEADING, "Background: The 2023 Review"),  # alone, a value in capitals is a title
        (BlockKind.PARAGRAPH, "The meeting started at 10:00."),
        (BlockKind.PARAGRAPH, "Note: the results below were measured on the old test rig in\nthe lab: they may differ."),
    ]


def test_text_rules_and_heading_underlines_are_no_blocks(tmp_path: Path) -> None:
    (tmp_path / "manual.txt").write_text(
        "Printer manual\n==============\n\nPaper jams\n----------\nOpen the front cover.\n\n* * *\n\nToner\n-----\nShake it.\n",
        encoding="utf-8",
    )
    document = _read(tmp_path / "manual.txt")
    assert [(b.kind, document.block_text(b), b.section) for b in document.blocks] == [
        (BlockKind.HEADING, "Printer manual", "Printer manual"),
        (BlockKind.HEADING, "Paper jams", "Paper jams"),
        (BlockKind.PARAGRAPH, "Open the front cover.", "Paper jams"),
        (BlockKind.HEADING, "Toner", "Toner"),
        (BlockKind.PARAGRAPH, "Shake it.", "Toner"),
    ]


def test_hard_wrapped_text_is_one_paragraph(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "The agreement was reached after a five-day meeting between the\n"
        "defence ministry and the Pentagon, officials said on Sunday, and\n"
        "it guarantees protection until the withdrawal.\n",
        encoding="utf-8",
    )
    document = _read(tmp_path / "a.txt")
    assert len(document.blocks) == 1
    assert document.blocks[0].kind is BlockKind.PARAGRAPH


def test_markdown_markup_is_removed_and_headings_become_sections(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(
        "# The Withdrawal\n\nTroops will leave by **September 15**, see [the statement](http://x.org).\n\n"
        "## Equipment\n\n- Lethal gear is *removed* first.\n- Other items may stay.\n\n"
        "```\nprint('code is not prose')\n```\n\n| Unit | Size |\n|---|---|\n| Air base | 1,000 |\n",
        encoding="utf-8",
    )
    document = _read(tmp_path / "a.md")
    assert _blocks(document) == [
        (BlockKind.HEADING, "The Withdrawal", "The Withdrawal"),
        (BlockKind.PARAGRAPH, "Troops will leave by September 15, see the statement.", "The Withdrawal"),
        (BlockKind.HEADING, "Equipment", "The Withdrawal › Equipment"),
        (BlockKind.ITEM, "Lethal gear is removed first.", "The Withdrawal › Equipment"),
        (BlockKind.ITEM, "Other items may stay.", "The Withdrawal › Equipment"),
        (BlockKind.TABLE_ROW, "Unit: Air base; Size: 1,000", "The Withdrawal › Equipment"),
    ]
    assert "*" not in document.text and "#" not in document.text and "print" not in document.text


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "is empty"),
        (b"  \n\n ", "is empty"),
        (b"PK\x03\x04\x00\x00binary", "looks binary"),
    ],
)
def test_unreadable_files_say_why(tmp_path: Path, content: bytes, reason: str) -> None:
    (tmp_path / "bad.txt").write_bytes(content)
    with pytest.raises(UnreadableFileError, match=reason):
        _read(tmp_path / "bad.txt")


def test_byte_order_mark_is_not_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("\ufeffHello there, reader.".encode("utf-8"))
    assert _read(tmp_path / "a.txt").text == "Hello there, reader."


def test_list_files_walks_recursively_and_ignores_other_formats(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    for name in ("a.txt", "sub/b.md", "sub/deeper/c.TXT", "image.gif", ".hidden.txt", "notes.txt~", "sub/~$memo.docx"):
        (tmp_path / name).write_text("Some text.", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    assert [f.source for f in list_files(tmp_path)] == ["a.txt", "sub/b.md", "sub/deeper/c.TXT"]


def test_links_to_files_outside_the_folder_are_not_read(tmp_path: Path) -> None:
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    (outside / "secret.txt").write_text("The vault code is 4711.", encoding="utf-8")
    (corpus / "notes.txt").write_text("Some text.", encoding="utf-8")
    os.symlink(outside / "secret.txt", corpus / "linked-out.txt")
    os.symlink(corpus / "notes.txt", corpus / "linked-in.txt")
    assert [f.source for f in list_files(corpus)] == ["linked-in.txt", "notes.txt"]


def test_missing_folder_is_named(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="nowhere"):
        list_files(tmp_path / "nowhere")


def test_windows_line_endings_keep_paragraphs_apart(tmp_path: Path) -> None:
    text = "A long line that ends without any punctuation at all and goes on\r\n\r\nNext paragraph here.\r\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    document = _read(tmp_path / "a.txt")
    assert [document.block_text(b) for b in document.blocks] == [
        "A long line that ends without any punctuation at all and goes on",
        "Next paragraph here.",
    ]
