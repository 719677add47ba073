"""Questions about the seed article, worded unlike it, with the sentence(s) that answer each."""

SEED_FILE = "000_6a0d2d9b88631f6f.txt"

# (question, fragments of which one must be in the rank-1 sentence)
SEED_QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("What is the deadline for the American military to exit Niger?", ("September 15",)),
    ("How many US military personnel are stationed in the country?", ("close to 1,000",)),
    ("Which mercenary outfit did Niger's rulers turn to for help with security?", ("Wagner",)),
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
    # Answered at rank 1 since the int8 default (both were misses with float32 vectors).
    ("What will happen to weapons and dangerous gear before the last soldiers go?", ("lethal, hazardous",)),
    ("What did the junta call the presence of American soldiers?", ("illegal",)),
]

# Worded as a user might, and answered wrongly at rank 1 today: most share a strong word with
# another sentence ("American", "withdrawal", "gear"). Kept as strict expected failures, so
# that a ranking change which fixes one is noticed.
SEED_MISSES: list[tuple[str, tuple[str, ...]]] = [
    ("What worried the Americans about Niger's foreign ties?", ("Russia and Iran",)),
    ("How long will the American withdrawal take?", ("four months",)),
    ("Why might some gear be handed to Niger's army?", ("too expensive to fly out",)),
]
