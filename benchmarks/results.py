"""benchmarks/RESULTS.md, one "## Title" section per measurement: a script replaces the sections
it measured and keeps every other one, each stamped with its command, date and machine."""

from __future__ import annotations

import re
import time
from pathlib import Path

from benchmarks.machine import machine

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
_HEADER = "# Benchmark results\n\nEach section says the command that wrote it, when, and on which machine.\n"
_SECTION = re.compile(r"^## (.+)$", re.M)


def sections(text: str) -> dict[str, str]:
    """The "## Title" sections of a results file, in order, each body without its heading."""
    found = list(_SECTION.finditer(text))
    return {
        m.group(1).strip(): text[m.end() : found[i + 1].start() if i + 1 < len(found) else len(text)].strip("\n")
        for i, m in enumerate(found)
    }


def write_section(title: str, body: str, command: str, path: Path = RESULTS) -> None:
    """Replace (or append) the section `title` of `path`, stamped with `command`, today and the machine."""
    existing = sections(path.read_text(encoding="utf-8")) if path.exists() else {}
    stamp = f"Written by `{command}` on {time.strftime('%Y-%m-%d')}. Machine: {machine()}."
    existing[title] = f"{stamp}\n\n{body.strip()}"
    text = _HEADER + "".join(f"\n## {name}\n\n{content}\n" for name, content in existing.items())
    path.write_text(text, encoding="utf-8")
