"""Oracle tests of the retrieval structures against plain Python references (fake vectors)."""

from __future__ import annotations

import numpy as np
import pytest

from qa.index.dense import DenseIndex
from qa.index.lexical import LexicalIndex
from qa.ingest.documents import BlockKind
from qa.ingest.sentences import Sentence
from qa.search.ranking import (
    FEATURES,
    LAST_STEP,
    MONEY,
    SPAN,
    asked_kinds,
    asked_value,
    asks_for_a_price,
    asks_for_one_fact,
    asks_for_something,
    code_pairs,
    codes,
    kinds,
    loose_code_pairs,
    measures,
    names_other_days,
    names_other_kind,
    quantity_column,
    question_types,
    sentence_traits,
    step_asked,
    step_match,
    weekdays,
)
from qa.search.retrieval import Retriever


def _retriever(layout: list[tuple[str, int]], seed: int = 0) -> Retriever:
    sentences = [Sentence(source, f"Sentence {i} about topic {block}.", i, i + 1, block) for i, (source, block) in enumerate(layout)]
    rng = np.random.default_rng(seed)
    vectors = rng.standard_normal((len(layout), 16)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return Retriever(sentences, DenseIndex(vectors), LexicalIndex.build([s.text for s in sentences]))


LAYOUT = [("a", 0), ("a", 0), ("a", 0), ("a", 1), ("b", 0), ("b", 0), ("b", 2), ("c", 0)]


def test_neighbours_stay_inside_their_paragraph() -> None:
    retriever = _retriever(LAYOUT)
    for row, key in enumerate(LAYOUT):
        same_before = row > 0 and LAYOUT[row - 1] == key
        same_after = row + 1 < len(LAYOUT) and LAYOUT[row + 1] == key
        assert retriever.previous[row] == (row - 1 if same_before else row)
        assert retriever.next[row] == (row + 1 if same_after else row)


def test_paragraph_members_match_a_plain_scan() -> None:
    retriever = _retriever(LAYOUT)
    wanted = np.array([5, 0, 3, 5, 7])
    members, offsets, position = retriever._paragraph_members(retriever.paragraph[wanted])
    for row, where in zip(wanted, position, strict=False):
        start = offsets[where]
        end = offsets[where + 1] if where + 1 < len(offsets) else len(members)
        assert sorted(members[start:end]) == [r for r, key in enumerate(LAYOUT) if key == LAYOUT[row]]


def test_paragraph_and_document_features_use_normalised_mean_vectors() -> None:
    retriever = _retriever(LAYOUT)
    vectors = retriever.dense.vectors
    query = vectors[1]
    found = retriever.candidates("topic", query)
    row = int(np.flatnonzero(found.rows == 1)[0])
    mean, spread = float((vectors @ query).mean()), float((vectors @ query).std())
    paragraph = vectors[0:3].sum(axis=0)
    document = vectors[0:4].sum(axis=0)
    expected_paragraph = (paragraph @ query / np.linalg.norm(paragraph) - mean) / spread
    expected_document = (document @ query / np.linalg.norm(document) - mean) / spread
    np.testing.assert_allclose(found.features[row, 1], expected_paragraph, rtol=1e-4)
    np.testing.assert_allclose(found.features[row, 3], expected_document, rtol=1e-4)


def test_a_search_says_how_near_the_nearest_sentence_comes() -> None:
    retriever = _retriever(LAYOUT)
    vectors = retriever.dense.vectors
    rng = np.random.default_rng(3)
    for words in ("Sentence 2 about topic 0", "topic", "nothing here"):
        query = rng.standard_normal(16).astype(np.float32)
        query /= np.linalg.norm(query)
        ranking = retriever.search(words, query, 2)
        assert len(ranking.hits) == 2
        assert ranking.nearest == pytest.approx(float((vectors @ query).max()), rel=1e-5)


def test_faiss_top_k_matches_brute_force() -> None:
    rng = np.random.default_rng(1)
    vectors = rng.standard_normal((500, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    query = vectors[7] + 0.1 * rng.standard_normal(32).astype(np.float32)
    scores, rows = DenseIndex(vectors).search(query[None, :], 10)
    reference = np.argsort(-(vectors @ query))[:10]
    assert list(rows[0]) == list(reference)
    np.testing.assert_allclose(scores[0], (vectors @ query)[reference], rtol=1e-5)


def test_bm25_matches_the_textbook_formula() -> None:
    texts = ["troops leave niger", "troops stay", "niger niger coup", "weather report"]
    lexical = LexicalIndex.build(texts)
    documents = [t.split() for t in texts]
    average = sum(len(d) for d in documents) / len(documents)
    k1, b = 1.5, 0.75

    def bm25(term: str, document: list[str]) -> float:
        frequency = document.count(term)
        containing = sum(term in d for d in documents)
        idf = np.log(1 + (len(documents) - containing + 0.5) / (containing + 0.5))
        # Lucene's variant, which bm25s implements by default, leaves out the (k1 + 1) factor.
        return idf * frequency / (frequency + k1 * (1 - b + b * len(document) / average))

    expected = [bm25("niger", d) for d in documents]
    np.testing.assert_allclose(lexical.scores(["niger"]), expected, rtol=1e-5)


def test_an_index_without_a_single_term_scores_zero() -> None:
    lexical = LexicalIndex.build(["It is.", "Is it?"])
    assert not lexical.scores(["foo"]).any()
    assert not lexical.scores(["foo"], out=np.ones(2, dtype=np.float32)).any()


def test_the_index_holds_the_terms_queries_are_searched_with() -> None:
    from qa.index.lexical import terms

    texts = ["When did the U.S. troops leave Niger's capital, Niamey?", "Lot B closes at 11 pm.", "THE and OF the", ""]
    lexical = LexicalIndex.build(texts)
    indexed = set(lexical._bm25.vocab_dict) - {""}
    assert indexed == {t for own in terms(texts) for t in own}
    assert terms(texts)[0] == ["us", "troop", "leav", "niger", "capit", "niamey"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("When does Lot B close?", ["lot", "b", "close"]),
        ("Take vitamin D at Gate 4", ["take", "vitamin", "d", "gate", "4"]),
        ("Who runs IT in the US, the WHO or OR staff?", ["run", "it", "us", "who", "or", "staff"]),
        ("It is what it is, and who knows", ["know"]),
        ("A few months later Plan A began", ["few", "month", "later", "plan", "a", "began"]),
        ("How do I reset my password?", ["reset", "my", "password"]),
        ("THE IT AND OF THE", []),
        ("LOT A", ["lot", "a"]),  # a heading in capitals names the lot
        ("PLAN A: EXITS AND A MAP", ["plan", "a", "exit", "map"]),
        ("HOW TO GET A PERMIT", ["get", "permit"]),
        ('GET A "PERMIT" OR A (FREE) PASS', ["get", "permit", "free", "pass"]),
        ("WHERE IS LOT A?", ["lot", "a"]),
        ("A WORD", ["word"]),
        ("Niger’s and Niger's", ["niger", "niger"]),
        ("Version 4.2 holds a 1.2 litre tank", ["version", "4.2", "hold", "1.2", "litr", "tank"]),  # not "1"
        ("Fixed in 4.2.1. See page 3.", ["fix", "4.2.1", "see", "page", "3"]),
        ("v4.2 on 14.05.2024", ["v", "4.2", "14", "05", "2024"]),  # a dotted date is three numbers
    ],
)
def test_one_letter_tokens_and_acronyms_are_kept(text: str, expected: list[str]) -> None:
    from qa.index.lexical import terms

    assert terms([text])[0] == expected


@pytest.mark.parametrize(
    ("plural", "singular"),
    [("children's tickets", "a child ticket"), ("ten people", "ten persons"), ("women only", "woman only"), ("knives", "knife")],
)
def test_an_irregular_plural_is_its_singular(plural: str, singular: str) -> None:
    from qa.index.lexical import terms

    assert terms([plural]) == terms([singular])


def test_a_verb_is_not_read_as_a_plural_noun() -> None:
    """"leaves" and "lives" stay verbs: "When does the train leave?" finds "The train leaves at 9"."""
    from qa.index.lexical import terms

    assert terms(["The train leaves at 9", "She lives in Oslo"]) == terms(["The train leave at 9", "She live in Oslo"])
    # Nor is "personal" a person: Snowball stems the two alike.
    assert terms(["personal data"]) != terms(["people data"])


def test_a_one_letter_identifier_decides_between_parallel_sentences() -> None:
    from qa.index.lexical import terms

    lexical = LexicalIndex.build(["Lot A closes at 6 pm.", "Lot B closes at 11 pm.", "Lot C closes at 9 pm."])
    scores = lexical.scores(terms(["When does Lot B close?"])[0])
    assert int(np.argmax(scores)) == 1 and scores[1] > max(scores[0], scores[2])


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the warranty on the AquaPure 200?", {"200"}),
        ("When does Lot D open, and Gate 4?", {"d", "4"}),
        ("Is Windows 11 supported?", {"11"}),
        ("Who was the 2015 NFL MVP?", set()),  # a year sets the scene
        ("Can I borrow e-books?", set()),
        ("Which V&A room holds it?", set()),
        ("How much did a 1/2 minute cost?", set()),
        ("Where does the B-52 land?", set()),
        ("What is a lot?", set()),
        ("Is 5 mg enough?", set()),  # after a stop word
        ("What Is A Day Pass?", set()),
        ("Was John F. Kennedy there?", set()),  # an initial
        ("WHEN DOES LOT D OPEN?", {"d"}),
        ("WHEN DOES LOT A OPEN?", set()),  # in capitals "A" is a stop word, no term: it has no bit
        ("Where is Washington D.C.?", set()),
        ("Does Öl 3 burn?", {"3"}),
        ("Tell me about the AquaPure 300.", {"300"}),  # at a sentence's end
        ("Where do I park? In Lot B.", {"b"}),
        ("Is Version 2.5 out?", {"2.5"}),  # a version
        ("Does version 4.2 need a migration?", {"4.2"}),
        ("Does 4.2.1 fix the export?", {"4.2.1"}),  # a version needs no name
        ("Is a 1.2 litre tank big?", {"1.2"}),  # a decimal asked about must be there, whatever it counts
        ("Is the water tank of the Barista 1 big?", {"1"}),
        ("Did Lot B. Smith sign?", set()),  # a letter and a full stop inside a text: an initial
        ("Does the P300 print double-sided?", {"p300"}),  # one token: capitals and digits
        ("Is the Model X9 light?", {"x9"}),
        ("Is A4 or A3 paper cheaper?", {"a4", "a3"}),
        ("What is H2O made of?", set()),
        ("Is it the 5G network?", set()),
    ],
)
def test_codes_are_short_numbers_and_letters_after_a_name(question: str, expected: set[str]) -> None:
    assert codes(question) == expected


def test_a_code_missing_from_a_paragraph_is_marked() -> None:
    texts = ["Lot B opens at 7 am.", "Lot C opens at 9 am."]
    sentences = [Sentence("a.txt", t, i * 100, i * 100 + len(t), i) for i, t in enumerate(texts)]
    vectors = np.eye(2, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    asked = [
        ("When does Lot B open?", None, [0, 1]),
        ("When does Lot D open?", None, [1, 1]),
        ("When do lots open?", None, [0, 0]),
        ("When does Lot B open? And Lot C?", "And Lot C?", [1, 0]),  # a follow-up: its own codes only
    ]
    for query, question, expected in asked:
        found = retriever.candidates(query, vectors[0], question)
        assert [found.code_missing[np.flatnonzero(found.rows == r)[0]] for r in (0, 1)] == expected, query


def test_a_sentence_about_another_code_of_the_kind_asked_about_is_marked() -> None:
    texts = [
        "Lead is removed by the AquaPure 300.",
        "The AquaPure 100 does not remove lead.",
        "The AquaPure 300 and the AquaPure 100 fit any tap.",
        "Gate 4 opens at noon.",
        "Filters remove lead.",
        "A day pass costs 5 euros.",
    ]
    sections = [None, None, None, None, None, "Parking › Lot B"]
    sentences = [
        Sentence("a.md", t, i * 100, i * 100 + len(t), i, section=s)
        for i, (t, s) in enumerate(zip(texts, sections, strict=True))
    ]
    vectors = np.eye(6, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    column = FEATURES.index("other_code")
    asked = [
        ("Does the AquaPure 100 remove lead?", [1, 0, 0, 0, 0, 0]),
        ("Does the AquaPure 300 or the AquaPure 100 remove lead?", [0, 0, 0, 0, 0, 0]),
        ("When does Gate 4 open?", [0, 0, 0, 0, 0, 0]),  # another kind of code: not marked
        ("How much is a day pass in Lot D?", [0, 0, 0, 0, 0, 1]),  # the heading names Lot B
        ("How much is a day pass in Lot B?", [0, 0, 0, 0, 0, 0]),
        ("Does the filter remove lead?", [0, 0, 0, 0, 0, 0]),  # no code asked about
    ]
    for question, expected in asked:
        found = retriever.candidates(question, vectors[0])
        marked = [found.features[np.flatnonzero(found.rows == r)[0], column] for r in range(len(texts))]
        assert marked == expected, question


def test_a_version_asked_without_a_name_is_of_the_kind_of_every_named_version() -> None:
    texts = ["Version 4.1 needs no migration.", "Version 4.2 needs a migration.", "The tank holds 1.2 litres."]
    sentences = [Sentence("notes.md", t, i * 100, i * 100 + len(t), i) for i, t in enumerate(texts)]
    vectors = np.eye(3, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    column = FEATURES.index("other_code")
    asked = [
        ("Does 4.2 need a migration?", [1, 0, 0]),
        ("Does version 4.1 need a migration?", [0, 1, 0]),
        ("Does 5.0 need a migration?", [1, 1, 0]),
        ("Does it need a migration?", [0, 0, 0]),
    ]
    for question, expected in asked:
        found = retriever.candidates(question, vectors[0])
        marked = [found.features[np.flatnonzero(found.rows == r)[0], column] for r in range(len(texts))]
        assert marked == expected, question


def test_a_sentence_of_a_wh_questions_own_words_is_marked() -> None:
    texts = [
        "5. Data protection audit",
        "The audit found two minor issues.",
        "The audit was done.",
        "Garage C does not close.",
        "3. Run setup",
    ]
    sentences = [Sentence("minutes.txt", t, i * 100, i * 100 + len(t), i) for i, t in enumerate(texts)]
    vectors = np.eye(5, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    column = FEATURES.index("echoes_question")
    asked = [
        ("What did the data protection audit find?", None, [1, 0, 0, 0, 0]),
        ("And when was the audit done?", None, [0, 0, 1, 0, 0]),
        ("Was the data protection audit done?", None, [0, 0, 0, 0, 0]),  # a yes or no: its own words may answer it
        ("When does Garage C close?", None, [0, 0, 0, 0, 0]),  # a denial answers with its stop words
        ("What is step 3 of the setup?", None, [0, 0, 0, 0, 0]),  # "run" is not asked
        ("How do I run setup?", None, [0, 0, 0, 0, 1]),
        ("What did the audit find? Was it done?", "Was it done?", [0, 0, 0, 0, 0]),  # the follow-up's own wording
    ]
    for query, question, expected in asked:
        found = retriever.candidates(query, vectors[0], question)
        marked = [found.features[np.flatnonzero(found.rows == r)[0], column] for r in range(len(texts))]
        assert marked == expected, query


@pytest.mark.parametrize(
    ("question", "step"),
    [
        ("What's step 4 on Windows?", 4),
        ("What do I do in Step #2?", 2),
        ("What is step four?", 4),
        ("What is the 3rd step?", 3),
        ("What's the second thing to do when opening the kitchen?", 2),
        ("What do steps 2 to 5 say?", None),  # several steps
        ("Is step 2 before step 3?", None),
        ("How do I install the VPN?", None),
        ("Which point did the first speaker make?", None),  # "first speaker", not a step
        ("What is the last step?", LAST_STEP),
        ("What's the final step on Windows?", LAST_STEP),
        ("Is the last step step 5?", None),  # two steps
    ],
)
def test_the_step_a_question_asks_for_is_read_from_its_number_or_ordinal(question: str, step: int | None) -> None:
    assert step_asked(question) == step


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Enter the six-digit code.", 1.0),
        ("4) Enter the code.", 1.0),
        ("Step 4: Enter the code.", 1.0),
        ("3. Follow steps 2 to 5 of the Windows instructions.", -1.0),
        ("To sign in:\n\n1. Open the app.\n\n4. Enter the code.", -1.0),  # a whole list
        ("Enter the code from the app.", 0.0),
        ("Add the walnuts in step 4.", 0.0),  # names the step, is not it
        ("Add the walnuts in step 5.", -1.0),  # names only another step
    ],
)
def test_a_sentence_is_the_step_asked_for_another_step_or_none(text: str, expected: float) -> None:
    assert step_match(text, 4) == expected
    assert step_match(text, None) == 0.0


def test_a_step_counts_in_the_list_the_question_names_and_unknown_words_only_against_the_confidence() -> None:
    texts = ["1. Open the app.", "2. Sign in.", "1. Download the app.", "2. Allow the extension."]
    sections = ["VPN › Windows", "VPN › Windows", "VPN › Mac", "VPN › Mac"]
    sentences = [
        Sentence("vpn.md", t, i * 100, i * 100 + len(t), i, section=s, kind=BlockKind.ITEM)
        for i, (t, s) in enumerate(zip(texts, sections, strict=True))
    ]
    vectors = np.eye(4, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    column = FEATURES.index("step_asked")
    asked = [
        ("What is step 1 on Mac?", [-1, -1, 1, -1], [-1, -1, 1, -1]),
        ("What is step 2?", [-1, 1, -1, 1], [-1, 1, -1, 1]),
        ("What is step 1 for Linux?", [1, -1, 1, -1], [-1, -1, -1, -1]),  # "linux": no sentence holds it
        ("How do I sign in?", [0, 0, 0, 0], [0, 0, 0, 0]),
    ]
    for question, ranking, confidence in asked:
        found = retriever.candidates(question, vectors[0])
        at = [np.flatnonzero(found.rows == r)[0] for r in range(len(texts))]
        assert [found.features[i, column] for i in at] == ranking, question
        assert [found.step[i] for i in at] == confidence, question


def test_large_corpora_get_an_ivf_index_that_finds_what_exact_search_finds(tmp_path, monkeypatch) -> None:
    import qa.index.dense as dense

    monkeypatch.setattr(dense, "EXACT_SEARCH_UP_TO", 1_000)
    rng = np.random.default_rng(2)
    centres = rng.standard_normal((50, 32)).astype(np.float32)
    vectors = centres[rng.integers(0, 50, 8_000)] + 0.3 * rng.standard_normal((8_000, 32)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    index = DenseIndex.build(vectors)
    assert index.ann is not None
    queries = vectors[:100] + 0.05 * rng.standard_normal((100, 32)).astype(np.float32)
    _, approximate = index.search(queries, 10)
    _, exact = DenseIndex(vectors).search(queries, 10)
    recall = np.mean([len(set(a) & set(e)) / 10 for a, e in zip(approximate, exact, strict=False)])
    assert recall >= 0.9
    index.save(tmp_path / "dense.faiss")
    loaded = DenseIndex.load(vectors, tmp_path / "dense.faiss")
    assert loaded.ann is not None and np.array_equal(loaded.search(queries, 10)[1], approximate)


def test_a_sentence_holding_every_term_of_a_long_question_covers_it_all() -> None:
    words = [f"word{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(70)]
    texts = [" ".join(words) + ".", "Lot A closes at noon.", "Lot C closes at night."]
    sentences = [Sentence("a.txt", t, i * 1000, i * 1000 + len(t), i) for i, t in enumerate(texts)]
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((3, 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    found = retriever.candidates(" ".join(words), vectors[0])
    first = int(np.flatnonzero(found.rows == 0)[0])
    assert found.coverage[first] == pytest.approx(1.0) and found.missing[first] == 0


@pytest.mark.parametrize(
    ("text", "quantity", "date"),
    [
        ("Niger told Washington to withdraw its personnel, which number close to 1,000.", True, False),
        ("Troops will leave no later than September 15, they said on Sunday.", False, True),
        ("In October, Washington designated the takeover a coup.", False, True),
        ("In 2022, about two-thirds of Nigeriens disagreed.", True, True),
        ("The troops leave within the next four months.", True, False),
        ("Rents rose in the 1990s.", False, True),
        ("It may rain on the 3rd of May.", False, True),
        ("The new agreement guarantees their protection.", False, False),
        ("About 1500 soldiers are based there.", True, True),  # a bare year-like number: either
        ("It was founded in March 1887.", False, True),
        ("All troops leave by September 15 at the latest.", False, True),
        ("May I ask a question?", False, False),
        ("The canteen is open from 7:30 to 15:00.", False, True),  # a time of day answers "when?"
        ("Lot A closes at 6 pm, Lot B at noon.", False, True),
        ("A hot meal costs 5.50 euros.", True, False),  # a price, not half past five
        ("The P200 is a compact laser printer.", False, False),  # a code, not a quantity
        ("The P200 prints 30 pages per minute.", True, False),
        ("5. While the cake is still warm, prick it all over.", False, False),  # a step's number
        ("1. Heat the oven to 180C.", True, False),
        ("To bake:\n1. Heat the oven.\n2. Wait.", False, False),  # a list shown whole
    ],
)
def test_a_date_is_not_a_quantity(text: str, quantity: bool, date: bool) -> None:
    """"How many?" wants a number that is not part of a date, nor a step's own number ("What
    temperature should the oven be?" got step 5, which names none); "when?" wants a year or a month."""
    traits = sentence_traits([text])[0]
    assert (bool(traits[1]), bool(traits[3])) == (quantity, date)


@pytest.mark.parametrize(
    ("text", "continues"),
    [
        ("Its summit reaches 2,917 metres.", True),
        ("It is navigable up to Rauda.", True),
        ("\u201cThey left in May,\u201d she said.", True),
        ("These talks lasted five days.", True),
        ("IT resets badges on floor 3.", False),  # a department, not a pronoun
        ("Italy borders France.", False),
        ("The summit reaches 2,917 metres.", False),
        ("Hereford lies on the Wye.", False),
    ],
)
def test_a_sentence_opening_with_a_pronoun_continues_the_one_before(text: str, continues: bool) -> None:
    assert bool(sentence_traits([text])[0][6]) == continues


def test_a_sentence_opening_with_a_pronoun_borrows_the_words_of_the_one_before() -> None:
    """"Its summit reaches 2,917 metres" is about Mount Ostra, named only in the sentence before it."""
    texts = ["Mount Ostra is a volcano in the north.", "Its summit reaches 2,917 metres.", "The summit cross is new."]
    sentences = [Sentence("geo.txt", text, 0, len(text), block=0) for text in texts]
    vectors = np.eye(3, 8, dtype=np.float32)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    found = retriever.candidates("What does the summit of Mount Ostra reach?", np.eye(1, 8, 7, dtype=np.float32)[0])
    coverage = dict(zip(found.rows.tolist(), found.coverage.tolist(), strict=True))
    assert coverage[1] == pytest.approx(1.0) and coverage[2] < coverage[1]
    # Opening the next paragraph, it has nothing before it to borrow from.
    sentences[1] = Sentence("geo.txt", texts[1], 0, len(texts[1]), block=1)
    retriever = Retriever(sentences, DenseIndex(vectors), LexicalIndex.build(texts))
    found = retriever.candidates("What does the summit of Mount Ostra reach?", np.eye(1, 8, 7, dtype=np.float32)[0])
    assert found.coverage[found.rows.tolist().index(1)] < 1.0


def test_how_many_is_asked_for_a_quantity_and_when_for_a_date() -> None:
    assert question_types("How many American soldiers are in Niger?").tolist() == [1, 0, 0, 0]
    assert question_types("When will the last troops leave?").tolist() == [0, 0, 1, 0]
    assert question_types("What percentage of Nigeriens disagreed?").tolist() == [1, 0, 0, 0]
    assert question_types("How fast is the P400?").tolist() == [1, 0, 0, 0]
    assert question_types("What time does the canteen open?").tolist() == [0, 0, 1, 0]
    assert question_types("Prior to this, when did San Francisco last host it?").tolist() == [0, 0, 1, 0]
    assert question_types("Can I take the lift when the alarm goes off?").tolist() == [0, 0, 0, 0]  # a conjunction
    assert question_types("How old was he when he died?").tolist() == [1, 0, 0, 0]
    assert question_types("What temperature should the oven be?").tolist() == [1, 0, 0, 0]


@pytest.mark.parametrize(
    ("question", "column"),
    [
        ("How much do swimming lessons cost?", MONEY),
        ("How much is the rent?", MONEY),
        ("What's the fee for a late return?", MONEY),
        ("How expensive is parking?", MONEY),
        ("How long do terms last?", SPAN),
        ("How long is the pool?", SPAN),
        ("How many people paid?", 1),  # a count of people, not a sum
        ("How much flour goes in?", 1),
        ("How long ago did it open?", 1),
    ],
)
def test_the_kind_of_quantity_asked_for(question: str, column: int) -> None:
    assert quantity_column(question) == column
    assert question_types(question)[0] == 1


@pytest.mark.parametrize(
    ("question", "price"),
    [
        ("How much does a replacement filter cost?", True),
        ("How much is the rent?", True),
        ("What's the fee for a late return?", True),
        ("How expensive is parking?", True),
        ("How much is the dose?", False),  # a quantity, maybe no money: the confidence does not ask for one
        ("How much is an adult ticket?", False),
        ("How many people paid?", False),
    ],
)
def test_a_question_for_a_price_in_words_of_paying(question: str, price: bool) -> None:
    assert asks_for_a_price(question) is price


@pytest.mark.parametrize(
    ("text", "money", "span"),
    [
        ("Terms last ten weeks and cost £65.", True, True),
        ("Swimming lessons are for children aged 4 to 12.", False, False),
        ("A hot meal costs 5.50 euros.", True, False),
        ("Lockers need a 50p coin.", True, False),
        ("Parking is free for guests.", True, False),
        ("Feel free to ask the staff.", False, False),
        ("The pool is 25 metres long.", False, True),
        ("Allow an hour for the tour.", False, True),
        ("The fund raised $2.5 million in 2019.", True, False),
        ("The rent is six hundred pounds.", True, False),
        ("Choose a password of at least 14 characters.", False, True),  # how long a text is
        ("Please allow two full working days.", False, True),
        ("Medication reviews are due once a year.", False, False),  # a rate, not a span
        ("Parking costs £12 a day.", True, False),
        ("Product: Compost; Price (GBP): 9.49", True, False),  # a column of prices
    ],
)
def test_a_sum_of_money_and_a_span(text: str, money: bool, span: bool) -> None:
    """ "How much does it cost?" wants a sum of money, "How long?" a number with its unit."""
    traits = sentence_traits([text])[0]
    assert (bool(traits[MONEY]), bool(traits[SPAN])) == (money, span)


@pytest.mark.parametrize(
    ("question", "one_fact"),
    [
        ("When is rent due?", True),
        ("How much notice do I have to give?", True),
        ("Are bills included in the rent?", True),
        ("Can I have a cat?", True),
        ("Where is the reset hole?", True),
        ("What if I'm an hour late?", True),
        ("Isn't rent due on the 3rd?", True),
        ("How many steps are there?", False),
        ("Can you list the steps?", False),
        ("What are the rules about rent and bills?", False),
        ("How do I reset the router?", False),
        ("Who attended?", False),  # may ask for a list of names
        ("Which documents do I need to bring?", False),
    ],
)
def test_a_question_for_one_fact_is_told_from_one_about_a_whole_list(question: str, one_fact: bool) -> None:
    assert asks_for_one_fact(question) is one_fact


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("The junior squad trains on Wednesdays and on Saturdays.", {2, 5}),
        ("Monday to Friday: 8:00am to 6:30pm", {0, 1, 2, 3, 4}),
        ("Open Fri–Mon", {4, 5, 6, 0}),  # a run across the week's end
        ("Thursday-Saturday only", {3, 4, 5}),
        ("The café is open daily.", set(range(7))),
        ("Closed at weekends", {5, 6}),
        ("Released at 8:00am each weekday", {0, 1, 2, 3, 4}),
        ("Open Mondays to Fridays", {0, 1, 2, 3, 4}),
        ("Newsletter — Friday 7 March 2025", set()),  # the day of a date
        ("Sun and Wed", set()),  # abbreviations alone: the sun, a wedding
        ("Opening hours: Mon-Sat 7am-7pm, Sun 9am-1pm", set(range(7))),  # an abbreviation before a time
        ("Sat: 10:00 to 16:00", {5}),
        ("The Sun 2 newspaper", set()),
        ("We met on a sunny day.", set()),
    ],
)
def test_weekdays_a_text_names(text: str, days: set[int]) -> None:
    assert weekdays(text) == days


def test_a_text_about_other_days_than_the_question_names() -> None:
    asked = weekdays("What time does the junior squad train on Sundays?")
    assert names_other_days(weekdays("The squad trains on Wednesdays and Saturdays."), asked)
    assert not names_other_days(weekdays("Adult crews row on Sunday mornings."), asked)
    assert not names_other_days(weekdays("The boathouse is open every day."), asked)
    assert not names_other_days(weekdays("Juniors pay £150 a year."), asked)  # names no day
    assert not names_other_days(weekdays("Closed on Mondays."), frozenset())  # the question names none


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("How much is a 70 litre bag of compost?", {("litre", "70")}),
        ("Size: 40 litres; Price (GBP): 6.99", {("litre", "40")}),
        ("a 14-inch MacBook Pro and a 500 ml bottle", {("inch", "14"), ("millilitre", "500")}),
        ("2kg of flour, 5.5g of salt", {("kilogram", "2"), ("gram", "5.5")}),
        ("The 25m pool, £5m, 3 bags for £18, at 2 g, Room 2 l", set()),  # "m" may be millions; "g", "l" only glued
        ("a 70l bag", {("litre", "70")}),
        ("Size: 70.0 litres", {("litre", "70")}),
        ("Bags up to 23 kg are free; from 23 kg to 32 kg they cost £45; 5 kg or less", set()),  # bounds
    ],
)
def test_measures_a_text_names(text: str, found: set[tuple[str, str]]) -> None:
    assert measures(text) == found


def test_a_text_about_another_size_than_the_question_names() -> None:
    asked = measures("How much is a 70 litre bag?")
    assert names_other_kind(measures("Size: 40 litres"), asked)
    assert not names_other_kind(measures("Size: 70 litres"), asked)
    assert not names_other_kind(measures("Weight: 2 kg"), asked)  # another unit says nothing
    assert not names_other_kind(measures("£6.99"), asked)



def test_a_code_in_small_letters_is_a_word_and_a_number_that_name_something() -> None:
    assert loose_code_pairs("What's on the lunch menu in week 2?") == {("week", "2")}
    assert loose_code_pairs("when does lot d close?") == {("lot", "d")}
    assert not loose_code_pairs("How much is a ticket for a child under 12?")  # a bound
    assert not loose_code_pairs("When did the league go from 15 to 16 games?")


def test_a_size_in_words_is_a_kind_in_a_question_and_in_a_table_cell() -> None:
    asked = asked_kinds("How much are large gardening gloves?")
    assert asked == {("size", "l")}
    assert names_other_kind(kinds("Product: Gardening gloves; Size: Medium; Price: 4.99"), asked)
    assert not names_other_kind(kinds("Product: Gardening gloves; Size: L; Price: 5.49"), asked)
    assert not kinds("A large number of people and a small dog.")  # prose: no size of one thing
    assert not kinds("Sex: M; Unit: L") and kinds("Size: M") == {("size", "m")}  # a letter only as a size
    both = asked_kinds("How much are large red gardening gloves?")
    assert names_other_kind(kinds("Colour: Red; Size: Small"), both)  # each kind counts on its own
    assert not names_other_kind(kinds("Colour: Red; Size: Large"), both)
    assert not asked_kinds("How large is the park?")


def test_a_colour_tells_one_thing_from_another_of_its_kind() -> None:
    asked = asked_kinds("How much does a replacement green bin cost?")
    assert asked == {("colour", "green")}
    assert names_other_kind(kinds("A replacement grey bin costs £25."), asked)
    assert not names_other_kind(kinds("Garden waste goes in the green bin, not the grey one."), asked)
    assert not names_other_kind(kinds("A replacement bin costs £25."), asked)
    assert kinds("the gray car") == {("colour", "grey")}
    assert kinds("Blue bins are free.") == {("colour", "blue")} and kinds("Colour: Green") == {("colour", "green")}
    for named in ("Where does Dr Brown run her clinic?", "in the Blue Room", "When was the Red Cross founded?"):
        assert not asked_kinds(named), named  # a colour in a name


def test_a_question_for_the_value_of_a_thing_finds_sentences_that_say_it() -> None:
    code = asked_value("What's the code for the key box?")
    assert code is not None
    assert code.search("The code is 4127.") and code.search("Door codes: 4127 and 5531")
    assert not code.search("Please scramble the code when you leave.")
    password = asked_value("What is the wifi password?")
    assert password is not None and password.search("the password is SeaThrift2024")
    deadline = asked_value("What is the deadline for the small grants scheme?")
    assert deadline is not None and deadline.search("The deadline for the small grants scheme is 1 May.")
    nightly = asked_value("What is the cost per night?")
    assert nightly is not None and nightly.search("The cost is £90 a night.")
    assert asked_value("What is the name of the ship?") is None  # a name is no value
    assert asked_value("Who is the sponsor?") is None


def test_a_run_of_codes_names_each_code_of_it_in_the_singular() -> None:
    assert code_pairs("For Years 3 to 6 a school lunch costs £2.60.") >= {("year", "4"), ("year", "6")}
    assert ("room", "2") in code_pairs("Rooms 1–4 are on the ground floor.")
    assert ("year", "4") in code_pairs("Year 3 to Year 6 eat at 12:30.")
    assert ("year", "4") in code_pairs("For Years 3-6 a school lunch costs £2.60.")
    assert code_pairs("Years 5 and 6 go on the residential trip.") == {("year", "5"), ("year", "6")}
    assert code_pairs("Rooms 2, 3 & 4 seat 40.") == {("room", "2"), ("room", "3"), ("room", "4")}
    assert not code_pairs("Children aged 4 to 11 may join.")  # an age, no code
    assert ("class", "2") in code_pairs("Class 2 meets on Fridays.")


def test_what_about_carries_the_earlier_question_on() -> None:
    assert not asks_for_something("What about the summer concert?")
    assert not asks_for_something("And how about Lot C?")
    assert asks_for_something("What is the book about?")
    assert asks_for_something("Which of the rooms has a projector?")
