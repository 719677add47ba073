"""Follow-up questions: "By when will they be gone?" is asked about the previous question's subject."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from qa.index.lexical import is_shouting, terms
from qa.index.normalization import normalize
from qa.search.ranking import named_codes

# Words that point back to something said before; a question holding one leans on the history.
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|he|him|his|she|her|hers|this|that|these|those|there|then|the same|"
    r"such|one|ones|former|latter|also|else|too)\b",
    re.IGNORECASE,
)
# A question that opens like this carries on from the one before: "What about Lot C?", "How about
# in winter?", "Same for the French?" (however many words follow).
_CARRIES_ON = re.compile(r"^\W*(what about|how about|what of|same for|and what about)\b", re.IGNORECASE)
# A question with this few content terms says too little to stand alone ("And the French?").
_FEW_TERMS = 2
# An earlier "question" longer than a question may be (qa.engine.MAX_QUESTION_CHARS) was refused,
# not asked: it is never searched with a follow-up.
MAX_EARLIER_CHARS = 2000
# Words that may frame a follow-up that names nothing but a code: "What about Lot C?", "Same for
# Gate 4?", "Regarding the AquaPure 200?" (as `terms` writes them; "what", "and", "for" are stop words).
_FRAMING = frozenset(terms(["about regarding same instead then"])[0])
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
    """True when the question points back ("they", "it", "there"), opens like a follow-up ("What
    about …?") or is too short to stand alone.

    A word in capitals is an acronym, not a pronoun: "Who runs IT?" points nowhere; unless the
    whole question is in capitals: "WHEN WILL THEY LEAVE?" points back.
    """
    shouting = is_shouting(question)
    points_back = any(
        shouting or not (m.group().isupper() and len(m.group()) > 1) for m in _ANAPHORA.finditer(question)
    )
    return points_back or _CARRIES_ON.search(question) is not None or len(terms([question])[0]) <= _FEW_TERMS


def antecedent(question: str, history: Any) -> str | None:
    """The earlier question a follow-up leans on, or None when the question stands on its own."""
    earlier = [q for q in previous_questions(history) if q != question and len(q) <= MAX_EARLIER_CHARS]
    if not earlier or not is_follow_up(question):
        return None
    return earlier[-1]


def swap_codes(question: str, earlier: str) -> str | None:
    """The earlier question asked about the follow-up's code instead, when the follow-up names
    nothing but one code: "When does Lot B close?", then "And Lot A?", is "When does Lot A close?",
    and "And Garage C?" is "When does Garage C close?" (as `normalize` writes it). The code
    replaced is the earlier question's only one after the same word ("Lot"), else its only one.
    None when there is none, or no telling which, or it is the same code; then the two questions
    are searched together (`blend`).

    Searched together, the earlier question's words outweigh the follow-up's one code: "And Lot A?"
    found Lot B's hours first, or Lot A's refused.
    """
    asked = named_codes(question)
    if len(asked) != 1:
        return None
    new = asked[0]
    if set(terms([question])[0]) - set(terms([f"{new.name} {new.code}"])[0]) - _FRAMING:
        return None
    named = named_codes(earlier)
    same = [c for c in named if c.name.casefold() == new.name.casefold()]
    replaced = same if same else named
    if len(replaced) != 1:
        return None
    old, text = replaced[0], normalize(earlier)
    swapped = f"{text[: old.start]}{old.name if same else new.name} {new.code}{text[old.end :]}"
    return None if swapped.casefold() == text.casefold() else swapped


def blend(question_vector: np.ndarray, antecedent_vector: np.ndarray) -> np.ndarray:
    """The follow-up's vector, pulled towards the earlier question's, at unit length.

    Concatenating the two texts lets the earlier (usually longer) question dominate;
    a weighted sum keeps the follow-up in charge of what is asked.
    """
    blended = question_vector + ANTECEDENT_WEIGHT * antecedent_vector
    return blended / np.linalg.norm(blended)
