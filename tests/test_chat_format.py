"""What the chat shows: escaped text, highlighted context, folded passages, safe uploads."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa.chat_format import citation, documents_table, format_plain, format_question, format_reply, one_line, tool_result
from qa.engine import FileInfo
from qa.ingest.uploads import MAX_UPLOAD_BYTES, UploadError, delete_upload, safe_name, save_upload
from qa.search.answer import NOT_FOUND, Answer, Passage

SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(1)>"


def _passage(text: str, context: str | None = None, **extra) -> Passage:
    context = context or text
    start = context.index(text)
    values = dict(source="a.txt", score=1.0, start=0, end=len(text), highlight_start=start, highlight_end=start + len(text))
    values.update(extra)
    return Passage(text=text, context=context, **values)


def test_reply_escapes_document_text_and_highlights_the_sentence() -> None:
    best = _passage(f"Danger {SCRIPT} here.", f"Before {IMAGE}. Danger {SCRIPT} here. After.")
    reply = format_reply(Answer("q", best.text, True, [best, _passage("Other one."), _passage("Third.")], 0.9))
    assert "<script" not in reply and "<img" not in reply
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in reply and "&lt;img src=x onerror=alert(1)&gt;" in reply
    assert "<mark>Danger &lt;script&gt;alert(1)&lt;/script&gt; here.</mark>" in reply
    assert "<details><summary>Other passages (2)</summary>" in reply
    assert "confidence 90%" in reply
    assert "\n" not in reply


def test_not_found_offers_related_passages() -> None:
    reply = format_reply(Answer("q", NOT_FOUND, False, [_passage("Close but no.")], 0.1))
    assert NOT_FOUND.replace("'", "&#x27;") in reply and "<details open><summary>Possibly related (1)" in reply and "<mark>" not in reply


def test_question_is_shown_as_text_on_one_line() -> None:
    assert format_question(f"{SCRIPT}\n\n# heading") == (
        '<p class="qa-question">&lt;script&gt;alert(1)&lt;/script&gt; # heading</p>'
    )


def test_citation_and_plain_text() -> None:
    passage = _passage("Troops leave.", source="report.pdf", page=3, location="p. 3", section="Background")
    assert citation(passage) == "report.pdf, p. 3 — Background"
    assert format_plain(Answer("q", "Troops leave.", True, [passage])) == (
        "Troops leave.\n\nSource: report.pdf, p. 3 — Background"
    )
    assert format_plain(Answer("q", NOT_FOUND, False, [passage])) == NOT_FOUND


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"source": "deck.pptx", "page": 4, "location": "slide 4", "section": "Budget"}, "deck.pptx, slide 4 — Budget"),
        ({"source": "fleet.xlsx", "page": 14, "location": "row 14", "section": "Vans"}, "fleet.xlsx, row 14 — Vans"),
        ({"source": "scan.pdf", "page": 2, "location": "p. 2", "ocr": True}, "scan.pdf, p. 2 (OCR)"),
        ({"source": "photo.jpg", "ocr": True}, "photo.jpg (OCR)"),
        ({"source": "notes.txt"}, "notes.txt"),
    ],
)
def test_citation_names_the_place_by_format_and_says_ocr(values: dict, expected: str) -> None:
    assert citation(_passage("Text.", **values)) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("..\\..\\windows\\evil.md", "evil.md"),
        (".hidden.txt", "hidden.txt"),
        ("notes <b>1<b>.TXT", "notes _b_1_b.txt"),
        ("a/b/c<script>.md", "c_script.md"),
        ("..", "upload"),
        ("rapport été.md", "rapport été.md"),
    ],
)
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_save_upload_stays_in_the_corpus_and_replaces_an_upload_of_that_name(tmp_path: Path) -> None:
    first_version, second_version = tmp_path / "first", tmp_path / "second"
    first_version.write_text("Old facts.", encoding="utf-8")
    second_version.write_text("New facts.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    added = save_upload(corpus, "../../etc/passwd.txt", first_version)
    assert (added.path, added.source, added.status) == (corpus / "uploads" / "passwd.txt", "uploads/passwd.txt", "added")
    modified = added.path.stat().st_mtime_ns
    same = save_upload(corpus, "passwd.txt", first_version)
    assert same.status == "unchanged" and same.path.stat().st_mtime_ns == modified  # left alone: nothing to re-index
    replaced = save_upload(corpus, "passwd.txt", second_version)
    assert replaced.status == "replaced" and replaced.path == added.path
    assert added.path.read_text(encoding="utf-8") == "New facts."
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["passwd.txt"]  # no copy beside, no leftover


def test_names_that_had_to_be_made_safe_never_replace_an_upload(tmp_path: Path) -> None:
    """"Q3 budget?.txt" and "Q3 budget*.txt" are both saved as "Q3 budget…": two documents, kept."""
    budget, forecast, photo = tmp_path / "budget", tmp_path / "forecast", tmp_path / "photo"
    budget.write_text("The budget is 4 million.", encoding="utf-8")
    forecast.write_text("The forecast is 5 million.", encoding="utf-8")
    photo.write_text("Another text.", encoding="utf-8")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    first = save_upload(corpus, "Q3 budget?.txt", budget)
    second = save_upload(corpus, "Q3 budget*.txt", forecast)
    third = save_upload(corpus, "Q3 budget?.txt", photo)
    assert (first.source, second.source, third.source) == ("uploads/Q3 budget.txt", "uploads/Q3 budget-1.txt", "uploads/Q3 budget-2.txt")
    assert {first.status, second.status, third.status} == {"added"}
    assert first.path.read_text(encoding="utf-8") == "The budget is 4 million."
    assert sorted(p.name for p in (corpus / "uploads").iterdir()) == ["Q3 budget-1.txt", "Q3 budget-2.txt", "Q3 budget.txt"]


def test_an_uploads_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere, corpus, incoming = tmp_path / "elsewhere", tmp_path / "corpus", tmp_path / "incoming"
    elsewhere.mkdir()
    corpus.mkdir()
    (elsewhere / "notes.txt").write_text("Not the corpus's.", encoding="utf-8")
    (corpus / "uploads").symlink_to(elsewhere)
    incoming.write_text("Overwrite?", encoding="utf-8")
    with pytest.raises(UploadError, match="is a link"):
        save_upload(corpus, "notes.txt", incoming)
    assert (elsewhere / "notes.txt").read_text(encoding="utf-8") == "Not the corpus's."


@pytest.mark.parametrize("name", ["run.sh", "page.exe", "noextension", "archive.tar.gz"])
def test_save_upload_refuses_other_types(tmp_path: Path, name: str) -> None:
    source = tmp_path / "incoming"
    source.write_text("#!/bin/sh", encoding="utf-8")
    with pytest.raises(UploadError, match="not read"):
        save_upload(tmp_path, name, source)
    assert not (tmp_path / "uploads").exists() or not list((tmp_path / "uploads").iterdir())


def test_save_upload_refuses_huge_files(tmp_path: Path) -> None:
    source = tmp_path / "incoming"
    with source.open("wb") as handle:
        handle.truncate(MAX_UPLOAD_BYTES + 1)
    with pytest.raises(UploadError, match="limit"):
        save_upload(tmp_path, "big.txt", source)


def test_a_one_sentence_paragraph_is_not_shown_twice() -> None:
    alone = _passage("The answer stands alone.", "The answer stands alone.\n")
    reply = format_reply(Answer("q", alone.text, True, [alone], 0.5))
    assert reply.count("The answer stands alone.") == 1 and "qa-context" not in reply


def test_highlight_keeps_the_spaces_around_the_sentence() -> None:
    passage = _passage("Answer here.", "First one. Answer here. Next one.")
    assert "First one. <mark>Answer here.</mark> Next one." in format_reply(Answer("q", passage.text, True, [passage], 0.5))


def test_citation_is_a_link_to_the_place_escaped_and_quoted() -> None:
    pdf = _passage("Troops leave.", source='rep<b>"ort.pdf', page=3, location="p. 3")
    text = _passage("Answer here.", source="uploads/été & co.txt", start=120, end=132)
    reply = format_reply(Answer("q", pdf.text, True, [pdf, text], 0.9))
    assert '<a class="qa-file" href="/source/rep%3Cb%3E%22ort.pdf#page=3" target="_blank" rel="noopener">' in reply
    assert 'rep&lt;b&gt;&quot;ort.pdf, p. 3</a>' in reply
    assert 'href="/source/uploads/%C3%A9t%C3%A9%20%26%20co.txt?start=120&amp;end=132#answer"' in reply
    assert format_plain(Answer("q", pdf.text, True, [pdf])) == 'Troops leave.\n\nSource: rep<b>"ort.pdf, p. 3'


def test_tool_result_is_plain_json_values() -> None:
    passage = _passage("Troops leave.", source="report.pdf", page=3, location="p. 3", section="Background")
    result = tool_result(Answer("When?", "Troops leave.", True, [passage], 0.9))
    assert result["answer"] == "Troops leave." and result["found"] is True and result["confidence"] == 0.9
    assert result["passages"][0] | {"context": None} == {
        "text": "Troops leave.",
        "file": "report.pdf",
        "page": 3,
        "location": "p. 3",
        "section": "Background",
        "ocr": False,
        "citation": "report.pdf, p. 3 — Background",
        "context": None,
        "score": 1.0,
    }


def test_a_hard_wrapped_sentence_reaches_api_and_tool_clients_on_one_line() -> None:
    wrapped = "The BrewMate 300 is covered by a two-year warranty from the date of\r\npurchase."
    passage = _passage(wrapped, f"Thank you.\n{wrapped}")
    answer = Answer("How long is the warranty?", wrapped, True, [passage], 0.5)
    flat = "The BrewMate 300 is covered by a two-year warranty from the date of purchase."
    assert format_plain(answer).split("\n\n") == [flat, "Source: a.txt"]
    result = tool_result(answer)
    assert result["answer"] == result["passages"][0]["text"] == flat
    assert result["passages"][0]["context"] == f"Thank you. {flat}"


def test_documents_table_escapes_names_and_reasons() -> None:
    files = [
        FileInfo("notes.txt", "txt", 14),
        FileInfo(f"uploads/{IMAGE}.md", "md", 0, f"holds no text {SCRIPT}"),
    ]
    table = documents_table(files)
    assert "<script" not in table and "<img" not in table
    assert '<a href="/source/notes.txt?download=1" download>notes.txt</a>' in table
    assert "skipped: it holds no text &lt;script&gt;alert(1)&lt;/script&gt;" in table
    assert "No documents yet" in documents_table([])
    assert files[1].uploaded and not files[0].uploaded


def test_delete_upload_removes_only_uploaded_files(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "uploads").mkdir(parents=True)
    (corpus / "own.txt").write_text("Corpus document.", encoding="utf-8")
    (corpus / "uploads" / "mine.txt").write_text("Uploaded.", encoding="utf-8")
    (tmp_path / "outside.txt").write_text("Outside.", encoding="utf-8")
    (corpus / "uploads" / "link.txt").symlink_to(tmp_path / "outside.txt")
    for source in ["own.txt", "uploads/../own.txt", "uploads/", "uploads/link.txt", "uploads/none.txt", "../outside.txt"]:
        with pytest.raises(UploadError):
            delete_upload(corpus, source)
    assert (corpus / "own.txt").exists() and (tmp_path / "outside.txt").exists()
    delete_upload(corpus, "uploads/mine.txt")
    assert not (corpus / "uploads" / "mine.txt").exists()


def test_a_list_answered_with_its_lead_in_shows_one_item_per_line() -> None:
    text = "Bring:\n\nPhoto ID\n\nProof of address (a bill)\n\n1. Sign the form."
    passage = _passage(text)
    html = format_reply(Answer("What do I bring?", text, True, [passage], confidence=0.9))
    assert "<strong>Bring:<br>Photo ID<br>Proof of address (a bill)<br>1. Sign the form.</strong>" in html
    assert "\n" not in html
    assert format_plain(Answer("q", text, True, [passage])).startswith("Bring:\nPhoto ID\nProof of address (a bill)\n1. Sign")
    assert one_line(text) == "Bring: Photo ID; Proof of address (a bill); 1. Sign the form."
    assert one_line("A hard-wrapped\nsentence of a text file.\n- An item") == "A hard-wrapped sentence of a text file. - An item"


def test_a_step_is_highlighted_among_the_steps_around_it_one_a_line() -> None:
    context = "To reset the router:\n\n1. Open the cover.\n\n2. Press the button. It clicks.\n\n3. Wait."
    passage = _passage("2. Press the button.", context)
    html = format_reply(Answer("q", passage.text, True, [passage], confidence=0.9))
    assert "1. Open the cover.<br><mark>2. Press the button.</mark> It clicks.<br>3. Wait." in html
