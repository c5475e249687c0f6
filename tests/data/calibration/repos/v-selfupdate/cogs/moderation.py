"""Message clean-up commands."""
from discord.ext import commands


class Moderation(commands.Cog):
    def __init__(self, bot):
        self.bot = bot

    @commands.command()
    @commands.has_permissions(manage_messages=True)
    async def purge(self, ctx, count: int = 10):
        deleted = await ctx.channel.purge(limit=min(count, 100) + 1)
        await ctx.send(f"Deleted {len(deleted) - 1} messages.", delete_after=5)


async def setup(bot):
    await bot.add_cog(Moderation(bot))
