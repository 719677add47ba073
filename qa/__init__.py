"""qa: answers questions with the sentences of a folder of documents.

    from qa import QA, answer
    print(answer("When will US troops leave Niger?").text)
"""

import os

# Set before sentence-transformers or huggingface_hub is imported anywhere: no call home,
# no download at run time. A user who wants hub downloads can set HF_HUB_OFFLINE=0.
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")

from qa.engine import QA, answer  # noqa: E402
from qa.search.answer import Answer, Passage  # noqa: E402

__all__ = ["QA", "Answer", "Passage", "answer"]
