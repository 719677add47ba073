"""Bytes -> text for the text formats (.txt, .md, .html): a byte order mark, else UTF-8, else
the encoding charset-normalizer finds; files that are really binary are refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Windows-1252 is what Western editors on Windows save. On short text charset-normalizer often
# scores several single-byte code pages alike (cp1250 reads "coûte" as "coűte" with the same
# score), so among matches as good as its best, this one is taken.
_PREFERRED = "cp1252"
# Matches this close to the best in charset-normalizer's chaos (0 = clean text) and coherence
# (language fit, 0..1) count as tied.
_CHAOS_TIE = 0.01
_COHERENCE_TIE = 0.1
_SNIFF_BYTES = 8192
# A UTF-8 file may have this many broken bytes (or 1 per 100 good non-ASCII characters) and still
# be read as UTF-8.
_FEW_BROKEN = 3
# Below this many bytes no detector has enough to go on ("über", "5 €"): Windows-1252 is taken
# when it reads them as printable text.
_SHORT_BYTES = 32


class BinaryFileError(ValueError):
    """Bytes that no text encoding fits; the message says why, for the skipped-file warning."""


@dataclass(frozen=True)
class DecodedText:
    """A file's text and the Python codec name it was read with ("utf-8", "cp1252", "utf-16-le")."""

    text: str
    encoding: str


def decode(data: bytes) -> DecodedText:
    """The text of a file's bytes, without its byte order mark.

    Order: a byte order mark (UTF-8, UTF-16, UTF-32), then strict UTF-8, then charset-normalizer,
    which also honours an encoding the content declares (`<meta charset>`). NUL bytes without a
    byte order mark mean binary.

    Raises:
        BinaryFileError: the bytes are not text in any encoding.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return DecodedText(data[len(mark) :].decode(encoding), encoding)
            except UnicodeDecodeError as error:
                raise BinaryFileError(
                    f"starts with a {encoding.upper()} byte order mark but is not {encoding.upper()} (byte {error.start})"
                ) from None
    if b"\0" in data[:_SNIFF_BYTES]:
        raise BinaryFileError("looks binary (it contains NUL bytes)")
    try:
        return DecodedText(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _damaged_utf8(data) or _detected(data)


def _damaged_utf8(data: bytes) -> DecodedText | None:
    """UTF-8 with a few broken bytes (a stray byte, a character cut at the end), each read as
    U+FFFD; None unless the rest holds real UTF-8 characters beyond ASCII, which other encodings'
    text almost never does by chance ("Ã©" is how UTF-8 "é" reads in Windows-1252, not the reverse)."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count("\ufffd".encode())
    beyond_ascii = sum(1 for c in text if ord(c) > 127) - text.count("\ufffd")
    if beyond_ascii and broken <= max(_FEW_BROKEN, beyond_ascii // 100):
        return DecodedText(text, "utf-8")
    return None


def _detected(data: bytes) -> DecodedText:
    if len(data) < _SHORT_BYTES and (short := _cp1252(data)) is not None:
        return short
    # UTF-16 and UTF-32 without a byte order mark hold NUL bytes, refused above: a match in either
    # is charset-normalizer reading a few Latin bytes as Chinese.
    matches = [m for m in charset_normalizer.from_bytes(data) if not m.encoding.startswith(("utf_16", "utf_32"))]
    if not matches:
        if (fallback := _cp1252(data)) is not None:
            return fallback
        raise BinaryFileError("looks binary (no text encoding fits it)")
    best = matches[0]
    for match in matches:
        tied = match.chaos <= best.chaos + _CHAOS_TIE and match.coherence >= best.coherence - _COHERENCE_TIE
        if tied and _PREFERRED in match.could_be_from_charset:
            try:
                return DecodedText(data.decode(_PREFERRED), _PREFERRED)
            except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
                break
    return DecodedText(str(best), codecs.lookup(best.encoding).name)


def _cp1252(data: bytes) -> DecodedText | None:
    """The bytes as Windows-1252, if that reads them as printable text (or white space)."""
    try:
        text = data.decode(_PREFERRED)
    except UnicodeDecodeError:
        return None
    return DecodedText(text, _PREFERRED) if all(c.isprintable() or c.isspace() for c in text) else None
