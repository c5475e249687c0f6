"""Facts of how a process stops: SIGTERM handlers (asyncio's `add_signal_handler`, a `for` over
signals) and long-running loops outside a server (`process.loop`) in Python, Node.js, Go and Ruby."""

from __future__ import annotations

from helpers import extract_text


def _of(kind: str, module: str, path: str, text: str) -> list:
    return [f for f in extract_text(module, path, text) if f.kind == kind]


def test_python_handlers_of_every_signal_a_loop_walks():
    found = _of(
        "signal.handler",
        "twelve.facts.python",
        "main.py",
        """
        import asyncio
        import signal

        async def main(stop):
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGTERM, signal.SIGINT):
                loop.add_signal_handler(sig, stop.set)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
        """,
    )
    assert [(f.get("signal"), f.get("api"), f.get("handler")) for f in found] == [
        ("SIGTERM", "loop.add_signal_handler", "stop.set"),
        ("SIGINT", "loop.add_signal_handler", "stop.set"),
        ("SIGHUP", "signal.signal", "SIG_IGN"),
    ]


def test_python_loops():
    found = _of(
        "process.loop",
        "twelve.facts.python",
        "worker.py",
        """
        import asyncio
        import schedule


        def forever():
            while True:
                schedule.run_pending()


        async def once():
            return 1


        def main():
            forever()


        if __name__ == "__main__":
            asyncio.run(once())
            main()
        """,
    )
    assert [(f.line, f.get("api"), f.get("target")) for f in found] == [(20, "main()", "main")]


def test_python_bot_runners():
    discord = _of(
        "process.loop",
        "twelve.facts.python",
        "bot.py",
        """
        import asyncio
        import discord

        bot = discord.Client(intents=discord.Intents.default())
        bot.run("token")
        """,
    )
    assert [f.get("api") for f in discord] == ["bot.run(…)"]
    telegram = extract_text(
        "twelve.facts.python",
        "bot.py",
        """
        from telegram.ext import Application

        app = Application.builder().token("t").build()
        app.run_polling()
        """,
    )
    assert [(f.kind, f.get("api")) for f in telegram if f.kind in ("process.loop", "shutdown.hook")] == [
        ("shutdown.hook", "app.run_polling() (telegram, stops on SIGTERM)")
    ]


def test_node_go_and_ruby_loops():
    node = _of(
        "process.loop",
        "twelve.facts.javascript",
        "worker.js",
        """
        const { Worker } = require('bullmq');
        const worker = new Worker('jobs', async (job) => job.data);
        """,
    )
    assert [f.get("api") for f in node] == ["new Worker"]
    go = _of(
        "process.loop",
        "twelve.facts.golang",
        "main.go",
        """
        package main

        func main() {
        	select {}
        }
        """,
    )
    assert [f.get("api") for f in go] == ["select {}"]
    ruby = _of(
        "process.loop",
        "twelve.facts.ruby",
        "lib/tasks/work.rake",
        """
        task :work do
          loop do
            sleep 1
          end
        end
        """,
    )
    assert ruby == []  # a rake task's loop is the task's, not a script's top level
