from __future__ import annotations

from pagemill.kit.crypto import SecretBox, UrlSigner


def test_secret_box_round_trip_and_key_separation() -> None:
    sealed = SecretBox(b"key-one").seal("hunter2")
    assert "hunter2" not in sealed
    assert SecretBox(b"key-one").open(sealed) == "hunter2"
    assert SecretBox(b"key-two").open(sealed) is None


def test_url_signatures_cover_every_part() -> None:
    signer = UrlSigner(b"k")
    signature = signer.sign("file_1", "1700000000")
    assert signer.verify(signature, "file_1", "1700000000")
    assert not signer.verify(signature, "file_2", "1700000000")
    assert not signer.verify(signature, "file_1", "1700000001")
    assert not UrlSigner(b"other").verify(signature, "file_1", "1700000000")
