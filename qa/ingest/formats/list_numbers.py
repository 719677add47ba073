"""A list item's number written as a document shows it: 3, "c", "C", "iii" or "III".

Shared by the readers that write list numbers into the text (`qa.ingest.formats.html_text` for
<ol type=...>, `qa.ingest.formats.docx_numbering` for Word's number formats).
"""

from __future__ import annotations

_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))  # fmt: skip
LOWER_LETTER, UPPER_LETTER, LOWER_ROMAN, UPPER_ROMAN = "lowerLetter", "upperLetter", "lowerRoman", "upperRoman"


def formatted(count: int, style: str) -> str:
    """`count` in a number style, by Word's names (lowerLetter, upperLetter, lowerRoman,
    upperRoman); decimal for any other style, and for a count a style cannot write (0 or less,
    or 4000 and more in roman numerals)."""
    if style in (LOWER_LETTER, UPPER_LETTER) and count > 0:
        letter = chr(ord("a") + (count - 1) % 26) * ((count - 1) // 26 + 1)
        return letter.upper() if style == UPPER_LETTER else letter
    if style in (LOWER_ROMAN, UPPER_ROMAN) and 0 < count < 4000:
        roman = ""
        for value, symbol in _ROMAN:
            while count >= value:
                roman, count = roman + symbol, count - value
        return roman.upper() if style == UPPER_ROMAN else roman
    return str(count)


def whole_number(text: str | None, default: int) -> int:
    """An attribute's whole number of up to six digits, or `default` where it is absent or not one."""
    value = (text or "").strip()
    return int(value) if value.isdecimal() and len(value) < 7 else default
