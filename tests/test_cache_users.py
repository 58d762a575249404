"""The data cache across two real users: root, and `nobody` through setpriv.

Another user who can write the cache folder must not be able to make coop-tui
run their code, nor show other data: the folder is refused with one notice and
the data is read afresh. A user's own folder works for that user.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cache import DatasetCache
from tui.factory import make_app
from tui.paths import bundled_data_path

NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
CENTER = "Center of Belarusian Machinery"


def _nobody_can_run_python() -> bool:
    """Whether `nobody` can start the Python running the tests.

    pyenv's Pythons under /root (CI's 3.9 and 3.13) load their libpython from
    a folder only root can read.
    """
    try:
        probe = subprocess.run(
            [*NOBODY, sys.executable, "-c", "pass"], capture_output=True, cwd="/", check=False
        )
    except OSError:
        return False
    return probe.returncode == 0


_AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("setpriv") is not None

pytestmark = [
    pytest.mark.skipif(
        not hasattr(os, "geteuid") or os.geteuid() != 0,
        reason="needs root, to act as a second user (nobody) through setpriv",
    ),
    pytest.mark.skipif(shutil.which("setpriv") is None, reason="needs setpriv (util-linux)"),
    pytest.mark.skipif(
        _AS_ROOT and not _nobody_can_run_python(),
        reason="nobody cannot start this Python (pyenv's under /root, as in CI on 3.9 and 3.13)",
    ),
]


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder both users can reach (pytest's own tmp folders are root's alone)."""
    folder = Path(tempfile.mkdtemp(prefix="coop-tui-users-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def data(shared: Path) -> Path:
    folder = shared / "data"
    shutil.copytree(bundled_data_path(), folder)
    hour_ago = time.time() - 3600
    for path in [folder, *folder.iterdir()]:
        os.chmod(path, 0o755 if path.is_dir() else 0o644)
        os.utime(path, (hour_ago, hour_ago))
    return folder


def as_nobody(code: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environment = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": "/nonexistent",
        **(env or {}),
    }
    return subprocess.run(
        [*NOBODY, sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=environment,
        cwd="/",
        check=False,
    )


def plant_payload(cache_file: Path, marker: Path) -> None:
    """As nobody: write a file under the name coop-tui reads that runs code if unpickled."""
    code = (
        "import os, pickle\n"
        "class Payload:\n"
        "    def __reduce__(self):\n"
        f"        return (os.system, ('touch {marker}',))\n"
        f"data = pickle.dumps(Payload())\n"
        f"open({str(cache_file)!r}, 'wb').write(data + data)\n"
    )
    done = as_nobody(code)
    assert done.returncode == 0, done.stderr


def test_a_folder_of_another_user_is_refused_and_their_code_never_runs(
    shared: Path, data: Path
) -> None:
    public = shared / "public"  # like /tmp: anyone may make a folder here
    public.mkdir()
    os.chmod(public, 0o1777)
    folder = public / "coop-tui"
    made = as_nobody(f"import os; os.mkdir({str(folder)!r}, 0o755)")
    assert made.returncode == 0, made.stderr
    assert folder.stat().st_uid != 0
    cache = DatasetCache(folder)
    marker = shared / "ran-as-root"
    plant_payload(cache._file_for([data]), marker)

    app = make_app([data], "en", cache=cache)

    assert not marker.exists(), "code planted by another user ran"
    assert app.dataset.topics["center"].title.get("en") == CENTER
    assert cache.notice is not None and "belongs to another user" in str(cache.notice)
    assert app._startup_notice == cache.notice  # shown once, on the first screen


def test_a_folder_of_ours_that_others_can_write_is_refused(shared: Path, data: Path) -> None:
    folder = shared / "cache-open-to-all"
    folder.mkdir()
    os.chmod(folder, 0o777)  # as a cache folder made by hand with a loose umask
    cache = DatasetCache(folder)
    marker = shared / "ran-as-root"
    plant_payload(cache._file_for([data]), marker)

    app = make_app([data], "en", cache=cache)

    assert not marker.exists(), "code planted by another user ran"
    assert app.dataset.topics["center"].title.get("en") == CENTER
    assert cache.notice is not None and "can be written by other users" in str(cache.notice)


def test_each_user_keeps_a_working_cache_of_their_own(shared: Path, data: Path) -> None:
    # root's folder, made by coop-tui: nobody cannot write into it.
    root_cache = shared / "root-cache"
    DatasetCache(root_cache)  # nothing happens until data is stored
    make_app([data], "en", cache=DatasetCache(root_cache))
    assert stat.S_IMODE(root_cache.stat().st_mode) == 0o700
    assert len(list(root_cache.iterdir())) == 1
    blocked = as_nobody(f"open({str(root_cache / 'x')!r}, 'w')")
    assert blocked.returncode != 0 and "Permission denied" in blocked.stderr
    again = DatasetCache(root_cache)
    assert again.get([data]) is not None and again.notice is None

    # nobody's own folder, under its own XDG_CACHE_HOME: a miss, then a hit.
    home = shared / "nobody-home"
    home.mkdir()
    os.chown(home, *_nobody_ids())
    code = (
        "from pathlib import Path\n"
        "from tui.cache import DatasetCache\n"
        "from tui.factory import make_app\n"
        f"data = [Path({str(data)!r})]\n"
        "cache = DatasetCache()\n"
        "first = cache.get(data)\n"
        "make_app(data, 'en', cache=cache)\n"
        "second = DatasetCache().get(data)\n"
        "print(first is None, second is not None, cache.notice)\n"
    )
    done = as_nobody(code, {"XDG_CACHE_HOME": str(home / "cache"), "PYTHONPATH": str(_repo())})
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "True", "None"], done.stdout + done.stderr
    (theirs,) = (home / "cache" / "coop-tui").iterdir()
    assert theirs.stat().st_uid == _nobody_ids()[0]


def _nobody_ids() -> tuple[int, int]:
    import grp
    import pwd

    return pwd.getpwnam("nobody").pw_uid, grp.getgrnam("nogroup").gr_gid


def _repo() -> Path:
    return Path(__file__).resolve().parent.parent
