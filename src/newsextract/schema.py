"""The citable JSON Schema of the output: :func:`issue_json_schema`.

The schema names its dialect (``$schema``: JSON Schema 2020-12) and carries the schema
version in its identifier (``$id``): ``https://newsextract.dev/schema/issue/MAJOR.MINOR.json``,
the same string as ``Issue.schema_version``. Two documents with the same ``$id`` have the
same fields. The ``$id`` identifies the schema; it is not promised to be downloadable (the
schema is printed by ``newsextract schema`` and committed as ``docs/schema.json``).

The versioning rule (``docs/schema.md``): adding a field or a table bumps the minor version
(``1.0`` to ``1.1``); renaming, removing or retyping one bumps the major version (``2.0``).
"""

from __future__ import annotations

from newsextract.models import SCHEMA_VERSION, Issue

__all__ = ["JSON_SCHEMA_DIALECT", "SCHEMA_ID", "SCHEMA_ID_TEMPLATE", "issue_json_schema"]

#: The JSON Schema dialect of :func:`issue_json_schema` (its ``$schema``).
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
#: The pattern of ``$id``: one identifier per schema version.
SCHEMA_ID_TEMPLATE = "https://newsextract.dev/schema/issue/{version}.json"
#: The ``$id`` of the current schema.
SCHEMA_ID = SCHEMA_ID_TEMPLATE.format(version=SCHEMA_VERSION)


def issue_json_schema() -> dict[str, object]:
    """Return the JSON Schema of :class:`~newsextract.models.Issue` with ``$schema`` and ``$id``.

    This is what ``newsextract schema`` prints and ``docs/schema.json`` holds.
    """
    return {"$schema": JSON_SCHEMA_DIALECT, "$id": SCHEMA_ID, **Issue.model_json_schema()}
