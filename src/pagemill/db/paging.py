"""Keyset pages over any table with `created_at`/`updated_at` and a string `id`."""

from __future__ import annotations

from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy.orm import Session

from pagemill.kit.pagination import PageRequest, encode_token

Row = TypeVar("Row")


def keyset_page(
    session: Session, statement: sa.Select[tuple[Row]], model: Any, page: PageRequest
) -> tuple[list[Row], str | None]:
    """One page of `statement`, ordered by (sort column, id), and the token of the next page (None on the last)."""
    column = model.created_at if page.sort_by == "createdAt" else model.updated_at
    descending = page.sort_dir == "desc"
    if page.after is not None:
        key, row_id = page.after
        beyond = (
            sa.tuple_(column, model.id) < (key, row_id)
            if descending
            else sa.tuple_(column, model.id) > (key, row_id)
        )
        statement = statement.where(beyond)
    order = (column.desc(), model.id.desc()) if descending else (column.asc(), model.id.asc())
    rows = list(session.scalars(statement.order_by(*order).limit(page.limit + 1)))
    if len(rows) <= page.limit:
        return rows, None
    rows = rows[: page.limit]
    last = rows[-1]
    sort_value = last.created_at if page.sort_by == "createdAt" else last.updated_at  # type: ignore[attr-defined]
    return rows, encode_token(page.sort_by, page.sort_dir, sort_value, last.id)  # type: ignore[attr-defined]


def contains(column: Any, text: str) -> sa.ColumnElement[bool]:
    """Case-insensitive substring match with LIKE wildcards in `text` taken literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return column.ilike(f"%{escaped}%", escape="\\")
