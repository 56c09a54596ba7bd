"""SQLAlchemy tables, one module per aggregate. Importing this package registers them all."""

from pagemill.models.api_key import ApiKey
from pagemill.models.batch_run import BatchRun
from pagemill.models.file import File
from pagemill.models.processor_run import ProcessorRun
from pagemill.models.workspace import Workspace

__all__ = ["ApiKey", "BatchRun", "File", "ProcessorRun", "Workspace"]
