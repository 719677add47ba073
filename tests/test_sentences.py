"""Documents -> sentences: the hard cases of sentence splitting, and what is never a candidate."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.ingest.documents import BlockKind, DocumentBuilder
from qa.ingest.formats.text import parse_text
from qa.ingest.sentences import SentenceTable, document_sentences, split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _split(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    "sentences",
    [
        ["The U.S. said its troops would leave.", "Niger agreed."],
        ["Dr. Moussa spoke first.", "Mr. Jones replied."],
        ["She studied at Harvard Univ. in Boston.", "Then she moved."],
        ["The base is approx. 5 km from the city.", "It is guarded."],
        ["The flight left at 9 a.m. on Monday.", "It landed at noon."],
        ["Bring equipment, e.g. radios and tents.", "Leave the rest."],
        ["The church on St. Paul Street was closed.", "Services moved."],
        ["The mast is 31.5 m tall.", "It was built in 1990."],
        ["All troops will go by September 15 “at the latest.”", "The pullout has begun."],
        ["He paused... and then left.", "Nobody knew why."],
        ["Is it over?", "Not yet!", "It is close."],
        ["Add your key to the .env file and restart the server.", "It reloads."],
        ["The config moved from ~/.tidewater.ini to ~/.config/tidewater/config.toml.", "Copy it over."],
        ["Exclude patterns are read from a .tidewaterignore file.", "Edit /etc/nginx/nginx.conf next."],
        ["Delete the .DS_Store files.", "Then empty the bin."],
        ["He said no.", ".NET is great."],
    ],
)
def test_hard_cases(sentences: list[str]) -> None:
    assert _split(" ".join(sentences)) == sentences


@pytest.mark.parametrize(
    "sentences",
    [
        ["Moreno et al. [2019] measured that the water warmed.", "A second study disagreed."],
        ["This was shown by Lee et al. [12, 13] and by Park.", "It holds."],
        ["Moreno et al.’s study [2019] measured it.", "Another did not."],
        ["Several fish, e.g. [3] and [4], moved north.", "Others stayed."],
        ["It weighs approx. [5] kg.", "That is heavy."],
        ["The fee is 200 euros, cf. Art. 5 of the act.", "Payment is due in May."],
        ["The curve rises sharply (Fig. 2) after noon.", "It falls at night."],
        ["She cited Eq. 4 in the appendix.", "It was wrong."],
        ["Compare Figs. 2 and 3 to see it.", "They differ."],
        ["As in Ref. [7], the rate doubles.", "It is fast."],
        ["It is described in Ch. 4 of the book.", "It is long."],
        ["Gate No. 5 opens at nine.", "Gate 6 opens at ten."],
        ["The home side won, 3 vs. 2, after extra time.", "The crowd cheered."],
        ["Smith vs. Jones was decided in 1998.", "The appeal failed."],
        ['He wrote "see approx. 5 km" on the map.', "Then he left."],
        ['He said "I moved to the U.S." and then left.', "The end."],
        ["The results of Kim et al.", "The study was long."],
        ["The answer was No.", "Then he left."],
        ["The council voted no.", '"We cannot afford it," the mayor said.'],
        ["They sold pens, paper, etc.", "\u201cGreat,\u201d she said."],
        ["It is a work of art.", "Sec. 4 explains why."],
        ["See fig. 3 for the curve.", "It rises."],
    ],
)
def test_citations_brackets_and_abbreviations_keep_their_sentence(sentences: list[str]) -> None:
    assert _split(" ".join(sentences)) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("Call 555 0199. 24/7. Ask for Ana.", ["Call 555 0199. 24/7.", "Ask for Ana."]),
        ("It costs $5. 300. That is all.", ["It costs $5. 300.", "That is all."]),
        ("1. Open the lid. 2. Pour the water.", ["1. Open the lid.", "2. Pour the water."]),
    ],
)
def test_pieces_without_letters_stay_in_their_sentence(text: str, sentences: list[str]) -> None:
    assert _split(text) == sentences


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("No. Clean the housing with a damp cloth only. Then dry it.",
         ["No. Clean the housing with a damp cloth only.", "Then dry it."]),
        ("A: Yes! It works offline.", ["A: Yes! It works offline."]),
        ("Is it safe? Yes. It is tested.", ["Is it safe?", "Yes. It is tested."]),
        ("The council voted No. Then it adjourned.", ["The council voted No.", "Then it adjourned."]),
        ("Nobody came. No one left.", ["Nobody came.", "No one left."]),
    ],
)  # fmt: skip
def test_a_bare_yes_or_no_is_one_sentence_with_the_reason_after_it(text: str, sentences: list[str]) -> None:
    assert [text[a:b] for a, b in split_sentences(text)] == sentences


def test_a_heading_that_asks_a_question_is_a_candidate_and_other_headings_are_not() -> None:
    builder = DocumentBuilder("faq.md")
    builder.add("Care", BlockKind.HEADING, level=2)
    builder.add("Is it dishwasher safe?", BlockKind.HEADING, level=3)
    builder.add("No. Clean it with a damp cloth. Dry it well.")
    sentences = document_sentences(builder.build())
    assert [(s.text, s.kind) for s in sentences] == [
        ("Is it dishwasher safe?", BlockKind.HEADING),
        ("No. Clean it with a damp cloth.", BlockKind.PARAGRAPH),
        ("Dry it well.", BlockKind.PARAGRAPH),
    ]


def test_a_heading_that_dates_what_is_under_it_is_a_candidate() -> None:
    """A release's date is often written only in its heading ("When did 3.1.0 come out?")."""
    builder = DocumentBuilder("changes.md")
    builder.add("Release notes 2025", BlockKind.HEADING, level=1)  # a title names the document
    for heading in ("3.1.0 — 9 January 2025", "Added", "Meeting of March 4th", "Version 2 (2019-05-14)", "Version 2.5"):
        builder.add(heading, BlockKind.HEADING, level=2)
        builder.add("Exclude patterns are read from a file.", BlockKind.ITEM)
    headings = [s.text for s in document_sentences(builder.build()) if s.kind is BlockKind.HEADING]
    assert headings == ["3.1.0 — 9 January 2025", "Meeting of March 4th", "Version 2 (2019-05-14)"]
    # Without a title over it, a changelog's first release is dated like the others.
    builder = DocumentBuilder("CHANGELOG.md")
    for heading in ("4.0.0 — 2 February 2026", "3.9.0 — 5 November 2025"):
        builder.add(heading, BlockKind.HEADING, level=2)
        builder.add("Exclude patterns are read from a file.", BlockKind.ITEM)
    headings = [s.text for s in document_sentences(builder.build()) if s.kind is BlockKind.HEADING]
    assert headings == ["4.0.0 — 2 February 2026", "3.9.0 — 5 November 2025"]


@pytest.mark.parametrize(
    ("title", "candidate"),
    [
        ("Minutes of the board meeting, 4 March 2024", True),
        ("Board meeting — March 4th, 2024", True),
        ("Site visit 2024-03-04", True),
        ("2015 Nepal earthquake", False),  # a year in a name
        ("September 11 attacks", False),  # a day and a month in a name
        ("Release notes 2025", False),
    ],
)
def test_a_title_is_a_candidate_only_when_it_holds_a_whole_date(title: str, candidate: bool) -> None:
    """Minutes' date is often written only in their title ("When was the board meeting?")."""
    builder = DocumentBuilder("minutes.md")
    builder.add(title, BlockKind.HEADING, level=1)
    builder.add("Budget", BlockKind.HEADING, level=2)
    builder.add("The board approved the budget.")
    texts = [s.text for s in document_sentences(builder.build())]
    assert texts == ([title] if candidate else []) + ["The board approved the budget."]


def test_offsets_point_into_the_text() -> None:
    text = "  First one.   Second one?\tThird!"
    for start, end in split_sentences(text):
        assert text[start:end] == text[start:end].strip() and text[start:end]
    assert _split(text) == ["First one.", "Second one?", "Third!"]


def test_lines_without_final_punctuation_end_a_sentence() -> None:
    document = parse_text(
        "doc.txt",
        "Background\nThe last troops left the air base on Sunday morning\n- an item without a stop\n- another item\n",
    )
    texts = [s.text for s in document_sentences(document)]
    # The sentence ends at its line; as the paragraph right before a list, it also leads into it.
    assert texts == [
        "The last troops left the air base on Sunday morning\n- an item without a stop\n- another item",
        "an item without a stop",
        "another item",
    ]
    assert {s.section for s in document_sentences(document)} == {"Background"}


@pytest.mark.parametrize(
    ("first", "title"),
    [
        ("Python (programming language)", True),
        ("14 Maple Court (ground floor flat)", True),
        ("Child swim (under 16)", True),
        ("Date: 14 May 2024", False),  # a field, a fact
        ("IT Helpdesk: extension 4400", False),
        ("Rent is due on the third day of every month", False),  # a fact without its full stop
        ("Margit Halvorsen: the engineer who bridged the fjords", False),  # may be a sentence
        ("The bridge opened in 1938 and still carries traffic.", False),
    ],
)
def test_a_text_files_first_line_of_its_own_is_its_title(first: str, title: bool) -> None:
    """A first line that would be a heading but for the bracket it ends with is the title, the
    section of what follows and no answer: Wikipedia's "Rock (geology)" was a candidate."""
    document = parse_text("bio.txt", f"{first}\n\nShe studied at the institute. She graduated in 1913.\n")
    sentences = document_sentences(document)
    assert (sentences[0].text != first) == title
    assert {s.section for s in sentences} == ({first} if title else {None})


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_hard_wrapped_paragraph_splits_into_whole_sentences_not_lines(newline: str) -> None:
    text = newline.join(
        [
            "Before first use, rinse the water tank and fill it with fresh cold water up",
            "to the MAX line. The tank holds 1.8 litres. Plug the machine into a",
            "grounded outlet and press the power button; the indicator blinks while the",
            "boiler heats.",
        ]
    )
    sentences = document_sentences(parse_text("manual.txt", text + newline))
    assert [" ".join(s.text.split()) for s in sentences] == [
        "Before first use, rinse the water tank and fill it with fresh cold water up to the MAX line.",
        "The tank holds 1.8 litres.",
        "Plug the machine into a grounded outlet and press the power button; the indicator blinks while the boiler heats.",
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)  # offsets still index the file


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        # A line may end without its full stop: before a capital, a break stays a sentence end.
        ("The last troops left the air base on Sunday morning\nThe next convoy leaves in May.",
         ["The last troops left the air base on Sunday morning", "The next convoy leaves in May."]),
        ("Getting started\rRinse the tank.", ["Getting started", "Rinse the tank."]),  # old Mac line ends
        ("The bridge will be finished in\n2041. The road opens later.", ["The bridge will be finished in\n2041.", "The road opens later."]),
        ("Costs rose\r\n(as expected) by 5%.", ["Costs rose\r\n(as expected) by 5%."]),
    ],
)
def test_a_line_break_ends_a_sentence_only_before_what_could_start_one(text: str, sentences: list[str]) -> None:
    assert _split(text) == sentences


def test_seed_article_has_no_page_furniture() -> None:
    path = SEEDS / "000_6a0d2d9b88631f6f.txt"
    text = path.read_text(encoding="utf-8")
    sentences = document_sentences(parse_text(path.name, text))
    assert len(sentences) == 14
    assert all("Recommended for you" not in s.text for s in sentences)
    assert all(text[s.start : s.end] == s.text for s in sentences)
    assert sentences[0].text.endswith("joint statement on Sunday.")


def test_long_paragraphs_are_split_in_chunks_without_losing_or_breaking_sentences() -> None:
    sentences = [f"Sentence number {i} was written by Dr. Moussa for the U.S. embassy." for i in range(120)]
    text = " ".join(sentences)
    assert len(text) > 4 * 2000
    assert _split(text) == sentences


@pytest.mark.timeout(60)
def test_a_one_megabyte_line_is_split_without_losing_text() -> None:
    text = "word " * 200_000
    spans = split_sentences(text)
    assert "".join(text[s:e] for s, e in spans).replace(" ", "") == text.replace(" ", "")


def test_a_heading_closes_the_open_headings_at_its_level_or_deeper_and_one_without_level_all() -> None:
    builder = DocumentBuilder("guide.html")
    for text, level in [("Guide", 1), ("Setup", 2), ("Linux", 3), ("Windows", 3), ("Use", 2), ("Slide 2", None), ("Tips", 2)]:
        builder.add(text, BlockKind.HEADING, level=level)
        builder.add(f"About {text}.")
    sections = {document.block_text(b): b.section for document in [builder.build()] for b in document.blocks}
    assert sections == {
        "Guide": "Guide", "About Guide.": "Guide",
        "Setup": "Guide › Setup", "About Setup.": "Guide › Setup",
        "Linux": "Guide › Setup › Linux", "About Linux.": "Guide › Setup › Linux",
        "Windows": "Guide › Setup › Windows", "About Windows.": "Guide › Setup › Windows",
        "Use": "Guide › Use", "About Use.": "Guide › Use",
        "Slide 2": "Slide 2", "About Slide 2.": "Slide 2",
        "Tips": "Slide 2 › Tips", "About Tips.": "Slide 2 › Tips",
    }  # fmt: skip


def test_a_row_is_one_candidate_however_many_sentences_it_holds() -> None:
    builder = DocumentBuilder("fleet.csv")
    builder.add("Vans", BlockKind.HEADING)
    builder.add("Vehicle: Van 14; Notes: Dr. Ruiz drives it. It needs tyres.", BlockKind.ROW, page=2)
    builder.add("Vehicle: Van 15; Notes: Spare.", BlockKind.ROW, page=3, ocr=True)
    sentences = document_sentences(builder.build())
    assert [(s.text, s.kind, s.page, s.section, s.ocr) for s in sentences] == [
        ("Vehicle: Van 14; Notes: Dr. Ruiz drives it. It needs tyres.", BlockKind.ROW, 2, "Vans", False),
        ("Vehicle: Van 15; Notes: Spare.", BlockKind.ROW, 3, "Vans", True),
    ]
    assert list(SentenceTable.of(sentences)) == sentences


def test_a_lead_in_with_the_short_list_after_it_is_one_candidate_and_each_item_another() -> None:
    builder = DocumentBuilder("router.md")
    builder.add("Router", BlockKind.HEADING, level=1)
    builder.add("The router sits in the hall. To reset the router:")
    for step in ("1. Open the cover.", "2. Press the red button for ten seconds."):
        builder.add(step, BlockKind.ITEM)
    builder.add("It restarts by itself.")
    document = builder.build()
    sentences = document_sentences(document)
    assert [s.text for s in sentences] == [
        "The router sits in the hall.",
        "To reset the router:\n\n1. Open the cover.\n\n2. Press the red button for ten seconds.",
        "1. Open the cover.",
        "2. Press the red button for ten seconds.",
        "It restarts by itself.",
    ]
    assert all(document.text[s.start : s.end] == s.text for s in sentences)
    assert sentences[1].block == sentences[0].block and sentences[1].section == "Router"


def test_a_lead_in_of_a_text_file_takes_its_list_with_the_markers_and_offsets_index_the_file() -> None:
    text = "Bring:\n- photo ID\n- proof of address\n\nThe desk opens at nine.\n"
    sentences = document_sentences(parse_text("visit.txt", text))
    assert [s.text for s in sentences] == [
        "Bring:\n- photo ID\n- proof of address", "photo ID", "proof of address", "The desk opens at nine."
    ]
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_a_list_under_a_heading_is_one_candidate_and_a_long_list_or_table_rows_are_none() -> None:
    builder = DocumentBuilder("lists.md")
    builder.add("Packing", BlockKind.HEADING, level=1)
    builder.add("Cables", BlockKind.ITEM)
    builder.add("Manuals", BlockKind.ITEM)
    builder.add("Holidays:")
    long_items = [f"Holiday number {day} is a day off for every member of staff." for day in range(1, 20)]
    for item in long_items:
        builder.add(item, BlockKind.ITEM)
    builder.add("Prices:")
    builder.add("Plan: Team; Price: 20 euros", BlockKind.TABLE_ROW)
    builder.add("Plan: Solo; Price: 5 euros", BlockKind.TABLE_ROW)
    builder.add("Bring:")
    builder.add("Gear", BlockKind.HEADING, level=2)
    builder.add("Boots", BlockKind.ITEM)
    texts = [s.text for s in document_sentences(builder.build())]
    assert texts == ["Cables\n\nManuals", "Cables", "Manuals", "Holidays:", *long_items] + [
        "Prices:", "Plan: Team; Price: 20 euros", "Plan: Solo; Price: 5 euros", "Bring:", "Boots"
    ]


def test_a_list_of_paragraphs_is_no_candidate_whole_and_a_list_with_one_longer_step_is() -> None:
    builder = DocumentBuilder("minutes.md")
    builder.add("Minutes", BlockKind.HEADING, level=1)
    builder.add("1. Budget. Tom reported 2,340 dollars left. The committee agreed to buy raised beds.", BlockKind.ITEM)
    builder.add("2. Water. The city approved a second tap. Installation is expected in May.", BlockKind.ITEM)
    builder.add("VPN", BlockKind.HEADING, level=1)
    builder.add("1. Install GlobalProtect.", BlockKind.ITEM)
    builder.add("2. Sign in.", BlockKind.ITEM)
    builder.add("3. Click Connect. The shield turns blue.", BlockKind.ITEM)
    texts = [s.text for s in document_sentences(builder.build())]
    assert texts == [
        "1. Budget.", "Tom reported 2,340 dollars left.", "The committee agreed to buy raised beds.",
        "2. Water.", "The city approved a second tap.", "Installation is expected in May.",
        "1. Install GlobalProtect.\n\n2. Sign in.\n\n3. Click Connect. The shield turns blue.",
        "1. Install GlobalProtect.", "2. Sign in.", "3. Click Connect.", "The shield turns blue.",
    ]  # fmt: skip


def test_a_sentence_that_ends_with_a_full_stop_before_a_list_stays_a_candidate_of_its_own() -> None:
    builder = DocumentBuilder("returns.md")
    builder.add("Refunds are paid within 14 days of the return.")
    builder.add("Ana Ruiz, returns desk", BlockKind.ITEM)
    builder.add("Omar Haddad, billing", BlockKind.ITEM)
    builder.add("Please have these details ready")
    builder.add("the order number", BlockKind.ITEM)
    texts = [s.text for s in document_sentences(builder.build())]
    assert texts == [
        "Refunds are paid within 14 days of the return.",
        "Ana Ruiz, returns desk\n\nOmar Haddad, billing",
        "Ana Ruiz, returns desk",
        "Omar Haddad, billing",
        "Please have these details ready\n\nthe order number",
        "the order number",
    ]


def test_a_numbered_item_of_a_text_file_keeps_its_number_and_a_bullet_item_drops_its_bullet() -> None:
    text = "Steps\n1. Log in to Spendly.\n2. Click New Claim.\n\nAttach:\n- the receipt\n"
    document = parse_text("claims.txt", text)
    assert [document.block_text(b) for b in document.blocks if b.kind is BlockKind.ITEM] == [
        "1. Log in to Spendly.", "2. Click New Claim.", "the receipt"
    ]
    assert [s.text for s in document_sentences(document)][:3] == [
        "1. Log in to Spendly.\n2. Click New Claim.", "1. Log in to Spendly.", "2. Click New Claim."
    ]


def test_a_numbered_title_over_prose_is_a_heading_and_numbered_steps_stay_items() -> None:
    text = (
        "REMOTE WORK POLICY\nEffective January 1, 2025\n\n1. Eligibility\nStaff who passed probation may work from "
        "home up to three days a week.\n\n2. Equipment and Security\n- a laptop\n- a headset\n\n3. Working Abroad\n"
        "Working from another country needs written approval.\n\n"
        "Reset the router\n1. Open the cover\n2. Press the red button\n\nThen wait a minute.\n\n"
        "Restart it\n\n1. Unplug the router\nPull the power cable out of the back.\n\n2. Wait thirty seconds\n"
        "The lights go dark.\n"
    )
    document = parse_text("policy.txt", text)
    assert [document.block_text(b) for b in document.blocks if b.kind is BlockKind.HEADING] == [
        "REMOTE WORK POLICY", "Effective January 1, 2025", "1. Eligibility", "2. Equipment and Security",
        "3. Working Abroad", "Reset the router", "Restart it"
    ]  # fmt: skip
    assert [document.block_text(b) for b in document.blocks if b.kind is BlockKind.ITEM] == [
        "a laptop", "a headset", "1. Open the cover", "2. Press the red button", "1. Unplug the router",
        "2. Wait thirty seconds"
    ]  # fmt: skip
    sections = {s.text: s.section for s in document_sentences(document)}
    assert sections["Working from another country needs written approval."] == "REMOTE WORK POLICY › 3. Working Abroad"
    assert sections["a headset"] == "REMOTE WORK POLICY › 2. Equipment and Security"
    assert sections["2. Wait thirty seconds"] == "REMOTE WORK POLICY › Restart it"  # a step, with its explanation after it
    assert "1. Eligibility" not in sections  # a heading is never an answer


def test_a_heading_in_capitals_is_above_the_headings_in_small_letters_after_it() -> None:
    """Each recipe's "Ingredients" and "Method" replaced its name as the section: "What
    temperature should the oven be for the lemon drizzle cake?" got another recipe's step."""
    text = (
        "LEMON DRIZZLE CAKE\n\nMakes one loaf.\n\nMethod\n1. Heat the oven to 180C.\n2. Bake for 45 minutes.\n\n"
        "CHEESE SCONES\n\nMethod\n1. Heat the oven to 220C.\n\nFAQ\n\nCan I freeze them? Yes.\n"
    )
    sections = {s.text: s.section for s in document_sentences(parse_text("recipes.txt", text))}
    assert sections["Makes one loaf."] == "LEMON DRIZZLE CAKE"
    assert sections["1. Heat the oven to 180C."] == "LEMON DRIZZLE CAKE › Method"
    assert sections["1. Heat the oven to 220C."] == "CHEESE SCONES › Method"
    assert sections["Can I freeze them?"] == "CHEESE SCONES › FAQ"  # an acronym alone is no heading in capitals
    text = "OPENING TIMES\n\nOpen from 9 am.\n\nFINES\n\nFines are 20p a day.\n"
    sections = {s.text: s.section for s in document_sentences(parse_text("library.txt", text))}
    assert sections["Fines are 20p a day."] == "FINES"  # one word, but no acronym
    text = "Residents guide\n\nFire safety\n\nKeep doors shut.\n\nDO NOT USE THE LIFT\n\nParking\n\nPark in bay 4.\n"
    sections = {s.text: s.section for s in document_sentences(parse_text("guide.txt", text))}
    assert sections["Park in bay 4."] == "Parking"  # a warning in capitals, alone within the file


def test_an_faq_answer_is_read_without_its_a_marker_and_a_dialogue_keeps_its_speakers() -> None:
    text = (
        "Q: When is payday?\nA: Staff are paid on the 15th.\n\nQ: Is there a bonus?\nA: No\n\nQ. Who signs?\r\nA. "
        "The manager.\r\n\r\nQ: Any more?\nA: \n\nA: Hello there.\nB: Hi.\n"
    )
    document = parse_text("payroll.txt", text)
    assert [(document.block_text(b), b.kind) for b in document.blocks] == [
        ("Q: When is payday?", BlockKind.PARAGRAPH),
        ("Staff are paid on the 15th.", BlockKind.PARAGRAPH),
        ("Q: Is there a bonus?", BlockKind.PARAGRAPH),
        ("No", BlockKind.PARAGRAPH),
        ("Q. Who signs?", BlockKind.PARAGRAPH),
        ("The manager.", BlockKind.PARAGRAPH),
        ("Q: Any more?", BlockKind.PARAGRAPH),
        ("A:", BlockKind.PARAGRAPH),  # a marker with nothing after it stays as it was read
        ("A: Hello there.", BlockKind.PARAGRAPH),
        ("B: Hi.", BlockKind.PARAGRAPH),
    ]
