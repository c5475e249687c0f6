import os
import random

import discord
from discord.ext import commands

intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="!", intents=intents)


@bot.command()
async def roll(ctx: commands.Context, sides: int = 6) -> None:
    await ctx.send(str(random.randint(1, sides)))


def main() -> None:
    bot.run(os.environ["DISCORD_TOKEN"])


if __name__ == "__main__":
    main()
