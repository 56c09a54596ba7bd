"""Workflows and versions API, driven by Extend's official SDK and raw HTTP against a real server (both
deployments): the draft/deploy lifecycle, version lookups, immutability, wire shapes and 400s with paths."""

from __future__ import annotations

import json
import re
import uuid
from typing import Any

import pytest
from extend_ai.errors import BadRequestError, NotFoundError

from tests.api.test_conventions import assert_envelope
from tests.server_fixtures import PagemillServer
from tests.webhooks.receiver import Receiver
from tests.workflows.graphs import INVOICE_SCHEMA, classify_and_review, minimal, unconfigured_extract

RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")
WORKFLOW_KEYS = {"object", "id", "name", "createdAt", "updatedAt", "createdBy", "draftVersion"}
VERSION_KEYS = {"object", "id", "version", "name", "steps", "createdAt", "createdBy"}


def unique(stem: str) -> str:
    return f"{stem}-{uuid.uuid4().hex[:10]}"


def extract_then_done() -> list[dict[str, Any]]:
    steps = minimal()
    steps[1]["next"] = [{"step": "extract"}]
    steps += [
        {
            "name": "extract",
            "type": "EXTRACT",
            "config": {"extractorConfig": {"schema": INVOICE_SCHEMA}},
            "next": [{"step": "done"}],
        },
        {"name": "done", "type": "WEBHOOK_RESPONSE"},
    ]
    return steps


def with_review(steps: list[dict[str, Any]]) -> list[dict[str, Any]]:
    steps[2]["next"] = [{"step": "review"}]
    steps.insert(3, {"name": "review", "type": "HUMAN_REVIEW", "next": [{"step": "done"}]})
    return steps


def names(version: Any) -> list[str]:
    return [step.name for step in version.steps]


class TestLifecycle:
    def test_create_update_deploy_and_read_every_version_through_the_sdk(
        self, pagemill_server: PagemillServer
    ) -> None:
        client = pagemill_server.sdk()
        created = client.workflows.create(name=unique("invoices"))
        assert created.id.startswith("workflow_") and created.object == "workflow"
        assert created.draft_version.version == "draft"
        assert [step.type for step in created.draft_version.steps] == ["TRIGGER", "PARSE"]
        assert created.created_by is not None and created.created_by.type == "api_key"

        renamed = unique("invoices-v2")
        updated = client.workflows.update(created.id, name=renamed, steps=extract_then_done())
        assert updated.name == renamed and updated.draft_version.id == created.draft_version.id
        assert updated.draft_version.steps[2].config.extractor_config.schema_ == INVOICE_SCHEMA

        first = client.workflow_versions.create(created.id, name="first release")
        assert (first.version, first.name, first.object) == ("1", "first release", "workflow_version")
        assert first.id.startswith("workflow_version_") and first.id != created.draft_version.id
        assert names(first) == ["trigger", "parse", "extract", "done"]

        client.workflows.update(created.id, steps=with_review(extract_then_done()))
        assert names(client.workflow_versions.retrieve(created.id, "1")) == names(first)
        assert client.workflow_versions.retrieve(created.id, first.id).version == "1"
        assert "review" in names(client.workflow_versions.retrieve(created.id, "draft"))
        assert client.workflow_versions.retrieve(created.id, "latest").version == "1"

        second = client.workflow_versions.create(created.id)
        assert second.version == "2" and second.name is None and "review" in names(second)
        assert client.workflow_versions.retrieve(created.id, "latest").id == second.id

        listed = client.workflow_versions.list(created.id, sort_dir="asc")
        assert [item.version for item in listed.data] == ["draft", "1", "2"]
        assert created.id in [
            item.id for item in client.workflows.list(sort_by="updatedAt", sort_dir="desc").data
        ]
        assert client.workflows.retrieve(created.id).name == renamed

    def test_latest_is_the_draft_until_something_is_deployed(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        created = client.workflows.create(name=unique("fresh"), steps=extract_then_done())
        latest = client.workflow_versions.retrieve(created.id, "latest")
        assert latest.version == "draft" and latest.id == created.draft_version.id

    def test_deploying_given_steps_leaves_the_draft_alone(self, pagemill_server: PagemillServer) -> None:
        client = pagemill_server.sdk()
        created = client.workflows.create(name=unique("direct"))
        deployed = client.workflow_versions.create(
            created.id, steps=classify_and_review(saved_extractor=False)
        )
        assert deployed.version == "1" and len(deployed.steps) == 10
        assert names(client.workflow_versions.retrieve(created.id, "draft")) == ["trigger", "parse"]

    def test_every_step_type_round_trips_verbatim(self, pagemill_server: PagemillServer) -> None:
        steps = classify_and_review(saved_extractor=False)
        with pagemill_server.client() as http:
            response = http.post("/workflows", json={"name": unique("echo"), "steps": steps})
            assert response.status_code == 200, response.text
            assert response.json()["draftVersion"]["steps"] == steps


class TestWireShapes:
    def test_workflow_version_and_summaries_carry_exactly_the_sdk_keys(
        self, pagemill_server: PagemillServer
    ) -> None:
        with pagemill_server.client() as http:
            steps = unconfigured_extract()
            workflow = http.post("/workflows", json={"name": unique("shapes"), "steps": steps}).json()
            assert set(workflow) == WORKFLOW_KEYS and workflow["object"] == "workflow"
            assert RFC3339.match(workflow["createdAt"]) and RFC3339.match(workflow["updatedAt"])
            draft = workflow["draftVersion"]
            assert set(draft) == VERSION_KEYS and draft["object"] == "workflow_version"
            assert draft["name"] is None and draft["version"] == "draft"
            assert draft["steps"][2] == {"name": "extract", "type": "EXTRACT"}  # unconfigured: no config key

            summary = http.get("/workflows", params={"maxPageSize": 100}).json()
            assert summary["object"] == "list" and "nextPageToken" in summary
            mine = next(item for item in summary["data"] if item["id"] == workflow["id"])
            assert set(mine) == WORKFLOW_KEYS - {"draftVersion"}

            versions = http.get(f"/workflows/{workflow['id']}/versions").json()
            assert versions["object"] == "list" and versions["nextPageToken"] is None
            assert [set(item) for item in versions["data"]] == [VERSION_KEYS - {"steps"}]

    def test_lists_page_with_tokens(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            workflow_id = http.post(
                "/workflows", json={"name": unique("paged"), "steps": extract_then_done()}
            ).json()["id"]
            for _ in range(3):
                assert http.post(f"/workflows/{workflow_id}/versions", json={}).status_code == 200
            seen: list[str] = []
            params: dict[str, Any] = {"maxPageSize": 2, "sortDir": "asc"}
            while True:
                page = http.get(f"/workflows/{workflow_id}/versions", params=params).json()
                seen += [item["version"] for item in page["data"]]
                if page["nextPageToken"] is None:
                    break
                params["nextPageToken"] = page["nextPageToken"]
            assert seen == ["draft", "1", "2", "3"]

    def test_updating_a_workflow_moves_it_first_by_updated_at(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            older = http.post("/workflows", json={"name": unique("older")}).json()["id"]
            http.post("/workflows", json={"name": unique("newer")})
            http.post(f"/workflows/{older}", json={"name": unique("older-renamed")})
            page = http.get(
                "/workflows", params={"sortBy": "updatedAt", "sortDir": "desc", "maxPageSize": 1}
            ).json()
            assert [item["id"] for item in page["data"]] == [older] and page["nextPageToken"]


class TestErrors:
    def test_bad_formula_at_deploy_is_400_with_path_and_column(self, pagemill_server: PagemillServer) -> None:
        steps = extract_then_done()
        steps[2]["next"] = [{"step": "rules"}]
        steps.insert(
            3,
            {
                "name": "rules",
                "type": "RULE_VALIDATION",
                "config": {"rules": [{"name": "sum", "formula": "x.a = 1 OR FOO(2)"}]},
                "next": [{"step": "done", "result": "pass"}],
            },
        )
        with pagemill_server.client() as http:
            workflow_id = http.post("/workflows", json={"name": unique("formula")}).json()["id"]
            response = http.post(f"/workflows/{workflow_id}/versions", json={"steps": steps})
            body = assert_envelope(response, 400, "INVALID_REQUEST")
            assert body["message"] == "steps[3].config.rules[0].formula: unknown function FOO at column 12"
        client = pagemill_server.sdk()
        with pytest.raises(BadRequestError):
            client.workflows.create(name=unique("formula"), steps=steps)

    def test_deploying_an_unconfigured_draft_is_refused_and_deploys_nothing(
        self, pagemill_server: PagemillServer
    ) -> None:
        steps = unconfigured_extract()
        with pagemill_server.client() as http:
            workflow_id = http.post("/workflows", json={"name": unique("draft"), "steps": steps}).json()["id"]
            body = assert_envelope(
                http.post(f"/workflows/{workflow_id}/versions", json={}), 400, "INVALID_REQUEST"
            )
            assert body["message"] == (
                "The draft cannot be deployed: "
                "steps[2].config: EXTRACT steps need a config before the workflow is deployed"
            )
            versions = http.get(f"/workflows/{workflow_id}/versions").json()["data"]
            assert [item["version"] for item in versions] == ["draft"]

    @pytest.mark.parametrize(
        ("body", "message_starts"),
        [
            ({"name": ""}, "Invalid request: name:"),
            (
                {"name": "x", "steps": [{"name": "a", "type": "TRIGGER"}]},
                "steps: a workflow needs exactly one PARSE",
            ),
            ({"name": "x", "steps": ["TRIGGER"]}, "steps[0]: must be an object"),
            ({"name": "x", "steps": {"name": "a"}}, "Invalid request: steps:"),
        ],
    )
    def test_invalid_create_bodies_are_400(
        self, pagemill_server: PagemillServer, body: dict[str, Any], message_starts: str
    ) -> None:
        with pagemill_server.client() as http:
            response = http.post("/workflows", json=body)
        assert str(assert_envelope(response, 400, "INVALID_REQUEST")["message"]).startswith(message_starts)

    def test_invalid_update_keeps_the_previous_draft(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            workflow = http.post(
                "/workflows", json={"name": unique("keep"), "steps": extract_then_done()}
            ).json()
            broken = extract_then_done()
            broken[2]["next"] = [{"step": "nowhere"}]
            response = http.post(f"/workflows/{workflow['id']}", json={"steps": broken})
            body = assert_envelope(response, 400, "INVALID_REQUEST")
            assert str(body["message"]).startswith("steps[2].next[0].step: no step named 'nowhere'; ")
            assert http.get(f"/workflows/{workflow['id']}").json()["draftVersion"] == workflow["draftVersion"]

    @pytest.mark.parametrize("version", ["7", "workflow_version_01m00000000000000000000000", "newest"])
    def test_unknown_versions_are_404(self, pagemill_server: PagemillServer, version: str) -> None:
        client = pagemill_server.sdk()
        created = client.workflows.create(name=unique("versions"))
        with pytest.raises(NotFoundError):
            client.workflow_versions.retrieve(created.id, version)

    def test_unknown_workflow_is_404_on_every_route(self, pagemill_server: PagemillServer) -> None:
        with pagemill_server.client() as http:
            missing = "workflow_01m00000000000000000000000"
            for response in (
                http.get(f"/workflows/{missing}"),
                http.post(f"/workflows/{missing}", json={"name": "x"}),
                http.post(f"/workflows/{missing}/versions", json={}),
                http.get(f"/workflows/{missing}/versions"),
                http.get(f"/workflows/{missing}/versions/draft"),
            ):
                assert_envelope(response, 404, "NOT_FOUND")


class TestWebhookEvents:
    def test_creating_and_deploying_fire_workflow_events(self, pagemill_server: PagemillServer) -> None:
        receiver = Receiver()
        client = pagemill_server.sdk()
        endpoint = client.webhook_endpoints.create(
            url=receiver.url("/workflows"),
            name=unique("workflow events"),
            enabled_events=["workflow.created", "workflow.deployed"],
            api_version="2026-02-09",
        )
        try:
            created = client.workflows.create(name=unique("announced"), steps=extract_then_done())
            client.workflow_versions.create(created.id)
            events = [json.loads(item.body) for item in receiver.wait_for(2, path="/workflows")]
        finally:
            client.webhook_endpoints.delete(endpoint.id)
            receiver.close()
        # Each delivery is its own job, so they may arrive in either order.
        assert sorted(event["eventType"] for event in events) == ["workflow.created", "workflow.deployed"]
        for event in events:
            assert event["payload"]["object"] == "workflow" and event["payload"]["id"] == created.id
            assert set(event["payload"]) == WORKFLOW_KEYS
