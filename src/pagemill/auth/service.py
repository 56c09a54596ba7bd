"""Making, checking and revoking API keys. Keys are `sk_` + 43 random URL-safe characters; only a hash is kept."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from pagemill.auth.repository import ApiKeyRepository, WorkspaceRepository
from pagemill.errors import NotFound, Unauthorized
from pagemill.kit.clock import utcnow
from pagemill.kit.ids import new_id
from pagemill.models import ApiKey, Workspace

KEY_PREFIX = "sk_"
DEFAULT_WORKSPACE_NAME = "Default workspace"
_LAST_USED_RESOLUTION = timedelta(minutes=1)


@dataclass(frozen=True)
class Principal:
    """Who a request acts as."""

    workspace_id: str
    api_key_id: str
    api_key_name: str = ""

    @property
    def created_by(self) -> dict[str, str]:
        """Extend's `createdBy` for things this principal makes."""
        return {"type": "api_key", "name": self.api_key_name}


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    secret: str  # the only time the plain key exists


def hash_key(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def ensure_default_workspace(session: Session) -> Workspace:
    workspaces = WorkspaceRepository(session)
    workspace = workspaces.first()
    if workspace is None:
        workspace = Workspace(id=new_id("ws"), name=DEFAULT_WORKSPACE_NAME)
        workspaces.add(workspace)
        session.flush()
    return workspace


def create_key(session: Session, *, name: str, workspace_id: str | None = None) -> CreatedKey:
    workspace = (
        WorkspaceRepository(session).get(workspace_id) if workspace_id else ensure_default_workspace(session)
    )
    if workspace is None:
        raise NotFound(f"Workspace {workspace_id} does not exist")
    secret = KEY_PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        id=new_id("key"),
        workspace_id=workspace.id,
        name=name,
        key_hash=hash_key(secret),
        key_hint=secret[-4:],
    )
    ApiKeyRepository(session).add(key)
    session.flush()
    return CreatedKey(key=key, secret=secret)


def authenticate(session: Session, authorization: str | None) -> Principal:
    if not authorization:
        raise Unauthorized("Missing API key: send it as 'Authorization: Bearer sk_…'")
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized("Malformed Authorization header: expected 'Bearer sk_…'")
    key = ApiKeyRepository(session).by_hash(hash_key(token))
    if key is None or key.revoked_at is not None:
        raise Unauthorized("Invalid or revoked API key")
    now = utcnow()
    if key.last_used_at is None or now - key.last_used_at > _LAST_USED_RESOLUTION:
        key.last_used_at = now
    return Principal(workspace_id=key.workspace_id, api_key_id=key.id, api_key_name=key.name)


def revoke_key(session: Session, key_id: str) -> ApiKey:
    key = ApiKeyRepository(session).get(key_id)
    if key is None:
        raise NotFound(f"API key {key_id} does not exist")
    if key.revoked_at is None:
        key.revoked_at = utcnow()
    return key


def list_keys(session: Session) -> list[ApiKey]:
    return list(ApiKeyRepository(session).all())


def has_active_key(session: Session) -> bool:
    return ApiKeyRepository(session).count_active() > 0
