def test_add_and_list(client):
    created = client.post("/items", json={"name": "bolt", "quantity": 12})
    assert created.status_code == 201
    assert client.get("/items").json() == [{"id": created.json()["id"], "name": "bolt", "quantity": 12}]
