"""Sends the reminders that are due, reading them from PostgreSQL."""
import json
import logging
import os
import time
import urllib.request

import psycopg

logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
log = logging.getLogger("reminders")

POLL_SECONDS = int(os.environ.get("POLL_SECONDS", "30"))

CLAIM = """
UPDATE reminders SET sent_at = now()
WHERE id = (
    SELECT id FROM reminders
    WHERE sent_at IS NULL AND due_at <= now()
    ORDER BY due_at
    FOR UPDATE SKIP LOCKED
    LIMIT 1
)
RETURNING id, channel, message
"""


def notify(channel, message):
    body = json.dumps({"channel": channel, "text": message}).encode()
    request = urllib.request.Request(
        os.environ["WEBHOOK_URL"], data=body, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def run():
    with psycopg.connect(os.environ["DATABASE_URL"]) as conn:
        while True:
            with conn.transaction():
                row = conn.execute(CLAIM).fetchone()
                if row is not None:
                    notify(row[1], row[2])
                    log.info("sent reminder %s", row[0])
            if row is None:
                time.sleep(POLL_SECONDS)


if __name__ == "__main__":
    run()
