"""What the background threads tell the UI: data loaded or not, data reloaded, an index or a page built.

Workers run in threads and post one of these (`post_message` is safe from any
thread); the App or the main screen handles it on the event loop. Nothing
waits on a worker's group name or state to learn that its work is done.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.message import Message

from ..model import Dataset, Lang

if TYPE_CHECKING:
    from ..loader import DataError
    from ..search import SearchIndex
    from .widgets.page_job import PageJob


class DataLoaded(Message):
    """The full data set, read in the background after the preview was shown."""

    def __init__(self, dataset: Dataset) -> None:
        super().__init__()
        self.dataset = dataset


class LoadFailed(Message):
    """The full data set could not be read: the App ends and the command line says why."""

    def __init__(self, error: DataError) -> None:
        super().__init__()
        self.error = error


class DataReloaded(Message):
    """A save to a watched data file was read again: the new data, or why it is broken."""

    def __init__(self, dataset: Dataset | None, error: DataError | None = None) -> None:
        super().__init__()
        self.dataset = dataset
        self.error = error


class IndexReady(Message):
    """The search index of one language is built: a query typed meanwhile can run."""

    def __init__(self, index: SearchIndex, lang: Lang) -> None:
        super().__init__()
        self.index = index
        self.lang = lang


class PageBuilt(Message):
    """A page built and rendered to lines in its thread (or its build failed): see `PageJob`."""

    def __init__(self, job: PageJob) -> None:
        super().__init__()
        self.job = job
