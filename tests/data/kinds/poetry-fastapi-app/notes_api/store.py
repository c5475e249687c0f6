class Store:
    def __init__(self, url: str) -> None:
        self.url = url

    def all(self) -> list[dict]:
        return []
