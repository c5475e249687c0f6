"""F09-AP03: a long-running loop outside any server that nothing stops gracefully on SIGTERM."""

from __future__ import annotations

from f09_data import params

from helpers import fired, lines

CONSUMER = {
    "requirements.txt": "redis==5.0.4\n",
    "main.py": """
    import asyncio
    import os

    import redis.asyncio as redis


    async def handle(r, fields):
        await r.hset(f"doc:{fields['id']}", mapping={"words": len(fields["text"].split())})


    async def consume():
        r = redis.from_url(os.environ["REDIS_URL"])
        while True:
            for _stream, messages in await r.xreadgroup("g", "c", {"docs": ">"}, block=5000):
                for _id, fields in messages:
                    await handle(r, fields)


    if __name__ == "__main__":
        asyncio.run(consume())
    """,
}


def test_ap03_fires_for_an_asyncio_loop_with_no_handler(tmp_path):
    found = fired(tmp_path, CONSUMER, "F09-AP03")
    assert lines(found) == {("main.py", 20)}
    assert params(found, "api") == ["asyncio.run(consume())"]


def test_ap03_fires_for_a_bot_started_from_a_cli_function(tmp_path):
    files = {
        "requirements.txt": "discord.py==2.3.2\nclick==8.1.7\n",
        "launcher.py": """
        import asyncio

        import click
        import discord


        async def run_bot():
            async with discord.Client(intents=discord.Intents.default()) as bot:
                await bot.start("token")


        @click.command()
        def main():
            asyncio.run(run_bot())


        if __name__ == "__main__":
            main()
        """,
    }
    found = fired(tmp_path, files, "F09-AP03")
    assert len(found) == 1 and found[0].locations[0].path == "launcher.py"


def test_ap03_near_miss_a_signal_handler_in_a_loop_over_signals(tmp_path):
    files = dict(CONSUMER)
    files["main.py"] = (
        files["main.py"]
        .replace(
            """    if __name__ == "__main__":
        asyncio.run(consume())""",
            """    async def main():
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, stop.set)
        await consume()


    if __name__ == "__main__":
        asyncio.run(main())""",
        )
        .replace("import os\n", "import os\nimport signal\n")
    )
    assert fired(tmp_path, files, "F09-AP03") == []


def test_ap03_near_miss_a_one_shot_cli_and_a_served_app(tmp_path):
    cli = {
        "requirements.txt": "httpx==0.27.0\n",
        "report.py": """
        import asyncio


        async def main():
            print("done")


        if __name__ == "__main__":
            asyncio.run(main())
        """,
    }
    assert fired(tmp_path / "cli", cli, "F09-AP03") == []
    served = {**CONSUMER, "requirements.txt": "redis==5.0.4\ngunicorn==22.0.0\n", "Procfile": "web: gunicorn app:app\n"}
    assert fired(tmp_path / "served", served, "F09-AP03") == []


def test_ap03_leaves_a_script_of_a_python_start_command_to_ap02(tmp_path):
    files = {**CONSUMER, "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nCMD ["python", "main.py"]\n'}
    assert fired(tmp_path, files, "F09-AP03") == []
    assert lines(fired(tmp_path / "ap02", files, "F09-AP02")) == {("Dockerfile", 3)}


def test_ap03_near_miss_python_telegram_bot_run_polling(tmp_path):
    files = {
        "requirements.txt": "python-telegram-bot==21.1\n",
        "bot.py": """
        from telegram.ext import Application


        def main():
            app = Application.builder().token("t").build()
            app.run_polling()


        if __name__ == "__main__":
            main()
        """,
    }
    assert fired(tmp_path, files, "F09-AP03") == []
    assert fired(tmp_path / "s01", files, "F09-S01") != []


NODE_BOT = {
    "package.json": '{"name": "bot", "version": "1.0.0", "dependencies": {"discord.js": "14.15.2"}}\n',
    "index.js": """
    const { Client, GatewayIntentBits } = require('discord.js');
    const client = new Client({ intents: [GatewayIntentBits.Guilds] });
    client.on('messageCreate', (m) => m.reply('pong'));
    client.login(process.env.DISCORD_TOKEN);
    """,
}


def test_ap03_fires_for_a_node_bot_with_no_handler(tmp_path):
    found = fired(tmp_path, NODE_BOT, "F09-AP03")
    assert lines(found) == {("index.js", 4)}
    assert found[0].message.key == "F09-AP03.message_node"


def test_ap03_near_miss_a_node_bot_that_handles_sigterm(tmp_path):
    files = {**NODE_BOT, "index.js": NODE_BOT["index.js"] + "    process.once('SIGTERM', () => client.destroy());\n"}
    assert fired(tmp_path, files, "F09-AP03") == []


GO_WORKER = {
    "go.mod": "module example.com/w\n\ngo 1.22\n",
    "main.go": """
    package main

    import "time"

    func main() {
    	for {
    		poll()
    		time.Sleep(time.Second)
    	}
    }

    func poll() {}
    """,
}


def test_ap03_fires_for_a_go_loop_with_no_signal_wait(tmp_path):
    found = fired(tmp_path, GO_WORKER, "F09-AP03")
    assert lines(found) == {("main.go", 5)}
    assert found[0].message.key == "F09-AP03.message_go"


def test_ap03_near_miss_a_go_loop_that_waits_for_sigterm(tmp_path):
    files = {
        **GO_WORKER,
        "main.go": """
        package main

        import (
        	"context"
        	"os/signal"
        	"syscall"
        )

        func main() {
        	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM)
        	defer stop()
        	for {
        		select {
        		case <-ctx.Done():
        			return
        		default:
        			poll()
        		}
        	}
        }

        func poll() {}
        """,
    }
    assert fired(tmp_path, files, "F09-AP03") == []


def test_ap03_fires_for_a_ruby_script_loop_and_not_for_a_trapped_one(tmp_path):
    files = {
        "Gemfile": "source 'https://rubygems.org'\ngem 'redis'\n",
        "worker.rb": """
        require 'redis'
        redis = Redis.new(url: ENV['REDIS_URL'])
        loop do
          _queue, job = redis.brpop('jobs')
          puts job
        end
        """,
    }
    found = fired(tmp_path, files, "F09-AP03")
    assert lines(found) == {("worker.rb", 3)} and found[0].message.key == "F09-AP03.message_ruby"
    trapped = {**files, "worker.rb": "stopping = false\nSignal.trap('TERM') { stopping = true }\n" + files["worker.rb"]}
    assert fired(tmp_path / "trapped", trapped, "F09-AP03") == []
