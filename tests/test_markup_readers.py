"""Markdown with raw HTML, and HTML pages whose main text is lists and headings, not an article."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import trafilatura

from qa.ingest.documents import BlockKind, Document
from qa.ingest.formats.html import NoMainTextError, parse_html
from qa.ingest.formats.markdown import parse_markdown
from qa.ingest.formats.tables import first_cell, named_cells, named_row
from qa.ingest.reading import SourceFile, read_document

HEADING, PARAGRAPH, ITEM, TABLE_ROW = BlockKind.HEADING, BlockKind.PARAGRAPH, BlockKind.ITEM, BlockKind.TABLE_ROW

DETAILS_MARKDOWN = """# Router guide

<details>
<summary>How do I reset the router?</summary>
<p>Hold the <b>reset</b> button for ten seconds until the lights blink.</p>

- Unplug the *network cable* first.

</details>

Afterwards the router restarts on its own.
"""

FURNITURE = ("Home", "World news", "cookies", "Sport", "Privacy", "Copyright", "Sahel News", "trackingSecret")


def _blocks(document: Document) -> list[tuple[BlockKind, str, str | None]]:
    return [(block.kind, document.block_text(block), block.section) for block in document.blocks]


def test_details_summary_and_the_markdown_inside_are_read_in_order(tmp_path: Path) -> None:
    (tmp_path / "guide.md").write_text(DETAILS_MARKDOWN, encoding="utf-8")
    document, _ = read_document(SourceFile.at(tmp_path / "guide.md", tmp_path))
    assert _blocks(document) == [
        (HEADING, "Router guide", "Router guide"),
        (PARAGRAPH, "How do I reset the router?", "Router guide"),
        (PARAGRAPH, "Hold the reset button for ten seconds until the lights blink.", "Router guide"),
        (ITEM, "Unplug the network cable first.", "Router guide"),
        (PARAGRAPH, "Afterwards the router restarts on its own.", "Router guide"),
    ]


def test_centered_div_heading_and_paragraph_become_a_section() -> None:
    document = parse_markdown(
        "readme.md",
        '<div align="center">\n  <h1>Sahel Tracker</h1>\n  <p>Maps every convoy <b>in real time</b>.</p>\n</div>\n\n'
        "## Install\n\nRun the installer.\n",
    )
    assert _blocks(document) == [
        (HEADING, "Sahel Tracker", "Sahel Tracker"),
        (PARAGRAPH, "Maps every convoy in real time.", "Sahel Tracker"),
        (HEADING, "Install", "Sahel Tracker › Install"),
        (PARAGRAPH, "Run the installer.", "Sahel Tracker › Install"),
    ]


def test_a_header_row_names_the_cells_below_it_and_is_no_item_of_its_own() -> None:
    document = parse_markdown(
        "plans.md",
        "| Plan | Monthly price | Users |\n|---|---|---|\n| Team | 20 euros | 10 |\n| Solo | | 1 |\n\n"
        "<table><thead><tr><td>Route</td><td colspan='2'>Departures</td><td>Note</td></tr></thead>"
        "<tr><td>Vell</td><td>06:10</td><td>21:40</td><td></td><td>extra</td></tr></table>\n\n"
        "| Only | a header |\n|---|---|\n\n| Name | Signature |\n|---|---|\n| | |\n| | |\n",
    )
    assert [document.block_text(b) for b in document.blocks] == [
        "Plan: Team; Monthly price: 20 euros; Users: 10",
        "Plan: Solo; Users: 1",
        "Route: Vell; Departures: 06:10; Departures: 21:40; extra",
        "Only | a header",
        "Name | Signature",  # a blank form keeps its header
    ]


def test_html_table_rows_are_read_like_markdown_rows() -> None:
    document = parse_markdown(
        "units.md",
        "Units:\n\n<table>\n<tr><th>Unit</th><th>Size</th></tr>\n"
        "<tr><td>Air base</td><td><b>1,000</b> troops</td></tr>\n<tr><td>Depot</td><td></td></tr>\n</table>\n",
    )
    assert _blocks(document) == [
        (PARAGRAPH, "Units:", None),
        (TABLE_ROW, "Unit: Air base; Size: 1,000 troops", None),
        (TABLE_ROW, "Unit: Depot", None),
    ]


@pytest.mark.parametrize(
    ("row", "cell"),
    [
        ("Ticket: Adult; Price: £14.50; Notes: Includes the steamship", "Adult"),
        ("Day: Wednesday 17 September; Time: 08:30; Session: Registration", "Wednesday 17 September"),
        ("Team | 20 euros | 10", "Team"),
        ("Time: 08:30; Room: Foyer", "08:30"),
        ("Time (hh:mm): 08:30; Room: Foyer", "08:30"),
        (named_row(["Season", "Ticket", "Price"], [("", 1), ("Winter", 1), ("£90", 1)]), "Winter"),  # the first not empty
    ],
)
def test_a_rows_first_cell_is_read_back_from_its_text(row: str, cell: str) -> None:
    """What a table row is about, for the ranking: the value of its first cell."""
    assert first_cell(row) == cell


@pytest.mark.parametrize(
    ("row", "cells"),
    [
        ("Ticket: Adult; Price: £14.50", [("Ticket", "Adult"), ("Price", "£14.50")]),
        (
            "Membership: Off-Peak; Access: Weekdays 6:00–16:00; all day at weekends; Home/Away: Away",
            [("Membership", "Off-Peak"), ("Access", "Weekdays 6:00–16:00; all day at weekends"), ("Home/Away", "Away")],
        ),  # a value holding "; "
        ("Time (hh:mm): 08:30; Room: Foyer", [("Time (hh:mm)", "08:30"), ("Room", "Foyer")]),
        ("Team | 20 euros | 10", []),
    ],
)
def test_a_rows_named_cells_are_read_back_from_its_text(row: str, cells: list[tuple[str, str]]) -> None:
    assert named_cells(row) == cells


def test_inline_tags_are_stripped_and_line_breaks_keep_words_apart() -> None:
    document = parse_markdown(
        "keys.md",
        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy,<br>then <b>paste</b> it.\n\n<p>A raw <i>HTML</i> paragraph.</p>\n",
    )
    assert _blocks(document) == [
        (PARAGRAPH, "Press Ctrl+C to copy, then paste it.", None),
        (PARAGRAPH, "A raw HTML paragraph.", None),
    ]


def test_scripts_styles_templates_noscript_and_comments_never_become_text() -> None:
    document = parse_markdown(
        "page.md",
        "Before.\n\n<script>\nvar secretScript = 1;\n\nvar more = 2;\n</script>\n\n"
        "<style>.secretStyle { color: red }</style>\n\n<!-- a comment\n\nwith secretComment -->\n\n"
        "<noscript>\n\nEnable secretNoscript please.\n\n</noscript>\n\n<template><p>secretTemplate</p></template>\n\n"
        "Inline <script>secretInline()</script>and <!-- secretInlineComment -->end.\n\nAfter.\n",
    )
    assert _blocks(document) == [
        (PARAGRAPH, "Before.", None),
        (PARAGRAPH, "Inline and end.", None),
        (PARAGRAPH, "After.", None),
    ]
    assert "secret" not in document.text


SHORT_LIST_PAGE = """<!doctype html><html><head><title>Packing</title></head><body>
<h1>Packing list</h1><ul><li>Passport</li><li>Sun hat</li><li>Water</li></ul>
<h2>Contacts</h2><ul><li>Embassy: 555 0100</li></ul>
</body></html>"""

CHECKLIST_PAGE = """<!doctype html><html><head><title>Convoy</title><script>var trackingSecret = 1;</script></head>
<body>
<header class="site-header"><a href="/">Sahel News</a></header>
<nav id="main-nav"><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<div id="cookie-banner" class="cookie-consent"><p>We use cookies to give you the best experience.</p>
<button>Accept all cookies</button></div>
<div class="menu-overlay"><ul><li><a href="/sport">Sport</a></li></ul></div>
<div id="content">
<h1>Convoy checklist</h1>
<ul><li><a href="/fuel">Fuel for 400 kilometres</a></li><li><a href="/tyres">Spare tyres for every truck</a></li>
<li><a href="/phone">Satellite phone and charger</a></li></ul>
</div>
<footer><ul><li><a href="/privacy">Privacy policy</a></li><li>Copyright 2024 Sahel News</li></ul></footer>
</body></html>"""

CHECKLIST_BLOCKS = [
    (HEADING, "Convoy checklist", "Convoy checklist"),
    (ITEM, "Fuel for 400 kilometres", "Convoy checklist"),
    (ITEM, "Spare tyres for every truck", "Convoy checklist"),
    (ITEM, "Satellite phone and charger", "Convoy checklist"),
]

ARTICLE_PAGE = """<!doctype html><html><head><title>Base</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news</a></li></ul></nav>
<div id="cookie-banner">We use cookies to give you the best experience. Accept all cookies.</div>
<main><article>
<h1>Drone base handed over</h1>
<p>The drone base near Agadez was handed over to the Nigerien army on August 5 after months of talks.</p>
<h2>Cost of the base</h2>
<p>The United States spent about 110 million dollars building the base, which opened in 2019.</p>
</article></main>
<footer>Privacy policy | Copyright 2024 Sahel News</footer>
</body></html>"""


def test_short_page_of_headings_and_lists_without_article_keeps_the_lists() -> None:
    assert _blocks(parse_html("packing.html", SHORT_LIST_PAGE)) == [
        (HEADING, "Packing list", "Packing list"),
        (ITEM, "Passport", "Packing list"),
        (ITEM, "Sun hat", "Packing list"),
        (ITEM, "Water", "Packing list"),
        (HEADING, "Contacts", "Packing list › Contacts"),
        (ITEM, "Embassy: 555 0100", "Packing list › Contacts"),
    ]


def test_list_page_keeps_navigation_cookie_banner_and_footer_out() -> None:
    document = parse_html("convoy.html", CHECKLIST_PAGE)
    assert _blocks(document) == CHECKLIST_BLOCKS
    assert not any(word in document.text for word in FURNITURE)
    with pytest.raises(NoMainTextError):
        parse_html("furniture.html", CHECKLIST_PAGE.replace('<div id="content">', "<div hidden>"))


@pytest.mark.parametrize("found_by_trafilatura", ["recall mode only", "nothing"])
def test_fallbacks_keep_furniture_out(monkeypatch: pytest.MonkeyPatch, found_by_trafilatura: str) -> None:
    extract = trafilatura.extract

    def weaker_extract(html: Any, **options: Any) -> str | None:
        if options["favor_precision"] or found_by_trafilatura == "nothing":
            return None
        return extract(html, **options)

    monkeypatch.setattr(trafilatura, "extract", weaker_extract)
    assert _blocks(parse_html("convoy.html", CHECKLIST_PAGE)) == CHECKLIST_BLOCKS


def test_article_page_is_still_read_by_trafilatura_in_precision_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    modes: list[bool] = []
    extract = trafilatura.extract

    def recording_extract(html: Any, **options: Any) -> str | None:
        modes.append(options["favor_precision"])
        return extract(html, **options)

    monkeypatch.setattr(trafilatura, "extract", recording_extract)
    document = parse_html("base.html", ARTICLE_PAGE)
    assert modes == [True]
    assert _blocks(document) == [
        (HEADING, "Drone base handed over", "Drone base handed over"),
        (PARAGRAPH, "The drone base near Agadez was handed over to the Nigerien army on August 5 after months of talks.",
         "Drone base handed over"),
        (HEADING, "Cost of the base", "Drone base handed over › Cost of the base"),
        (PARAGRAPH, "The United States spent about 110 million dollars building the base, which opened in 2019.",
         "Drone base handed over › Cost of the base"),
    ]  # fmt: skip


def test_a_faq_page_keeps_its_question_headings() -> None:
    """trafilatura's precise extract of this page held the two answers alone: most of its
    characters, none of its headings."""
    document = parse_html(
        "faq.html",
        "<html><body><h1>AquaPure FAQ</h1><h2>Installation</h2><h3>Do I need a plumber?</h3>"
        "<p>It attaches with the included adapter.</p><h2>Care</h2><h3>Is it dishwasher safe?</h3>"
        "<p>Clean the housing with a damp cloth only.</p></body></html>",
    )
    assert [(b.kind, document.block_text(b)) for b in document.blocks if b.kind is not HEADING] == [
        (PARAGRAPH, "It attaches with the included adapter."),
        (PARAGRAPH, "Clean the housing with a damp cloth only."),
    ]
    assert [b.section for b in document.blocks if b.kind is PARAGRAPH] == [
        "AquaPure FAQ › Installation › Do I need a plumber?",
        "AquaPure FAQ › Care › Is it dishwasher safe?",
    ]


def test_headings_dropped_with_their_teasers_do_not_turn_the_extract_down() -> None:
    """Six teaser headlines under "More stories" outnumber the article's headings; the precise
    extract leaves them out with their teasers, rightly, and is still the one taken."""
    teasers = "".join(f"<div class='story'><h3><a href='/s{i}'>Story {i}</a></h3><p>Teaser {i}.</p></div>" for i in range(6))
    document = parse_html("base.html", ARTICLE_PAGE.replace("</article>", f"</article><section class='more'><h2>More stories</h2>{teasers}</section>"))
    assert [document.block_text(b) for b in document.blocks if b.kind is HEADING] == ["Drone base handed over", "Cost of the base"]
    assert "Teaser" not in document.text


@pytest.mark.parametrize("read", [parse_html, parse_markdown])
def test_a_definition_list_keeps_each_term_with_its_definition(read: Any) -> None:
    page = (
        "<html><body><h1>Fees</h1><p>All fees are charged at the desk.</p><dl><dt>Locker deposit</dt><dd>5 <b>euros</b></dd>"
        "<dt>Late fee</dt><dt>Overdue fee</dt><dd>20 cents per day</dd><div><dt>Card</dt><dd>Free for residents.</dd></div>"
        "<dt>Guest pass</dt></dl><p>Ask at the desk.</p></body></html>"
    )
    document = read("fees.html", page)
    assert [document.block_text(b) for b in document.blocks if b.kind is ITEM] == [
        "Locker deposit: 5 euros",
        "Late fee, Overdue fee: 20 cents per day",
        "Card: Free for residents.",
        "Guest pass",
    ]


@pytest.mark.parametrize("read", [parse_html, parse_markdown])
def test_a_definition_list_of_questions_reads_as_questions_and_their_answers(read: Any) -> None:
    """An FAQ written as <dt>/<dd>: each answer is a paragraph after its question, not "Question?:
    Answer", whose sentence was shown as ": Answer"."""
    page = (
        "<html><body><h1>Patient information</h1><p>The surgery is on Mill Lane.</p><h2>Questions</h2><dl>"
        "<dt>How do I cancel an appointment?</dt><dd>Text CANCEL to 07700 900 123. Give 24 hours' notice.</dd>"
        "<dt>Is there parking?</dt><dd>There are six spaces behind the building.</dd><dd>The car park opposite is free.</dd>"
        "<dt>Fax</dt><dd>01632 960 999</dd><dt>Out of hours</dt><dt>Who do I call at night?</dt><dd>Call 111.</dd>"
        "</dl></body></html>"
    )
    document = read("surgery.html", page)
    blocks = [(b.kind, document.block_text(b)) for b in document.blocks]
    assert blocks[blocks.index((HEADING, "Questions")) + 1 :] == [
        (PARAGRAPH, "How do I cancel an appointment?"),
        (PARAGRAPH, "Text CANCEL to 07700 900 123. Give 24 hours' notice."),
        (PARAGRAPH, "Is there parking?"),
        (PARAGRAPH, "There are six spaces behind the building."),
        (PARAGRAPH, "The car park opposite is free."),
        (ITEM, "Fax: 01632 960 999"),
        (ITEM, "Out of hours"),  # a term without a definition names no question's answer
        (PARAGRAPH, "Who do I call at night?"),
        (PARAGRAPH, "Call 111."),
    ]


def test_a_cell_spanning_rows_is_in_each_row_at_its_column() -> None:
    document = parse_markdown(
        "classes.md",
        "<table><caption>Classes</caption><tr><th>Class</th><th>Day</th><th>Time</th></tr>"
        "<tr><td rowspan='2'>Yoga</td><td>Monday</td><td>18:00</td></tr><tr><td>Thursday</td><td>07:30</td></tr>"
        "<tr><td>Swim</td><td>Friday</td><td rowspan='2'>06:00</td></tr><tr><td>Gym</td><td>Sunday</td></tr></table>\n",
    )
    assert [(b.kind, document.block_text(b)) for b in document.blocks] == [
        (PARAGRAPH, "Classes"),
        (TABLE_ROW, "Class: Yoga; Day: Monday; Time: 18:00"),
        (TABLE_ROW, "Class: Yoga; Day: Thursday; Time: 07:30"),
        (TABLE_ROW, "Class: Swim; Day: Friday; Time: 06:00"),
        (TABLE_ROW, "Class: Gym; Day: Sunday; Time: 06:00"),
    ]


def test_question_is_answered_from_inside_a_details_block(tmp_path: Path) -> None:
    from qa import QA

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "guide.md").write_text(DETAILS_MARKDOWN, encoding="utf-8")
    (corpus / "notes.md").write_text("# Notes\n\nThe office in Niamey opens at nine.\n", encoding="utf-8")
    best = QA(corpus, index_dir=tmp_path / "index").answer("How long do I hold the reset button?").passages[0]
    assert (best.source, best.section) == ("guide.md", "Router guide")
    assert "ten seconds" in best.text


def test_a_tag_named_in_prose_does_not_swallow_the_rest_of_the_file() -> None:
    text = "# Forms\n\nUse the <textarea> element for long input.\n\n## Hours\n\nWe open at 9 on weekdays.\n"
    document = parse_markdown("forms.md", text)
    assert [document.block_text(b) for b in document.blocks] == [
        "Forms",
        "Use the <textarea> element for long input.",
        "Hours",
        "We open at 9 on weekdays.",
    ]


@pytest.mark.parametrize("wrapper", ['id="menu"', 'class="navy-theme"', 'class="layout with-sidebar"'])
def test_content_in_a_wrapper_named_like_furniture_is_kept(wrapper: str) -> None:
    items = "".join(f"<li>Dish {i}: grilled vegetables with rice and lemon sauce, {10 + i} euros.</li>" for i in range(8))
    page = (
        '<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">About us</a></li></ul></nav>'
        f"<div {wrapper}><p>All dishes are prepared fresh every day by our chef Maria Lopez.</p><ul>{items}</ul></div>"
        "<footer><p>Copyright 2026 Example Ltd. All rights reserved.</p></footer></body></html>"
    )
    text = parse_html("menu.html", page).text
    assert all(f"Dish {i}:" in text for i in range(8)) and "Home" not in text and "Copyright" not in text


def test_items_of_a_numbered_list_open_with_their_number_as_a_browser_shows_them() -> None:
    document = parse_markdown(
        "steps.md",
        "1. Open the cover.\n2. Press the button.\n\n- A bullet\n\n"
        '<ol start="7"><li>Seventh</li><li value="10">Tenth</li><li>Eleventh</li></ol>\n\n'
        "1. Loose item.\n\n2. Another loose one.\n\n   Its second paragraph.\n\n"
        '<ol type="a"><li><p>Lettered</p></li><li>B</li></ol><ol reversed><li>Three</li><li>Two</li></ol>'
        '<ol type="I" start="4"><li>Four</li></ol>\n',
    )
    assert [(b.kind, document.block_text(b)) for b in document.blocks] == [
        (ITEM, "1. Open the cover."),
        (ITEM, "2. Press the button."),
        (ITEM, "A bullet"),
        (ITEM, "7. Seventh"),
        (ITEM, "10. Tenth"),
        (ITEM, "11. Eleventh"),
        (ITEM, "1. Loose item."),
        (ITEM, "2. Another loose one."),
        (ITEM, "Its second paragraph."),
        (ITEM, "a. Lettered"),
        (ITEM, "b. B"),
        (ITEM, "2. Three"),
        (ITEM, "1. Two"),
        (ITEM, "IV. Four"),
    ]


def test_a_paragraph_all_in_bold_is_a_heading_below_the_last_one() -> None:
    document = parse_markdown(
        "guide.md",
        "# Guide\n\n## Parking\n\n**Lot B**\n\nOpens at 7.\n\n__Lot C__\n\nOpens at 8.\n\n**Do not park on the grass.**\n\n"
        "**Bring:**\n\n- a permit\n\n## Canteen\n\n**Can I bring my dog?**\n\nNo. Dogs stay outside.\n\nA **bold** word.\n\n"
        "<p><strong>Lot D<br>Opens at 9</strong></p>\n",
    )
    assert [(b.kind, document.block_text(b), b.section) for b in document.blocks] == [
        (HEADING, "Guide", "Guide"),
        (HEADING, "Parking", "Guide › Parking"),
        (HEADING, "Lot B", "Guide › Parking › Lot B"),
        (PARAGRAPH, "Opens at 7.", "Guide › Parking › Lot B"),
        (HEADING, "Lot C", "Guide › Parking › Lot C"),
        (PARAGRAPH, "Opens at 8.", "Guide › Parking › Lot C"),
        (PARAGRAPH, "Do not park on the grass.", "Guide › Parking › Lot C"),
        (PARAGRAPH, "Bring:", "Guide › Parking › Lot C"),
        (ITEM, "a permit", "Guide › Parking › Lot C"),
        (HEADING, "Canteen", "Guide › Canteen"),
        (HEADING, "Can I bring my dog?", "Guide › Canteen › Can I bring my dog?"),
        (PARAGRAPH, "No. Dogs stay outside.", "Guide › Canteen › Can I bring my dog?"),
        (PARAGRAPH, "A bold word.", "Guide › Canteen › Can I bring my dog?"),
        (PARAGRAPH, "Lot D Opens at 9", "Guide › Canteen › Can I bring my dog?"),
    ]
