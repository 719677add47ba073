"""How candidate sentences are scored: named features, and one linear weight for each.

The weights (`qa.search.fits`, one set per embedding model) were fitted by
`.venv/bin/python -m benchmarks.fit_ranking` (a listwise softmax loss over the candidates of each
question) on TyDi QA GoldP English train and the fit half of the SQuAD v1.1 and 2.0 dev sets, and
are judged on TyDi dev and the held-out halves (README, "Quality, measured"). LightGBM's
lambdarank (`--lightgbm`), fitted beside it on the first 23 features, did not beat it on TyDi dev
when last compared (P@1 0.609 against the linear model's 0.625 then; SQuAD held out 0.785 against
0.780), so twenty-eight weights are all the model there is. The weights of `is_question`,
`after_question_*`, `other_code`, `step_asked` and `echoes_question` are set, not fitted (see PRIORS
there).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from qa.index.lexical import STOPWORDS, terms
from qa.index.normalization import normalize

# z: cosine standardised against the query's cosines with the whole corpus (a fixed sample).
# Bn: BM25 divided by the query's best BM25 score. "cov" is the lexical evidence of the query:
# the share of its terms found in its best BM25 sentence; features "*cov" are scaled by it.
FEATURES = (
    "dense",  # z of the sentence
    "dense_paragraph",  # z of the paragraph's mean vector
    "dense_paragraph_best",  # z of the best sentence of the paragraph
    "dense_document",  # z of the document's mean vector
    "bm25",  # Bn of the sentence
    "bm25_paragraph_best",  # Bn of the best sentence of the paragraph
    "bm25_window",  # mean Bn of the sentence and its neighbours
    "dense_paragraph*cov",
    "dense_paragraph_best*cov",
    "dense_document*cov",
    "bm25*cov",
    "bm25_paragraph_best*cov",
    "log_words",  # log(1 + words in the sentence)
    "number_for_quantity",  # a quantity (not a date), for how many / how much / how long questions
    "capitals_for_who",  # share of capitalised words, for who questions
    "year_for_when",  # a date (a year or a month) or a time of day, for when / what year / what time questions
    "place_for_where",  # "in/at/from + Capitalised", for where questions
    "idf_coverage",  # IDF-weighted share of the query's terms in the sentence (absent terms count)
    "heading_coverage",  # the same, in its context: heading, document's name, a question or (for "It…") sentence before it
    "context_coverage",  # the same, in the sentence and its context together
    "is_question",  # the sentence asks rather than answers (ends with "?", or an FAQ "Q:" line)
    "after_question_dense",  # the sentence before its paragraph is a question: z of its cosine, times the share of the query's terms it holds
    "after_question_bm25",  # the sentence before its paragraph is a question: its BM25 score, times the share of the query's terms it holds
    "paragraph_coverage",  # IDF-weighted share of the query's terms in its paragraph, heading and name
    "missing",  # IDF share of the rarest query term absent from all of those
    "other_code",  # names another code of the query's kind, not its own, or other days, measures, sizes or colours; a table row: another first cell (_other_row)
    "step_asked",  # for a query asking for a step ("step 4 on Mac"): 1 that step of the list named, -1 another
    "echoes_question",  # for a wh-question: every term of the sentence is one of the question's ("5. Data audit"), or it is a (dated) heading and no date is asked
    "states_asked",  # for "What's the code for …?": the sentence says what the code is ("The code is 4127.", "Code: 4127")
)

# One price asked for: "What's the fee for a late return?", "What is the price of a day pass?" (not
# "What are the prices?", which asks for a list), "What does a family ticket cost?".
_WHAT_PRICE = r"what(['’]s| is| was| will be)? (the |a |an )?(price|cost|fee|fare|charge|rent)(?!s)"
_WHAT_COSTS = r"what (does|do|did|will|would) .{0,60}\bcost"
_QUANTITY = re.compile(
    r"\b(how (many|much|long|old|far|large|big|small|tall|high|deep|wide|often|fast|quickly|heavy|hot|cold|warm|"
    r"expensive|cheap)|"
    r"what (percentage|proportion|share|number|amount|size|population|temperature)|"
    rf"{_WHAT_PRICE}|{_WHAT_COSTS})\b",
    re.I,
)
# A question for a price, in words of paying only ("How much does the AeroBrew cost?", "How much
# is the rent?", "What's the fee?", "How expensive is it?"): "How much is the dose?" asks for no money.
_PAYING = r"cost|costs|costing|charge|charges|charged|pay|paid|fee|fees|fare|fares|price|prices|priced|spend|spent|rent"
_PRICE = rf"\bhow much\b.*\b({_PAYING})\b|\bhow (expensive|cheap)\b|\b{_WHAT_PRICE}|\b{_WHAT_COSTS}\b"
_PRICE_ASKED = re.compile(_PRICE, re.I)
# A question for a sum of money: a price, or "how much" with money, earnings or worth, or "How much
# is an adult ticket?". Not "How many people paid?", which counts people.
_MONEY_ASKED = re.compile(
    rf"{_PRICE}|\bhow much\b.*\b(money|earn|earns|earned|salary|wages?|worth)\b|\bhow much(['’]s| is| are| was| were| will)\b",
    re.I,
)
# A question for a span of time or a length: "How long do terms last?", "How long is the pool?"
# (not "how long ago", which asks when).
_SPAN_ASKED = re.compile(r"\bhow long\b(?!\s+ago\b)", re.I)
# A span of time or a length: a number, a number word or "a"/"an" before a unit ("ten weeks", "an
# hour", "25 metres", "3-day", "two full working days", a text's "14 characters"; "aged 4 to 12"
# has numbers, and "once a year" or "£12 a day" a rate, not a span).
_SPAN = re.compile(
    r"\b(\d[\d,.]*|(?<!once )(?<!twice )(?<!times )(?<!\d )an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|several|few|a few|half an?)(?:[\s-]+|(?<=\d))(and a half\s+)?"
    r"((full|whole|clear|working|business|calendar|school|consecutive)\s+){0,2}"
    r"(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|nights?|weeks?|fortnights?|months?|years?|decades?|"
    r"centuries|century|millenni(a|um)|metres?|meters?|kilomet(re|er)s?|km|m|miles?|feet|foot|ft|inches|inch|cm|mm|"
    r"yards?|characters?|chars|digits|letters|words|pages)\b",
    re.I,
)
# A sum of money: a currency sign or name with a number ("£65", "12.50 EUR", "50p", "3 dollars",
# "six hundred pounds"), a table's cell of prices ("Price (GBP): 9.49", "Fee: 12"), or a price of
# nothing ("free of charge", "Parking is free").
_MONEY = re.compile(
    r"[$£€¥₹]\s?\d|\d\s?[$£€¥₹]"
    r"|\b(price|cost|fee|fare|rent|charge)s?( \([^()]{1,12}\))?: \d"
    r"|\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|"
    r"seventy|eighty|ninety|hundred|thousand|million)\s+(dollars|euros|pounds|pence|cents|francs|rupees)\b"
    r"|\b\d[\d,.]*\s?(k|m|bn|million|billion|thousand)?\s?(dollars?|euros?|pounds?|pence|cents?|yen|yuan|rupees?|"
    r"francs?|krona|kronor|kroner|USD|EUR|GBP|CHF|AUD|CAD|NZD|SEK|NOK|DKK|JPY|INR)\b"
    r"|\b(USD|EUR|GBP|CHF|AUD|CAD|NZD|US\$)\s?\d|\b\d{1,3}p\b"
    r"|\b(free of charge|for free|(is|are|was|were|it's|entry|admission|entrance) free|no charge|at no (extra )?cost|"
    r"costs? nothing)\b",
    re.I,
)
# "When" asks for a time as the question's first or second word ("When does it open?", "Since when
# ...?") or before a verb ("Before that, when did it open?"), not as a conjunction ("Can I take
# the lift when the alarm goes off?", "How old was he when he died?").
_WHEN = re.compile(
    r"^\W*(\w+\W+)?when\b"
    r"|\bwhen\s+(did|does|do|was|were|is|are|will|would|can|could|should|has|have|had|may|might|must)\b"
    r"|\b(what (year|century|decade|time(?! (zone|period|frame)))|how (early|late))\b",
    re.I,
)
_WHO = re.compile(r"\b(who|whom|whose)\b", re.I)
_WHERE = re.compile(r"\bwhere\b", re.I)
_MONTH = r"(January|February|March|April|May|June|July|August|September|October|November|December|(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)"
_YEAR = re.compile(r"\b(1\d{3}|20\d{2})\b")
# A time of day: "7:30", "15:00", "6 pm", "9.30 a.m.", "noon" (not "5.50 euros": a dot needs am/pm).
_CLOCK = (
    r"\b([01]?\d|2[0-3]):[0-5]\d\b"
    r"|\b([01]?\d|2[0-3])([.:][0-5]\d)?\s*(am|pm|a\.m\.|p\.m\.)(?!\w)"
    r"|\b(noon|midday|midnight)\b"
)
# Numbers that are parts of dates or times of day: a month with its day or year, a month or year after a word of
# time ("in October", "since 2022"), a decade ("the 1990s"). A bare "1500" may be a year or a
# quantity ("1500 soldiers"): it counts as both.
_DATED = re.compile(
    rf"\b\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}(\s*,?\s*(1\d{{3}}|20\d{{2}})\b)?"
    rf"|\b{_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?\b(\s*,?\s*(1\d{{3}}|20\d{{2}})\b)?"
    rf"|\b{_MONTH}\s+(1\d{{3}}|20\d{{2}})\b"
    rf"|\b(1\d{{3}}|20\d{{2}})s\b"
    rf"|\b(in|on|since|by|until|till|from|during|before|after|around|early|late|mid-?)\s+"
    rf"((1\d{{3}}|20\d{{2}})\b|{_MONTH}(\s+\d{{1,2}}(st|nd|rd|th)?\b)?(\s*,?\s*(1\d{{3}}|20\d{{2}})\b)?)"
    rf"|{_CLOCK}",
    re.I,
)
# A quantity: digits that are not part of a date, or a number word.
_QUANTITY_WORD = re.compile(
    r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
    r"ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|third|thirds|quarter|quarters)\b",
    re.I,
)
_NUMBER = re.compile(r"\d")
# A numbered step's or item's own number ("5. Brush with milk …") is no quantity it states.
_ITEM_NUMBER = re.compile(r"^[ \t]*\d{1,3}[.)][ \t]+", re.M)
_PLACE = re.compile(r"\b(in|at|from|near|to)\s+(the\s+)?[A-Z]")
# A sentence that opens with a pronoun or a demonstrative continues the one before it: "Its summit
# reaches 2,917 metres" is about the mountain the previous sentence names.
# Capitalised as a sentence's first word, not in capitals: "IT resets badges" names a department.
_CONTINUES = re.compile(r"^\W*(It|Its|They|Their|Theirs|He|His|She|Her|This|These|Those|That|Such)\b")
_STOPWORDS = frozenset(STOPWORDS)
_ASKS = re.compile(r"(\?[\s\"'”’)]*$)|(^\s*(Q|Question)\s*\d*\s*[:.)]\s)", re.I)


# A code that tells one thing from its like: up to three digits (or a version, "4.2", "4.2.1") or
# one capital letter after a capitalised word that is not a stop word ("AquaPure 200", "Lot D",
# "Gate 4", "Version 4.2"; not "Is 5 mg enough?", "What Is A Day Pass?", "a 1.2 litre tank"). Not a
# year ("the 2015 season"), not "I" ("Can I"), not an initial ("John F. Kennedy"), not part of a
# longer token ("V&A", "1/2", "B-52"); at the end of a sentence, a number or, at the end of the
# text, a letter ("the AquaPure 300.", "in Lot B.").
_CODE = re.compile(
    r"\b([^\W\d_][\w-]*) +(\d{1,3}(?:\.\d{1,3}){0,2}(?![\w&/-]|\.\w)|[^\W\d_](?![\w&/-]|\.(?!$)))"
)
# A code written as one token: one or two capitals and up to four digits ("P300", "X2", "A4"; not
# "H2O", "B-52"). Its name is its letters: the P300 is another P than the P200.
_GLUED_CODE = re.compile(r"\b([A-Z]{1,2})(\d{1,4})(?![\w&/-]|\.\w)")


@dataclass(frozen=True)
class Code:
    """A code a text names: `name` the word before it ("Lot"), `code` itself ("D", "200"), and
    `start`, `end` the span of both ("Lot D") in `qa.index.normalization.normalize` of the text. A
    `glued` code is one token, its name its letters ("P300": name "P", code "P300")."""

    name: str
    code: str
    start: int
    end: int
    glued: bool = False

    @property
    def written(self) -> str:
        """The code as a text writes it: "Lot D", "P300"."""
        return self.code if self.glued else f"{self.name} {self.code}"


@lru_cache(maxsize=256)
def question_terms(text: str) -> frozenset[str]:
    """`qa.index.lexical.terms` of one text, as a set; the last few texts' are kept, since one
    search reads its question's several times (codes, their pairs, what it asks for)."""
    return frozenset(terms([text])[0])


def named_codes(text: str) -> list[Code]:
    """The codes a text names, in order (see _CODE and _GLUED_CODE)."""
    text = normalize(text)
    spaced = [
        Code(m.group(1), m.group(2), m.start(), m.end())
        for m in _CODE.finditer(text)
        if m.group(1)[0].isupper()
        and m.group(1).lower() not in _STOPWORDS
        and (m.group(2)[0].isdigit() or (m.group(2).isupper() and m.group(2) != "I"))
    ]
    glued = [Code(m.group(1), m.group(0), m.start(), m.end(), glued=True) for m in _GLUED_CODE.finditer(text)]
    return sorted(spaced + glued, key=lambda c: c.start)


# A version a question names without a name before it: "Does 4.2 need a migration?".
_BARE_VERSION = re.compile(r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){1,2}(?![\w&/-]|\.\w)")


def _bare_versions(question: str, named: list[Code]) -> set[str]:
    """The versions a question names outside its named codes ("4.2" in "Does 4.2 need …?")."""
    text = normalize(question)
    return {m.group() for m in _BARE_VERSION.finditer(text) if not any(c.start <= m.start() < c.end for c in named)}


def codes(question: str) -> set[str]:
    """The codes a question names, as `qa.index.lexical.terms` writes them ("200", "d", "4.2"; a
    version counts without a name before it too); only those that are its terms, so that a code
    always has its bit among the terms BM25 marks."""
    named = named_codes(question)
    return ({c.code.lower() for c in named} | _bare_versions(question, named)) & question_terms(question)


_NO_CODES: frozenset[tuple[str, str]] = frozenset()

# A run of numbered codes: "Years 3 to 6", "Rooms 1–4", "Year 3 to Year 6". It names each code in it,
# up to _LONGEST_RANGE of them ("Year 4" is in "Years 3 to 6").
_CODE_RANGE = re.compile(
    r"\b([^\W\d_][\w-]*) +(\d{1,3}) *(?:-|–|—|to|through|thru|until|till) *(?:\1s? +)?(\d{1,3})(?![\w&/-]|\.\w)", re.I
)
_LONGEST_RANGE = 50
# A list of numbered codes after one name: "Years 5 and 6", "Rooms 2, 3 & 4", "Years 5/6".
_CODE_LIST = re.compile(r"\b([^\W\d_][\w-]*) +(\d{1,3}(?: *(?:,|&|/|and|or) *\d{1,3})+)(?![\w&/.-])", re.I)


def code_name(word: str) -> str:
    """The name of a kind of code, in small letters and in the singular, so that "Years 3 to 6"
    and "Year 4" are codes of one kind: "year" for "Years"; "class" stays "class"."""
    word = word.casefold()
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def code_pairs(text: str) -> frozenset[tuple[str, str]]:
    """The codes a text names (see _CODE) as (`code_name`, code) pairs in small letters, only those
    that are its terms, as in `codes`: {("aquapure", "100")} for "Does the AquaPure 100 remove
    lead?"; and each code of a run or a list of them (see _CODE_RANGE, _CODE_LIST): "Years 3 to 6"
    names ("year", "3"), ("year", "4"), ("year", "5") and ("year", "6"), "Years 5 and 6" ("year",
    "5") and ("year", "6")."""
    pairs: set[tuple[str, str]] = set()
    if found := named_codes(text):
        held = set(terms([text])[0])
        pairs = {(code_name(c.name), c.code.casefold()) for c in found if c.code.lower() in held}
    text = normalize(text)
    for match in _CODE_RANGE.finditer(text):
        name, low, high = match.group(1), int(match.group(2)), int(match.group(3))
        if _names_codes(name) and 0 < high - low <= _LONGEST_RANGE:
            pairs.update((code_name(name), str(number)) for number in range(low, high + 1))
    for match in _CODE_LIST.finditer(text):
        if _names_codes(match.group(1)):
            pairs.update((code_name(match.group(1)), str(int(number))) for number in re.findall(r"\d+", match.group(2)))
    return frozenset(pairs) or _NO_CODES


def _names_codes(word: str) -> bool:
    """Whether a word before numbers may name them as codes: capitalised, and no word that bounds
    or counts them ("Ages 5 to 11")."""
    return word[0].isupper() and word.casefold() not in _NOT_NAMES


# A code as people type it, in small letters: a word and up to three digits or one letter ("what's on
# in week 2?", "when does lot d close?").
_LOOSE_CODE = re.compile(r"\b([^\W\d_][\w-]*) +(\d{1,3}|[^\W\d_])(?![\w&/.-])")


# Words before a number that bound or count it rather than name it ("a child under 12", "over 70s").
_NOT_NAMES = _STOPWORDS | {
    "under", "over", "above", "below", "aged", "age", "ages", "after", "before", "than", "within", "around", "about",
    "past", "since", "until", "till", "least", "most", "only", "just", "nearly", "almost", "first", "last", "next",
    "top", "every", "each", "all", "per", "from", "between", "up",
}  # fmt: skip


def loose_code_pairs(question: str) -> frozenset[tuple[str, str]]:
    """(name, code) pairs of a question in small letters, as `code_pairs` writes them, for every
    word but a stop word before up to three digits or a letter that is a term: {("week", "2")} for
    "What's on the menu in week 2?". Most are no codes ("from 15 to 16 games"): `Retriever` takes
    one as a code only where a candidate sentence names a code after that word ("Week 1")."""
    held = question_terms(question)
    found = (
        (match.group(1).casefold(), match.group(2).casefold()) for match in _LOOSE_CODE.finditer(normalize(question))
    )
    return frozenset((code_name(name), code) for name, code in found if name not in _NOT_NAMES and code in held)


def asked_code_pairs(question: str) -> frozenset[tuple[str, str]]:
    """`code_pairs` of a question, and each version it names without a name before it as ("",
    version): {("", "4.2")} for "Does 4.2 need a migration?"."""
    named = named_codes(question)
    bare = _bare_versions(question, named) & question_terms(question)
    return code_pairs(question) | frozenset(("", version) for version in bare)


def names_another(held: frozenset[tuple[str, str]], asked: frozenset[tuple[str, str]]) -> bool:
    """Whether a text naming the codes `held` is about another thing of the kind the question
    asks about (`asked`, from `asked_code_pairs`): it names a code after a name the question's codes
    have, and none of the question's ("The AquaPure 300 is certified for lead" for "Does the
    AquaPure 100 remove lead?"); a version asked without a name is of the kind of every named
    version ("Version 4.1" for "Does 4.2 need a migration?")."""

    def same_kind(code: tuple[str, str], wanted: tuple[str, str]) -> bool:
        return code[0] == wanted[0] or (wanted[0] == "" and "." in code[1])

    def same(code: tuple[str, str], wanted: tuple[str, str]) -> bool:
        return code[1] == wanted[1] and same_kind(code, wanted)

    pairs = [(code, wanted) for code in held for wanted in asked]
    return not any(same(c, w) for c, w in pairs) and any(same_kind(c, w) for c, w in pairs)


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ORDINALS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth"
)  # fmt: skip
# Words that ask for a numbered step rather than say which list it is in ("What happens in step 5?").
STEP_WORDS = (
    "step", "stage", "item", "point", "thing", "number", "last", "final", "happens", *_NUMBER_WORDS, *_ORDINALS
)  # fmt: skip
_STEP = r"(?:step|stage|item|point|thing)"
# Which numbered step a question asks for: "step 4", "step four", "step #4", "the 4th step", "the
# fourth step", "the second thing to do", "the last step".
_STEP_ASKED = re.compile(
    rf"\b{_STEP}\s*(?:#|no\.|number)?\s*(?P<number>\d{{1,2}}|{'|'.join(_NUMBER_WORDS)})\b"
    rf"|\b(?:(?P<nth>\d{{1,2}})(?:st|nd|rd|th)|(?P<ordinal>{'|'.join(_ORDINALS)})|(?P<last>last|final))\s+{_STEP}\b",
    re.IGNORECASE,
)
# `step_asked` for "the last step": a list's last numbered step, whatever its number.
LAST_STEP = 0
# The number a numbered step opens a line with: "4. Enter the code", "4) Enter", "Step 4: Enter".
_STEP_NUMBER = re.compile(rf"^[ \t]*(?:{_STEP}[ \t]*)?(\d{{1,2}})[ \t]*[.):][ \t]", re.IGNORECASE | re.MULTILINE)


def _steps_named(text: str) -> set[int]:
    """The numbers of the steps a text names ("step 4", "the fourth step")."""
    numbers = set()
    for m in _STEP_ASKED.finditer(text):
        if m.group("last"):
            numbers.add(LAST_STEP)
        elif m.group("number"):
            word = m.group("number").lower()
            numbers.add(int(word) if word.isdigit() else _NUMBER_WORDS.index(word) + 1)
        else:
            numbers.add(int(m.group("nth")) if m.group("nth") else _ORDINALS.index(m.group("ordinal").lower()) + 1)
    return numbers


def step_asked(question: str) -> int | None:
    """The number of the step a question asks for ("What do I do in step 4?", "What's the fourth
    step?": 4), `LAST_STEP` for "the last step" or "the final step"; None when it asks for none,
    or for more than one ("steps 2 to 5" asks for none)."""
    numbers = _steps_named(question)
    return numbers.pop() if len(numbers) == 1 else None


def step_numbers(text: str) -> set[int]:
    """The numbers of the numbered steps a text is ("4. Enter the code": {4}; a whole list: all)."""
    return {int(m.group(1)) for m in _STEP_NUMBER.finditer(text)}


def step_match(text: str, step: int | None) -> float:
    """For a question asking for step `step`: 1 where the text is that numbered step ("4. Enter the
    code"), -1 where it is another one or several ("3. Follow steps 2 to 5", a whole list of
    steps) or names only other steps ("Add the walnuts in step 5" for step 1), else 0 (also where
    no step is asked for)."""
    if step is None:
        return 0.0
    numbers = step_numbers(text)
    if numbers:
        return 1.0 if numbers == {step} else -1.0
    named = _steps_named(text)
    return -1.0 if named and step not in named else 0.0


# A question that asks for something it does not say: a question word among its first three words
# ("What did the audit find?", "And when does it open?", "In which year ...?"). Not "Is cash
# accepted?": "Cash is not accepted." answers it with its own words.
_WH_QUESTION = re.compile(r"^\W*(?:\w+\W+){0,2}?(what|who|whom|whose|when|where|which|why|how)\b", re.IGNORECASE)
# A question that opens like this carries on from the one before, when little follows: "What
# about Lot C?", "How about in winter?", "Regarding the AquaPure 200?"; it asks for nothing of its
# own (`asks_for_something`), and is no question that stands alone (`qa.search.conversation`).
CARRIES_ON = re.compile(r"^\W*(and\s+)?(what about|how about|what of|same for|regarding|as for)\b", re.IGNORECASE)
_NEGATION = re.compile(r"\b(not|no|never|none|nothing|nobody|without|cannot)\b|n['’]t\b", re.IGNORECASE)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)"
# A run of days ("Monday to Friday", "Mon–Fri", "Tuesday through Thursday"); abbreviations count
# only in a run, where "Sun" and "Wed" cannot be the sun or a wedding, or capitalised before a time
# ("Sun 9am-1pm", "Sat: 10:00").
_DAY_RUN = re.compile(rf"\b{_WEEKDAY}s?\.?\s*(?:to|until|till|through|thru|-|–|—)\s*{_WEEKDAY}s?\b", re.I)
_DAY_AT = re.compile(
    r"\b(Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?:?\s*(?=\d{1,2}(?:[:.]\d\d|\s?[ap]\.?m\b|\s?[-–]\s?\d))"
)
# A day of a date ("Friday 7 March 2025", "Tue, 4 March", "Friday 07/03"): a date, no day of every week.
_DAY_OF_DATE = re.compile(
    rf"\b{_WEEKDAY}\.?,?\s+(\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}|{_MONTH}\s+\d{{1,2}}\b|\d{{1,2}}[/.]\d{{1,2}})", re.I
)
_DAY_NAME = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b", re.I)
_EVERY_DAY = re.compile(r"\b(daily|every ?day|each day|(7|seven) days a week|all week)\b", re.I)
_WEEKDAY_WORD = re.compile(r"\b(weekdays?|working days?|business days?)\b", re.I)
_WEEKEND_WORD = re.compile(r"\bweekends?\b", re.I)


def weekdays(text: str) -> frozenset[int]:
    """The days of the week a text names, Monday 0 to Sunday 6: by name ("on Saturdays"), in a
    run ("Monday to Friday", "Mon–Fri", "Mondays to Fridays"), abbreviated before a time ("Sun
    9am-1pm"), as "weekdays" or "weekends", or all
    of them ("daily", "every day"); not the day of a date ("Friday 7 March 2025")."""
    if _EVERY_DAY.search(text):
        return frozenset(range(7))
    text = _DAY_OF_DATE.sub(" ", text)
    days = {_WEEKDAYS.index(match.group(1).lower()) for match in _DAY_NAME.finditer(text)}
    days.update(_day_number(match.group(1)) for match in _DAY_AT.finditer(text))
    for match in _DAY_RUN.finditer(text):
        first, last = (_day_number(match.group(i)) for i in (1, 2))
        days.update((first + step) % 7 for step in range((last - first) % 7 + 1))
    if _WEEKDAY_WORD.search(text):
        days.update(range(5))
    if _WEEKEND_WORD.search(text):
        days.update((5, 6))
    return frozenset(days)


def _day_number(name: str) -> int:
    return next(i for i, day in enumerate(_WEEKDAYS) if day.startswith(name.lower()[:3]))


def names_other_days(held: frozenset[int], asked: frozenset[int]) -> bool:
    """Whether a text naming the days `held` (`weekdays`) is about other days than the question's
    (`asked`): "The junior squad trains on Wednesdays and Saturdays." for "What time does the
    junior squad train on Sundays?"."""
    return bool(asked) and bool(held) and not held & asked


# A measure that tells one thing from its like: a number with a unit of volume, weight, length or
# size ("70 litres", "a 14-inch screen", "500 ml", "2kg"), as (unit, number). Not "m" (metres or
# millions) nor "in"; "l" and "g" only joined to the number ("70l", "500g"; "Room 2 l" is none).
_UNITS = {
    "litre": r"litres?|liters?|(?<=\d)l|ltrs?",
    "millilitre": r"millilit(?:re|er)s?|ml",
    "kilogram": r"kilograms?|kilos?|kgs?",
    "gram": r"grams?|(?<=\d)g",
    "millimetre": r"millimet(?:re|er)s?|mm",
    "centimetre": r"centimet(?:re|er)s?|cm",
    "metre": r"met(?:re|er)s?",
    "kilometre": r"kilomet(?:re|er)s?|km",
    "inch": r"inch(?:es)?",
    "foot": r"feet|foot|ft",
    "mile": r"miles?",
    "megabyte": r"megabytes?|mb",
    "gigabyte": r"gigabytes?|gb",
    "terabyte": r"terabytes?|tb",
    "watt": r"watts?",
    "seater": r"seaters?",
}
_MEASURE = re.compile(
    r"(?<![\w.,])(\d{1,4}(?:\.\d{1,2})?)[\s-]?(?:" + "|".join(f"(?P<{unit}>{form})" for unit, form in _UNITS.items()) + r")\b",
    re.I,
)


# A measure that bounds a range is no size of one thing: "up to 23 kg", "from 23 kg to 32 kg", "no
# more than 10 kg", "5 kg or less".
_BOUND_BEFORE = re.compile(
    r"\b(up to|under|over|above|below|less than|more than|fewer than|at least|at most|max(imum)?|min(imum)?|"
    r"from|between|to|and|within)\s*$|[-–—]\s*$",
    re.I,
)
_BOUND_AFTER = re.compile(r"^\s*(or (less|more|under|over|fewer|above|below)|and (over|above|under|below)|\+|[-–—]\s*\d)", re.I)


# A size in words, as clothes and cups are sized: its letters' form is its value ("large" is "l").
_SIZE_WORDS = {"extra small": "xs", "small": "s", "medium": "m", "large": "l", "extra large": "xl"}
_SIZE = r"extra[ -]small|extra[ -]large|small|medium|large|xxs|xs|xl|xxl|xxxl"
# In a question, any such word ("large gardening gloves"); in a text, only a table's cell of one
# ("Size: Medium;"), since prose uses the words for much else ("a large number of").
_SIZE_ASKED = re.compile(rf"(?<!how )\b({_SIZE})\b", re.I)
_SIZE_CELL = re.compile(rf"(?:^|[:;]) *({_SIZE}) *(?=;|$)|\bsizes? *: *(s|m|l) *(?=;|$)", re.I | re.M)
# A colour tells one bin, light, line or card from another ("the green bin", "the red oil light"); a
# colour in capitals inside a sentence, or before a capitalised word, is part of a name ("Dr
# Brown", "the Blue Room", "Black Sea", "Red Cross"), unless a cell holds it alone ("Colour: Green").
_COLOUR = re.compile(r"\b(red|orange|yellow|green|blue|purple|pink|brown|black|white|grey|gray|silver|gold)\b", re.I)
_OPENS = re.compile(r"(?:^|[.!?:;•*-])\W*$")
_BEFORE_NAME = re.compile(r"^[ \t]+[A-Z]")


def measures(text: str) -> frozenset[tuple[str, str]]:
    """The measures a text names, as (unit, number written plainly): {("litre", "70")} for "a 70
    litre bag", also for "70 litres", "70l" and "70.0 litres"; not a bound of a range ("up to 23
    kg", "23 kg to 32 kg")."""
    return frozenset(
        (match.lastgroup or "", f"{float(match.group(1)):g}")
        for match in _MEASURE.finditer(text)
        if not _BOUND_BEFORE.search(text[max(0, match.start() - 16) : match.start()])
        and not _BOUND_AFTER.match(text[match.end() :])
    )


def _size(word: str) -> tuple[str, str]:
    word = re.sub(r"[ -]+", " ", word.casefold())
    return ("size", _SIZE_WORDS.get(word, word))


def _colours(text: str) -> set[tuple[str, str]]:
    found = set()
    for match in _COLOUR.finditer(text):
        word = match.group(1)
        named = word[0].isupper() and (
            not _OPENS.search(text[max(0, match.start() - 3) : match.start()]) or _BEFORE_NAME.match(text[match.end() :])
        )
        if not named:
            found.add(("colour", "grey" if word.casefold() == "gray" else word.casefold()))
    return found


def kinds(text: str) -> frozenset[tuple[str, str]]:
    """What tells the thing a text is about from others of its kind, as (kind, value): its
    `measures`, a size in words in a table's cell ("Size: Medium": ("size", "m"); a letter only in
    a size's cell, "Size: M") and its colours ("A replacement grey bin costs £25": ("colour",
    "grey"); not one in a name, "Dr Brown")."""
    sizes = {_size(match.group(1) or match.group(2)) for match in _SIZE_CELL.finditer(text)}
    return measures(text) | sizes | _colours(text)


def asked_kinds(question: str) -> frozenset[tuple[str, str]]:
    """`kinds` of a question, a size in words anywhere in it: {("size", "l")} for "How much are
    large gardening gloves?" (not "how large"), {("colour", "green")} for "the green bin"."""
    sizes = {_size(match.group(1)) for match in _SIZE_ASKED.finditer(question)}
    return measures(question) | sizes | _colours(question)


def names_other_kind(held: frozenset[tuple[str, str]], asked: frozenset[tuple[str, str]]) -> bool:
    """Whether a text naming the `kinds` `held` is about another thing of the kind the question
    asks about (`asked`, from `asked_kinds`): of some kind the question names (a unit, a size, a
    colour), it names values and none of the question's ("Size: 40 litres" for "How much is a 70
    litre bag of compost?", "A replacement grey bin costs £25" for "the green bin", "Colour: Red;
    Size: Small" for "large red gloves")."""
    for kind in {kind for kind, _ in asked}:
        named = {value for named_kind, value in held if named_kind == kind}
        if named and not named & {value for asked_kind, value in asked if asked_kind == kind}:
            return True
    return False


# A question for the value of a thing it names: "What's the code for the key box?", "What is the
# wifi password?", "What was the average household size?". The thing is the last word before a
# preposition, a verb or the question's end; words that name no value (name, type, reason) are no
# such thing.
_ASKS_VALUE = re.compile(
    r"^\W*what(?:['’]s| is| are| was| were)\s+(?:the|your|my|our|their|its)\s+((?:[\w-]+\s+){0,2}?[\w-]+?)"
    r"(?=\s+(?:for|of|on|in|at|to|per|with|from|when|if|that|used|do|does|did|should|i|we|you)\b|\s*\?|\s*$)",
    re.I,
)
_NO_VALUE = frozenset(
    "name type kind purpose reason meaning difference point role term word result effect cause use way goal aim "
    "idea one thing main".split()
)


def asked_value(question: str) -> re.Pattern[str] | None:
    """For a question for the value of a thing ("What's the code for the key box?"), a pattern
    that finds a sentence saying what it is: the thing (and what it is for or of), then "is",
    "are", "was", "were", "will be" or a colon, then a value: a number, a sum, a name or a
    quotation ("The code is 4127.", "Code: 4127", "The standard monthly limit is £3,000."; not "The
    population was increasing", "The city is the most populous"); None for any other question."""
    match = _ASKS_VALUE.search(normalize(question))
    if match is None:
        return None
    thing = match.group(1).split()[-1].casefold()
    if thing in _NO_VALUE:
        return None
    return re.compile(
        rf"(?i:\b{re.escape(thing)}s?\b(?:\s*\([^)]*\))?(?:\s+(?:for|of|on|at|in|per)\s+[^.;:!?]{{1,60}}?)?"
        rf"\s*(?:(?:is|are|was|were|will be)\s+|:\s*))[A-Z0-9£$€¥\"“'*]"
    )


def asks_for_something(question: str) -> bool:
    """Whether the question asks for something it does not say (a wh-question): then a sentence
    made of its own words alone cannot answer it."""
    return _WH_QUESTION.search(question) is not None and CARRIES_ON.search(question) is None


def content_terms(text: str) -> frozenset[str] | None:
    """A sentence's distinct terms (`qa.index.lexical.terms`), a numbered item's number ("5. Data
    protection audit", "Step 5: ...") left out; None for a sentence that denies ("Garage C does
    not close."): its stop words say what it says."""
    if _NEGATION.search(text):
        return None
    return frozenset(terms([_STEP_NUMBER.sub("", text, count=1)])[0])


def asks(text: str) -> bool:
    """Whether a sentence asks rather than answers: it ends with "?", or is an FAQ "Q:" line."""
    return _ASKS.search(text) is not None


# A question answered yes or no opens with an auxiliary verb ("Can I have a cat?", "Are bills
# included?", "Isn't rent due on the 3rd?") and has no question word among its first three words
# (`asks_for_something`).
_YES_NO = re.compile(
    r"^\W*(?:(?:is|are|was|were|do|does|did|could|would|should|has|have|had|must|need)(?:n['’]t)?|am|can|can['’]t|"
    r"cannot|may|might|will|won['’]t|shall)\b",
    re.I,
)
# A question for what follows from one case: "What if I'm an hour late?", "What happens if I lose it?"
_CONSEQUENCE = re.compile(r"^\W*what (happens )?if\b", re.I)
# Questions about a list as a whole, though worded as one of the above: "How many steps are
# there?", "Can you list the steps?", "Could you tell me what to bring?"
_ABOUT_A_WHOLE = re.compile(
    r"^\W*(how many\b.*\b(are|is) there\b|(can|could|would|will) you (please )?(list|tell|give|show|name|explain|"
    r"describe|summari[sz]e)\b)",
    re.I,
)


def asks_for_one_fact(question: str) -> bool:
    """Whether the question asks for one fact: yes or no, what follows from one case, or a
    quantity, a time or a place (not who: "Who attended?" may ask for a list of names); not a
    count or a request about a whole ("How many steps are there?", "Can you list the steps?")."""
    if _ABOUT_A_WHOLE.search(question):
        return False
    kinds = question_types(question)
    yes_no = _YES_NO.search(question) is not None and not asks_for_something(question)
    return bool(kinds[0] or kinds[2] or kinds[3]) or yes_no or _CONSEQUENCE.search(question) is not None


def question_types(question: str) -> np.ndarray:
    """Which answer types the question asks for: quantity, who, when, where (0 or 1 each)."""
    patterns = (_QUANTITY, _WHO, _WHEN, _WHERE)
    return np.array([1.0 if p.search(question) else 0.0 for p in patterns], dtype=np.float32)


TRAITS = 9
ASKS, CONTINUES, MONEY, SPAN = 5, 6, 7, 8  # columns of sentence_traits
# Its columns of a quantity, a date, a place, a sum of money and a span, which `question_types` and
# `quantity_column` ask for (the share of capitals, for "who", is column 2).
ANSWER_TYPES = (1, 3, 4, MONEY, SPAN)


def quantity_column(question: str) -> int:
    """The column of `sentence_traits` that holds the kind of quantity a question asks for: a sum of
    money for "How much do lessons cost?" or "What's the fee?" (MONEY), a span of time or a length
    for "How long do terms last?" (SPAN), any quantity else (1). "Swimming lessons are for children
    aged 4 to 12." has numbers but says neither what lessons cost nor how long they last."""
    if _MONEY_ASKED.search(question):
        return MONEY
    if _SPAN_ASKED.search(question):
        return SPAN
    return 1


def asks_for_a_price(question: str) -> bool:
    """Whether the question asks what something costs, in words of paying ("How much does it
    cost?", "What's the fee?", "How expensive is it?"): an answer names a sum of money then."""
    return _PRICE_ASKED.search(question) is not None


def sentence_traits(texts: list[str]) -> np.ndarray:
    """Per sentence: log word count, has a quantity (a number that is not part of a date, of a
    code in one token such as "P200" or a numbered item's own number, "5. Brush with milk …"; or a
    number word), share of capitalised words, has a date
    (a year, or a month with its day, its year or a word of time) or a time of day, names a place,
    is a question, continues the sentence before it (opens with a pronoun or a demonstrative), names
    a sum of money (a currency with a number, or "free of charge"), names a span of time or a
    length (a number before a unit: "ten weeks", "25 metres")."""
    traits = np.zeros((len(texts), TRAITS), dtype=np.float32)
    for i, text in enumerate(texts):
        words = text.split()
        capitals = sum(1 for w in words[1:] if w[:1].isupper())
        traits[i] = (
            np.log1p(len(words)),
            _NUMBER.search(_GLUED_CODE.sub(" ", _DATED.sub(" ", _ITEM_NUMBER.sub("", text)))) is not None
            or _QUANTITY_WORD.search(text) is not None,
            capitals / max(1, len(words)),
            _DATED.search(text) is not None or _YEAR.search(text) is not None,
            _PLACE.search(text) is not None,
            asks(text),
            _CONTINUES.search(text) is not None,
            _MONEY.search(text) is not None,
            _SPAN.search(text) is not None,
        )
    return traits
