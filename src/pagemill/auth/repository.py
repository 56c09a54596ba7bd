from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.models import ApiKey, Workspace


class ApiKeyRepository:
    def __init__(self, session: Session):
        self.session = session

    def by_hash(self, key_hash: str) -> ApiKey | None:
        return self.session.scalar(sa.select(ApiKey).where(ApiKey.key_hash == key_hash))

    def get(self, key_id: str) -> ApiKey | None:
        return self.session.get(ApiKey, key_id)

    def all(self) -> Sequence[ApiKey]:
        return self.session.scalars(sa.select(ApiKey).order_by(ApiKey.created_at)).all()

    def count_active(self) -> int:
        return self.session.scalar(sa.select(sa.func.count()).where(ApiKey.revoked_at.is_(None))) or 0

    def add(self, key: ApiKey) -> None:
        self.session.add(key)


class WorkspaceRepository:
    def __init__(self, session: Session):
        self.session = session

    def get(self, workspace_id: str) -> Workspace | None:
        return self.session.get(Workspace, workspace_id)

    def first(self) -> Workspace | None:
        return self.session.scalar(sa.select(Workspace).order_by(Workspace.created_at).limit(1))

    def add(self, workspace: Workspace) -> None:
        self.session.add(workspace)
