import os

from celery import Celery

app = Celery("thumbs", broker=os.environ["BROKER_URL"])


@app.task
def thumbnail(path: str, size: int = 128) -> str:
    from thumbs.images import shrink

    return shrink(path, size)
