"""A Discord bot that counts messages per member in PostgreSQL."""
import logging
import os

import asyncpg
import discord
from discord.ext import commands

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

intents = discord.Intents.default()
intents.message_content = True

UPSERT = """
INSERT INTO tallies (guild_id, member_id, count) VALUES ($1, $2, 1)
ON CONFLICT (guild_id, member_id) DO UPDATE SET count = tallies.count + 1
"""


class TallyBot(commands.Bot):
    pool: asyncpg.Pool

    async def setup_hook(self):
        self.pool = await asyncpg.create_pool(os.environ["DATABASE_URL"], min_size=1, max_size=5)

    async def close(self):
        await self.pool.close()
        await super().close()


bot = TallyBot(command_prefix="!", intents=intents)


@bot.event
async def on_message(message):
    if message.author.bot or message.guild is None:
        return
    await bot.pool.execute(UPSERT, message.guild.id, message.author.id)
    await bot.process_commands(message)


@bot.command()
async def tally(ctx):
    count = await bot.pool.fetchval(
        "SELECT count FROM tallies WHERE guild_id = $1 AND member_id = $2", ctx.guild.id, ctx.author.id
    )
    await ctx.reply(f"{count or 0} messages so far")


if __name__ == "__main__":
    bot.run(os.environ["DISCORD_TOKEN"], log_handler=None)
