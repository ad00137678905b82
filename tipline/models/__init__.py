"""Typed SQLAlchemy models, one aggregate per module.

Importing this package registers every table on ``Base.metadata``; models never
commit (services and views decide when a unit of work ends).
"""

from tipline.models.base import Base
from tipline.models.tip import TIP_STATUSES, Attachment, Tip

__all__ = ["TIP_STATUSES", "Attachment", "Base", "Tip"]
