"""A dice and choices bot."""
import random

import discord
from discord.ext import commands

import config

PREFIX = config.prefix
TOKEN = config.token


intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix=PREFIX, intents=intents)


@bot.command()
async def roll(ctx, sides: int = 6):
    await ctx.reply(str(random.randint(1, max(2, sides))))


@bot.command()
async def choose(ctx, *options):
    await ctx.reply(random.choice(options) if options else "Give me something to choose from.")


if __name__ == "__main__":
    bot.run(TOKEN)
