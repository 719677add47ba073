"""A first start on a fresh machine: a few plain lines, then the address."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from conftest import ROOT, SEEDS
from test_browser import _free_port

MAX_LINES = 25


def test_first_start_is_short_and_plain(tmp_path: Path) -> None:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "app.py", "--corpus", str(SEEDS), "--index-dir", str(tmp_path / "index"), "--port", str(port), "--no-mcp"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1", QA_CACHE_DIR=str(tmp_path / "fresh-cache")),
    )
    lines: list[str] = []
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if line.startswith("Ready: "):
                break
        print("\n".join(lines))
        assert lines and lines[-1] == f"Ready: http://127.0.0.1:{port}/", lines
        assert len(lines) <= MAX_LINES
        assert lines[:2] == ["Preparing the model (once)…", "Indexing 14 sentences…"], lines
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
            assert response.status == 200
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/gradio_api/mcp/", timeout=10)
            raise AssertionError("--no-mcp still serves MCP")
        except urllib.error.HTTPError as error:
            assert error.code == 404
    finally:
        process.terminate()
        process.wait(timeout=30)
