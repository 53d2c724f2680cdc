"""The web dashboard and JSON API (``unvotes serve``): see :func:`create_app`."""

from __future__ import annotations

from unvotes.web.app import create_app

__all__ = ["create_app"]
