"""SQLAlchemy tables, one module per aggregate. Importing this package registers them all."""

from pagemill.models.api_key import ApiKey
from pagemill.models.file import File
from pagemill.models.workspace import Workspace

__all__ = ["ApiKey", "File", "Workspace"]
