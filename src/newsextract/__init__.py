"""newsextract: turn PDF policy newsletters into validated, typed data.

>>> from newsextract import extract_issue
>>> issue = extract_issue("fixtures/ci-2024-03.pdf")  # doctest: +SKIP
>>> issue.top_stories[0].article.title_zh  # doctest: +SKIP
"""

from newsextract.api import extract_issue, extract_issues
from newsextract.errors import (
    EncryptedPDFError,
    ExtractionError,
    InputError,
    MalformedPDFError,
    NewsExtractError,
    NotANewsletterError,
    NotAPDFError,
    NoTextLayerError,
    OutputError,
    OutputInUseError,
    ResourceLimitError,
)
from newsextract.models import SCHEMA_VERSION, Issue

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "EncryptedPDFError",
    "ExtractionError",
    "InputError",
    "Issue",
    "MalformedPDFError",
    "NewsExtractError",
    "NoTextLayerError",
    "NotANewsletterError",
    "NotAPDFError",
    "OutputError",
    "OutputInUseError",
    "ResourceLimitError",
    "__version__",
    "extract_issue",
    "extract_issues",
]
