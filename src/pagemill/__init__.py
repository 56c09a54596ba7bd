"""Pagemill: self-hosted document processing with an Extend-compatible HTTP API."""

__version__ = "0.1.0"
