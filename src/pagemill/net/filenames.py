"""The file name a download should keep: from Content-Disposition (RFC 6266 `filename*` too) or the URL."""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

# RFC 5987 extended value: charset'language'percent-encoded-bytes
_EXTENDED_FILENAME = re.compile(r"""filename\*\s*=\s*([\w!#$%&+^`{}~.-]*)'[^']*'([^;\s]+)""", re.IGNORECASE)
_PLAIN_FILENAME = re.compile(r"""(?<![\w*])filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))""", re.IGNORECASE)


def download_filename(content_disposition: str | None, url: str) -> str | None:
    """A bare file name (no folders) for a download, or None when neither source offers one."""
    if content_disposition:
        name = _bare(_disposition_filename(content_disposition))
        if name:
            return name
    return _bare(unquote(urlsplit(url).path))


def _disposition_filename(header: str) -> str | None:
    """`filename*` wins over `filename`, as RFC 6266 asks: it is the one that can carry non-ASCII names."""
    extended = _EXTENDED_FILENAME.search(header)
    if extended:
        charset = extended.group(1) or "utf-8"
        try:
            return unquote(extended.group(2), encoding=charset, errors="replace")
        except LookupError:
            pass  # an unknown charset: fall back to the plain parameter
    plain = _PLAIN_FILENAME.search(header)
    if not plain:
        return None
    if plain.group(1) is not None:
        return re.sub(r"\\(.)", r"\1", plain.group(1))
    return plain.group(2)


def _bare(name: str | None) -> str | None:
    if not name:
        return None
    bare = "".join(char for char in name.replace("\\", "/").rsplit("/", 1)[-1] if char.isprintable()).strip()
    return bare if bare not in ("", ".", "..") else None
