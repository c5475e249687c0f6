"""Writing a report file without following links (issue 11, B).

The report is often written inside the repository it judges (the GitHub Action writes
``twelve.sarif`` in the checkout), so the name it is written to may be a symbolic link the
repository committed. Nothing here follows one: the final name is looked at with ``lstat``
relative to its directory (opened once), the text goes to a new file created beside it with
``O_CREAT|O_EXCL|O_NOFOLLOW``, and that file is renamed over the final name, which replaces a
directory entry and never writes through a link, a hard link or a FIFO. The directory part of
the path is the caller's choice and is resolved as usual.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from collections.abc import Iterable

_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_NEW_FLAGS = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_NOCTTY", 0)
)


class OutputError(Exception):
    """The report cannot be written at that path; *key* names the sentence (``output.<key>``)."""

    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _split(path: str) -> tuple[str, str]:
    directory, name = os.path.split(path)
    if not name or name in (".", ".."):
        raise OutputError("not_a_file")
    return directory or ".", name


def _open_directory(directory: str) -> int:
    try:
        fd = os.open(directory, _DIR_FLAGS)
    except FileNotFoundError:
        raise OutputError("no_directory") from None
    except NotADirectoryError:
        raise OutputError("no_directory") from None
    except OSError:
        raise OutputError("unwritable") from None
    if not os.access(directory, os.W_OK | os.X_OK):
        os.close(fd)
        raise OutputError("unwritable")
    return fd


def _check_name(name: str, dir_fd: int) -> None:
    try:
        st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    except FileNotFoundError:
        return
    except OSError:
        raise OutputError("unwritable") from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError("symlink")
    if not stat.S_ISREG(st.st_mode):
        raise OutputError("not_a_file")


def check_output(path: str) -> None:
    """Raise :class:`OutputError` unless a report can be written at *path*."""
    directory, name = _split(path)
    fd = _open_directory(directory)
    try:
        _check_name(name, fd)
    finally:
        os.close(fd)


def write_output(path: str, text: str | bytes | memoryview | Iterable[str] | Iterable[bytes]) -> None:
    """Write *text* (UTF-8; or bytes, as they are; or its pieces, str or bytes, one after the
    other) at *path*: a new file beside it, renamed over it; never through a link. Whatever the
    writing raises (also a piece that fails to come) leaves nothing behind and is raised again."""
    directory, name = _split(path)
    dir_fd = _open_directory(directory)
    try:
        _check_name(name, dir_fd)
        for _ in range(16):
            tmp = f".{name[:100]}.{secrets.token_hex(6)}.tmp"
            try:
                fd = os.open(tmp, _NEW_FLAGS, 0o666, dir_fd=dir_fd)
                break
            except FileExistsError:
                continue
            except OSError:
                raise OutputError("unwritable") from None
        else:  # pragma: no cover - 16 collisions of 48 random bits
            raise OutputError("unwritable")
        try:
            with os.fdopen(fd, "wb") as binary:
                if isinstance(text, (bytes, memoryview)):
                    binary.write(text)
                elif isinstance(text, str):
                    binary.write(text.encode("utf-8"))
                else:
                    for piece in text:
                        binary.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
            _check_name(name, dir_fd)  # a link that appeared meanwhile is refused too
            os.rename(tmp, name, src_dir_fd=dir_fd, dst_dir_fd=dir_fd)
        except BaseException as exc:
            try:
                os.unlink(tmp, dir_fd=dir_fd)
            except OSError:
                pass
            if isinstance(exc, OSError) and not isinstance(exc, OutputError):
                raise OutputError("unwritable" if exc.errno != errno.EISDIR else "not_a_file") from None
            raise
    finally:
        os.close(dir_fd)


__all__ = ["OutputError", "check_output", "write_output"]
