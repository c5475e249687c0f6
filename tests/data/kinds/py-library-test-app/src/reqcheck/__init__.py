from reqcheck.middleware import CheckMiddleware

__all__ = ["CheckMiddleware"]
