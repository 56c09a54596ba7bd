"""Secrets at rest and signed URLs, both keyed by the server's secret key."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken


def _derive(key: bytes, purpose: str) -> bytes:
    return hmac.new(key, purpose.encode(), hashlib.sha256).digest()


class SecretBox:
    """Encrypts small secrets (file passwords) so a copy of the database alone does not reveal them."""

    def __init__(self, key: bytes):
        self._fernet = Fernet(base64.urlsafe_b64encode(_derive(key, "pagemill/secret-box")))

    def seal(self, plaintext: str) -> str:
        return self._fernet.encrypt(plaintext.encode()).decode()

    def open(self, sealed: str) -> str | None:
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            return None


class UrlSigner:
    """HMAC signatures for expiring URLs the server serves itself."""

    def __init__(self, key: bytes):
        self._key = _derive(key, "pagemill/url-signer")

    def sign(self, *parts: str) -> str:
        message = "\n".join(parts).encode()
        return (
            base64.urlsafe_b64encode(hmac.new(self._key, message, hashlib.sha256).digest())
            .decode()
            .rstrip("=")
        )

    def verify(self, signature: str, *parts: str) -> bool:
        return hmac.compare_digest(signature, self.sign(*parts))
