"""Outbound HTTP the server makes on a user's behalf, through one guard against request forgery (SSRF)."""

from pagemill.net.url_guard import FetchedFile, GuardedResponse, UrlGuard

__all__ = ["FetchedFile", "GuardedResponse", "UrlGuard"]
