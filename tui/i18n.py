"""coop-tui's own words in Russian and English, and locale-aware formatting.

Data text is bilingual in the data files; this module holds only the labels
the program itself prints, so that `l` switches every word on screen.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from datetime import date

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
    # The help screen (see keymap.py): sections, then one line per key.
    "help.title": ("Клавиши", "Keys"),
    "help.tree": ("Дерево тем", "Topic tree"),
    "help.detail": ("Текст страницы", "Page text"),
    "help.search": ("Строка поиска", "Search line"),
    "help.app": ("Везде", "Everywhere"),
    "help.dialogs": ("В окнах закладок и цитаты", "Bookmarks and citation dialogs"),
    "help.help": ("Эта справка", "This help"),
    "help.glyphs": ("Значки", "Signs"),
    "help.page": ("стр. {at}/{total}", "page {at}/{total}"),
    "key.move": ("вверх / вниз", "up / down"),
    "key.collapse": ("свернуть, к родителю", "collapse, go to the parent"),
    "key.toggle": ("раскрыть/свернуть, текст", "expand, collapse, read"),
    "key.first_last": ("в начало / в конец", "first / last"),
    "key.page": ("экран вверх / вниз", "page up / down"),
    "key.focus": ("другая панель", "the other pane"),
    "key.scroll": ("прокрутка вверх / вниз", "scroll up / down"),
    "key.links": ("ссылка вперёд / назад", "next / previous link"),
    "key.follow": ("перейти по ссылке", "follow the link"),
    "key.back": ("назад к дереву тем", "back to the topic tree"),
    "key.results": ("результат выше / ниже", "previous / next result"),
    "key.search_go": ("открыть выбранный", "open the chosen result"),
    "key.search_clear": ("сбросить поиск", "clear the search"),
    "key.search": ("поиск по мере ввода", "search as you type"),
    "key.copy": ("копия: цитата / адрес", "copy citation / URL"),
    "key.views": ("хронология / указатели", "timeline / index lists"),
    "foot.timeline": ("хронология", "timeline"),
    "key.language": ("русский ⇄ английский", "Russian ⇄ English"),
    "key.palette": ("палитра команд", "command palette"),
    "key.help": ("эта справка", "this help"),
    "key.suspend": ("в фон (вернуться: fg)", "to the shell (fg: back)"),
    "key.quit": ("выход", "quit"),
    "key.delete": ("удалить закладку", "delete the bookmark"),
    "key.close": ("закрыть", "close"),
    "key.pages": ("страницы", "pages"),
    "sign.tree": ("подтемы: скрыты / видны", "subtopics hidden / shown"),
    "sign.marks": ("в закладках / источник", "bookmarked / source link"),
    "quit.title": ("Выйти?", "Quit?"),
    "quit.hint": ("Выход — q или Ctrl+Q", "q or Ctrl+Q quits"),
    # The command palette: coop-tui's actions, their help lines, Textual's own words.
    "cmd.language": ("Язык: English", "Language: Русский"),
    "cmd.language.help": ("русский ⇄ английский", "Russian ⇄ English"),
    "cmd.bookmark": ("Закладка на эту страницу", "Bookmark this page"),
    "cmd.bookmark.help": ("добавить или убрать ★", "add or remove the ★"),
    "cmd.bookmarks": ("Закладки: список", "Bookmarks: list"),
    "cmd.bookmarks.help": ("открыть или удалить закладку", "open or delete a bookmark"),
    "cmd.back": ("Назад", "Back"),
    "cmd.back.help": ("предыдущая открытая страница", "the page opened before"),
    "cmd.forward": ("Вперёд", "Forward"),
    "cmd.forward.help": ("следующая страница в истории", "the next page in the history"),
    "cmd.copy": ("Копировать цитату", "Copy citation"),
    "cmd.copy.help": (
        "текст, кто и когда сказал, источник — в буфер терминала",
        "text, who said it and when, the source — to the terminal clipboard",
    ),
    "cmd.export": ("Экспорт страницы в Markdown", "Export this page as Markdown"),
    "cmd.export.help": ("в новый файл; путь будет показан", "to a new file; the path is shown"),
    "cmd.help": ("Справка: клавиши", "Help: keys"),
    "cmd.help.help": ("все клавиши и значки", "every key and sign"),
    "cmd.theme": ("Тема оформления", "Theme"),
    "cmd.theme.help": ("цвета; выбор запоминается", "colours; the choice is remembered"),
    "cmd.screenshot": ("Снимок экрана (SVG)", "Screenshot (SVG)"),
    "cmd.screenshot.help": (
        "в текущую папку или в папку состояния",
        "to the current folder, or the state folder",
    ),
    "cmd.quit": ("Выход", "Quit"),
    "cmd.quit.help": ("закрыть coop-tui", "close coop-tui"),
    "palette.placeholder": ("Команда или страница…", "Search for commands and pages…"),
    "palette.themes": ("Тема оформления…", "Search for themes…"),
    "palette.none": ("Ничего не найдено", "No matches found"),
    "screenshot.saved": ("Снимок экрана сохранён: {path}", "Screenshot saved: {path}"),
    "screenshot.failed": ("Снимок экрана не сохранён: {why}", "Screenshot not saved: {why}"),
    "export.saved": ("Страница сохранена: {path}", "Page saved: {path}"),
    "export.failed": ("Страница не сохранена: {why}", "Page not saved: {why}"),
    # ✓ and ○ lead the line under a bar: "✓ met", "○ at most $1.0bn to go".
    "sign.bar": ("достигнуто / осталось", "reached, met / to go"),
    "sign.disagree": ("источники расходятся", "sources disagree"),
    "sign.target": ("цель позади / нет данных", "target passed / no data"),
    "sign.qualifier": (
        "более или не менее, до, около, менее",
        "more than or at least, up to, about, less than",
    ),
    "sign.keys": ("Enter, Ctrl+P", "Enter, Ctrl+P"),
    "sign.chart": ("график: легенда рядом", "chart: legend beside it"),
    "key.back_forward": ("история: назад / вперёд", "history back / forward"),
    "key.expand": ("раскрыть / свернуть", "expand / collapse"),
    "key.bookmark": ("закладка / все закладки", "bookmark / all bookmarks"),
    "key.search_step": ("след. / пред. совпадение", "next / previous match"),
    "key.scroll_lr": ("прокрутка влево / вправо", "scroll left / right"),
    "key.page_down": ("экран вниз", "page down"),
    # The footer: a word or two per key.
    "foot.move": ("выбор", "move"),
    "foot.expand": ("раскрыть", "expand"),
    "foot.open": ("открыть", "open"),
    "foot.pane": ("текст", "pane"),
    "foot.scroll": ("листать", "scroll"),
    "foot.link": ("ссылка", "link"),
    "foot.follow": ("перейти", "follow"),
    "foot.tree": ("темы", "topics"),
    "foot.results": ("результат", "result"),
    "foot.clear": ("сброс", "clear"),
    "foot.search": ("поиск", "search"),
    "foot.next": ("далее", "next"),
    "foot.back": ("назад", "back"),
    "foot.mark": ("закладка", "mark"),
    "foot.copy": ("копия", "copy"),
    "foot.language": ("English", "Русский"),
    "foot.palette": ("команды", "palette"),
    "foot.help": ("помощь", "help"),
    "foot.quit": ("выход", "quit"),
    "foot.delete": ("удалить", "delete"),
    "foot.close": ("закрыть", "close"),
    "foot.pages": ("страницы", "pages"),
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
    # The timeline and the index lists
    "timeline": ("Хроника", "Timeline"),
    "timeline.title": ("Хроника", "Timeline"),
    "timeline.until": ("до", "until"),
    "timeline.count": ("{shown} из {all}", "{shown} of {all}"),
    "timeline.empty": ("Нет датированных записей", "No dated items"),
    "timeline.none": ("Ничего не найдено", "Nothing matches"),
    "timeline.filter": ("фильтр", "filter"),
    "timeline.placeholder": ("слова, год…", "words, a year…"),
    "timeline.indexing": ("индексирую…", "indexing…"),
    "timeline.kind": ("вид", "kind"),
    "timeline.topic": ("тема", "topic"),
    "timeline.entity": ("кто/что", "who/what"),
    "timeline.all": ("все", "all"),
    "timeline.hints": (
        "/ фильтр · f вид · o тема · e кто/что · x сброс · Enter открыть · Esc закрыть",
        "/ filter · f kind · o topic · e who/what · x reset · Enter opens · Esc closes",
    ),
    "timeline.heading": ("Хроника — {subtitle}", "Timeline — {subtitle}"),
    "entry.event": ("событие", "event"),
    "entry.fact": ("факт", "fact"),
    "entry.quote": ("цитата", "quote"),
    "entry.figure": ("показатель", "figure"),
    "entry.target": ("цель", "target"),
    "entries.event": ("события", "events"),
    "entries.fact": ("факты", "facts"),
    "entries.quote": ("цитаты", "quotes"),
    "entries.figure": ("показатели", "figures"),
    "entries.target": ("цели", "targets"),
    "index.title": ("Указатель", "Index"),
    "index.source": ("Источники", "Sources"),
    "index.hints": (
        "←/→ список · / фильтр · Enter открыть · Esc закрыть",
        "←/→ list · / filter · Enter opens · Esc closes",
    ),
    "index.mentions": ("упом.", "mentions"),
    "index.placeholder": ("имя на любом языке…", "a name, in either language…"),
    "index.none": ("Ничего не найдено", "Nothing matches"),
    "palette.timeline": ("Хроника", "Timeline"),
    "palette.timeline.help": (
        "всё датированное по годам, с фильтром",
        "every dated item by year, filterable",
    ),
    "palette.index": ("Указатель: {kind}", "Index: {kind}"),
    "palette.index.help": ("список с числом упоминаний", "a list with the number of mentions"),
    # Search, history, bookmarks, copying
    "search.prompt": ("поиск", "search"),
    "search.placeholder": ("что найти…", "type to search…"),
    "search.none": ("ничего не найдено", "no matches"),
    "search.indexing": ("индексирую…", "indexing…"),
    "search.at": ("{at}/{pages} · {matches}", "{at}/{pages} · {matches}"),
    "search.nothing": ("Ничего не найдено: «{query}»", "Nothing matches “{query}”"),
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
    "copied": (
        "Отправлено в буфер обмена терминала (OSC 52): {what}",
        "Sent to the terminal clipboard (OSC 52): {what}",
    ),
    "copied.url": (
        "Адрес отправлен в буфер обмена терминала (OSC 52): {url}",
        "Address sent to the terminal clipboard (OSC 52): {url}",
    ),
    "no_url": ("У этой страницы нет веб-адреса", "This page has no web address"),
    "opening": ("Открываю в браузере: {url}", "Opening in the browser: {url}"),
    "no_browser": (
        "Браузера здесь нет: щёлкните адрес на странице (ссылка OSC 8) или скопируйте его — Y. {url}",
        "No browser here: click the address on the page (an OSC 8 link) or copy it with Y. {url}",
    ),
    "citation.title": (
        "Цитата — выделите мышью или сохраните",
        "Citation — select it with the mouse, or save it",
    ),
    "citation.saved": ("Цитата сохранена: {path}", "Citation saved: {path}"),
    "citation.failed": ("Цитата не сохранена: {why}", "Citation not saved: {why}"),
    "help.citation": ("Окно цитаты", "Citation dialog"),
    "key.copy_text": ("копировать цитату", "copy the citation"),
    "key.citation": ("окно цитаты / браузер", "citation box / browser"),
    "key.open_source": ("источник в браузере", "source in the browser"),
    "key.save": ("сохранить цитату в файл", "save citation to a file"),
    "foot.cite": ("цитата", "cite"),
    "foot.browser": ("браузер", "browser"),
    "foot.save": ("сохранить", "save"),
    "cmd.copy_url": ("Копировать адрес источника", "Copy the source's address"),
    "cmd.copy_url.help": ("веб-адрес — в буфер терминала", "the URL, to the terminal clipboard"),
    "cmd.open": ("Открыть источник в браузере", "Open the source in a browser"),
    "cmd.open.help": ("или щёлкните адрес на странице", "or click the address on the page"),
    "cmd.citation": ("Цитата: показать и сохранить", "Citation: show and save"),
    "cmd.citation.help": ("текст для заметки; s — в файл", "text for a note; s saves it to a file"),
    "palette.open": ("открыть", "open"),
    "too_small": (
        "Мало места: {width}×{height}\nнужно {min_width}×{min_height}\nq — выход",
        "Terminal too small: {width}×{height}\nneeds {min_width}×{min_height}\nq quits",
    ),
    "reload.failed": (
        "Данные не перечитаны: на экране последняя верная версия. Исправьте файл:",
        "Data not reloaded: showing the last good data. Fix the file:",
    ),
    "reload.more": ("и ещё проблем: {count} (coop-tui check)", "and {count} more (coop-tui check)"),
    "reload.done": ("Данные перечитаны", "Data reloaded"),
    # Notices about the state file and the data cache (see notices.py). Paths and
    # the operating system's reasons are put in as they are.
    "notice.lines": ("{first}\n{second}", "{first}\n{second}"),
    "notice.state.will-not-save": (
        "{path}: {why}; состояние не будет сохраняться",
        "{path}: {why}; the state will not be saved",
    ),
    "notice.state.set-aside": (
        "{path}: {why}; файл отложен как {aside}",
        "{path}: {why}; set aside as {aside}",
    ),
    "notice.state.rest-kept": ("остальное сохранено", "the rest was kept"),
    "notice.state.not-set-aside": (
        "{path}: {why}; отложить файл не удалось ({reason}), поэтому он оставлен как есть"
        " и ничего не будет сохраняться",
        "{path}: {why}; it could not be set aside ({reason}), "
        "so it is left as it is and nothing will be saved",
    ),
    "notice.state.not-saved": ("{path}: не сохранено: {why}", "{path}: not saved: {why}"),
    "notice.state.cannot-save": (
        "{path}: не удалось сохранить состояние ({reason}); не сохранено",
        "{path}: cannot save the state ({reason}); not saved",
    ),
    "notice.why.loops": (
        "это символическая ссылка, замкнутая в петлю",
        "is a symbolic link that loops",
    ),
    "notice.why.not-set-aside": (
        "файл не удалось отложить ({reason})",
        "the file could not be set aside ({reason})",
    ),
    "notice.why.unreadable": (
        "сохранённое состояние не читается ({reason})",
        "cannot read the saved state ({reason})",
    ),
    "notice.why.not-a-file": ("это не обычный файл", "not a regular file"),
    "notice.why.too-large": (
        "больше 16 МиБ, значит, это не файл состояния",
        "larger than 16 MiB, so not a state file",
    ),
    "notice.why.too-deep": (
        "в сохранённом состоянии слишком глубокая вложенность, его не прочесть",
        "the saved state is nested too deeply to read",
    ),
    "notice.why.too-big": (
        "сохранённое состояние слишком велико, его не прочесть",
        "the saved state is too big to read",
    ),
    "notice.why.bad-json": (
        "сохранённое состояние — неверный JSON ({detail})",
        "the saved state is not valid JSON ({detail})",
    ),
    # The English is the parser's own message; Russian gives where it stopped.
    "notice.json.at": ("ошибка в строке {line}, столбце {column}", "{message}"),
    "notice.json.utf8": ("не UTF-8: байт {position}", "{message}"),
    "notice.json.number": ("слишком длинное число", "{message}"),
    "notice.why.not-object": (
        "сохранённое состояние — не объект JSON",
        "the saved state is not a JSON object",
    ),
    "notice.why.theme": ("тема в нём — не название", "its theme is not a name"),
    "notice.why.bookmarks": ("закладки в нём — не список", "its bookmarks are not a list"),
    "notice.why.bad-bookmark": (
        "закладок не в виде пары [вид, код]: {count}",
        "{count} of its bookmarks is not a [kind, id] pair",
    ),
    "notice.why.bad-bookmarks": (
        "закладок не в виде пары [вид, код]: {count}",
        "{count} of its bookmarks are not a [kind, id] pair",
    ),
    "notice.cache.refused": (
        "Папка кэша данных {folder}: {problem}; она не используется (данные читаются заново).",
        "The data cache folder {folder} {problem}: not used (the data is read afresh).",
    ),
    "notice.cache.not-a-folder": ("это не папка", "is not a folder"),
    "notice.cache.other-owner": (
        "принадлежит другому пользователю (номер {uid})",
        "belongs to another user (uid {uid})",
    ),
    "notice.cache.writable": (
        "в неё могут писать другие пользователи (права {mode})",
        "can be written by other users (mode {mode})",
    ),
}

_QUALIFIER_WORDS: dict[Qualifier, tuple[str, str]] = {
    "exact": ("", ""),
    "more-than": ("более", "more than"),
    "at-least": ("не менее", "at least"),
    "about": ("около", "about"),
    "up-to": ("до", "up to"),
    "less-than": ("менее", "less than"),
    "almost": ("почти", "almost"),
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
    # "almost 1.5" is below 1.5: the percentage says so ("<50 %").
    "almost": "<",
}


def labels(lang: Lang) -> dict[str, str]:
    """Every label in `lang`, by key (for checks that the whole UI is in one language)."""
    return {key: (ru if lang == "ru" else en) for key, (ru, en) in _LABELS.items()}


def label(key: str, lang: Lang) -> str:
    ru, en = _LABELS[key]
    return ru if lang == "ru" else en


# Words that change with a number: (Russian one, few, many), (English one, other).
_COUNTED: dict[str, tuple[tuple[str, str, str], tuple[str, str]]] = {
    # Russian keeps the short "совп." of every number: the search line is narrow.
    "matches": (("{n} совп.", "{n} совп.", "{n} совп."), ("{n} match", "{n} matches")),
    "pages": (("{n} стр.", "{n} стр.", "{n} стр."), ("{n} page", "{n} pages")),
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


def format_date(value: date, lang: Lang) -> str:
    """One date format per language, as the data's own text writes dates: 29.09.2025, 2025-09-29."""
    return value.strftime("%d.%m.%Y") if lang == "ru" else value.isoformat()


# Outer and inner quotation marks: «ёлочки» with „лапки“ inside in Russian,
# “double” with ‘single’ inside in English.
_QUOTES: dict[Lang, tuple[str, str, str, str]] = {
    "ru": ("«", "»", "„", "“"),
    "en": ("“", "”", "‘", "’"),
}


def quote_marks(lang: Lang) -> tuple[str, str]:
    """The opening and closing quotation marks of `lang`."""
    marks = _QUOTES[lang]
    return marks[0], marks[1]


def quoted(text: str, lang: Lang) -> str:
    """`text` in the quotation marks of `lang`, quotes inside it turned into the inner kind."""
    outer_open, outer_close, inner_open, inner_close = _QUOTES[lang]
    inner = text.replace(outer_open, inner_open).replace(outer_close, inner_close)
    return f"{outer_open}{inner}{outer_close}"


def format_when(value: PartialDate, lang: Lang) -> str:
    """A fact's own date, as precise as its source, in the language's format:
    "2019", "2019-05", "2019-05-03" (ru: "2019", "05.2019", "03.05.2019")."""
    if lang != "ru":
        return str(value)
    if value.precision == "year":
        return f"{value.start.year:04d}"
    if value.precision == "month":
        return f"{value.start.month:02d}.{value.start.year:04d}"
    return format_date(value.start, lang)


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
