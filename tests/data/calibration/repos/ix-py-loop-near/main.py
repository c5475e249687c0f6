"""Counts the words of submitted documents, reading jobs from a Redis stream."""
import asyncio
import logging
import os
import signal

import redis.asyncio as redis

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("wordcount")

STREAM = "documents"
GROUP = "wordcount"
CONSUMER = os.environ.get("HOSTNAME", "wordcount")


async def ensure_group(r):
    try:
        await r.xgroup_create(STREAM, GROUP, id="0", mkstream=True)
    except redis.ResponseError:
        pass  # the group exists already


async def handle(r, msg_id, fields):
    words = len(fields.get("text", "").split())
    await r.hset(f"doc:{fields['doc_id']}", mapping={"words": words})
    await r.xack(STREAM, GROUP, msg_id)
    log.info("counted %s: %d words", fields["doc_id"], words)


async def consume(stop):
    r = redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
    await ensure_group(r)
    while not stop.is_set():
        batches = await r.xreadgroup(GROUP, CONSUMER, {STREAM: ">"}, count=10, block=1000)
        for _stream, messages in batches:
            for msg_id, fields in messages:
                await handle(r, msg_id, fields)
    await r.aclose()
    log.info("stopped cleanly")


async def main():
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    await consume(stop)


if __name__ == "__main__":
    asyncio.run(main())
