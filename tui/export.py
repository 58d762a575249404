"""`coop-tui export` and the report printed when standard output is not a terminal."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from .dataload import data_paths
from .loader import DataError, load_dataset
from .model import Dataset, Lang
from .stdout import reader_went_away, write_stdout

EXIT_OK = 0
EXIT_BAD_DATA = 1
EXIT_USAGE = 2


def _load(data: Sequence[Path] | None, topic_id: str | None) -> Dataset | int:
    """The data set, or the exit code after saying what is wrong (bad data, an unknown topic)."""
    paths = data_paths(data)
    try:
        dataset = load_dataset(paths)
    except DataError as error:
        print(f"coop-tui: the data has errors:\n{error}", file=sys.stderr)
        return EXIT_BAD_DATA
    if topic_id is not None and topic_id not in dataset.topics:
        from .sanitize import clean_text

        known = list(dataset.topics)
        listed = ", ".join(known[:12]) + (f", … ({len(known)} in all)" if len(known) > 12 else "")
        print(
            f"coop-tui: unknown topic id '{clean_text(topic_id)}' (expected one of: {listed})",
            file=sys.stderr,
        )
        return EXIT_USAGE
    return dataset


def run_timeline(
    data: Sequence[Path] | None,
    lang: Lang,
    topic_id: str | None,
    first_year: int | None,
    last_year: int | None,
) -> int:
    """`coop-tui timeline`: every dated item in date order, as plain text."""
    dataset = _load(data, topic_id)
    if isinstance(dataset, int):
        return dataset
    from .timeline import Filter
    from .timeline_report import timeline_text

    chosen = Filter(topic=topic_id, first_year=first_year, last_year=last_year)
    return write_stdout(timeline_text(dataset, lang, chosen))


def run_export(data: Sequence[Path] | None, fmt: str, topic_id: str | None, lang: Lang) -> int:
    dataset = _load(data, topic_id)
    if isinstance(dataset, int):
        return dataset
    if fmt == "json":
        from .jsonio import dataset_to_json, subset
        from .report import report_topics

        if topic_id is not None:
            dataset = subset(dataset, [t.id for t in report_topics(dataset, topic_id)])
        return write_stdout(dataset_to_json(dataset))
    if fmt == "md":
        from .report import markdown_report

        return write_stdout(markdown_report(dataset, lang, topic_id=topic_id))
    from .report import report_width, write_text_report

    try:
        write_text_report(sys.stdout, dataset, lang, topic_id=topic_id, width=report_width())
        sys.stdout.flush()
    except BrokenPipeError:
        return reader_went_away()
    return EXIT_OK
