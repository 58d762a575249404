"""coop-tui's own words in Russian and English, and locale-aware formatting.

Data text is bilingual in the data files; this module holds only the labels
the program itself prints, so that `l` switches every word on screen.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Mapping

from . import numbers
from .model import Lang, PartialDate, Qualifier

_LABELS: dict[str, tuple[str, str]] = {
    # key: (ru, en)
    "app.subtitle": ("Санкт-Петербург ⇄ Беларусь", "St Petersburg ⇄ Belarus"),
    "topics": ("Темы", "Topics"),
    "detail": ("Подробности", "Details"),
    "summary": ("Кратко", "Summary"),
    "facts": ("Факты", "Facts"),
    "quotes": ("Цитаты", "Quotes"),
    "figures": ("Показатели", "Figures"),
    "mentions": ("Упоминаются", "Mentions"),
    "subtopics": ("Подтемы", "Subtopics"),
    "sources": ("Источники", "Sources"),
    "organisation": ("Организации", "Organisations"),
    "person": ("Люди", "People"),
    "place": ("Места", "Places"),
    "event": ("События", "Events"),
    "reported": ("Опубликованные значения", "Reported figures"),
    "target": ("Цель", "Target"),
    "due": ("срок", "due"),
    "latest_full_year": ("Последний полный год", "Latest full year"),
    "span.full-year": ("полный год", "full year"),
    "span.part-year": ("часть года", "part of the year"),
    "span.statement": ("заявление", "a statement"),
    "disagree": ("источники расходятся", "sources disagree"),
    "disagreements": ("Источники расходятся", "Sources disagree"),
    "left.exact": ("осталось {amount}", "{amount} to go"),
    "left.at-most": ("осталось не более {amount}", "at most {amount} to go"),
    "left.at-least": ("осталось не менее {amount}", "at least {amount} to go"),
    "left.about": ("осталось около {amount}", "about {amount} to go"),
    "left.more-than": ("осталось более {amount}", "more than {amount} to go"),
    "state.met": ("цель достигнута", "met"),
    "state.about": ("примерно на уровне цели", "about at the target"),
    "state.unknown": ("неизвестно, достигнута ли цель", "not known whether met"),
    "no_year_figure": ("данных за {year} год пока нет", "no {year} figure reported yet"),
    "no_full_year_figure": ("данных за полный год пока нет", "no full-year figure reported yet"),
    "by_latest_full_year": ("по последнему полному году", "measured by the latest full year"),
    "by_year": ("по данным того же года", "measured by the same year"),
    "context": ("для справки, не прогресс", "for context, not progress"),
    "chart.title": ("По периодам", "By period"),
    "chart.full": ("полный год", "full year"),
    "chart.part": ("часть года", "part of a year"),
    "chart.statement": ("заявление", "statement"),
    "chart.lower": ("+ нижняя граница («более»)", "+ lower bound (“more than”)"),
    "chart.upper": ("‹ верхняя граница («до»)", "‹ upper bound (“up to”)"),
    "chart.target": ("цель", "target"),
    "translated": ("перевод; оригинал на русском", "translation; the Russian original"),
    "as_of": ("на", "as of"),
    "no_figure": ("нет данных", "no figure"),
    "no_target": ("целей нет", "no targets set"),
    "no_value_for_bar": ("значение не опубликовано", "no reported value"),
    "untranslated": ("нет перевода", "untranslated"),
    "loading": ("Загрузка и проверка данных…", "Loading and checking the data…"),
    "lang.switch": ("Язык", "Language"),
    "help.title": ("Справка по клавишам", "Keys"),
    "help.close": ("Esc, q или ? — закрыть", "Esc, q or ? closes this"),
    "help.tree": ("Дерево тем", "Topic tree"),
    "help.detail": ("Панель подробностей", "Detail pane"),
    "help.everywhere": ("Везде", "Everywhere"),
    "key.move": ("вниз / вверх", "move down / up"),
    "key.first_last": ("первая / последняя строка", "first / last line"),
    "key.page": ("страница вверх / вниз", "page up / down"),
    "key.toggle": ("раскрыть / свернуть тему", "expand / collapse a topic"),
    "key.expand": ("раскрыть тему", "expand a topic"),
    "key.collapse": (
        "свернуть тему или перейти к родительской",
        "collapse, or go to the parent topic",
    ),
    "key.scroll": ("прокрутка", "scroll"),
    "key.scroll_lr": ("прокрутка влево / вправо", "scroll left / right"),
    "key.focus": (
        "другая панель (уже 60 колонок — одна панель за раз)",
        "other pane (below 60 columns one pane at a time)",
    ),
    "key.language": ("русский ⇄ английский", "Russian ⇄ English"),
    "key.help": ("эта справка", "this help"),
    "key.palette": ("палитра команд: темы оформления и др.", "command palette: themes and more"),
    "key.suspend": ("в фон, к оболочке (вернуться: fg)", "suspend to the shell (fg comes back)"),
    "key.quit": ("выход", "quit"),
    "binding.move": ("выбор", "move"),
    "binding.help": ("справка", "help"),
    "binding.quit": ("выход", "quit"),
    "binding.language": ("English", "Русский"),
    "binding.pane": ("панель", "pane"),
    "binding.open": ("раскрыть", "open"),
    "binding.palette": ("команды", "palette"),
    "quote.said": ("сказал(а)", "said"),
    # Pages of entities and sources
    "kind.topic": ("Тема", "Topic"),
    "kind.organisation": ("Организация", "Organisation"),
    "kind.person": ("Человек", "Person"),
    "kind.place": ("Место", "Place"),
    "kind.event": ("Событие", "Event"),
    "kind.source": ("Источник", "Source"),
    "mentioned_in": ("Упоминается в", "Mentioned in"),
    "cited_in": ("Цитируется в", "Cited in"),
    "describes": ("Описывает", "Describes"),
    "nowhere": ("нигде", "nowhere"),
    "described_in": ("источник описания", "described in"),
    "cite.source": ("Источник", "Source"),
    # Search, history, bookmarks, copying
    "search.prompt": ("поиск", "search"),
    "search.placeholder": ("что найти…", "type to search…"),
    "search.none": ("ничего не найдено", "no matches"),
    "search.indexing": ("индексирую…", "indexing…"),
    "search.position": (
        "{at}/{total} · n/N далее/назад · Esc сброс",
        "{at}/{total} · n/N next/prev · Esc clears",
    ),
    "search.filtered": ("{topics} из {all}", "{topics} of {all}"),
    "history.start": ("назад некуда", "nothing further back"),
    "history.end": ("вперёд некуда", "nothing further forward"),
    "bookmark.added": ("Закладка добавлена: {name}", "Bookmarked: {name}"),
    "bookmark.removed": ("Закладка удалена: {name}", "Bookmark removed: {name}"),
    "bookmarks.title": ("Закладки", "Bookmarks"),
    "bookmarks.empty": (
        "Закладок нет: b добавляет открытую страницу",
        "No bookmarks yet: b bookmarks the open page",
    ),
    "bookmarks.close": (
        "Enter — открыть, d — удалить, Esc — закрыть",
        "Enter opens, d deletes, Esc closes",
    ),
    "bookmark.kind": ("закладка", "bookmark"),
    "copied": ("Скопировано: {what}", "Copied: {what}"),
    "palette.open": ("открыть", "open"),
    "help.search": ("Поиск", "Search"),
    "help.links": ("Страницы", "Pages"),
    "key.search": ("поиск (по мере ввода)", "search as you type"),
    "key.search_go": ("открыть лучшее совпадение", "open the best match"),
    "key.search_step": ("следующее / предыдущее совпадение", "next / previous match"),
    "key.search_clear": ("сбросить поиск, вернуть дерево", "clear the search, restore the tree"),
    "key.links": ("следующая / предыдущая ссылка (в панели)", "next / previous link (in the pane)"),
    "key.follow": ("перейти по ссылке", "follow the link"),
    "key.back_forward": ("назад / вперёд по истории", "back / forward in history"),
    "key.bookmark": ("закладка на открытую страницу", "bookmark the open page"),
    "key.bookmarks": ("список закладок", "list of bookmarks"),
    "key.copy": ("копировать цитату (OSC 52)", "copy a citation (OSC 52)"),
    "binding.search": ("поиск", "search"),
    "binding.copy": ("копия", "copy"),
    "binding.back": ("назад", "back"),
    "binding.bookmark": ("закладка", "mark"),
    "too_small": (
        "Мало места: {width}×{height}\nнужно {min_width}×{min_height}\nq — выход",
        "Terminal too small: {width}×{height}\nneeds {min_width}×{min_height}\nq quits",
    ),
    "key.back": ("назад к дереву тем", "back to the topic tree"),
    "reload.failed": (
        "Данные не перечитаны: на экране последняя верная версия. Исправьте файл:",
        "Data not reloaded: showing the last good data. Fix the file:",
    ),
    "reload.more": ("и ещё проблем: {count} (coop-tui check)", "and {count} more (coop-tui check)"),
    "reload.done": ("Данные перечитаны", "Data reloaded"),
}

_QUALIFIER_WORDS: dict[Qualifier, tuple[str, str]] = {
    "exact": ("", ""),
    "more-than": ("более", "more than"),
    "at-least": ("не менее", "at least"),
    "about": ("около", "about"),
    "up-to": ("до", "up to"),
    "less-than": ("менее", "less than"),
}

# How a qualifier carries over to a percentage of a target: "more than 3.0"
# against 4.0 is "≥75 %", never a flat "75 %".
_QUALIFIER_SIGNS: Mapping[Qualifier, str] = {
    "exact": "",
    "more-than": "≥",
    "at-least": "≥",
    "about": "≈",
    "up-to": "≤",
    "less-than": "<",
}


def label(key: str, lang: Lang) -> str:
    ru, en = _LABELS[key]
    return ru if lang == "ru" else en


# Words that change with a number: (Russian one, few, many), (English one, other).
_COUNTED: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    # Russian keeps the short "совп." of every number: the search line is narrow.
    "matches": (("{n} совп.", "{n} совп.", "{n} совп."), ("{n} match", "{n} matches")),
    "in_topics": (("в {n} теме", "в {n} темах", "в {n} темах"), ("in {n} topic", "in {n} topics")),
}


def counted(key: str, count: int, lang: Lang) -> str:
    """`count` with its word in the form the number takes: "1 topic", "2 темах", "21 теме"."""
    ru, en = _COUNTED[key]
    if lang == "en":
        form = en[0] if count == 1 else en[1]
    elif count % 10 == 1 and count % 100 != 11:
        form = ru[0]
    elif 2 <= count % 10 <= 4 and not 12 <= count % 100 <= 14:
        form = ru[1]
    else:
        form = ru[2]
    return form.format(n=count)


def search_count(matches: int, topics: int, lang: Lang) -> str:
    """The search line's tally: "7 matches in 2 topics", "1 match in 1 topic"."""
    return f"{counted('matches', matches, lang)} {counted('in_topics', topics, lang)}"


def qualifier_words(qualifier: Qualifier, lang: Lang) -> str:
    ru, en = _QUALIFIER_WORDS[qualifier]
    return ru if lang == "ru" else en


def qualifier_sign(qualifier: Qualifier) -> str:
    return _QUALIFIER_SIGNS[qualifier]


def format_number(value: float, lang: Lang) -> str:
    """3.0 -> "3.0", 30 -> "30", 1.743 -> "1.743" (ru: "1,743"): as the source wrote it."""
    return numbers.format_number(value, lang)


def format_date(value: date) -> str:
    # ISO dates read the same in both languages and sort as they read.
    return value.isoformat()


def format_when(value: PartialDate) -> str:
    """A fact's own date, as precise as its source: "2019", "2019-05" or a day."""
    return str(value)


def lang_from_environment(environ: Mapping[str, str] | None = None) -> Lang:
    """The language a POSIX locale asks for: LC_ALL, then LC_MESSAGES, then LANG.

    Only Russian locales give Russian; anything else (C, POSIX, unset) gives English.
    """
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "ru" if value.lower().startswith("ru") else "en"
    return "en"
