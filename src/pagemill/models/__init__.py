"""SQLAlchemy tables, one module per aggregate. Importing this package registers them all."""

from pagemill.models.api_key import ApiKey
from pagemill.models.batch_run import BatchRun
from pagemill.models.file import File
from pagemill.models.llm_rate_bucket import LlmRateBucket
from pagemill.models.processor_run import ProcessorRun
from pagemill.models.saved_processor import SavedProcessor, SavedProcessorVersion
from pagemill.models.webhook import (
    WebhookDelivery,
    WebhookDeliveryAttempt,
    WebhookEndpoint,
    WebhookEvent,
    WebhookSubscription,
)
from pagemill.models.workflow import Workflow, WorkflowVersion
from pagemill.models.workflow_run import WorkflowRun, WorkflowStepRun
from pagemill.models.workspace import Workspace

__all__ = [
    "ApiKey",
    "BatchRun",
    "File",
    "LlmRateBucket",
    "ProcessorRun",
    "SavedProcessor",
    "SavedProcessorVersion",
    "WebhookDelivery",
    "WebhookDeliveryAttempt",
    "WebhookEndpoint",
    "WebhookEvent",
    "WebhookSubscription",
    "Workflow",
    "WorkflowRun",
    "WorkflowStepRun",
    "WorkflowVersion",
    "Workspace",
]
