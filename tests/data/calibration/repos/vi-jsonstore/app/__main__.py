"""Order history API: orders in PostgreSQL, display preferences in Prefs."""
import os

import asyncpg
from aiohttp import web

from .prefs import Prefs

routes = web.RouteTableDef()


@routes.get("/users/{user}/orders")
async def orders(request):
    rows = await request.app["db"].fetch(
        "SELECT id, total, created_at FROM orders WHERE user_id = $1 ORDER BY created_at DESC LIMIT 50",
        int(request.match_info["user"]),
    )
    return web.json_response([{"id": r["id"], "total": str(r["total"])} for r in rows])


@routes.get("/users/{user}/prefs")
async def get_prefs(request):
    return web.json_response(request.app["prefs"].get(request.match_info["user"]))


@routes.put("/users/{user}/prefs")
async def put_prefs(request):
    request.app["prefs"].update(request.match_info["user"], await request.json())
    return web.json_response(request.app["prefs"].get(request.match_info["user"]))


async def database(app):
    app["db"] = await asyncpg.create_pool(os.environ["DATABASE_URL"])
    yield
    await app["db"].close()


def make_app():
    app = web.Application()
    app["prefs"] = Prefs()
    app.cleanup_ctx.append(database)
    app.add_routes(routes)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=int(os.environ.get("PORT", "8080")))
