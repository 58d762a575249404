"""Russian mode reads as Russian: every UI string, Textual's included; «» and dd.mm.yyyy;
the language chosen is remembered like the theme."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from drive import open_palette, search, wait_until
from helpers import notice_texts, screen_text
from textual.app import App

from tui.cache import DatasetCache
from tui.factory import make_app
from tui.i18n import format_date, labels, quoted
from tui.links import PageRef
from tui.model import Dataset, Lang
from tui.render import citation
from tui.state import StateStore
from tui.ui.screens.help import sections
from tui.ui.widgets import TopicTree

# Latin words allowed in Russian text: names, formats, units and keys.
NAMES = {
    "coop",
    "tui",
    "check",
    "fg",
    "EN",
    "RU",
    "English",
    "Markdown",
    "SVG",
    "OSC",
    "URL",
    "USD",
    "JSON",
    "UTF",
}
KEYS = {
    "Ctrl",
    "Enter",
    "Esc",
    "Tab",
    "Shift",
    "Space",
    "PgUp",
    "PgDn",
    "Home",
    "End",
    "Del",
    "Alt",
}
ALLOWED = NAMES | KEYS
LATIN_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{2,}(?![A-Za-z])")


URLS: list[str] = []


def english_words(text: str, also: AbstractSet[str] = frozenset()) -> set[str]:
    text = re.sub(r"\{[a-z_]+\}", "", text)  # format fields
    words = {w for w in LATIN_WORD.findall(text) if w not in ALLOWED | also}
    # A web address from the data, wrapped over lines, is cut into pieces of words.
    return {w for w in words if not any(w in url for url in URLS)}


def data_words(dataset: Dataset, lang: Lang = "ru") -> set[str]:
    """Latin words the data itself holds in Russian (names, models, addresses): data, not UI."""
    words: set[str] = set()
    texts = []
    for topic in dataset.topics.values():
        texts += [topic.title, topic.summary] + [f.text for f in topic.facts]
        texts += [q.text for q in topic.quotes]
    for entity in dataset.entities.values():
        texts += [entity.name, entity.short_name, entity.description, entity.role]
        words |= set(LATIN_WORD.findall(entity.url or ""))
    for source in dataset.sources.values():
        texts += [source.title, source.publisher, source.note]
        words |= set(LATIN_WORD.findall(source.url or ""))
    for metric in dataset.metrics.values():
        texts += [metric.title, metric.note] + [o.note for o in metric.observations]
        texts += [t.label for t in metric.targets] + [t.note for t in metric.targets]
        texts.append(metric.unit)
    for text in texts:
        if text is not None:
            words |= set(LATIN_WORD.findall(text.get(lang)))
    return words


def test_every_russian_label_reads_as_russian() -> None:
    for key, text in labels("ru").items():
        assert not english_words(text), (key, text)
    for heading, rows in sections("ru"):
        assert not english_words(heading)
        for _keys, what in rows:
            assert not english_words(what), what


@pytest.mark.slow
async def test_every_russian_screen_reads_as_russian(
    bundled_dataset: Dataset, tmp_path: Path
) -> None:
    also = data_words(bundled_dataset)
    URLS[:] = [s.url for s in bundled_dataset.sources.values() if s.url]
    URLS.extend(e.url for e in bundled_dataset.entities.values() if e.url)
    app = make_app(lang="ru", state=StateStore(tmp_path / "state.json"))
    seen: list[str] = []
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()

        def look(where: str, data: set[str] = also) -> None:
            text = screen_text(app)
            seen.append(text)
            assert not english_words(text, data), (where, english_words(text, data))

        look("first screen")
        for keys in (("j", "j", "j"), ("l", "l"), ("tab",), ("tab", "tab")):
            await pilot.press(*keys)
            await pilot.pause()
            look(f"after {keys}")
        await pilot.press("escape", "b")  # a bookmark, and its notice
        await pilot.pause()
        look("bookmarked")
        await pilot.press("B")
        await pilot.pause()
        look("bookmarks")
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        look("help")
        await pilot.press("escape", "ctrl+c")  # Textual's "Do you want to quit?"
        await pilot.pause()
        look("quit hint")
        await pilot.press("y")
        await pilot.pause()
        look("copied")
        await pilot.press("c")
        await pilot.pause()
        look("citation dialog")
        await pilot.press("escape", "Y", "o")
        await pilot.pause()
        look("no address")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.press("left_square_bracket", "left_square_bracket", "left_square_bracket")
        await pilot.pause()
        look("history start")
        app.clear_notifications()  # the toasts would cover the search line's count
        await search(pilot, "маз")
        look("search")
        await pilot.press("down", "down")
        await pilot.pause()
        look("search steps")
        await pilot.press("escape")
        await open_palette(pilot)
        # The palette names each page in both languages (so either finds it): data.
        both = also | data_words(bundled_dataset, "en")
        look("palette", both)
        await pilot.press(*"ъъыыъ")
        # The palette says so after half a second without a match (its own timer).
        await wait_until(pilot, lambda: "Ничего не найдено" in screen_text(app), "no matches")
        look("palette, nothing found", both)
        assert "Ничего не найдено" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
    # The walk saw the parts it meant to.
    everything = "\n".join(seen)
    for must in (
        "Клавиши",
        "Закладки",
        "Выход",
        "Команда или страница",
        "Отправлено в буфер",
        "совп.",
        "Цитата —",
    ):
        assert must in everything, must


def test_dates_and_quotation_marks_follow_the_language(bundled_dataset: Dataset) -> None:
    day = date(2025, 9, 29)
    assert format_date(day, "ru") == "29.09.2025"
    assert format_date(day, "en") == "2025-09-29"
    assert quoted("мотоциклы «Минск»", "ru") == "«мотоциклы „Минск“»"
    assert quoted("the “Minsk” bikes", "en") == "“the ‘Minsk’ bikes”"
    # A quote's citation, in each language.
    topic = next(t for t in bundled_dataset.topics.values() if t.quotes)
    from tui.links import ItemRef

    item = ItemRef(topic.id, "quote", 0)
    ru = citation(bundled_dataset, PageRef("topic", topic.id), "ru", item)
    en = citation(bundled_dataset, PageRef("topic", topic.id), "en", item)
    assert ru.startswith("«") and "»\n" in ru and "“" not in ru
    assert en.startswith("“") and "”\n" in en
    # Only the Russian original, where an English citation carries it, is in «».
    original = topic.quotes[0].text.ru
    assert original is not None
    assert "«" not in en or "«" + original + "»" in en
    assert re.search(r"\d\d\.\d\d\.\d{4}", ru) and not re.search(r"\d{4}-\d\d-\d\d", ru)
    assert re.search(r"\d{4}-\d\d-\d\d", en) and not re.search(r"\d\d\.\d\d\.\d{4}", en)


async def test_a_russian_page_has_one_date_format_and_russian_quotes() -> None:
    app = make_app(lang="ru")
    async with app.run_test(size=(120, 60)) as pilot:
        app.query_one("#topics", TopicTree).select_topic("trade")
        await pilot.pause()
        top = screen_text(app)
        await pilot.press("tab", "G")
        await pilot.pause()
        for text in (top, screen_text(app)):
            assert re.search(r"\d\d\.\d\d\.\d{4}", text)
            assert not re.search(r"(?<![/\w])\d{4}-\d\d-\d\d(?![/\w])", text), text  # not in URLs
            assert "“" not in text
    # The same renderer draws the pane and the report: the quote in «ёлочки».
    from tui.report import text_report

    page = text_report(app.dataset, "ru", topic_id="trade")
    assert "«Мы уже можем" in page and "“" not in page


async def test_the_language_chosen_is_remembered_and_lang_wins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    store = StateStore(tmp_path / "state.json")
    app = make_app(lang=None, state=store)
    assert app.lang == "en"  # nothing chosen yet: the locale
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("L")
        await pilot.pause()
    assert store.load().data["lang"] == "ru"
    assert make_app(lang=None, state=store).lang == "ru"  # remembered
    assert make_app(lang="en", state=store).lang == "en"  # --lang wins
    # The locale decides only before anything was chosen.
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert make_app(lang=None, state=StateStore(tmp_path / "fresh.json")).lang == "ru"
    store.update("lang", "en")
    assert make_app(lang=None, state=store).lang == "en"
    store.update("lang", "xx")  # a broken value is ignored
    assert make_app(lang=None, state=store).lang == "ru"


def toasts(app: App[Any]) -> list[str]:
    """The notices on screen, whole (a toast wraps a long path over lines)."""
    return notice_texts(app)


def without_paths(text: str, root: Path) -> str:
    """`text` with every path under `root` taken out: a path is the reader's, not UI words."""
    return re.sub(re.escape(str(root)) + r"\S*", "", text)


async def test_notices_about_the_state_file_and_the_cache_read_as_russian(tmp_path: Path) -> None:
    state = tmp_path / "state" / "state.json"
    state.parent.mkdir()
    state.write_bytes(b"{broken")
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o775)  # group-writable: refused
    app = make_app(lang="ru", state=StateStore(state), cache=DatasetCache(folder))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        shown = toasts(app)
        assert len(shown) == 1, shown
        assert "отложен" in shown[0] and "кэша" in shown[0], shown
        assert str(state) in shown[0] and str(folder) in shown[0]  # paths as they are
        assert not english_words(without_paths(shown[0], tmp_path)), shown[0]
        assert "отложен" in screen_text(app)  # the toast itself, on the screen


async def test_a_notice_after_switching_language_is_in_the_new_one(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    state.symlink_to(state)  # a link that loops: every save is refused, with a notice
    app = make_app(lang="en", state=StateStore(state))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert any("the state will not be saved" in m for m in toasts(app)), toasts(app)
        app.clear_notifications()
        await pilot.press("L")  # Russian, and the choice cannot be saved
        await pilot.pause()
        shown = toasts(app)
        assert shown and all("не сохранено" in m for m in shown), shown
        for message in shown:
            assert not english_words(without_paths(message, tmp_path)), message
        app.clear_notifications()
        await pilot.press("L")  # and back
        await pilot.pause()
        assert any("not saved" in m for m in toasts(app)), toasts(app)


async def test_the_reload_error_bar_speaks_russian_around_the_problem_lines(
    tmp_path: Path,
) -> None:
    from tui.loader import DataError, load_dataset
    from tui.ui.widgets import DataErrorBar

    bad = tmp_path / "bad.toml"
    bad.write_text("[[a]]\n[[b]]\n[[c]]\n[[d]]\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_dataset([bad])
    problems = [str(p) for p in caught.value.problems]
    assert len(problems) > 2  # one line says how many more
    app = make_app(lang="ru")
    async with app.run_test(size=(120, 40)) as pilot:
        app.data_reloaded(None, caught.value)
        await pilot.pause()
        bar = str(app.query_one(DataErrorBar).render())
        assert problems[0] in bar  # the loader's line, as `check` prints it
        around = bar
        for line in problems:
            around = around.replace(line, "")
        assert "Данные не перечитаны" in around
        assert not english_words(around), around


@pytest.mark.parametrize(
    "content",
    [
        b"{broken",
        b"\xff\xfe{}",
        b'{"theme": ' + b"9" * 5000 + b"}",
        b"[" * 100_000 + b"]" * 100_000,
        b"[1, 2]",
        b'{"theme": 1, "bookmarks": [["topic", "trade"], 5, [1]]}',
        b'{"bookmarks": {}}',
    ],
    ids=["broken", "not-utf8", "5000-digits", "deep", "array", "theme-and-bookmarks", "not-list"],
)
def test_every_state_file_notice_has_russian_words(tmp_path: Path, content: bytes) -> None:
    from tui.notices import notice_text

    path = tmp_path / "state.json"
    path.write_bytes(content)
    notice = StateStore(path).load().notice
    assert notice is not None
    russian = notice_text(notice, "ru")
    assert not english_words(without_paths(russian, tmp_path)), russian
    assert str(path) in russian and str(path) in str(notice)
