"""Writes tests/reference/vectors.npz: the default encoder's vectors of ~50 fixed texts.

    .venv/bin/python tests/reference/make_vectors.py

Run it only when the default model or backend changes on purpose; tests/test_reference_vectors.py
then checks that every machine reproduces these vectors. Generated on a CPU with AVX-512 VNNI and
bf16 (AMD EPYC) and checked on AVX2-only emulation (qemu-x86_64 -cpu Haswell-v4).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from qa.index.embedding import Embedder  # noqa: E402

TEXTS = [
    # The seed article's sentences and questions people asked about it.
    *[line for line in (ROOT / "seeds" / "000_6a0d2d9b88631f6f.txt").read_text(encoding="utf-8").splitlines() if line][:13],
    "When will US troops leave Niger?",
    "How many American soldiers are in Niger?",
    "Who did Niger's military government turn to for security?",
    "What will happen to weapons and dangerous gear before the last soldiers go?",
    "By when will they be gone?",
    # Short, empty, numeric and punctuation-only texts.
    "",
    "Yes.",
    "Lot B",
    "2041.",
    "$3,400,000 (approx.)",
    "…",
    "Q: What is the refund window? A: 30 days.",
    # Other scripts and characters that reach the tokenizer.
    "Les troupes américaines quitteront le Niger d'ici le 15 septembre.",
    "Die amerikanischen Truppen verlassen Niger bis zum 15. September.",
    "アメリカ軍は9月15日までにニジェールから撤退する。",
    "美军将于9月15日前撤出尼日尔。",
    "Американские войска покинут Нигер до 15 сентября.",
    "القوات الأمريكية ستغادر النيجر",
    "ﬁlings were ﬁled in the ofﬁce",
    "Ｆｕｌｌ－ｗｉｄｔｈ ｌｅｔｔｅｒｓ ａｎｄ ｄｉｇｉｔｓ １２３",
    "soft\u00adhyphen and zero\u200bwidth spaces",
    "emoji 🚀🔥 and symbols ©®™ ±∞",
    "<script>alert(1)</script>",
    "def answer(question: str) -> Answer: return QA().answer(question)",
    "ALL CAPS: THE IT DEPARTMENT AND THE WHO REPORT",
    # Long texts: truncation at the model's 256 tokens.
    " ".join(["The committee reviewed the budget line by line and approved it."] * 40),
    "word " * 300,
    # Near-duplicates, whose order must not flip between machines.
    "The meeting lasted five days.",
    "The meeting lasted for five days.",
    "The meeting took five days.",
    "The talks lasted five days.",
    "Wound care speeds up healing.",
    "Keeping a wound clean and moist helps it heal faster.",
    "The surface area of the human cortex is about 1.3 square feet.",
    "Amos and Wilfrid Ayre founded the Burntisland Shipbuilding Company in 1918.",
]


def main() -> None:
    embedder = Embedder()
    vectors = embedder.encode(TEXTS)
    target = Path(__file__).with_name("vectors.npz")
    np.savez_compressed(target, texts=np.array(TEXTS), vectors=vectors, backend=np.array(embedder.backend))
    print(f"{len(TEXTS)} vectors of the {embedder.backend} backend written to {target}")


if __name__ == "__main__":
    main()
