"""Answers from documents with structure: nested headings, tables, question headings, type sizes, lists.

    .venv/bin/python -m benchmarks.structured_documents [--model all-mpnet-base-v2] [--show-misses]

Writes ten small folders of the kinds people drop in, each indexed on its own: a Markdown
handbook (three heading levels, a leave table), an HTML product FAQ (questions as <h3> headings),
a Word shuttle timetable with a table beside a PowerPoint price list, a PDF library policy whose
headings are set in larger type, five documents full of lists (`benchmarks.list_documents`),
house rules and a recipe whose list items are facts of their own
(`benchmarks.fact_list_documents`), six everyday documents: a manual, a travel policy, a museum
page, release notes, a biography and a conference programme (`benchmarks.everyday_documents`),
six household documents: a tenancy agreement, a school newsletter, an IT onboarding guide, a GP
practice's patient page, a rowing club's rules and a garden centre's price list
(`benchmarks.household_documents`), six more: a car owner's manual in PDF, a travel and
expenses policy, a council's bins page, a holiday cottage's welcome guide, release notes and a
project kickoff deck with speaker notes (`benchmarks.manual_and_policy_documents`), and eight
more: a gym's terms in two columns as a browser prints them to PDF, a home insurance summary, a
football team's fixtures workbook, an allotment AGM deck, an install guide, a wedding page, family
recipes and a scanned notice (`benchmarks.club_and_home_documents`). Their 428 questions and 115
near-misses (about a lot, a product or a detail the documents do not have, or off-topic) were
written by helper agents asked to try qa as a first-time user would: the documents first, then
questions in their own words, before seeing any answer (2026-12-01 and 2026-12-02). A question
is right when a fragment of its answer (each of a tuple of fragments) is in the first passage; a
near-miss when it is refused (`found` False). A right answer to a question that one fragment
answers, given as a passage of several lines, is a whole list given for one item. Prints one
Markdown table.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter
from pathlib import Path

import docx
from fpdf import FPDF
from pptx import Presentation
from pptx.util import Inches

from benchmarks import (
    club_and_home_documents,
    everyday_documents,
    fact_list_documents,
    household_documents,
    list_documents,
    manual_and_policy_documents,
)
from benchmarks.machine import cpu

HANDBOOK = """# Northwind Logistics Employee Handbook

Welcome to Northwind Logistics. This handbook explains how we work together.

## Working Hours

### Core hours
Core hours are 10:00 to 15:00, Monday to Friday. Outside core hours you may arrange your own schedule with your manager.

### Remote work
Employees may work from home up to two days per week. Warehouse staff are not eligible for remote work because their roles require on-site presence.

## Leave

### Annual leave entitlement

| Years of service | Annual leave days |
|---|---|
| Less than 2 years | 20 |
| 2 to 5 years | 23 |
| More than 5 years | 26 |

Unused annual leave of up to five days can be carried over to the next year. Carried-over days expire on 31 March.

### Sick leave
Tell your manager before 09:30 on the first day of absence. A doctor's note is required after three consecutive days of sickness.

### Parental leave
Birth parents receive 16 weeks of fully paid leave. Partners receive 4 weeks of fully paid leave, to be taken within the first year.

## Expenses

### Travel
Book train travel in standard class. Flights are only allowed for journeys over 500 km.

### Meals
The daily meal allowance while travelling is EUR 35. Alcohol cannot be claimed.

## Equipment
Every employee receives a laptop on their first day. Lost laptops must be reported to IT within 24 hours.
"""

FAQ = """<!doctype html><html><head><title>AquaPure 300 Water Filter - FAQ</title></head>
<body><h1>AquaPure 300 Frequently Asked Questions</h1>
<h2>Installation</h2>
<h3>Do I need a plumber to install the AquaPure 300?</h3>
<p>No. The AquaPure 300 attaches to most standard faucets with the included adapter. Installation takes about ten minutes.</p>
<h3>Will it fit a pull-out kitchen faucet?</h3>
<p>Unfortunately pull-out and sprayer faucets are not supported.</p>
<h2>Filters</h2>
<h3>How often should I change the filter?</h3>
<p>Replace the cartridge every 3 months or after 400 litres, whichever comes first. The indicator light turns red when a replacement is due.</p>
<h3>What does the filter remove?</h3>
<p>The cartridge reduces chlorine, lead and microplastics. It does not remove fluoride or bacteria.</p>
<h3>How much does a replacement cartridge cost?</h3>
<p>A single cartridge costs $24.99; a pack of three costs $64.99.</p>
<h2>Warranty and Returns</h2>
<h3>What is the warranty period?</h3>
<p>The AquaPure 300 housing has a two-year limited warranty. Cartridges are not covered.</p>
<h3>Can I return it?</h3>
<p>Unopened products can be returned within 30 days for a full refund. Opened units can be returned within 14 days for store credit only.</p>
<h2>Care</h2>
<h3>Is it dishwasher safe?</h3>
<p>No. Clean the housing with a damp cloth only.</p>
</body></html>
"""

POLICY = [
    (20, "Greenfield City Library - Borrowing Policy"),
    (0, "This policy applies to all branches of the Greenfield City Library from January 2024."),
    (16, "1. Membership"),
    (0, "Membership is free for residents of Greenfield. Non-residents pay an annual fee of 25 dollars. Children under 12 "
        "need a parent or guardian to sign the application form."),
    (16, "2. Loan Periods"),
    (0, "Books may be borrowed for three weeks. DVDs may be borrowed for one week. Each member may have up to 15 items on "
        "loan at one time."),
    (16, "3. Renewals"),
    (0, "Items can be renewed twice online or at the desk, unless another member has reserved them."),
    (16, "4. Overdue Fines"),
    (0, "Adult members are charged 20 cents per day for each overdue book, up to a maximum of 5 dollars per item. "
        "Children's accounts are not charged overdue fines."),
    (16, "5. Lost or Damaged Items"),
    (0, "If an item is lost, the member pays the replacement cost plus a processing fee of 3 dollars. Borrowing rights "
        "are suspended until the charges are paid."),
    (16, "6. Computer Use"),
    (0, "Members can use the public computers for two hours per day. Printing costs 10 cents per black-and-white page."),
]  # fmt: skip

# Per folder: (question, fragments of which one must be in the first passage; a tuple of
# fragments, all of which must be), or None for a near-miss, which must be refused.
QUESTIONS: dict[str, list[tuple[str, tuple[str | tuple[str, ...], ...] | None]]] = {
    "handbook (.md, nested headings, a table)": [
        ("How many vacation days do I get after 3 years?", ("23",)),
        ("How much annual leave does a new starter get?", ("20",)),
        ("Annual leave for someone with 10 years of service?", ("26",)),
        ("Can I carry over unused holidays?", ("carried over", "five days")),
        ("When do carried-over days expire?", ("31 March",)),
        ("What are the core hours?", ("10:00",)),
        ("Can warehouse staff work from home?", ("Warehouse staff are not eligible",)),
        ("How many days a week can I work remotely?", ("two days",)),
        ("When do I need a doctor's note?", ("three consecutive",)),
        ("How long is paternity leave for partners?", ("4 weeks",)),
        ("Maternity leave length?", ("16 weeks",)),
        ("Can I fly to a meeting 300 km away?", ("500 km",)),
        ("What is the meal allowance?", ("EUR 35",)),
        ("Can I expense beer with dinner?", ("Alcohol",)),
        ("What should I do if I lose my laptop?", ("24 hours",)),
        ("How many days of bereavement leave do I get?", None),
        ("What is the hotel allowance per night?", None),
        ("Can I travel first class on trains?", ("standard class",)),
        ("Do I get a company phone?", None),
        ("What is the pension contribution?", None),
    ],
    "product FAQ (.html, question headings)": [
        ("Does installation need a plumber?", ("No. The AquaPure", "included adapter")),
        ("How long does it take to install?", ("ten minutes",)),
        ("Does it work with a pull-out faucet?", ("pull-out",)),
        ("How often do I replace the cartridge?", ("3 months",)),
        ("Does it remove fluoride?", ("fluoride",)),
        ("Does it filter lead?", ("lead",)),
        ("Price of a replacement filter?", ("24.99",)),
        ("How much is a three-pack?", ("64.99",)),
        ("How long is the warranty?", ("two-year",)),
        ("Are cartridges covered by the warranty?", ("Cartridges are not covered",)),
        ("Can I get a refund on an opened unit?", ("store credit", "14 days")),
        ("Can I put it in the dishwasher?", ("damp cloth", "No.")),
        ("What does the red light mean?", ("indicator light",)),
        ("Filter lifespan in litres?", ("400",)),
        ("Does the AquaPure 500 remove bacteria?", None),
        ("What is the warranty on the AquaPure 200?", None),
        ("How much does shipping cost?", None),
        ("Is it compatible with a refrigerator water line?", None),
    ],
    "timetable (.docx table) and prices (.pptx table)": [
        ("When does Lot B open?", ("06:30",)),
        ("What time is the last shuttle from Lot A?", ("23:15",)),
        ("First shuttle from Lot C?", ("07:20",)),
        ("How long is the ride to Central Station?", ("12 minutes",)),
        ("Is Lot C open on Sunday?", ("Lot C is closed",)),
        ("How often do shuttles run on weekends?", ("20 minutes",)),
        ("Can I bring my bike on the shuttle?", ("Bicycles",)),
        ("Are the shuttles wheelchair accessible?", ("wheelchair",)),
        ("How much is a day ticket?", ("6.00",)),
        ("Price of the monthly pass?", ("95.00",)),
        ("What does an evening ticket cost?", ("3.50",)),
        ("Do students get a discount?", ("Students pay half",)),
        ("Do seniors pay for parking?", ("Seniors",)),
        ("How much is EV charging?", ("0.30",)),
        ("When does Lot D open?", None),
        ("What time is the last shuttle from Lot E?", None),
        ("How much is an annual pass?", None),
        ("Is there a discount for veterans?", None),
    ],
    "library policy (.pdf, headings in larger type)": [
        ("How long can I keep a book?", ("three weeks",)),
        ("DVD loan period?", ("one week",)),
        ("How many items can I borrow at once?", ("15 items",)),
        ("How many times can I renew?", ("renewed twice",)),
        ("What is the late fee?", ("20 cents",)),
        ("Are children fined for overdue books?", ("Children's accounts",)),
        ("Maximum fine per item?", ("5 dollars",)),
        ("What happens if I lose a book?", ("replacement cost",)),
        ("Does membership cost anything?", ("free for residents", "25 dollars")),
        ("How much do non-residents pay?", ("25 dollars",)),
        ("Can my 10-year-old sign up alone?", ("Children under 12",)),
        ("How much is printing?", ("10 cents",)),
        ("How long can I use the computers?", ("two hours",)),
        ("Renewals", ("renewed twice",)),
        ("How much does colour printing cost?", None),
        ("What are the opening hours of the library?", None),
        ("Can I borrow e-books?", None),
        ("What is the fine for overdue DVDs for seniors?", None),
    ],
    "procedures and checklists (lists in .md, .txt, .html, .docx, .pdf)": list_documents.QUESTIONS,
    "house rules and a recipe (.txt, lists of facts)": fact_list_documents.QUESTIONS,
    "everyday documents (.md, .docx, .html, .txt, .xlsx; tables, FAQ headings, dated headings)": (
        everyday_documents.QUESTIONS
    ),
    "household documents (.pdf table, .docx, .md, .html FAQ list, .txt, .xlsx)": household_documents.QUESTIONS,
    "manual, policy and slides (.pdf, .docx, .html bins page, .md, release notes, .pptx)": (
        manual_and_policy_documents.QUESTIONS
    ),
    "gym terms, insurance, fixtures and more (.pdf glyph by glyph, .docx, .xlsx, .pptx, .md, .html, .txt, .png)": (
        club_and_home_documents.QUESTIONS
    ),
}


def write_folders(root: Path) -> dict[str, Path]:
    """The ten folders under `root`, by the names QUESTIONS uses."""
    folders = {name: root / f"folder{i}" for i, name in enumerate(QUESTIONS, 1)}
    for folder in folders.values():
        folder.mkdir(parents=True)
    handbook, faq, timetable, policy, lists, facts, everyday, household, manuals, club = folders.values()
    (handbook / "handbook.md").write_text(HANDBOOK, encoding="utf-8")
    (faq / "faq.html").write_text(FAQ, encoding="utf-8")
    _write_timetable(timetable / "timetable.docx")
    _write_prices(timetable / "prices.pptx")
    _write_policy(policy / "borrowing_policy.pdf")
    for name, content in list_documents.DOCUMENTS.items():
        if isinstance(content, str):
            (lists / name).write_text(content, encoding="utf-8")
        elif name.endswith(".docx"):
            _write_styled(lists / name, content)
        else:
            _write_pdf(lists / name, [(16 if kind == "heading" else 0, text) for kind, text in content])
    for name, text in fact_list_documents.DOCUMENTS.items():
        (facts / name).write_text(text, encoding="utf-8")
    everyday_documents.write_documents(everyday)
    household_documents.write_documents(household)
    manual_and_policy_documents.write_documents(manuals)
    club_and_home_documents.write_documents(club)
    return folders


def _write_timetable(path: Path) -> None:
    document = docx.Document()
    document.add_heading("Riverside Park & Ride - Shuttle Timetable (valid from 1 May 2024)", 1)
    document.add_paragraph("The shuttle runs between the park-and-ride lots and Central Station. Journey time is about 12 minutes.")
    table = document.add_table(rows=1, cols=4)
    for cell, text in zip(table.rows[0].cells, ("Lot", "Opens", "First shuttle", "Last shuttle"), strict=True):
        cell.text = text
    for row in (("Lot A", "05:30", "05:45", "23:15"), ("Lot B", "06:30", "06:40", "21:00"), ("Lot C", "07:00", "07:20", "19:30")):
        for cell, text in zip(table.add_row().cells, row, strict=True):
            cell.text = text
    document.add_heading("Weekends", 2)
    document.add_paragraph("On Saturdays and Sundays Lot C is closed and shuttles from Lot A and Lot B run every 20 minutes.")
    document.add_heading("Accessibility", 2)
    document.add_paragraph(
        "All shuttles are wheelchair accessible. Bicycles are allowed only outside the rush hours of 07:00-09:00 and 16:00-18:00."
    )
    document.save(str(path))


def _write_prices(path: Path) -> None:
    deck = Presentation()
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = "Parking Prices 2024"
    title.placeholders[1].text = "Riverside Park & Ride"
    tariffs = deck.slides.add_slide(deck.slide_layouts[5])
    tariffs.shapes.title.text = "Daily and monthly tariffs"
    table = tariffs.shapes.add_table(4, 3, Inches(0.5), Inches(1.5), Inches(9), Inches(2)).table
    rows = (("Ticket", "Price", "Notes"), ("Day ticket", "EUR 6.00", "Includes return shuttle"),
            ("Monthly pass", "EUR 95.00", "Valid at all lots"), ("Evening ticket", "EUR 3.50", "Entry after 17:00"))  # fmt: skip
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    discounts = deck.slides.add_slide(deck.slide_layouts[1])
    discounts.shapes.title.text = "Discounts"
    discounts.placeholders[1].text = (
        "Students pay half price on the monthly pass.\nSeniors over 65 park free on weekdays.\n"
        "Electric vehicle charging costs EUR 0.30 per kWh."
    )
    deck.save(str(path))


def _write_styled(path: Path, paragraphs: list[tuple[str, str]]) -> None:
    document = docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(str(path))


def _write_policy(path: Path) -> None:
    _write_pdf(path, POLICY)


def _write_pdf(path: Path, lines: list[tuple[int, str]]) -> None:
    """Each (type size, text) as a paragraph: size 0 in 11-point body type, others in bold."""
    pdf = FPDF()
    pdf.add_page()
    for size, text in lines:
        if size:
            pdf.set_font("Helvetica", "B", size)
            pdf.multi_cell(0, 10, text)
            pdf.ln(2)
        else:
            pdf.set_font("Helvetica", "", 11)
            pdf.multi_cell(0, 6, text)
            pdf.ln(3)
    pdf.output(str(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", help="embedding model (default: the default model)")
    parser.add_argument("--show-misses", action="store_true", help="list each question answered wrongly or refused")
    args = parser.parse_args()
    from qa import QA

    misses: list[str] = []
    lines = [
        "| folder | right at rank 1 | of them, a whole list for one item | right and found | near-misses refused |",
        "|---|---|---|---|---|",
    ]
    totals: Counter[str] = Counter()
    with tempfile.TemporaryDirectory(prefix="qa-structured-") as root:
        for name, folder in write_folders(Path(root)).items():
            bot = QA(folder, index_dir=Path(root) / f"index-{folder.name}", model=args.model)
            right = whole = found = refused = 0
            questions = QUESTIONS[name]
            for question, fragments in questions:
                answer = bot.answer(question)
                first = answer.passages[0].text if answer.passages else ""
                if fragments is None:
                    refused += not answer.found
                    if answer.found:
                        misses.append(f"- near-miss answered at {answer.confidence:.3f}: {question} -> {first!r}")
                    continue
                is_right = any(_holds(first, fragment) for fragment in fragments)
                right += is_right
                # A question one fragment answers, answered with a passage of several lines: a whole list.
                whole += is_right and len(fragments) == 1 and isinstance(fragments[0], str) and "\n" in first.strip()
                found += is_right and answer.found
                if not (is_right and answer.found):
                    what = "refused" if is_right else "wrong"
                    misses.append(f"- {what} at {answer.confidence:.3f}: {question} -> {first!r}")
            answerable = sum(f is not None for _, f in questions)
            near = len(questions) - answerable
            lines.append(f"| {name} | {right} of {answerable} | {whole} | {found} | {refused} of {near} |")
            totals.update(right=right, whole=whole, found=found, refused=refused, answerable=answerable, near=near)
    lines.append(
        f"| all | {totals['right']} of {totals['answerable']} | {totals['whole']} | {totals['found']} | "
        f"{totals['refused']} of {totals['near']} |"
    )
    print(f"Model: {args.model or 'default'}; {cpu()}\n")
    print("\n".join(lines))
    if args.show_misses:
        print("\n" + "\n".join(misses))


def _holds(passage: str, fragment: str | tuple[str, ...]) -> bool:
    """Whether the passage holds the fragment (all of a tuple's), in any case and spacing."""
    text = " ".join(passage.lower().split())
    parts = (fragment,) if isinstance(fragment, str) else fragment
    return all(" ".join(part.lower().split()) in text for part in parts)


if __name__ == "__main__":
    main()
