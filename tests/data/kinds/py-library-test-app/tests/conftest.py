import pytest
from fastapi import FastAPI

from reqcheck import CheckMiddleware


@pytest.fixture
def app():
    app = FastAPI()
    app.add_middleware(CheckMiddleware)
    return app
