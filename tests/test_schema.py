"""The JSON Schema: shipped, up to date, accepted by a validator, and in agreement with the loader."""

from __future__ import annotations

import json
import math
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tui.loader import TABLES, DataError, load_dataset, toml_reader
from tui.loader.format_schema import DESCRIPTIONS, json_schema, json_schema_text

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "tui" / "schema" / "coop-tui.schema.json"


def as_editor_sees_it(value: Any) -> Any:
    """TOML values as taplo hands them to a JSON Schema validator.

    Dates become strings (taplo checks them with "format": "date"); nan and
    inf, which JSON cannot hold, become strings so that "type": "number" fails
    on them as the loader does.
    """
    if isinstance(value, dict):
        return {k: as_editor_sees_it(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees_it(v) for v in value]
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SHIPPED.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_shipped_schema_is_the_generated_one() -> None:
    # Regenerate with: coop-tui schema > tui/schema/coop-tui.schema.json
    assert SHIPPED.read_text(encoding="utf-8") == json_schema_text()


def test_every_key_of_the_format_is_described() -> None:
    schema = json_schema()
    for label, table in schema["definitions"].items():
        if label in ("text", "short_text"):
            continue
        assert table["description"], label
        for key, prop in table["properties"].items():
            assert prop["description"], f"{label}.{key}"
    assert set(schema["properties"]) == set(TABLES)
    assert all(v.strip() for v in DESCRIPTIONS.values())


def test_data_files_name_the_schema() -> None:
    for file in sorted((ROOT / "data").glob("*.toml")):
        first = file.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first == "#:schema ../tui/schema/coop-tui.schema.json", file.name
        assert (file.parent / first.split(" ", 1)[1]).resolve() == SHIPPED


def test_bundled_data_validates(validator: jsonschema.Draft7Validator) -> None:
    for file in sorted((ROOT / "data").glob("*.toml")):
        data = as_editor_sees_it(toml_reader.loads(file.read_text(encoding="utf-8")))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], file.name


# Valid TOML that breaks the format: the loader and the schema must both reject each.
# (What only `check` can see, unknown ids and cycles, is not here: no schema can.)
BAD_FILES = {
    "unknown top-level table": '[[topics]]\nid = "t"\ntitle = "T"\n',
    "unknown key (a typo)": '[[topic]]\nid = "t"\ntitel = "T"\n',
    "missing required key": '[[topic]]\nid = "t"\n',
    "id with capitals": '[[topic]]\nid = "Trade"\ntitle = "T"\n',
    "id as a number": '[[topic]]\nid = 3\ntitle = "T"\n',
    "text with a third language": '[[topic]]\nid = "t"\ntitle = { ru = "Т", de = "T" }\n',
    "empty text table": '[[topic]]\nid = "t"\ntitle = {}\n',
    "blank text": '[[topic]]\nid = "t"\ntitle = "   "\n',
    "date with a time": '[[source]]\nid = "s"\ntitle = "S"\ndate = 2025-09-29T10:00:00\n',
    "url without scheme": '[[source]]\nid = "s"\ntitle = "S"\nurl = "example.org/x"\n',
    "url with a space": '[[source]]\nid = "s"\ntitle = "S"\nurl = "https://example.org/a b"\n',
    "mentions not an array": '[[topic]]\nid = "t"\ntitle = "T"\nmentions = "maz"\n',
    "mention listed twice": '[[topic]]\nid = "t"\ntitle = "T"\nmentions = ["maz", "maz"]\n',
    "role on an organisation": '[[organisation]]\nid = "o"\nname = "O"\nrole = "R"\n',
    "unknown qualifier": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nspan = "full-year"\nvalue = 3\nqualifier = "roughly"\nsource = "s"\n'
    ),
    "value as a string": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nspan = "full-year"\nvalue = "3"\nsource = "s"\n'
    ),
    "value is true": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nspan = "full-year"\nvalue = true\nsource = "s"\n'
    ),
    "value is nan": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nspan = "full-year"\nvalue = nan\nsource = "s"\n'
    ),
    "negative target": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.target]]\n'
        'label = "L"\nvalue = -1\nsource = "s"\n'
    ),
    "value past a trillion": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nvalue = 1e308\nsource = "s"\n'
    ),
    "zero target": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.target]]\n'
        'label = "L"\nvalue = 0\nsource = "s"\n'
    ),
    "title too long": '[[topic]]\nid = "t"\ntitle = { en = "' + "x" * 501 + '" }\n',
    "summary too long": '[[topic]]\nid = "t"\ntitle = "T"\nsummary = "' + "x" * 20_001 + '"\n',
    "url too long": '[[source]]\nid = "s"\ntitle = "S"\nurl = "https://e.org/' + "x" * 2000 + '"\n',
    "too many targets": (
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n'
        + '[[metric.target]]\nlabel = "L"\nvalue = 1\nsource = "s"\n' * 101
    ),
    "fact without source": '[[topic]]\nid = "t"\ntitle = "T"\n[[topic.fact]]\ntext = "F"\n',
    "quote without speaker": (
        '[[topic]]\nid = "t"\ntitle = "T"\n[[topic.quote]]\ntext = "Q"\n'
        'date = 2025-09-29\nsource = "s"\n'
    ),
    "topic as a table, not an array": '[topic]\nid = "t"\ntitle = "T"\n',
    "only comments": "# nothing\n",
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_schema_and_loader_agree_on_bad_files(
    name: str, tmp_path: Path, validator: jsonschema.Draft7Validator
) -> None:
    text = BAD_FILES[name]
    file = tmp_path / "bad.toml"
    file.write_text(text, encoding="utf-8")
    with pytest.raises(DataError):
        load_dataset([file])
    errors = list(validator.iter_errors(as_editor_sees_it(toml_reader.loads(text))))
    assert errors, f"the schema accepts what the loader rejects: {name}"


def test_schema_and_loader_agree_on_a_good_file(
    tmp_path: Path, validator: jsonschema.Draft7Validator
) -> None:
    text = (
        '[[source]]\nid = "s"\ntitle = { ru = "И", en = "S" }\ndate = 2025-09-29\n'
        'url = "https://example.org/a?b=c#d"\n\n'
        '[[person]]\nid = "p"\nname = "P"\nrole = { en = "R" }\n\n'
        '[[metric]]\nid = "m"\ntitle = "M"\nunit = "U"\n[[metric.observation]]\n'
        'period = "2024"\ndate = 2024-12-31\nspan = "full-year"\nvalue = 3\nqualifier = "more-than"\nsource = "s"\n'
        '[[metric.target]]\nlabel = "L"\nvalue = 4.0\ndue = 2026-12-31\nsource = "s"\n\n'
        '[[topic]]\nid = "t"\ntitle = "T"\nmetrics = ["m"]\nmentions = ["p"]\n'
        '[[topic.quote]]\ntext = "Q"\nspeaker = "p"\ndate = 2025-09-29\nsource = "s"\n'
    )
    file = tmp_path / "good.toml"
    file.write_text(text, encoding="utf-8")
    load_dataset([file])
    assert list(validator.iter_errors(as_editor_sees_it(toml_reader.loads(text)))) == []
