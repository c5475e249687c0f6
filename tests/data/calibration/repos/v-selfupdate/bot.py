"""A small moderation bot; its cogs live in cogs/."""
import asyncio
import logging
import os

import discord
from discord.ext import commands

logging.basicConfig(level=logging.INFO)

EXTENSIONS = ("cogs.admin", "cogs.moderation")


class ModBot(commands.Bot):
    async def setup_hook(self):
        for extension in EXTENSIONS:
            await self.load_extension(extension)


async def main():
    intents = discord.Intents.default()
    intents.message_content = True
    async with ModBot(command_prefix="?", intents=intents) as bot:
        await bot.start(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    asyncio.run(main())
