"""A throw-away PostgreSQL server for the tests: initdb into a private folder, listening on a unix
socket only (no TCP port, so nothing else on the machine can reach it or clash with it), with
fsync off. Uses Debian's server binaries (package `postgresql`); as root, the server runs as the
`postgres` user (initdb refuses root). Standard library only: .ci/run uses it before any
virtualenv exists.

    python3 tests/pgserver.py start DIR    # prints the DSN (a SQLAlchemy URL) on stdout
    python3 tests/pgserver.py stop DIR
"""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PORT = 5432  # only names the socket file inside the private folder


def binaries() -> Path | None:
    """The folder of initdb and pg_ctl (the newest installed major version), or None."""
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
    )
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", "postgres", "--", *command]


@dataclass(frozen=True)
class Server:
    folder: Path

    @property
    def dsn(self) -> str:
        return f"postgresql+psycopg://postgres@/postgres?host={self.folder}&port={PORT}"

    def stop(self) -> None:
        bindir = binaries()
        if bindir is not None and (self.folder / "data" / "postmaster.pid").exists():
            subprocess.run(
                _as_server_user(
                    [str(bindir / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop"]
                ),
                capture_output=True,
                check=False,
            )


def start(folder: Path) -> Server:
    """Create and start a server in *folder* (created; it must not hold one already)."""
    bindir = binaries()
    if bindir is None:
        raise FileNotFoundError("PostgreSQL's server binaries (initdb, pg_ctl) are not installed")
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o755)
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    data = folder / "data"
    log = folder / "server.log"
    subprocess.run(
        _as_server_user(
            [
                str(bindir / "initdb"),
                "-D",
                str(data),
                "-A",
                "trust",
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        ),
        check=True,
        capture_output=True,
    )
    options = f"-k {folder} -p {PORT} -h '' -F -c max_connections=200 -c shared_buffers=64MB"
    result = subprocess.run(
        _as_server_user(
            [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(log), "-o", options, "-w", "-t", "60", "start"]
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else result.stderr
        raise RuntimeError(f"PostgreSQL did not start: {detail}")
    return Server(folder)


def main(argv: list[str]) -> int:
    if len(argv) != 3 or argv[1] not in ("start", "stop"):
        print(__doc__, file=sys.stderr)
        return 2
    folder = Path(argv[2]).resolve()
    if argv[1] == "start":
        print(start(folder).dsn)
    else:
        Server(folder).stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
