"""Follow-up questions: "By when will they be gone?" is asked about the previous question's subject."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from qa.index.lexical import is_shouting, terms

# Words that point back to something said before; a question holding one leans on the history.
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|he|him|his|she|her|hers|this|that|these|those|there|then|the same|"
    r"such|one|ones|former|latter|also|else|too)\b",
    re.IGNORECASE,
)
# A question with this few content terms says too little to stand alone ("And the French?").
_FEW_TERMS = 2
# An earlier "question" longer than a question may be (qa.engine.MAX_QUESTION_CHARS) was refused,
# not asked: it is never searched with a follow-up.
MAX_EARLIER_CHARS = 2000
# How much of the earlier question's vector a follow-up's search vector takes in.
ANTECEDENT_WEIGHT = 0.5


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
            content = " ".join(str(part.get("text") or "") for part in content if isinstance(part, dict))
        if isinstance(content, str) and content.strip():
            questions.append(" ".join(content.split()))
    return questions


def is_follow_up(question: str) -> bool:
    """True when the question points back ("they", "it", "there") or is too short to stand alone.

    A word in capitals is an acronym, not a pronoun: "Who runs IT?" points nowhere; unless the
    whole question is in capitals: "WHEN WILL THEY LEAVE?" points back.
    """
    shouting = is_shouting(question)
    points_back = any(
        shouting or not (m.group().isupper() and len(m.group()) > 1) for m in _ANAPHORA.finditer(question)
    )
    return points_back or len(terms([question])[0]) <= _FEW_TERMS


def antecedent(question: str, history: Any) -> str | None:
    """The earlier question a follow-up leans on, or None when the question stands on its own."""
    earlier = [q for q in previous_questions(history) if q != question and len(q) <= MAX_EARLIER_CHARS]
    if not earlier or not is_follow_up(question):
        return None
    return earlier[-1]


def blend(question_vector: np.ndarray, antecedent_vector: np.ndarray) -> np.ndarray:
    """The follow-up's vector, pulled towards the earlier question's, at unit length.

    Concatenating the two texts lets the earlier (usually longer) question dominate;
    a weighted sum keeps the follow-up in charge of what is asked.
    """
    blended = question_vector + ANTECEDENT_WEIGHT * antecedent_vector
    return blended / np.linalg.norm(blended)
