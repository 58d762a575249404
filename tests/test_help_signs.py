"""The help explains the signs the Trade page uses: ✓ met, ○ to go, ≠ sources disagree."""

from __future__ import annotations

import pytest

from tui.model import Dataset, Lang
from tui.report import text_report
from tui.screens.help import sections

# What each sign means, in the words the page itself puts after it.
MEANINGS: dict[Lang, dict[str, str]] = {
    "en": {"✓": "met", "○": "to go", "≠": "sources disagree"},
    "ru": {"✓": "достигнуто", "○": "осталось", "≠": "источники расходятся"},
}


def _sign_rows(lang: Lang) -> list[tuple[str, str]]:
    return sections(lang)[-1][1]


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_help_says_what_the_trade_signs_mean(lang: Lang) -> None:
    rows = _sign_rows(lang)
    for sign, meaning in MEANINGS[lang].items():
        texts = [what for keys, what in rows if sign in keys.split()]
        assert texts, (lang, sign)
        assert meaning in texts[0], (lang, sign, texts[0])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_every_such_sign_on_the_bundled_trade_page_is_in_the_help(
    bundled_dataset: Dataset, lang: Lang
) -> None:
    page = text_report(bundled_dataset, lang, topic_id="trade", width=120)
    keys = " ".join(k for k, _w in _sign_rows(lang)).split()
    shown = [sign for sign in MEANINGS[lang] if sign in page]
    assert "○" in shown and "≠" in shown
    for sign in shown:
        assert sign in keys, (lang, sign)
