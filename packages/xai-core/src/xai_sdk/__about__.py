"""The official SDK's module of the version (``from xai_sdk.__about__ import __version__``)."""

from xai_sdk._version import __version__

__all__ = ["__version__"]
