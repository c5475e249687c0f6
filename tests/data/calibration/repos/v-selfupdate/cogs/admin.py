"""Owner-only commands."""
import asyncio
import subprocess

from discord.ext import commands


class Admin(commands.Cog):
    def __init__(self, bot):
        self.bot = bot

    @commands.command()
    @commands.is_owner()
    async def update(self, ctx):
        """Pull the latest code and reload every extension without restarting."""
        process = await asyncio.create_subprocess_shell(
            "git pull --ff-only", stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        output, _ = await process.communicate()
        await ctx.send(f"```\n{output.decode()[-1800:]}\n```")
        for extension in list(self.bot.extensions):
            await self.bot.reload_extension(extension)
        await ctx.send("Reloaded.")


async def setup(bot):
    await bot.add_cog(Admin(bot))
