"""Write a valid, realistic coop-tui data folder of N facts, for benchmarks and tests.

usage: python benchmarks/make_dataset.py N OUTDIR

The folder follows docs/data-format.md like the bundled data: sources,
organisations, people, places, events and metrics in their own files, and
about N/10 topics under the four roots (Center, Industry, Pharma, Trade),
several levels deep, split over several topic files so that no file comes near
the loader's 16 MiB limit. Every text is bilingual (a few English sides are
left out on purpose, as in real data, to exercise the "untranslated" mark).
The same N always gives the same bytes: the random generator is seeded with N.

About a third of the facts carry a date of their own (the year the sentence
names, sometimes with a month or day), so that the timeline has tens of
thousands of lines at 100,000 facts; quotes are dated as before. Every date is
on or before the date of the source that reports it, as `coop-tui check` asks.
Dates come from a second generator, so the rest of the data is as it was.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

ROOTS = (
    ("center", "Центр белорусской техники", "Center of Belarusian Machinery", "Центр", "Center"),
    ("industry", "Промышленность", "Industry", None, None),
    ("pharma", "Фармацевтика", "Pharma", None, None),
    ("trade", "Торговля", "Trade", None, None),
)

# Word pairs (ru, en) that the sentences are built from.
NOUNS = (
    ("тракторы", "tractors"),
    ("автобусы", "buses"),
    ("лифты", "lifts"),
    ("комбайны", "combines"),
    ("трамваи", "trams"),
    ("лекарства", "medicines"),
    ("вакцины", "vaccines"),
    ("станки", "machine tools"),
    ("грузовики", "lorries"),
    ("удобрения", "fertilisers"),
    ("молочная продукция", "dairy products"),
    ("шины", "tyres"),
    ("подшипники", "bearings"),
    ("микросхемы", "microchips"),
    ("мебель", "furniture"),
    ("коммунальная техника", "municipal machinery"),
)
VERBS = (
    ("поставляет", "supplies"),
    ("собирает", "assembles"),
    ("обслуживает", "services"),
    ("локализует", "localises"),
    ("закупает", "buys"),
    ("испытывает", "tests"),
    ("модернизирует", "upgrades"),
    ("производит", "makes"),
)
PLACES = (
    ("Санкт-Петербург", "St Petersburg"),
    ("Минск", "Minsk"),
    ("Гомель", "Gomel"),
    ("Брест", "Brest"),
    ("Витебск", "Vitebsk"),
    ("Могилёв", "Mogilev"),
    ("Гродно", "Grodno"),
    ("Колпино", "Kolpino"),
    ("Пушкин", "Pushkin"),
    ("Кронштадт", "Kronstadt"),
    ("Бобруйск", "Bobruisk"),
    ("Борисов", "Borisov"),
)
FIRST = (
    ("Кирилл", "Kirill"),
    ("Анна", "Anna"),
    ("Сергей", "Sergei"),
    ("Ольга", "Olga"),
    ("Дмитрий", "Dmitry"),
    ("Елена", "Elena"),
    ("Игорь", "Igor"),
    ("Марина", "Marina"),
)
LAST = (
    ("Поляков", "Polyakov"),
    ("Иванова", "Ivanova"),
    ("Козлов", "Kozlov"),
    ("Смирнова", "Smirnova"),
    ("Новиков", "Novikov"),
    ("Орлова", "Orlova"),
    ("Зайцев", "Zaitsev"),
    ("Морозова", "Morozova"),
    ("Волков", "Volkov"),
)
ROLES = (
    ("вице-губернатор", "vice-governor"),
    ("министр промышленности", "minister of industry"),
    ("директор завода", "plant director"),
    ("посол", "ambassador"),
    ("глава комитета", "committee chair"),
)
QUALIFIERS = ("exact", "more-than", "about", "at-least", "up-to")


def _q(text: str) -> str:
    """A TOML basic string."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(ru: str, en: str | None) -> str:
    if en is None:
        return f"{{ ru = {_q(ru)} }}"
    return f"{{ ru = {_q(ru)}, en = {_q(en)} }}"


class _Maker:
    def __init__(self, n_facts: int) -> None:
        self.rng = random.Random(n_facts)
        # Facts' own dates: a stream of their own, so adding them changed nothing else.
        self.dates = random.Random(-n_facts)
        self.last_year = 2015
        self.n_facts = n_facts
        self.n_topics = max(len(ROOTS), n_facts // 10)
        self.n_sources = max(3, n_facts // 50)
        self.n_orgs = max(3, n_facts // 100)
        self.n_people = max(3, n_facts // 200)
        self.n_events = max(2, n_facts // 1000)
        self.n_metrics = max(2, n_facts // 500)

    # -- text -------------------------------------------------------------------

    def sentence(self) -> tuple[str, str]:
        r = self.rng
        subject = r.randrange(self.n_orgs)
        noun, verb, place = r.choice(NOUNS), r.choice(VERBS), r.choice(PLACES)
        count = r.randrange(2, 900)
        year = r.randrange(2015, 2026)
        self.last_year = year
        ru = (
            f"Предприятие №{subject} {verb[0]} {noun[0]} в городе {place[0]}: "
            f"{count} единиц в {year} году."
        )
        en = f"Enterprise no. {subject} {verb[1]} {noun[1]} in {place[1]}: {count} units in {year}."
        return ru, en

    def title(self, index: int) -> tuple[str, str]:
        noun, place = self.rng.choice(NOUNS), self.rng.choice(PLACES)
        return (
            f"{noun[0].capitalize()}: {place[0]} ({index})",
            f"{noun[1].capitalize()}: {place[1]} ({index})",
        )

    def date(self) -> str:
        r = self.rng
        return f"{r.randrange(2015, 2026)}-{r.randrange(1, 13):02d}-{r.randrange(1, 29):02d}"

    def fact_date(self, year: int, reported: str) -> str | None:
        """A fact's own date in TOML (a year or month as a string, or a day), or None.

        A third of the facts are dated, with the year their sentence names,
        when their source is not older than that year.
        """
        d = self.dates
        if d.random() >= 0.35 or int(reported[:4]) < year:
            return None
        month, day = d.randrange(1, 13), d.randrange(1, 29)
        precision = d.random()
        if precision < 0.3:
            return f'"{year}"'
        when = f"{year}-{month:02d}-{day:02d}"
        if when > reported:
            return f'"{year}"'
        return f'"{year}-{month:02d}"' if precision < 0.5 else when

    # -- files ------------------------------------------------------------------

    def sources(self) -> str:
        out = []
        self.source_dates: list[str] = []
        for i in range(self.n_sources):
            noun = self.rng.choice(NOUNS)
            self.source_dates.append(self.date())
            out.append(
                f'[[source]]\nid = "src-{i}"\n'
                f"title = {_text(f'Репортаж о сотрудничестве: {noun[0]} ({i})', f'Report on cooperation: {noun[1]} ({i})')}\n"
                f"publisher = {_text('Деловой вестник', 'Business Herald')}\n"
                f"date = {self.source_dates[i]}\n"
                f'url = "https://news.example.org/{i}"\n'
            )
        return "\n".join(out)

    def entities(self) -> str:
        out = []
        for i in range(self.n_orgs):
            noun, place = self.rng.choice(NOUNS), self.rng.choice(PLACES)
            out.append(
                f'[[organisation]]\nid = "org-{i}"\n'
                f"name = {_text(f'Завод «{place[0]}» №{i}', f'{place[1]} Works no. {i}')}\n"
                f"short_name = {_text(f'Завод №{i}', f'Works {i}')}\n"
                f"description = {_text(f'Производитель: {noun[0]}', f'Maker of {noun[1]}')}\n"
                f'source = "src-{i % self.n_sources}"\n'
            )
        for i in range(self.n_people):
            first, last, role = (
                self.rng.choice(FIRST),
                self.rng.choice(LAST),
                self.rng.choice(ROLES),
            )
            out.append(
                f'[[person]]\nid = "person-{i}"\n'
                f"name = {_text(f'{first[0]} {last[0]} ({i})', f'{first[1]} {last[1]} ({i})')}\n"
                f"role = {_text(role[0], role[1])}\n"
            )
        for i, place in enumerate(PLACES):
            out.append(f'[[place]]\nid = "place-{i}"\nname = {_text(place[0], place[1])}\n')
        for i in range(self.n_events):
            year = 2015 + i % 11
            out.append(
                f'[[event]]\nid = "event-{i}"\n'
                f"name = {_text(f'Форум регионов {year} ({i})', f'Forum of Regions {year} ({i})')}\n"
                f"start = {year}-06-2{i % 5}\nend = {year}-06-2{i % 5 + 3}\n"
            )
        return "\n".join(out)

    def metrics(self) -> str:
        out = []
        for i in range(self.n_metrics):
            noun = self.rng.choice(NOUNS)
            block = [
                f'[[metric]]\nid = "metric-{i}"\n'
                f"title = {_text(f'Товарооборот: {noun[0]} ({i})', f'Turnover: {noun[1]} ({i})')}\n"
                f"unit = {_text('млрд долл. США', 'USD bn')}\n"
            ]
            value = self.rng.uniform(0.5, 2.0)
            for year in range(2019, 2025):
                value *= self.rng.uniform(0.9, 1.3)
                block.append(
                    f'[[metric.observation]]\nperiod = "{year}"\ndate = {year}-12-31\n'
                    'span = "full-year"\n'
                    f'value = {value:.2f}\nqualifier = "{self.rng.choice(QUALIFIERS)}"\n'
                    f'source = "src-{self.rng.randrange(self.n_sources)}"\n'
                )
            for target, year in ((1.2, 2025), (1.6, 2030)):
                block.append(
                    f"[[metric.target]]\nlabel = {_text(f'к {year} году', f'by {year}')}\n"
                    f"value = {value * target:.1f}\ndue = {year}-12-31\n"
                    f'source = "src-{self.rng.randrange(self.n_sources)}"\n'
                )
            out.append("\n".join(block))
        return "\n".join(out)

    def topics(self) -> list[str]:
        """Topic files of about 1,000 topics each, roots first, parents before children."""
        r = self.rng
        parents: list[tuple[str, int]] = [(root[0], 0) for root in ROOTS]
        blocks: list[str] = []
        facts_left = self.n_facts
        for i in range(self.n_topics):
            if i < len(ROOTS):
                topic_id, ru, en, short_ru, short_en = ROOTS[i]
                parent = None
            else:
                # Earlier topics are likelier parents, and depth stays under six levels:
                # a few dozen children per root, a handful per deeper topic.
                candidates = [p for p in parents[: max(8, i // 3)] if p[1] < 5]
                parent_id, depth = r.choice(candidates)
                topic_id = f"{parent_id.split('.')[0]}.t{i}"
                parents.append((topic_id, depth + 1))
                parent = parent_id
                ru, en = self.title(i)
                short_ru = short_en = None
            remaining_topics = self.n_topics - i
            n = facts_left if remaining_topics == 1 else min(facts_left, r.randrange(5, 16))
            facts_left -= n
            blocks.append(self.topic(topic_id, parent, ru, en, short_ru, short_en, n))
        per_file = 1000
        return ["\n".join(blocks[i : i + per_file]) for i in range(0, len(blocks), per_file)]

    def topic(
        self,
        topic_id: str,
        parent: str | None,
        ru: str,
        en: str,
        short_ru: str | None,
        short_en: str | None,
        n_facts: int,
    ) -> str:
        r = self.rng
        lines = [f'[[topic]]\nid = "{topic_id}"']
        if parent is not None:
            lines.append(f'parent = "{parent}"')
        lines.append(f"title = {_text(ru, en)}")
        if short_ru is not None:
            lines.append(f"short_title = {_text(short_ru, short_en)}")
        summary_ru, summary_en = self.sentence()
        lines.append(f"summary = {_text(summary_ru, summary_en)}")
        mentions = sorted({f"org-{r.randrange(self.n_orgs)}" for _ in range(2)})
        mentions.append(f"place-{r.randrange(len(PLACES))}")
        lines.append("mentions = [" + ", ".join(f'"{m}"' for m in mentions) + "]")
        if r.random() < 0.05:
            lines.append(f'metrics = ["metric-{r.randrange(self.n_metrics)}"]')
        for _ in range(n_facts):
            fact_ru, fact_en = self.sentence()
            # About one fact in a hundred has not been translated yet.
            source = r.randrange(self.n_sources)
            lines.append(
                f"\n[[topic.fact]]\ntext = {_text(fact_ru, None if r.random() < 0.01 else fact_en)}\n"
                f'source = "src-{source}"'
            )
            when = self.fact_date(self.last_year, self.source_dates[source])
            if when is not None:
                lines.append(f"date = {when}")
            if r.random() < 0.2:
                lines.append(f'mentions = ["org-{r.randrange(self.n_orgs)}"]')
        if r.random() < 0.3:
            speaker = r.randrange(self.n_people)
            quote_ru, quote_en = self.sentence()
            said = self.date()
            source = r.randrange(self.n_sources)
            # A quote is said no later than the report that carries it (check insists).
            said = min(said, self.source_dates[source])
            lines.append(
                f"\n[[topic.quote]]\ntext = {_text(quote_ru, quote_en)}\n"
                f'speaker = "person-{speaker}"\ndate = {said}\n'
                f'source = "src-{source}"'
            )
        return "\n".join(lines) + "\n"


def make_dataset(n_facts: int, out: Path) -> list[Path]:
    """Write the data set of `n_facts` facts into `out` (created if needed); the files written."""
    if n_facts < 1:
        raise ValueError("the number of facts must be at least 1")
    maker = _Maker(n_facts)
    out.mkdir(parents=True, exist_ok=True)
    files = {
        "1-sources.toml": maker.sources(),
        "2-entities.toml": maker.entities(),
        "3-metrics.toml": maker.metrics(),
    }
    for index, chunk in enumerate(maker.topics()):
        files[f"4-topics-{index:03d}.toml"] = chunk
    written = []
    header = f"# Generated by benchmarks/make_dataset.py {n_facts}: synthetic data, not facts.\n\n"
    for name, body in files.items():
        path = out / name
        path.write_text(header + body, encoding="utf-8")
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) != 2 or not argv[0].isdigit():
        print("usage: python benchmarks/make_dataset.py N OUTDIR", file=sys.stderr)
        return 2
    files = make_dataset(int(argv[0]), Path(argv[1]))
    size = sum(f.stat().st_size for f in files)
    print(f"{len(files)} files, {size / 1e6:.1f} MB in {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
