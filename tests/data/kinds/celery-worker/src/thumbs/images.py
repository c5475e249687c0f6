def shrink(path: str, size: int) -> str:
    return f"{path}.{size}.png"
