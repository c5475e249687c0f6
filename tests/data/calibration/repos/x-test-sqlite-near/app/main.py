from fastapi import Depends, FastAPI
from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from .db import get_session
from .models import Item

app = FastAPI(title="stock")


class ItemIn(BaseModel):
    name: str
    quantity: int = 0


@app.get("/items")
def list_items(session: Session = Depends(get_session)):
    return [{"id": i.id, "name": i.name, "quantity": i.quantity} for i in session.scalars(select(Item))]


@app.post("/items", status_code=201)
def add_item(item: ItemIn, session: Session = Depends(get_session)):
    row = Item(name=item.name, quantity=item.quantity)
    session.add(row)
    session.commit()
    return {"id": row.id}
