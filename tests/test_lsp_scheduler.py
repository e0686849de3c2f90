"""The scheduler: debounced requests, one worker, only the newest result delivered."""

from __future__ import annotations

import asyncio
import threading

from linter.lsp.scheduler import Scheduler


class Editor:
    """Documents as the event loop sees them, and what the scheduler delivered."""

    def __init__(self, work=None) -> None:
        self.texts: dict[str, str] = {}
        self.delivered: list[tuple[str, str]] = []
        self.failures: list[tuple[str, str]] = []
        self.linted: list[str] = []
        self.done = asyncio.Event()
        self.scheduler = Scheduler(self.texts.get, work or self.work, self.deliver, self.fail,
                                   delay=0.05)

    def work(self, text: str) -> str:
        self.linted.append(text)
        return text.upper()

    def deliver(self, text: str, result: str) -> None:
        self.delivered.append((text, result))
        self.done.set()

    def fail(self, text: str, error: BaseException) -> None:
        self.failures.append((text, str(error)))
        self.done.set()


def run(scenario) -> None:
    async def main() -> None:
        editor = Editor()
        try:
            await asyncio.wait_for(scenario(editor), 60)
        finally:
            editor.scheduler.close()

    asyncio.run(main())


def test_changes_in_a_row_are_linted_once() -> None:
    async def scenario(editor: Editor) -> None:
        for text in ("a", "ab", "abc"):
            editor.texts["doc"] = text
            editor.scheduler.request("doc")
        await editor.done.wait()
        assert editor.delivered == [("abc", "ABC")]
        assert editor.linted == ["abc"]

    run(scenario)


def test_a_result_superseded_while_linting_is_dropped() -> None:
    started, release = threading.Event(), threading.Event()

    async def scenario(editor: Editor) -> None:
        def slow(text: str) -> str:
            if text == "old":
                started.set()
                release.wait(30)
            return text

        editor.scheduler._work = slow
        editor.texts["doc"] = "old"
        editor.scheduler.request("doc", debounce=False)
        await asyncio.get_running_loop().run_in_executor(None, started.wait, 30)
        editor.texts["doc"] = "new"
        editor.scheduler.request("doc", debounce=False)
        release.set()
        await editor.done.wait()
        assert editor.delivered == [("new", "new")]

    run(scenario)


def test_a_failure_is_reported_and_the_next_request_runs() -> None:
    async def scenario(editor: Editor) -> None:
        def flaky(text: str) -> str:
            if text == "bad":
                raise ValueError("cannot lint")
            return text

        editor.scheduler._work = flaky
        editor.texts["doc"] = "bad"
        editor.scheduler.request("doc", debounce=False)
        await editor.done.wait()
        assert editor.failures == [("bad", "cannot lint")]
        editor.done.clear()
        editor.texts["doc"] = "good"
        editor.scheduler.request("doc")
        await editor.done.wait()
        assert editor.delivered == [("good", "good")]

    run(scenario)


def test_a_closed_document_gets_nothing() -> None:
    async def scenario(editor: Editor) -> None:
        editor.texts["doc"] = "text"
        editor.scheduler.request("doc")
        editor.scheduler.forget("doc")
        editor.texts["other"] = "x"
        editor.scheduler.request("other")
        await editor.done.wait()
        assert editor.delivered == [("x", "X")]

    run(scenario)
