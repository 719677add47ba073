"""Follow-up questions: "By when will they be gone?" is asked about the previous question's subject."""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from qa.index.lexical import is_shouting, terms
from qa.index.normalization import normalize
from qa.search.ranking import CARRIES_ON, Code, named_codes

# Words that point back to something said before; a question holding one leans on the history.
_ANAPHORA = re.compile(
    r"\b(they|them|their|theirs|it|its|he|him|his|she|her|hers|this|that|these|those|there|then|the same|"
    r"such|one|ones|former|latter|also|else|too)\b",
    re.IGNORECASE,
)
# "there" that says something exists points nowhere: "Is there a salad bar?", "There are showers?".
_EXISTENTIAL_THERE = re.compile(
    r"\b(is|are|was|were|will|would|can|could|should|might|must|may|has|have)\s+there\b"
    r"|\bthere\s+(is|are|was|were|be|will|has|have)\b|\bthere's\b",
    re.IGNORECASE,
)
# A question opening with a question word or a verb is worded to stand alone, however short:
# "Is there a salad bar?", "Who chaired?"; "And the French?", "Weekend hours?" are not.
_WHOLE_QUESTION = re.compile(
    r"^\W*(who|whom|whose|what|when|where|why|how|which|is|are|was|were|am|do|does|did|can|could|will|would|"
    r"should|shall|may|might|must|has|have|had)\b",
    re.IGNORECASE,
)
# A question word anywhere makes a whole question of a sentence before it: "I lost a receipt, what do I do?".
_QUESTION_WORD = re.compile(r"\b(who|whom|whose|what|when|where|why|how|which)\b", re.IGNORECASE)
# A question opening with a conjunction goes on from the one before it: "And when does it close?",
# "So how can I order them?".
_GOES_ON = re.compile(r"^\W*(and|or|but|so|plus|also|then)\b", re.IGNORECASE)
# A question with this few content terms says too little to stand alone ("And the French?").
_FEW_TERMS = 2
# An earlier "question" longer than a question may be (qa.engine.MAX_QUESTION_CHARS) was refused,
# not asked: it is never searched with a follow-up.
MAX_EARLIER_CHARS = 2000
# Words that frame a follow-up rather than ask anything: "What about Lot C?", "Same for Gate 4?",
# "Regarding the AquaPure 200?" (as `terms` writes them; "what", "and", "for" are stop words).
_FRAMING = frozenset(terms(["about regarding same instead then"])[0])
# How many earlier questions a follow-up's antecedent is resolved through ("And Lot C?" after "And
# Lot A?" after "When does Lot B close?").
_CHAIN = 5
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
    """True when the question points back ("they", "it", "there") or says too little to stand
    alone: at most two content terms, framing words ("What about …?", "Regarding …?") not counted.

    A word in capitals is an acronym, not a pronoun: "Who runs IT?" points nowhere; unless the
    whole question is in capitals: "WHEN WILL THEY LEAVE?" points back. "Is there …?" asks whether
    something exists, and points nowhere either.
    """
    return points_back(question) or len(_content(question)) <= _FEW_TERMS


def may_stand_alone(question: str) -> bool:
    """True for a follow-up that may as well be a new question: one worded as a whole question
    (opening with a question word or a verb, or holding a question word: "I lost a receipt, what
    do I do?") that names something. `QA` searches it both alone and with the earlier question,
    and keeps the more confident answer (where it points back, only one that is the same
    sentence, `qa.engine`): "Is there a salad bar?" after a question on the canteen may ask about
    the canteen or not, and "How can I get there by bus?" after "Where can I park the car?" was
    refused joined to it (0.05) and is found alone (0.24).
    False for one that carries on ("What about Lot C?", "And when does it close?", "So how can I
    order them?"), is no whole question ("Weekend hours?") or names nothing ("How much?", "Why?")."""
    return (
        is_follow_up(question)
        and not CARRIES_ON.search(question)
        and not _GOES_ON.search(question)
        and (_WHOLE_QUESTION.search(question) is not None or _QUESTION_WORD.search(question) is not None)
        and len(_content(question)) >= 1
    )


def points_back(question: str) -> bool:
    """Whether the question holds a word that points back (see `is_follow_up`)."""
    shouting = is_shouting(question)
    existential = [m.span() for m in _EXISTENTIAL_THERE.finditer(question)]
    return any(
        (shouting or not (m.group().isupper() and len(m.group()) > 1))
        and not (m.group().casefold() == "there" and any(a <= m.start() < b for a, b in existential))
        for m in _ANAPHORA.finditer(question)
    )


def _content(question: str) -> list[str]:
    """The question's content terms, framing words of a question that carries on left out."""
    content = terms([question])[0]
    if CARRIES_ON.search(question):
        content = [t for t in content if t not in _FRAMING]
    return content


def antecedent(question: str, history: Any) -> str | None:
    """The earlier question a follow-up leans on, or None when the question stands on its own.

    An earlier follow-up that named only a code is read as the question before it about that code
    (`swap_codes`), through up to five questions: after "When does Lot B close?" and "And Lot A?",
    "And Lot C?" leans on "When does Lot A close?".
    """
    earlier = [q for q in previous_questions(history) if q != question and len(q) <= MAX_EARLIER_CHARS]
    if not earlier or not is_follow_up(question):
        return None
    chain = earlier[-_CHAIN:]
    resolved = chain[0]
    for asked in chain[1:]:
        resolved = (swap_codes(asked, resolved) if is_follow_up(asked) else None) or asked
    return resolved


def swap_codes(question: str, earlier: str) -> str | None:
    """The earlier question asked about the follow-up's code instead, when the follow-up names
    nothing but one code (and words of the earlier question): "When does Lot B close?", then "And
    Lot A?" (or "what about lot a?"), is "When does Lot A close?", "And Garage C?" is "When does
    Garage C close?", and "And the Model X9?" after "Does the Model X3 fold?" is "Does the Model X9
    fold?" (as `normalize` writes it; an earlier question in capitals is written in small letters
    around the code). The code replaced is the earlier question's one after the same word ("Lot"),
    or with the same letters ("X3"), wherever it stands, else its only one, name and all. None when
    there is none, or no telling which, or it is the same code; then the two questions are
    searched together (`blend`).

    Searched together, the earlier question's words outweigh the follow-up's one code: "And Lot A?"
    found Lot B's hours first, or Lot A's refused.
    """
    named = named_codes(earlier)
    asked = named_codes(question) or _codes_in_small_letters(question, {c.name for c in named})
    if not named or len({(c.name.casefold(), c.code.casefold()) for c in asked}) != 1:
        return None
    new = asked[0]
    question_terms, code_terms, earlier_terms = terms([question, new.written, earlier])
    if set(question_terms) - set(code_terms) - set(earlier_terms) - _FRAMING:
        return None
    same = [c for c in named if c.name.casefold() == new.name.casefold()]
    replaced = same or named
    if len({(c.name.casefold(), c.code.casefold()) for c in replaced}) != 1:
        return None
    if same and replaced[0].code.casefold() == new.code.casefold():
        return None
    text = normalize(earlier)
    shouting = is_shouting(text)
    parts, start = [], 0
    for code in replaced:
        before = text[start : code.start]
        written = new.written if new.glued or not same else f"{code.name} {new.code}"
        parts += [before.lower() if shouting else before, written]
        start = code.end
    parts.append(text[start:].lower() if shouting else text[start:])
    return "".join(parts)


def _codes_in_small_letters(question: str, names: set[str]) -> list[Code]:
    """Codes after one of `names` written in any case ("lot c" for "Lot"), the code in capitals."""
    if not names:
        return []
    pattern = re.compile(rf"\b({'|'.join(re.escape(n) for n in sorted(names))}) +(\d{{1,3}}|[^\W\d_])(?![\w&/.-])", re.IGNORECASE)
    return [Code(m.group(1), m.group(2).upper(), m.start(), m.end()) for m in pattern.finditer(normalize(question))]


def blend(question_vector: np.ndarray, antecedent_vector: np.ndarray) -> np.ndarray:
    """The follow-up's vector, pulled towards the earlier question's, at unit length.

    Concatenating the two texts lets the earlier (usually longer) question dominate;
    a weighted sum keeps the follow-up in charge of what is asked.
    """
    blended = question_vector + ANTECEDENT_WEIGHT * antecedent_vector
    return blended / np.linalg.norm(blended)
