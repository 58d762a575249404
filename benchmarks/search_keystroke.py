"""Time one search keystroke on a big synthetic data set (10,000 topics, 100,000 facts).

    python benchmarks/search_keystroke.py [--topics 10000] [--facts-per-topic 10]

Prints the index build time per language and, for a few kinds of query (a rare
word, a common word, a short prefix, a typo, two words), the median and worst of
repeated `SearchIndex.find` calls: what one keystroke costs before the UI draws.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.model import Dataset, Entity, Fact, Localized, Quote, Source, Topic
from tui.search import SearchIndex

SYLLABLES_EN = [c + v for c in "bkmrst" for v in "aeiou"]
SYLLABLES_RU = [c + v for c in "бкмрст" for v in "аеиоу"]


def vocabulary(rng: random.Random, syllables: list[str], size: int) -> list[str]:
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 5))))
    return sorted(words)


def sentence(rng: random.Random, words: list[str], n: int) -> str:
    # Zipf-like: a few words are very common, most are rare.
    return " ".join(words[min(int(rng.paretovariate(1.1)) - 1, len(words) - 1)] for _ in range(n))


def make_dataset(topics: int, facts_per_topic: int, seed: int = 1) -> Dataset:
    rng = random.Random(seed)
    en = vocabulary(rng, SYLLABLES_EN, 30_000)
    ru = vocabulary(rng, SYLLABLES_RU, 30_000)
    rng.shuffle(en)
    rng.shuffle(ru)
    sources = {"s": Source("s", Localized("Source", "Source"), date=date(2025, 9, 29))}
    entities = {
        "gomselmash": Entity("gomselmash", "organisation", Localized("«Гомсельмаш»", "Gomselmash"))
    }
    built: dict[str, Topic] = {}
    roots = max(1, topics // 100)
    for index in range(topics):
        topic_id = f"t{index}"
        parent = None if index < roots else f"t{index % roots}"
        facts = tuple(
            Fact(
                Localized(sentence(rng, ru, 25), sentence(rng, en, 25)),
                "s",
                ("gomselmash",) if rng.random() < 0.01 else (),
            )
            for _ in range(facts_per_topic)
        )
        title_en = sentence(rng, en, 4) + (" Gomselmash" if index % 997 == 0 else "")
        built[topic_id] = Topic(
            topic_id,
            Localized(sentence(rng, ru, 4), title_en),
            parent=parent,
            summary=Localized(sentence(rng, ru, 40), sentence(rng, en, 40)),
            facts=facts,
            quotes=(Quote(Localized("цитата", "a quote"), "gomselmash", date(2025, 9, 29), "s"),)
            if index % 50 == 0
            else (),
        )
    return Dataset(topics=built, sources=sources, entities=entities, metrics={})


def timed(fn, repeat: int) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append((time.perf_counter() - start) * 1000)
    return statistics.median(runs), max(runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topics", type=int, default=10_000)
    parser.add_argument("--facts-per-topic", type=int, default=10)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    dataset = make_dataset(args.topics, args.facts_per_topic)
    print(f"{len(dataset.topics)} topics, {dataset.fact_count} facts")
    index = SearchIndex(dataset)
    for lang in ("en", "ru"):
        start = time.perf_counter()
        index._index(lang)  # built once, as the first keystroke would
        print(f"build {lang}: {(time.perf_counter() - start):.2f} s")
    common = dataset.topics["t0"].facts[0].text.en.split()[0]  # type: ignore[union-attr]
    queries = {
        "rare word": "gomselmash",
        "typo": "gomselmsh",
        "common word": common,
        "2-letter prefix": common[:2],
        "two words": f"{common} gomsel",
        "no match": "zzzzqqq",
    }
    for name, query in queries.items():
        results = index.find(query, "en")
        median, worst = timed(lambda q=query: index.find(q, "en"), args.repeat)
        print(
            f"{name:16} {query!r:24} {results.total:>7} matches  median {median:6.1f} ms  worst {worst:6.1f} ms"
        )


if __name__ == "__main__":
    main()
