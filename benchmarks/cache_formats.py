"""How long reading the data cache takes in each format it could use.

    python benchmarks/cache_formats.py [DATA ...]      (default: the bundled data)

For each data path: the stored size, and the median time (of 15 reads) to
turn the stored bytes back into a Dataset, for
- pickle read by `pickle.loads` (what the cache held first; runs whatever
  code the file names, so unsafe in a folder others can write),
- pickle checked with HMAC-SHA256 first (a per-user key), then `pickle.loads`,
- pickle read by the cache's restricted unpickler (what the cache holds now:
  only the model's classes and `datetime.date` may be called),
- JSON through tui.jsonio as the cache held it before (one line, no derived
  timeline), the UTF-8 decoding included.
Each format holds the data set as the cache stores it: without `locations`
(which serve only the loader's messages; a big data set's cannot be pickled)
and without its files list (a line of its own). Then, in fresh interpreters,
what importing each reader costs (`hmac` and `hashlib` for the HMAC, `json`
for JSON, `pickle`): a cache hit pays it on every start, unless something
imports it anyway (Textual imports `pickle` before the first frame, coop-tui
`json`).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.cache import _PROTOCOL, _unpickle_dataset
from tui.jsonio import dataset_from_json, dataset_to_compact_json
from tui.loader import load_dataset
from tui.paths import bundled_data_path

ROUNDS = 15


def _median_ms(action: object) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def _import_ms(statement: str) -> float:
    code = (
        "import time; s = time.perf_counter(); "
        f"{statement}; print((time.perf_counter() - s) * 1000)"
    )
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(ROUNDS)
    ]
    return statistics.median(runs)


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or [bundled_data_path()]
    key = os.urandom(32)
    for path in paths:
        loaded = load_dataset([path])
        facts = loaded.fact_count
        dataset = loaded.replace(locations={}, files=())
        pickled = pickle.dumps(dataset, protocol=_PROTOCOL)
        mac = hmac.new(key, pickled, hashlib.sha256).digest()
        as_json = dataset_to_compact_json(dataset).encode("utf-8")
        assert _unpickle_dataset(pickled) == dataset
        assert dataset_from_json(as_json.decode("utf-8")) == dataset

        def read_pickle(pickled: bytes = pickled) -> None:
            pickle.loads(pickled)

        def read_hmac_pickle(pickled: bytes = pickled, mac: bytes = mac) -> None:
            expected = hmac.new(key, pickled, hashlib.sha256).digest()
            assert hmac.compare_digest(expected, mac)
            pickle.loads(pickled)

        def read_restricted(pickled: bytes = pickled) -> None:
            _unpickle_dataset(pickled)

        def read_json(as_json: bytes = as_json) -> None:
            dataset_from_json(as_json.decode("utf-8"))

        print(f"{path} ({facts} facts)")
        for name, size, action in (
            ("pickle", len(pickled), read_pickle),
            ("pickle + HMAC-SHA256", len(pickled), read_hmac_pickle),
            ("restricted pickle", len(pickled), read_restricted),
            ("JSON (tui.jsonio)", len(as_json), read_json),
        ):
            print(f"  {name:22} {size / 1e6:8.2f} MB  {_median_ms(action):9.1f} ms")
    print("imports, in a fresh interpreter")
    print(f"  {'hmac + hashlib':22} {_import_ms('import hmac, hashlib'):9.1f} ms")
    print(f"  {'json':22} {_import_ms('import json'):9.1f} ms")
    print(f"  {'pickle':22} {_import_ms('import pickle'):9.1f} ms")


if __name__ == "__main__":
    main()
