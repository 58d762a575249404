"""Say what a TOML syntax error means, in the maintainer's terms.

tomli's messages are exact but terse ("cannot overwrite a value",
"illegal character '\\n'"); a maintainer wants to read "duplicate key
'title'" or "string not closed before the end of the line", and what to
write instead. `explain` looks at tomli's message and at the text around
the position it gives, and returns a clearer message with what was
expected. Anything it does not recognise keeps tomli's own words, so a
new tomli message is never lost, only left unexplained.
"""

from __future__ import annotations

import re

__all__ = ["explain"]

_KEY_AT_LINE_START = re.compile(
    r"""\s*((?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|"[^"\n]*"|'[^'\n]*'))*)\s*="""
)
_DECLARED_TWICE = re.compile(r"cannot declare \((.*)\) twice")
_ILLEGAL_CHARACTER = re.compile(r"illegal character '(.*)'")
_VALUE_AFTER_EQUALS = re.compile(r"=\s*(.*?)\s*(?:#.*)?$")

_VALUE_KINDS = (
    'a "string", a number such as 3 or 3.5, a date such as 2025-09-29, true or false, '
    "an [array] or an { inline = table }"
)


def explain(
    message: str, text: str, line: int | None, column: int | None
) -> tuple[str, str | None]:
    """(clearer message, what was expected) for tomli's `message` at `line`:`column`."""
    source_line = _line(text, line)
    at = _char_at(source_line, column)
    newer = _toml_1_1(message, source_line, column, at)
    if newer is not None:
        return newer

    illegal = _ILLEGAL_CHARACTER.fullmatch(message)
    if illegal:
        if at == "\n" or illegal.group(1) == "\\n":
            return (
                "string not closed before the end of the line",
                'a closing quote on the same line, or """triple quotes""" for text over several lines',
            )
        code = _code_point(at)
        if code is not None:
            return (
                f"control character {code} in the text",
                "printable text; write a control character as an escape such as \\u0007, or remove it",
            )
    if message == "unterminated string":
        return "string never closed: the file ends inside it", "a closing quote"
    if message.startswith("unescaped '\\'"):
        return (
            "a backslash that starts no valid escape",
            "\\\\ for a backslash, an escape such as \\n or \\u00e9, or a 'literal string'",
        )
    if "not a Unicode scalar value" in message:
        return (
            "a \\u escape names no character (a surrogate, or past U+10FFFF)",
            "a code point such as \\u00e9 or \\U0001F600",
        )
    if message == "cannot overwrite a value":
        key = _key_of(source_line)
        what = f"duplicate key '{key}'" if key else "a key is given a value twice"
        return what, "each key once in a table"
    twice = _DECLARED_TWICE.fullmatch(message)
    if twice:
        name = ".".join(
            part.strip().strip("'\"") for part in twice.group(1).split(",") if part.strip()
        )
        return (
            f"table [{name}] declared twice (or after [[{name}]])",
            f"[{name}] once, or [[{name}]] for each element of an array of tables",
        )
    if message == "invalid date or datetime":
        value = _value_of(source_line)
        return (
            f"invalid date '{value}'" if value else "invalid date",
            "a real calendar date written YYYY-MM-DD, such as 2025-09-29",
        )
    if message == "expected newline or end of document after a statement":
        value = _value_of(source_line)
        if value:
            return f"invalid value '{value}'", _VALUE_KINDS
        return "unexpected text after a value", "one key = value per line"
    if message == "invalid value":
        value = _value_of(source_line)
        if not value:
            return "missing value after '='", _VALUE_KINDS
        return f"invalid value '{value}'", _VALUE_KINDS
    if message == "invalid initial character for a key part":
        return (
            "a key was expected here",
            "a key such as title, or a quoted key; inline tables stay on one line",
        )
    if message == "unclosed array":
        return "array never closed", "a ] closing the array"
    return message, None


_TIME_WITHOUT_SECONDS = re.compile(r"(?:\d{4}-\d{2}-\d{2}[Tt ])?\d{2}:\d{2}(?!:)\S*")
_HEX_BYTE = re.compile(r"[0-9A-Fa-f]{2}")
_READS_1_0 = "coop-tui reads TOML 1.0.0"


def _toml_1_1(
    message: str, source_line: str, column: int | None, at: str
) -> tuple[str, str] | None:
    """Say so when the error is something TOML 1.1 allows and TOML 1.0 does not.

    Editors and other tools may accept these; coop-tui reads TOML 1.0.0 on every
    Python (tui/loader/toml_reader.py), so it names the rule and the 1.0 way to write it.
    """
    if message.startswith("unescaped '\\'") and column is not None and column >= 3:
        escape = source_line[column - 3 : column - 1]
        if escape == "\\e":
            return "\\e is a TOML 1.1 escape", f"\\u001b for ESC; {_READS_1_0}"
        if escape == "\\x":
            code = source_line[column - 1 : column + 1]
            code = code.upper() if _HEX_BYTE.fullmatch(code) else "HH"
            return "\\x is a TOML 1.1 escape", f"\\u00{code} instead; {_READS_1_0}"
    if message == "invalid initial character for a key part" and column is not None:
        before = source_line[: column - 1]
        if at == "}" and before.rstrip().endswith(","):
            return (
                "a comma after the last value of an inline table",
                f"no comma before the closing }}; {_READS_1_0}",
            )
        if at in ("\n", "#") and before.count("{") > before.count("}"):
            return (
                "a line break inside an inline table { }",
                f"the whole {{ ... }} on one line, or a [table]; {_READS_1_0}",
            )
    if message in ("expected newline or end of document after a statement", "invalid value"):
        value = _value_of(source_line)
        if _TIME_WITHOUT_SECONDS.fullmatch(value):
            return (
                f"a time without seconds '{value}'",
                f"seconds, such as 10:30:00; {_READS_1_0}",
            )
    return None


def _line(text: str, line: int | None) -> str:
    if line is None or line < 1:
        return ""
    lines = text.split("\n")
    return lines[line - 1] + "\n" if line <= len(lines) else ""


def _char_at(source_line: str, column: int | None) -> str:
    if column is None or not 1 <= column <= len(source_line):
        return ""
    return source_line[column - 1]


def _code_point(char: str) -> str | None:
    if len(char) != 1:
        return None
    return f"U+{ord(char):04X}"


def _key_of(source_line: str) -> str | None:
    match = _KEY_AT_LINE_START.match(source_line)
    return re.sub(r"\s+", "", match.group(1)) if match else None


def _value_of(source_line: str) -> str:
    match = _VALUE_AFTER_EQUALS.search(source_line.rstrip("\n"))
    return match.group(1) if match else ""
