"""The Model Context Protocol face: one tool, `ask`, over streamable HTTP, through the real app."""

from __future__ import annotations

import asyncio
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SEEDS
from mcp import ClientSession
from mcp.client.streamable_http import streamablehttp_client
from test_browser import SEED_FILE, start_app, stop


@pytest.fixture(scope="module")
def mcp_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("mcp")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    url, process = start_app(root, corpus)
    yield url + "gradio_api/mcp/"
    stop(process)


async def _session(url: str, work: Any) -> Any:
    async with streamablehttp_client(url) as (read, write, _):
        async with ClientSession(read, write) as session:
            await session.initialize()
            return await work(session)


def _call(url: str, arguments: dict) -> dict:
    async def work(session: ClientSession) -> Any:
        return await session.call_tool("ask", arguments)

    result = asyncio.run(_session(url, work))
    assert not result.isError, result
    return json.loads(result.content[0].text)


def test_the_only_tool_is_ask_and_it_says_what_it_does(mcp_url: str) -> None:
    async def work(session: ClientSession) -> Any:
        return await session.list_tools()

    tools = asyncio.run(_session(mcp_url, work)).tools
    assert [tool.name for tool in tools] == ["ask"]
    assert "documents" in tools[0].description and "found" in tools[0].description
    schema = tools[0].inputSchema
    assert schema["required"] == ["question"] and schema["properties"]["top_k"]["default"] == 3


def test_ask_answers_with_file_and_place(mcp_url: str) -> None:
    result = _call(mcp_url, {"question": "When will US troops leave Niger?"})
    assert "September 15" in result["answer"] and result["found"] is True and 0 < result["confidence"] <= 1
    assert len(result["passages"]) == 3
    best = result["passages"][0]
    assert best["file"] == SEED_FILE and best["citation"] == SEED_FILE and "September 15" in best["text"]
    assert set(best) >= {"page", "location", "section", "context", "score"}


@pytest.mark.parametrize(("arguments", "passages"), [({"top_k": 1}, 1), ({"top_k": 0}, 1), ({"top_k": 500}, 14)])
def test_top_k_is_kept_within_bounds(mcp_url: str, arguments: dict, passages: int) -> None:
    result = _call(mcp_url, {"question": "When will US troops leave Niger?", **arguments})
    assert len(result["passages"]) <= passages and result["passages"]


def test_off_topic_and_empty_questions_get_a_clear_answer(mcp_url: str) -> None:
    assert _call(mcp_url, {"question": "What is the capital of Australia?"})["found"] is False
    assert _call(mcp_url, {"question": ""})["answer"] == "Please type a question."


def test_source_route_refuses_paths_out_of_the_corpus(mcp_url: str, tmp_path: Path) -> None:
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(mcp_url)
    for path in ["/source/../etc/passwd", "/source/%2e%2e/%2e%2e/etc/passwd", "/source//etc/passwd", "/source/%2Fetc%2Fpasswd"]:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        connection.request("GET", path)
        assert connection.getresponse().status in (403, 404), path
        connection.close()


@pytest.mark.parametrize("path", ["/", "/config", f"/source/{SEED_FILE}", "/gradio_api/mcp/"])
def test_a_foreign_host_name_gets_nothing_dns_rebinding(mcp_url: str, path: str) -> None:
    import http.client
    from urllib.parse import urlsplit

    address = urlsplit(mcp_url)
    for host, allowed in ((f"evil.example:{address.port}", False), (f"localhost:{address.port}", True)):
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=10)
        connection.request("GET", path, headers={"Host": host})
        status = connection.getresponse().status
        connection.close()
        assert (status != 400) is allowed, (host, path, status)
