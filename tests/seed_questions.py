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

# Answered within the top 3, but too close to another sentence to hold at rank 1 everywhere.
SEED_TOP_THREE: list[tuple[str, tuple[str, ...]]] = [
    ("Which mercenary outfit did Niger's rulers turn to for help with security?", ("Wagner",)),
    ("What will happen to weapons and dangerous gear before the last soldiers go?", ("lethal, hazardous",)),
    ("What did the junta call the presence of American soldiers?", ("illegal",)),
    ("What worried the Americans about Niger's foreign ties?", ("Russia and Iran",)),
    # Rank 3 under both backends, 0.24 / 0.46 above rank 4, since quantities and dates are told apart.
    ("How long will the American withdrawal take?", ("four months",)),
]

# Worded as a user might, and not in the top 3 today: it shares strong words ("gear", "Niger")
# with other sentences. Kept as a strict expected failure, so that a ranking change which fixes it
# is noticed.
SEED_MISSES: list[tuple[str, tuple[str, ...]]] = [
    # Rank 4 under both backends, 0.04 / 0.17 below rank 3: three sentences about gear and troops
    # leaving score within 0.2 of it.
    ("Why might some gear be handed to Niger's army?", ("too expensive to fly out",)),
]
