"""The states of webhook endpoints and deliveries, as stored and shown."""

from __future__ import annotations

from enum import StrEnum

ENABLED = "enabled"


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SUCCEEDED = "succeeded"
    FAILED = "failed"
