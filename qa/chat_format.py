"""Answer -> what the chat shows: one HTML block in which every piece of document or user
text is escaped, so it is shown as text and never runs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from html import escape
from typing import Any, NamedTuple

from qa.engine import FileInfo
from qa.ingest.formats.text import LIST_MARKER
from qa.ingest.uploads import SavedUpload
from qa.search.answer import Answer, Passage
from qa.sources import download_url, source_url


def format_question(question: str) -> str:
    """The user's message as the chat shows it: literal text, on one line."""
    return f'<p class="qa-question">{escape(" ".join(question.split()), quote=True)}</p>'


def format_reply(answer: Answer) -> str:
    """Answer sentence, its source and highlighted context (when its paragraph holds more than the
    sentence itself), then the other passages folded away.

    Everything is on one line: the chat renders Markdown, which passes an HTML block through
    untouched only until a blank line.
    """
    if not answer.passages:
        return f'<div class="qa-reply"><p>{_text(answer.text)}</p></div>'
    if not answer.found:
        return (
            f'<div class="qa-reply qa-not-found"><p>{_text(answer.text)}</p>'
            f"{_folded('Possibly related', answer.passages, opened=True)}</div>"
        )
    best, others = answer.passages[0], answer.passages[1:]
    confidence = f" · confidence {answer.confidence:.0%}" if answer.confidence is not None else ""
    parts = [
        f'<div class="qa-reply"><p class="qa-answer"><strong>{_text(best.text)}</strong></p>',
        f'<p class="qa-source">{_citation(best)}{confidence}</p>',
        f'<blockquote class="qa-context">{_highlighted(best)}</blockquote>' if _has_context(best) else "",
        _folded("Other passages", others) if others else "",
        "</div>",
    ]
    return "".join(parts)


# The line breaks of a passage that a reader keeps: between blocks (a blank line) and before a
# list marker, as in a lead-in answered with its list ("To reset the router:" and its steps, see
# `qa.ingest.sentences.document_sentences`). Any other (a hard-wrapped text file's) is a space.
_KEPT_BREAK = re.compile(rf"\n\s*\n|\n(?={LIST_MARKER.pattern})")
_BULLET = re.compile(r"[-*•◦‣▪][ \t]")
_BLOCK_END = re.compile(r"\n\s*\n\s*$")
_BLOCK_START = re.compile(r"\s*\n\s*\n")
_CLOSING = "\"'”’)]"
_ENDS = (".", "!", "?", ":", ";", "…")


def text_lines(text: str) -> list[str]:
    """The lines of a passage's text as a reader sees them: one per block or list item, each with
    its runs of white space, line breaks included, as single spaces (`Passage.text` is the file's
    own span, and a sentence of a hard-wrapped text file keeps the file's line breaks)."""
    return [line for line in (" ".join(part.split()) for part in _KEPT_BREAK.split(text)) if line]


def one_line(text: str) -> str:
    """`text_lines` on one line: "; " after a line that ends without a mark (a list item such as
    "Photo ID": "Bring: Photo ID; Proof of address"), unless a bullet opens the next; else a space."""
    lines = text_lines(text)
    joined = lines[:1]
    for previous, line in zip(lines, lines[1:], strict=False):
        ended = previous.rstrip(_CLOSING).endswith(_ENDS) or _BULLET.match(line)
        joined.append((" " if ended else "; ") + line)
    return "".join(joined)


def format_plain(answer: Answer) -> str:
    """The reply as plain text, for API clients."""
    if not answer.found or not answer.passages:
        return answer.text
    return "\n".join(text_lines(answer.text)) + f"\n\nSource: {citation(answer.passages[0])}"


def tool_result(answer: Answer) -> dict[str, Any]:
    """The answer for an assistant calling the `ask` tool: plain JSON values, each passage with its
    file, place and section; texts on one line."""
    return {
        "question": answer.question,
        "answer": one_line(answer.text),
        "found": answer.found,
        "confidence": answer.confidence,
        "passages": [
            {
                "text": one_line(p.text),
                "file": p.source,
                "page": p.page,
                "location": p.location,
                "section": p.section,
                "ocr": p.ocr,
                "citation": citation(p),
                "context": one_line(p.context),
                "score": p.score,
            }
            for p in answer.passages
        ],
    }


def documents_table(files: Sequence[FileInfo]) -> str:
    """The documents panel: each file (a download link), its format, its sentences, or why it was
    skipped. Every name and reason is escaped: they come from the corpus and from visitors."""
    if not files:
        return '<p class="qa-documents">No documents yet.</p>'
    rows = "".join(
        f'<tr><td><a href="{escape(download_url(f.source), quote=True)}" download>{_text(f.source)}</a></td>'
        f"<td>{_text(f.format)}</td><td>{f.sentences:,}</td>"
        f"<td>{_text('skipped: it ' + f.skipped) if f.skipped else 'indexed'}</td></tr>"
        for f in files
    )
    return (
        '<table class="qa-documents"><thead><tr><th>file</th><th>format</th><th>sentences</th><th>status</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
    )


class UploadOutcomes(NamedTuple):
    """What became of the files just uploaded, in plain text (escape it for HTML): `done`, the
    lines to confirm ("Added uploads/bakery.txt: 12 sentences."), and `problems`, those to warn
    about (skipped, with the reason)."""

    done: list[str]
    problems: list[str]


def upload_outcomes(saved: Sequence[SavedUpload], files: Sequence[FileInfo]) -> UploadOutcomes:
    """What became of the files just uploaded. Only these files are spoken of, not files skipped
    earlier; `files` is the corpus as indexed after them."""
    listed = {info.source: info for info in files}
    done: list[str] = []
    problems: list[str] = []
    for upload in saved:
        info = listed.get(upload.source)
        if info is None:
            problems.append(f"{upload.source} was saved, but is not in the folder any more (deleted meanwhile?).")
        elif info.skipped:
            said = {
                "added": "was skipped",
                "replaced": "replaced the earlier version, but was skipped",
                "unchanged": "is already there, unchanged, and skipped",
            }[upload.status]
            problems.append(f"{upload.source} {said}: it {info.skipped}.")
        else:
            sentences = f"{info.sentences:,} sentence{'' if info.sentences == 1 else 's'}"
            done.append(
                {
                    "added": f"Added {upload.source}: {sentences}.",
                    "replaced": f"Replaced {upload.source} with the new version: {sentences}.",
                    "unchanged": f"{upload.source} is already there, unchanged ({sentences}).",
                }[upload.status]
            )
    return UploadOutcomes(done, problems)


def citation(passage: Passage) -> str:
    """"report.pdf, p. 3 — Background", "deck.pptx, slide 4 — Budget", "fleet.xlsx, row 14 —
    Vans", "scan.pdf, p. 2 (OCR)": file, place and section as far as they are known, and whether
    the text was read from an image."""
    text = passage.source + (f", {passage.location}" if passage.location else "")
    text += " (OCR)" if passage.ocr else ""
    return text + (f" — {passage.section}" if passage.section else "")


def _citation(passage: Passage) -> str:
    """The citation as a link that opens the source at the answer, in a new tab."""
    url = escape(source_url(passage.source, passage.page, passage.start, passage.end), quote=True)
    return f'<a class="qa-file" href="{url}" target="_blank" rel="noopener">{_text(citation(passage))}</a>'


def _has_context(passage: Passage) -> bool:
    """Whether the passage's context holds more than the sentence (a one-sentence paragraph would
    show the answer twice)."""
    context = passage.context
    return bool(context[: passage.highlight_start].strip() or context[passage.highlight_end :].strip())


def _highlighted(passage: Passage) -> str:
    context = passage.context
    before = context[: passage.highlight_start]
    sentence = context[passage.highlight_start : passage.highlight_end]
    after = context[passage.highlight_end :]
    gap_before = "<br>" if _BLOCK_END.search(before) else " " if before[-1:].isspace() else ""
    gap_after = "<br>" if _BLOCK_START.match(after) else " " if after[:1].isspace() else ""
    return f"{_text(before)}{gap_before}<mark>{_text(sentence)}</mark>{gap_after}{_text(after)}"


def _folded(title: str, passages: list[Passage], opened: bool = False) -> str:
    items = "".join(
        f"<li>{_citation(p)}: {_text(p.text)}</li>" for p in passages
    )
    return f"<details{' open' if opened else ''}><summary>{title} ({len(passages)})</summary><ol>{items}</ol></details>"


def _text(value: str) -> str:
    """Escaped for HTML, one `text_lines` line after another with <br> between them, and no line
    break, so the block cannot end early."""
    return "<br>".join(escape(line, quote=True) for line in text_lines(value))
