"""`pagemill keys …`: keys are printed once, listed without their secret, and revocation takes effect at once."""

from __future__ import annotations

import httpx

from tests.server_fixtures import PagemillServer, pagemill_cli


def test_create_list_revoke(sqlite_server: PagemillServer) -> None:
    env = sqlite_server.env
    created = pagemill_cli(env, "keys", "create", "--name", "ci robot")
    secret = created.stdout.strip()
    assert secret.startswith("sk_") and len(secret) > 40 and "\n" not in secret

    listing = pagemill_cli(env, "keys", "list").stdout
    line = next(row for row in listing.splitlines() if "ci robot" in row)
    assert secret not in listing and f"sk_…{secret[-4:]}" in line and "active" in line
    key_id = line.split("\t")[0]

    headers = {"Authorization": f"Bearer {secret}"}
    assert httpx.get(sqlite_server.url + "/files", headers=headers).status_code == 200
    pagemill_cli(env, "keys", "revoke", key_id)
    assert httpx.get(sqlite_server.url + "/files", headers=headers).status_code == 401
    assert "revoked" in next(
        row for row in pagemill_cli(env, "keys", "list").stdout.splitlines() if key_id in row
    )


def test_ensure_makes_a_key_only_when_none_is_active(sqlite_server: PagemillServer) -> None:
    assert pagemill_cli(sqlite_server.env, "keys", "ensure").stdout.strip() == ""


def test_revoking_an_unknown_key_fails_clearly(sqlite_server: PagemillServer) -> None:
    result = pagemill_cli(sqlite_server.env, "keys", "revoke", "key_nope", check=False)
    assert result.returncode != 0 and "key_nope" in result.stderr
