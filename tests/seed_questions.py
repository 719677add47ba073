"""Questions about the seed article, worded unlike it, with the sentence(s) that answer each."""

SEED_FILE = "000_6a0d2d9b88631f6f.txt"

# (question, fragments of which one must be in the rank-1 sentence)
SEED_QUESTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("What is the deadline for the American military to exit Niger?", ("September 15",)),
    ("How many US military personnel are stationed in the country?", ("close to 1,000",)),
    ("Which mercenary outfit did Niger's rulers turn to for help with security?", ("Wagner",)),
    ("What did a poll find about public opinion on foreign soldiers in the country?", ("Afrobarometer",)),
    ("How long did the talks between the two defence establishments last?", ("five-day meeting",)),
    ("What will happen to weapons and dangerous gear before the last soldiers go?", ("lethal, hazardous",)),
    ("When did Washington formally label the takeover a coup?", ("In October",)),
    ("Which neighbouring states made similar moves away from the West?", ("Burkina Faso",)),
    ("What worried the Americans about Niger's foreign ties?", ("Russia and Iran",)),
    ("Which former colonial ruler's soldiers were pushed out as well?", ("France", "French forces")),
    ("What role did Niger play for Western nations before the putsch?", ("key partner",)),
    ("Has the departure of US forces started yet?", ("already begun",)),
    ("What did the junta call the presence of American soldiers?", ("illegal",)),
    ("What consequences did the coup designation have for American assistance?", ("restricting military support",)),
]
