"""The machine a benchmark ran on, printed beside every speed figure: cores, CPU model, the
instruction sets that change which kernels run (int8 and bf16 speeds depend on them), memory and
library versions."""

from __future__ import annotations

import os
import platform
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

# The instruction sets that decide ONNX Runtime's, FAISS's and PyTorch's CPU kernels.
INSTRUCTION_SETS = ("avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "avx512_bf16", "amx_bf16", "amx_int8")
LIBRARIES = ("torch", "sentence-transformers", "onnxruntime", "faiss-cpu", "bm25s", "numpy", "pysbd", "gradio")


def _cpuinfo() -> dict[str, str]:
    """The first processor's fields of /proc/cpuinfo (empty where there is none)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return {}
    fields: dict[str, str] = {}
    for line in text.split("\n\n", 1)[0].splitlines():
        name, _, value = line.partition(":")
        fields[name.strip()] = value.strip()
    return fields


def instruction_sets() -> str:
    """Which of INSTRUCTION_SETS this CPU has, e.g. "avx2 fma avx512f avx512_vnni avx512_bf16"."""
    flags = set(_cpuinfo().get("flags", "").split())
    present = [name for name in INSTRUCTION_SETS if name in flags]
    return " ".join(present) or "none of " + ", ".join(INSTRUCTION_SETS)


def cpu() -> str:
    """One line: cores, model and instruction sets, to print beside every speed figure."""
    model = _cpuinfo().get("model name", platform.processor() or "?")
    return f"{os.cpu_count()} cores ({model}; {instruction_sets()})"


def machine() -> str:
    """`cpu()` plus memory, Python and the versions of the libraries that set the speed."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    found = []
    for name in LIBRARIES:
        try:
            found.append(f"{name} {version(name)}")
        except PackageNotFoundError:
            continue
    return f"{cpu()}, {memory:.0f} GiB RAM, Python {platform.python_version()}; {', '.join(found)}"
