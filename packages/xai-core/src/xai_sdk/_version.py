"""The version shared by every xai-sdk distribution."""

__version__ = "1.22.0"
