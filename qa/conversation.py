"""Follow-up questions: "By when will they be gone?" is asked about the previous question's subject."""

from __future__ import annotations

import re
from typing import Any

from qa.lexical import terms

# Words that point back to something said before; a question holding one leans on the history.
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|he|him|his|she|her|hers|this|that|these|those|there|then|the same|"
    r"such|one|ones|former|latter|also|else|too)\b",
    re.IGNORECASE,
)
# A question with this few content terms says too little to stand alone ("And the French?").
_FEW_TERMS = 2


def previous_questions(history: Any) -> list[str]:
    """The user's earlier messages, oldest first, from Gradio's messages format.

    Anything malformed (wrong types, missing keys, content as a list of parts) is read
    as far as it makes sense and otherwise ignored: history never breaks an answer.
    """
    if not isinstance(history, (list, tuple)):
        return []
    questions = []
    for message in history:
        if not isinstance(message, dict) or message.get("role") != "user":
            continue
        content = message.get("content")
        if isinstance(content, list):
            content = " ".join(part.get("text", "") for part in content if isinstance(part, dict))
        if isinstance(content, str) and content.strip():
            questions.append(" ".join(content.split()))
    return questions


def is_follow_up(question: str) -> bool:
    """True when the question points back ("they", "it", "there") or is too short to stand alone."""
    return bool(_ANAPHORA.search(question)) or len(terms([question])[0]) <= _FEW_TERMS


def contextual_query(question: str, history: Any) -> str:
    """The text to search with: the question, preceded by the previous one when it is a follow-up."""
    earlier = [q for q in previous_questions(history) if q != question]
    if not earlier or not is_follow_up(question):
        return question
    return f"{earlier[-1]} {question}"
