"""Follow-up questions: the pure rules, then six conversations with the real model."""

from __future__ import annotations

import pytest

from qa import QA
from qa.index.lexical import terms
from qa.search.conversation import antecedent, is_follow_up, may_stand_alone, previous_questions, swap_codes


def test_previous_questions_reads_gradio_messages_and_ignores_junk() -> None:
    history = [
        {"role": "user", "content": "Why are US troops leaving Niger?"},
        {"role": "assistant", "content": "Because ..."},
        {"role": "user", "content": [{"type": "text", "text": "Who ordered it?"}]},
        {"role": "user"},
        {"content": "no role"},
        "not a dict",
        {"role": "user", "content": 42},
        None,
    ]
    assert previous_questions(history) == ["Why are US troops leaving Niger?", "Who ordered it?"]


@pytest.mark.parametrize("history", [None, "text", 5, {"role": "user"}, [[1, 2]], [{"role": None, "content": None}]])
def test_malformed_history_is_no_history(history) -> None:
    assert antecedent("By when will they be gone?", history) is None


def test_antecedent_is_the_last_earlier_question_of_a_follow_up() -> None:
    history = [{"role": "user", "content": "Why are US troops leaving Niger?"}, {"role": "user", "content": "Who ordered it?"}]
    assert antecedent("By when will they be gone?", history) == "Who ordered it?"
    assert antecedent("When will US troops leave Niger?", history) is None


@pytest.mark.parametrize(
    ("question", "follow_up"),
    [
        ("By when will they be gone?", True),
        ("And the French?", True),
        ("What about Lot C?", True),
        ("How about in winter?", True),
        ("Regarding the AquaPure 200?", True),
        ("What about Lot C's fees on weekends?", False),  # says enough to stand alone
        ("Tell me about the Wagner group", False),
        ("Who runs IT at the US embassy?", False),
        ("What did the WHO say about US troops in Niger?", False),
        ("What did it cost?", True),
        ("When will US troops leave Niger?", False),
        ("Which mercenary group did Niger's junta turn to?", False),
        ("WHAT DID THEY AGREE WITH THE PENTAGON ABOUT SECURITY?", True),
        ("WHEN WILL US TROOPS LEAVE NIGER?", False),
        ("Are there showers near the gym entrance?", False),  # "there" asks whether they exist
        ("Is there parking there?", True),  # the second "there" points back
    ],
)
def test_is_follow_up(question: str, follow_up: bool) -> None:
    assert is_follow_up(question) is follow_up


@pytest.mark.parametrize(
    ("question", "alone"),
    [
        ("Is there a salad bar?", True),
        ("Who chaired?", True),
        ("Is cash accepted?", True),
        ("When does it close?", True),  # "it" may be what the earlier asked about, or not
        ("Does the machine turn itself off if I forget it?", True),
        ("I lost a receipt, what do I do?", True),  # a question word after a statement
        ("And the salad bar?", False),  # no whole question
        ("Weekend hours?", False),
        ("What about Lot C?", False),  # carries on
        ("And when does it close?", False),  # goes on from the earlier question
        ("So how can I order them?", False),
        ("Why?", False),  # names nothing
        ("Is there a salad bar on the ground floor?", False),  # no follow-up at all
    ],
)
def test_a_follow_up_worded_as_a_whole_question_may_stand_alone(question: str, alone: bool) -> None:
    assert may_stand_alone(question) is alone
    assert is_follow_up(question) or not alone


@pytest.mark.parametrize(
    ("earlier", "question", "swapped"),
    [
        ("When does Lot B close?", "And Lot A?", "When does Lot A close?"),
        ("When does Lot B open?", "What about LOT C?", "When does Lot C open?"),
        ("Is the AquaPure 300 dishwasher safe?", "How about the AquaPure 200?", "Is the AquaPure 200 dishwasher safe?"),
        ("When does Lot B open?", "And Garage C?", "When does Garage C open?"),
        ("Is Gate 4 near Lot B?", "Same for Lot C?", "Is Gate 4 near Lot C?"),
        ("When does Lot B close?", "And Lot C on weekends?", None),  # asks more than the code
        ("When does Lot B close?", "And Lot B?", None),  # the same code
        ("When does Lot B close?", "And Garage B?", "When does Garage B close?"),
        ("Is Lot A or Lot B closer?", "And Lot C?", None),  # which of the two?
        ("Is Gate 4 near Lot B?", "And Garage C?", None),  # which of the two?
        ("When does the library open?", "And Lot C?", None),  # nothing to replace
        ("When does Lot B close?", "And Lot C or Lot D?", None),
        ("When does Lot B close?", "And the canteen?", None),
        ("When does Lot B close?", "what about lot a?", "When does Lot A close?"),
        ("WHEN DOES LOT B CLOSE?", "And Lot A?", "when does LOT A close?"),  # "A" is a term there
        ("Is Lot B cheaper than the street by Lot B?", "And Lot A?", "Is Lot A cheaper than the street by Lot A?"),
        ("When does Lot B close?", "Regarding the AquaPure 200?", "When does AquaPure 200 close?"),
        ("Does the P300 print double-sided?", "And the P400?", "Does the P400 print double-sided?"),  # one token
        ("Does the Model X3 fold?", "And the Model X9?", "Does the Model X9 fold?"),  # "Model" was asked before
        ("Does the Model X3 fold?", "And the Model X9 in red?", None),
        ("When does Lot B close?", "And the P400?", "When does P400 close?"),
    ],
)
def test_a_follow_up_naming_only_a_code_asks_the_earlier_question_about_it(earlier: str, question: str, swapped: str | None) -> None:
    assert swap_codes(question, earlier) == swapped


# (first question, follow-up, fragment of the sentence that must answer the follow-up)
CONVERSATIONS = [
    ("Why are US troops leaving Niger?", "By when will they be gone?", "September 15"),
    ("Who did the military government ask to leave after the coup?", "Who did they turn to instead?", "Wagner"),
    ("How many American soldiers are in Niger?", "What will happen to their dangerous equipment?", "lethal, hazardous"),
    ("When did Washington call the takeover a coup?", "What did that designation trigger?", "restricting military support"),
    ("What agreement did the defence officials reach?", "How long did it take to negotiate?", "five-day meeting"),
    ("What did the Afrobarometer survey ask Nigeriens?", "When was it carried out?", "In 2022"),
]


@pytest.mark.parametrize(("first", "follow_up", "fragment"), CONVERSATIONS)
def test_follow_up_is_answered_in_context(seed_bot: QA, first: str, follow_up: str, fragment: str) -> None:
    history = [
        {"role": "user", "content": first},
        {"role": "assistant", "content": seed_bot.answer(first).text},
    ]
    answer = seed_bot.answer(follow_up, history=history)
    assert fragment in answer.passages[0].text, answer.passages[0].text


@pytest.mark.parametrize(("first", "follow_up", "fragment"), CONVERSATIONS)
def test_standalone_question_is_not_pulled_off_course(seed_bot: QA, first: str, follow_up: str, fragment: str) -> None:
    standalone = "Which mercenary group did Niger's junta turn to for security?"
    history = [{"role": "user", "content": first}, {"role": "assistant", "content": "…"}]
    assert "Wagner" in seed_bot.answer(standalone, history=history).passages[0].text


def test_a_code_swapped_into_a_question_in_capitals_stays_a_term() -> None:
    swapped = swap_codes("And Lot A?", "WHEN DOES LOT B CLOSE?")
    assert swapped is not None and terms([swapped])[0] == ["lot", "a", "close"]


def test_a_chain_of_code_follow_ups_leans_on_the_first_question() -> None:
    said = ["When does Lot B close?", "And Lot A?"]
    history = [{"role": "user", "content": q} for q in said]
    assert antecedent("And Lot C?", history) == "When does Lot A close?"
    history.append({"role": "user", "content": "Who runs the canteen?"})
    assert antecedent("And Lot C?", history) == "Who runs the canteen?"


def test_a_refused_overlong_question_is_never_an_antecedent() -> None:
    history = [{"role": "user", "content": "Why are US troops leaving Niger? " * 100}]
    assert antecedent("By when will they be gone?", history) is None
