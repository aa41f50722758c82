from .standing_pages import ensure_standing_pages


def load():
    return {"standing pages created": ensure_standing_pages()}
