"""A run's `secrets`, sealed at rest with the server key and opened only by the steps that use them."""

from __future__ import annotations

import json
from typing import Any

from pagemill.config import Settings
from pagemill.kit.crypto import SecretBox


def seal_secrets(settings: Settings, secrets: dict[str, Any] | None) -> str | None:
    if not secrets:
        return None
    return SecretBox(settings.signing_key()).seal(json.dumps(secrets))


def open_secrets(settings: Settings, sealed: str | None) -> dict[str, Any]:
    if not sealed:
        return {}
    opened = SecretBox(settings.signing_key()).open(sealed)
    return json.loads(opened) if opened else {}
