"""The language list is model.LANGS everywhere; the command line's copy agrees with it."""

from __future__ import annotations

import inspect

from tui import cli
from tui.loader.format_schema import json_schema
from tui.model import LANGS, Localized, other_lang


def test_the_command_line_offers_the_models_languages() -> None:
    assert cli.LANGS == LANGS
    for lang in LANGS:
        assert cli.build_parser().parse_args(["--lang", lang]).lang == lang


def test_switching_language_visits_every_language_and_comes_back() -> None:
    seen = [LANGS[0]]
    while (following := other_lang(seen[-1])) != LANGS[0]:
        seen.append(following)
    assert seen == list(LANGS)


def test_bilingual_text_has_one_field_per_language_in_the_model_and_the_schema() -> None:
    # Localized is a plain class (its texts may live in a store): its sides are
    # the parameters of its constructor, and properties of the same names.
    assert tuple(inspect.signature(Localized).parameters) == LANGS
    assert all(isinstance(getattr(Localized, lang), property) for lang in LANGS)
    text = json_schema()["definitions"]["text"]["oneOf"][1]
    assert tuple(text["properties"]) == LANGS
