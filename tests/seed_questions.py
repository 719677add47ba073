"""Questions about the seed article, worded unlike it, with the sentence(s) that answer each.

Measured with `python benchmarks/seed_margins.py` under both the float32 and the int8 backend:
a question is held to rank 1 only where its margin over the next passage is comfortable under
both; otherwise to the top 3, so that no test sits on a knife edge between CPUs or backends.
"""

SEED_FILE = "000_6a0d2d9b88631f6f.txt"
# The least score by which a rank-1 answer must lead the next passage (scores are the ranking's
# own units); a question that drops below it belongs in SEED_TOP_THREE.
RANK_ONE_MARGIN = 0.1

# (question, fragments of which one must be in the answer sentence)
SEED_QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("What is the deadline for the American military to exit Niger?", ("September 15",)),
    ("How many US military personnel are stationed in the country?", ("close to 1,000",)),
    ("What did a poll find about public opinion on foreign soldiers in the country?", ("Afrobarometer",)),
    ("How long did the talks between the two defence establishments last?", ("five-day meeting",)),
    ("When did Washington formally label the takeover a coup?", ("In October",)),
    ("Which neighbouring states made similar moves away from the West?", ("Burkina Faso",)),
    ("Which former colonial ruler's soldiers were pushed out as well?", ("France", "French forces")),
    ("What role did Niger play for Western nations before the putsch?", ("key partner",)),
    ("Has the departure of US forces started yet?", ("already begun",)),
    ("What consequences did the coup designation have for American assistance?", ("restricting military support",)),
    ("Which armed groups was Washington fighting in the region?", ("Sahel",)),
    ("Who told reporters that soldiers and equipment were already departing?", ("senior military officials",)),
]

# Right at rank 1, but not held to `found`: refused under float32 or int8, or found by less than
# 0.04 of confidence (`benchmarks.seed_margins`, 2026-12-01; threshold 0.115). Confidence under
# float32 / int8: 0.035 / 0.031, 0.090 / 0.068, 0.033 / 0.033, 0.070 / 0.065, 0.076 / 0.078, and
# 0.140 / 0.136 for the talks. Every other rank-1 question is found, at 0.16 or more under both.
SEED_NOT_SURELY_FOUND = {
    "How many US military personnel are stationed in the country?",
    "What did a poll find about public opinion on foreign soldiers in the country?",
    "Which former colonial ruler's soldiers were pushed out as well?",
    "What role did Niger play for Western nations before the putsch?",
    "Has the departure of US forces started yet?",
    "How long did the talks between the two defence establishments last?",
}

# Answered within the top 3, but too close to another sentence to hold at rank 1 everywhere; held
# to the top 3 with the same margin over rank 4.
SEED_TOP_THREE: list[tuple[str, tuple[str, ...]]] = [
    ("Which mercenary outfit did Niger's rulers turn to for help with security?", ("Wagner",)),
    ("What will happen to weapons and dangerous gear before the last soldiers go?", ("lethal, hazardous",)),
    ("What did the junta call the presence of American soldiers?", ("illegal",)),
    ("What worried the Americans about Niger's foreign ties?", ("Russia and Iran",)),
    # Rank 3 under both backends since quantities and dates are told apart, 0.49 / 0.48 above rank 4.
    ("How long will the American withdrawal take?", ("four months",)),
    # Rank 1 under float32 (0.08 ahead) and 3 under int8 (0.51 / 0.32 above rank 4) since a sentence
    # that opens with a pronoun borrows the words of the one before it; rank 4 until then.
    ("Why might some gear be handed to Niger's army?", ("too expensive to fly out",)),
]
