"""The old home of `tui.loader.format_schema` (the JSON Schema of the data format).

It moved into the loader package; this re-export keeps `from tui.format_schema import ...`
working. New code imports from `tui.loader.format_schema`.
"""

from tui.loader.format_schema import DESCRIPTIONS, json_schema, json_schema_text

__all__ = ["DESCRIPTIONS", "json_schema", "json_schema_text"]
