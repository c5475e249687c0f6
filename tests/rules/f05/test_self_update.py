"""F05-AP01: the running app pulls new code into its own checkout."""

from __future__ import annotations

from helpers import fired, lines

REQ = {"requirements.txt": "discord.py==2.3.2\n"}
ADMIN = """
import asyncio
import subprocess


class Admin:
    async def run_process(self, command):
        process = await asyncio.create_subprocess_shell(command, stdout=subprocess.PIPE)
        return await process.communicate()

    async def update(self, ctx):
        stdout, stderr = await self.run_process('git pull')
        await ctx.send(stdout)
"""
GO = """
package main

import "os/exec"

func update() error {
	return exec.Command("git", "pull", "--ff-only").Run()
}

func main() { update() }
"""


def test_ap01_fires_for_a_git_pull_the_bot_runs(tmp_path):
    found = fired(tmp_path, {**REQ, "bot.py": "import cogs.admin\n", "cogs/admin.py": ADMIN}, "F05-AP01")
    assert [f.strength.value for f in found] == ["strong"]
    assert ("cogs/admin.py", 11) in lines(found)
    assert found[0].message.param_dict()["command"] == "git pull"


def test_ap01_fires_for_a_go_exec_of_git(tmp_path):
    found = fired(tmp_path, {"go.mod": "module example.com/app\n\ngo 1.22\n", "main.go": GO}, "F05-AP01")
    assert lines(found) == {("main.go", 6)}


def test_ap01_near_miss_a_deploy_script_that_pulls(tmp_path):
    script = "import subprocess\nsubprocess.run('git pull && systemctl restart app', shell=True)\n"
    assert fired(tmp_path, {**REQ, "bot.py": "print('hi')\n", "scripts/deploy.py": script}, "F05-AP01") == []


def test_ap01_near_miss_words_nothing_runs(tmp_path):
    bot = "HELP = 'run git pull on the server to update'\nprint(HELP)\n"
    assert fired(tmp_path, {**REQ, "bot.py": bot}, "F05-AP01") == []
