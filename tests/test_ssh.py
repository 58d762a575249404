"""coop-tui over a real SSH connection to 127.0.0.1: paints, answers keys, quits,
and leaves no process behind when the connection drops.

Starts its own sshd on a free high port with host and user keys made in a
temporary folder. `.ci/run` installs openssh-server; elsewhere the test is
skipped, with the reason, when sshd or ssh is missing or cannot run.
"""

from __future__ import annotations

import getpass
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pty_session import PtySession, coop_tui

SSHD = shutil.which("sshd") or ("/usr/sbin/sshd" if Path("/usr/sbin/sshd").exists() else None)
SSH = shutil.which("ssh")
KEYGEN = shutil.which("ssh-keygen")
# The test server: its port, the user's key and its folder.
Server = tuple[int, Path, Path]

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(
        not (SSHD and SSH and KEYGEN),
        reason="needs OpenSSH (sshd, ssh, ssh-keygen): apt-get install openssh-server openssh-client",
    ),
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def processes_mentioning(marker: str) -> list[int]:
    """Ids of live processes whose command line or environment names `marker`."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            if stat.rsplit(")", 1)[1].split()[0] == "Z":
                continue  # a zombie has ended; only its exit status is left
            blob = (entry / "cmdline").read_bytes() + (entry / "environ").read_bytes()
        except OSError:
            continue
        if marker.encode() in blob and "coop-tui" in blob.decode("utf-8", "replace"):
            found.append(int(entry.name))
    return found


@pytest.fixture(scope="module")
def sshd(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A private sshd on 127.0.0.1; yields (port, user key, folder)."""
    assert SSHD and KEYGEN  # else the module is skipped
    folder = tmp_path_factory.mktemp("sshd")
    host_key, user_key = folder / "host_ed25519", folder / "user_ed25519"
    for key in (host_key, user_key):
        subprocess.run(
            [KEYGEN, "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True, timeout=30
        )
    authorized = folder / "authorized_keys"
    authorized.write_text(Path(f"{user_key}.pub").read_text())
    authorized.chmod(0o600)
    if os.geteuid() == 0:
        # Debian's sshd refuses to start without its privilege-separation folder.
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)
    port = free_port()
    config = folder / "sshd_config"
    config.write_text(
        "\n".join(
            [
                f"Port {port}",
                "ListenAddress 127.0.0.1",
                f"HostKey {host_key}",
                f"AuthorizedKeysFile {authorized}",
                f"PidFile {folder / 'sshd.pid'}",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "StrictModes no",
                "UsePAM no",
                "PrintMotd no",
                "PrintLastLog no",
                "AcceptEnv LANG LC_*",
                "LogLevel ERROR",
            ]
        )
        + "\n"
    )
    log = folder / "sshd.log"
    # sshd must be started by its absolute path.
    server = subprocess.Popen(
        [str(Path(SSHD).resolve()), "-D", "-e", "-f", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=log.open("wb"),
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.skip(f"sshd could not start here: {log.read_text().strip()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.1)
    else:
        server.kill()
        pytest.skip("sshd did not listen within 10 s")
    yield port, user_key, folder
    server.terminate()
    try:
        server.wait(5)
    except subprocess.TimeoutExpired:
        server.kill()


def ssh_session(sshd: Server, state: Path) -> PtySession:
    port, key, _ = sshd
    assert SSH  # else the module is skipped
    argv = [
        SSH, "-tt", "-p", str(port), "-i", str(key),
        "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
        "-o", "BatchMode=yes", "-o", "LogLevel=ERROR",
        f"{getpass.getuser()}@127.0.0.1",
        # The remote shell's PATH does not know the venv: name coop-tui by its path.
        f"env XDG_STATE_HOME={state} LANG=C.UTF-8 {coop_tui()} --lang en",
    ]  # fmt: skip
    env = dict(os.environ, TERM="xterm-256color")
    return PtySession(argv, size=(100, 30), env=env)


def test_over_ssh_it_paints_answers_keys_and_quits_cleanly(sshd: Server, tmp_path: Path) -> None:
    session = ssh_session(sshd, tmp_path / "state")
    try:
        assert session.wait_for("Center", timeout=30), session.text()
        assert "Industry" in session.text() and "Trade" in session.text()
        session.press("j", "j", "j", settle=0)
        assert session.wait_for("Target $3.0bn"), session.text()
        session.press("?", settle=0)
        assert session.wait_for("Keys")
        session.press("escape")
        session.press("q", settle=0)
        assert session.wait_exit(15) == 0
        assert session.restored()
    finally:
        session.kill()
    assert processes_mentioning(str(tmp_path / "state")) == []


def test_killing_the_ssh_client_leaves_no_coop_tui_behind(sshd: Server, tmp_path: Path) -> None:
    marker = str(tmp_path / "dropped")
    session = ssh_session(sshd, tmp_path / "dropped")
    try:
        assert session.wait_for("Center", timeout=30), session.text()
        assert processes_mentioning(marker), "coop-tui is not running on the server side"
        session.proc.send_signal(signal.SIGKILL)  # the connection drops, no goodbye
        session.proc.wait(5)
    finally:
        session.kill()
    deadline = time.monotonic() + 15
    while processes_mentioning(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert processes_mentioning(marker) == []
