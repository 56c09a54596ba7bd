"""Routes of one kind of saved processor: `/extractors`, `/classifiers` or `/splitters` and their versions."""

# No `from __future__ import annotations`: FastAPI must see the per-kind `Create` model unstringified.

from typing import Annotated, Any

from fastapi import APIRouter, Query

from pagemill.api.deps import PageDep, PrincipalDep, RuntimeDep, SessionDep
from pagemill.errors import InvalidRequest
from pagemill.kit.pagination import decode_offset, encode_offset
from pagemill.saved_processors import service
from pagemill.saved_processors.kinds import ProcessorKind
from pagemill.saved_processors.schemas import ProcessorUpdate, VersionCreate, schemas_for


def make_router(kind: ProcessorKind) -> APIRouter:
    schemas = schemas_for(kind)
    router = APIRouter(tags=[kind.collection])
    base = f"/{kind.collection}"
    title = kind.name.capitalize()
    Create = schemas.create

    @router.post(base, response_model=schemas.processor, summary=f"Create an {kind.name}")
    def create(body: Create, session: SessionDep, principal: PrincipalDep) -> Any:  # type: ignore[valid-type]
        if getattr(body, "generate", None) is not None:
            raise InvalidRequest(
                "generating a config from example files is not supported; give config", path="generate"
            )
        row = service.create(
            session,
            principal,
            kind,
            name=body.name,
            config=body.config,  # type: ignore[attr-defined]
            clone_from=getattr(body, kind.clone_field),
        )
        return schemas.processor_out(row, service.draft_of(session, row))

    @router.get(f"{base}/{{id}}", response_model=schemas.processor, summary=f"Get an {kind.name}")
    def retrieve(id: str, session: SessionDep, principal: PrincipalDep) -> Any:
        row = service.get(session, principal, kind, id)
        return schemas.processor_out(row, service.draft_of(session, row))

    @router.post(f"{base}/{{id}}", response_model=schemas.processor, summary=f"Update an {kind.name}'s draft")
    def update(id: str, body: ProcessorUpdate, session: SessionDep, principal: PrincipalDep) -> Any:
        """Rename it, or replace its draft config; published versions never change."""
        row = service.update(session, principal, kind, id, name=body.name, config=body.config)
        return schemas.processor_out(row, service.draft_of(session, row))

    @router.get(base, response_model=schemas.processor_list, summary=f"List {kind.collection}")
    def list_all(session: SessionDep, principal: PrincipalDep, page: PageDep) -> Any:
        rows, token = service.list_processors(session, principal, kind, page)
        return schemas.processor_list(data=[schemas.summary_out(row) for row in rows], next_page_token=token)

    @router.post(
        f"{base}/{{id}}/versions", response_model=schemas.version, summary=f"Publish an {kind.name} version"
    )
    def publish(id: str, body: VersionCreate, session: SessionDep, principal: PrincipalDep) -> Any:
        """Publish the draft (or the given config) as the next `major` or `minor` version."""
        row = service.publish(
            session,
            principal,
            kind,
            id,
            release_type=body.release_type,
            description=body.description,
            config=body.config,
        )
        return schemas.version_out(row)

    @router.get(
        f"{base}/{{id}}/versions/{{versionId}}",
        response_model=schemas.version,
        summary=f"Get an {kind.name} version",
    )
    def retrieve_version(id: str, versionId: str, session: SessionDep, principal: PrincipalDep) -> Any:  # noqa: N803
        """`versionId`: `draft`, `latest` (newest published, else draft), a number like `1.2`, or an id."""
        return schemas.version_out(service.get_version(session, principal, kind, id, versionId))

    @router.get(
        f"{base}/{{id}}/versions", response_model=schemas.version_list, summary=f"List {title} versions"
    )
    def list_versions(
        id: str,
        runtime: RuntimeDep,
        session: SessionDep,
        principal: PrincipalDep,
        sort_dir: Annotated[str | None, Query(alias="sortDir")] = None,
        next_page_token: Annotated[str | None, Query(alias="nextPageToken")] = None,
        max_page_size: Annotated[int | None, Query(alias="maxPageSize")] = None,
    ) -> Any:
        """The draft first, then published versions newest first (`sortDir=asc`: oldest first)."""
        rows = service.list_versions(session, principal, kind, id)
        if sort_dir == "asc":
            rows = rows[:1] + rows[1:][::-1]
        size = max_page_size or runtime.settings.default_page_size
        if size < 1 or size > runtime.settings.max_page_size:
            raise InvalidRequest(
                f"page size must be between 1 and {runtime.settings.max_page_size}", path="maxPageSize"
            )
        start = decode_offset(next_page_token)
        chunk = rows[start : start + size]
        token = encode_offset(start + size) if start + size < len(rows) else None
        return schemas.version_list(
            data=[schemas.version_out(row, with_config=False) for row in chunk], next_page_token=token
        )

    return router
