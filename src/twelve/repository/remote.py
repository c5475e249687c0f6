"""Remote targets: a shallow clone into a private temporary directory that is always removed.

`twelve check https://host/owner/repo(.git)` or `twelve check git@host:owner/repo` clones the
repository, assesses the clone and deletes it. The clone is hostile input handled by:

- dulwich (no git binary): its client only speaks the protocol; nothing of the remote
  repository's configuration, hooks, attributes, templates or submodules is consulted;
- a child process (``python -I``, so no module of the current directory can be imported) with
  an isolated environment: HOME and XDG_CONFIG_HOME point to an empty directory,
  GIT_CONFIG_NOSYSTEM/GIT_CONFIG_GLOBAL disable the system and user configuration, no terminal
  prompt; dulwich is given an empty configuration on top of that;
- no checkout by dulwich: the commit's tree is written by :func:`_write_tree` (regular files,
  symbolic links written as links and never followed, submodules left empty), so no filter
  driver, LFS smudge or line-ending conversion can run; names that could escape the directory
  (``..``, ``.git``, slashes) are refused;
- bounds: a time limit (the child's process group is killed) and a size limit (the parent
  watches the directory; the child counts what it writes and files above the analysis size
  bound are written as sparse placeholders of the right size, so the walk still reports them);
- only https and ssh by default; ``file://`` URLs and local repositories with
  ``allow_local=True`` (``--allow-local-clone``).

The clone's work tree is the target; :meth:`Clone.retarget` makes the report show the URL (with
any credentials masked) instead of the temporary path.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

DEFAULT_TIMEOUT = 120  # seconds
DEFAULT_MAX_MB = 500
_POLL = 0.1
_SIZE_EVERY = 1.0  # seconds between two measures of the clone's size
_MAX_REFS = 20_000
_MAX_TREE_ENTRIES = 1_000_000

_SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://")
#: [user@]host[:port] of an https or ssh URL; a host or user starting with "-" would become an
#: ssh option (CVE-2017-1000117), so neither may
_HOST = r"(?:[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})|\[[0-9A-Fa-f:.]{2,45}\])"
_USER = r"[A-Za-z0-9._~%!$&'()*+,;=-]{1,256}"
_URL = re.compile(
    r"^(?P<scheme>https|ssh)://(?:(?P<userinfo>[^@/\s]{1,512})@)?(?P<host>" + _HOST + r")"
    r"(?::(?P<port>[0-9]{1,5}))?(?P<path>/[^\s]*)$",
    re.IGNORECASE,
)
#: git@host:owner/repo (scp-like ssh); a user is required so that "dir:with:colons" stays a path
_SCP = re.compile(r"^(?P<user>" + _USER + r")@(?P<host>" + _HOST + r"):(?P<path>[^\s]+)$")
_HEX_SHA = re.compile(r"^[0-9a-f]{40}$")


class RemoteError(Exception):
    """A remote target that cannot be assessed: *key* names the sentence in the catalogue
    (``remote.<key>``) and *params* fill it."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = {k: "" if v is None else str(v) for k, v in params.items()}


@dataclass(frozen=True, slots=True)
class RemoteSpec:
    url: str  # what dulwich is given
    shown: str  # the URL with credentials masked: what reports and errors print
    name: str  # the repository's name (last path component without .git)
    local: bool  # a file:// URL or a local repository


@dataclass(frozen=True, slots=True)
class Clone:
    path: str  # the work tree to assess
    commit: str
    spec: RemoteSpec

    def retarget(self, assessment: Any) -> Any:
        """*assessment* with the URL and the cloned commit as its target."""
        target = replace(
            assessment.target, path=self.spec.shown, name=self.spec.name, commit=self.commit, is_repository=True
        )
        return replace(assessment, target=target)


# --- what the argument is ---------------------------------------------------------------------


_QUERY_VALUE = re.compile(r"([?&;][^=&;#\s]*=)[^&;#\s]*")


def _mask_query(tail: str) -> str:
    """The path, query and fragment of a URL with every query value and the fragment masked
    (tokens travel there: ``?private_token=…``, ``?access_token=…``)."""
    path, hash_mark, fragment = tail.partition("#")
    path, question, query = path.partition("?")
    if question:
        query = _QUERY_VALUE.sub(r"\1***", "?" + query)[1:]
        if query and "=" not in query:
            query = "***"
    return path + question + query + (hash_mark + "***" if hash_mark and fragment else hash_mark)


def mask_url(url: str) -> str:
    """*url* with its user information (user, password or token) replaced by ``***``, and the
    values of its query string and its fragment too."""
    m = _SCHEME.match(url)
    if m:
        rest = url[m.end() :]
        slash = min([i for i in (rest.find("/"), rest.find("?"), rest.find("#")) if i >= 0], default=-1)
        authority, tail = (rest, "") if slash < 0 else (rest[:slash], rest[slash:])
        if "@" in authority:
            authority = "***@" + authority.rsplit("@", 1)[1]
        return f"{m.group('scheme')}://{authority}{_mask_query(tail)}"
    return url


_URL_IN_TEXT = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


def mask_text(text: str) -> str:
    """Any URL credentials, query values and fragments in *text* (an error message) masked, on
    one line."""
    masked = _URL_IN_TEXT.sub(lambda m: mask_url(m.group()), text)
    masked = re.sub(r"([A-Za-z][A-Za-z0-9+.-]*://)[^@/\s]+@", r"\1***@", masked)
    line = " ".join(masked.split())
    return line if len(line) <= 300 else line[:299] + "…"


# --- redirects --------------------------------------------------------------------------------

_MAX_REDIRECTS = 5


def _internal_host(host: str, port: int | None) -> bool | None:
    """Whether *host* is (or resolves only to) a loopback, private, link-local, reserved or
    unspecified address; None when it cannot be resolved."""
    import ipaddress

    host = host.strip("[]")
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port or 443, proto=socket.IPPROTO_TCP)
        except (OSError, UnicodeError):
            return None
        addresses = []
        for info in infos:
            try:
                addresses.append(ipaddress.ip_address(str(info[4][0]).split("%", 1)[0]))
            except ValueError:
                continue
        if not addresses:
            return None

    def internal(ip: Any) -> bool:
        mapped = getattr(ip, "ipv4_mapped", None)
        if mapped is not None:
            ip = mapped
        return bool(
            ip.is_private
            or ip.is_loopback
            or ip.is_link_local
            or ip.is_reserved
            or ip.is_unspecified
            or ip.is_multicast
        )

    return any(internal(ip) for ip in addresses)


def redirect_problem(origin: str, target: str) -> str | None:
    """Why a clone of *origin* must not follow a redirect to *target* (None: it may): another
    scheme than https (a downgrade to http, or file:, ftp:...), or an address inside a private
    network when *origin* is not inside one (a public remote must not point the clone at the
    machine's own services or a cloud metadata endpoint)."""
    from urllib.parse import urlsplit

    try:
        new = urlsplit(target)
        old = urlsplit(origin)
        new_port = new.port
        old_port = old.port
    except ValueError:
        return "malformed"
    if new.scheme.lower() != "https":
        return "scheme"
    if not new.hostname:
        return "malformed"
    if _internal_host(new.hostname, new_port):
        if old.hostname is None or not _internal_host(old.hostname, old_port):
            return "internal"
    return None


class _GuardedPool:
    """dulwich's urllib3 pool manager, but redirects are followed here, one at a time, each one
    checked by :func:`redirect_problem` against the URL the user gave."""

    def __init__(self, inner: Any, origin: str) -> None:
        self._inner = inner
        self._origin = origin

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        kwargs["redirect"] = False
        for _ in range(_MAX_REDIRECTS + 1):
            response = self._inner.request(method, url, **kwargs)
            location = response.headers.get("Location") if response.status in (301, 302, 303, 307, 308) else None
            if not location:
                response.url = url  # dulwich rebases on a URL that differs from the one it asked
                return response
            from urllib.parse import urljoin

            following = urljoin(url, location)
            try:
                response.drain_conn()
                response.release_conn()
            except Exception:  # pragma: no cover - a broken connection is dropped anyway
                pass
            if redirect_problem(self._origin, following) is not None:
                raise _Abort("redirect_refused", following)
            if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                method = "GET"
                kwargs.pop("body", None)
            url = following
        raise _Abort("redirect_refused", url)


def _name_of(path: str) -> str:
    name = path.rstrip("/").rsplit("/", 1)[-1].rsplit(":", 1)[-1]
    name = name.removesuffix(".git")
    return name or "repository"


def is_bare_repository(path: str) -> bool:
    """A local directory that is a git repository without a work tree (HEAD, objects, refs)."""
    return (
        os.path.isfile(os.path.join(path, "HEAD"))
        and os.path.isdir(os.path.join(path, "objects"))
        and os.path.isdir(os.path.join(path, "refs"))
        and not os.path.exists(os.path.join(path, ".git"))
    )


def parse_target(arg: str, *, allow_local: bool = False, ref: str | None = None) -> RemoteSpec | None:
    """The remote repository *arg* names, or None when it is a local directory to assess in place.

    Raises :class:`RemoteError` for URLs that are refused (a scheme other than https/ssh, a
    local clone without *allow_local*, an ssh host or path that would read as an option)."""
    if os.path.isdir(arg) and not _SCHEME.match(arg):
        if is_bare_repository(arg) or (ref and allow_local):
            if not allow_local:
                raise RemoteError("bare_local", path=arg)
            return RemoteSpec(os.path.abspath(arg), arg, _name_of(os.path.abspath(arg)), True)
        if ref:
            raise RemoteError("ref_needs_remote")
        return None
    scheme = _SCHEME.match(arg)
    if scheme:
        kind = scheme.group("scheme").lower()
        if kind == "file":
            if not allow_local:
                raise RemoteError("local_refused", url=arg)
            return RemoteSpec(arg, arg, _name_of(arg), True)
        if kind not in ("https", "ssh"):
            raise RemoteError("scheme_refused", url=mask_url(arg), scheme=kind)
        m = _URL.match(arg)
        if (
            m is None
            or m.group("path") in ("", "/")
            or m.group("path").lstrip("/").startswith("-")
            or (m.group("userinfo") or "").startswith("-")
        ):
            raise RemoteError("bad_url", url=mask_url(arg))
        return RemoteSpec(arg, mask_url(arg), _name_of(m.group("path")), False)
    m = _SCP.match(arg)
    if m is not None and not os.path.exists(arg):
        if m.group("path").startswith("-"):
            raise RemoteError("bad_url", url=arg)
        return RemoteSpec(arg, arg, _name_of(m.group("path")), False)  # dulwich reads the scp form itself
    return None  # a local path (maybe missing: the caller reports that)


# --- the clone (parent side) ------------------------------------------------------------------


def _isolated_env(home: str) -> dict[str, str]:
    keep = (
        "PATH",
        "LANG",
        "LC_ALL",
        "LC_CTYPE",
        "TMPDIR",
        "SYSTEMROOT",
        "SSH_AUTH_SOCK",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
        "REQUESTS_CA_BUNDLE",
        "CURL_CA_BUNDLE",
        "HTTPS_PROXY",
        "https_proxy",
        "NO_PROXY",
        "no_proxy",
        "ALL_PROXY",
        "all_proxy",
        "GIT_SSH_COMMAND",
        "GIT_SSH",
    )
    env = {k: v for k, v in os.environ.items() if k in keep}
    env.update(
        {
            "HOME": home,
            "XDG_CONFIG_HOME": home,
            "USERPROFILE": home,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_SYSTEM": os.devnull,
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_ASKPASS": "",
            "SSH_ASKPASS": "",
            "GIT_LFS_SKIP_SMUDGE": "1",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    return env


def _disk_usage(top: str, limit: int) -> int:
    """Bytes allocated under *top* (sparse placeholders cost nothing); stops counting at *limit*."""
    total = 0
    stack = [top]
    while stack:
        try:
            with os.scandir(stack.pop()) as it:
                for entry in it:
                    try:
                        st = entry.stat(follow_symlinks=False)
                    except OSError:
                        continue
                    total += getattr(st, "st_blocks", 0) * 512 or st.st_size
                    if entry.is_dir(follow_symlinks=False):
                        stack.append(entry.path)
                    if total > limit:
                        return total
        except OSError:
            continue
    return total


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(OSError):
        if hasattr(os, "killpg"):
            os.killpg(proc.pid, signal.SIGKILL)  # the child leads its own group (ssh included)
        else:  # pragma: no cover - Windows
            proc.kill()
    with contextlib.suppress(Exception):
        proc.wait(timeout=10)


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """SIGTERM raises SystemExit while a clone exists, so that `finally` removes it."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def cloned(
    spec: RemoteSpec,
    *,
    ref: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_MB * 1024 * 1024,
    max_file_bytes: int = 2 * 1024 * 1024,
) -> Iterator[Clone]:
    """Clone *spec* (depth 1, *ref* or the default branch) and yield it; the temporary directory
    (mode 0700) is removed when the block ends, whatever ends it. Raises :class:`RemoteError`."""
    top = tempfile.mkdtemp(prefix="twelve-clone-")  # created with mode 0700
    try:
        with _sigterm_as_exit():
            home = os.path.join(top, "home")
            os.mkdir(home, 0o700)
            work = os.path.join(top, "src", _safe_dir_name(spec.name))
            os.makedirs(os.path.dirname(work), mode=0o700)
            result = _run_child(
                top,
                home,
                {
                    "url": spec.url,
                    "local": spec.local,
                    "ref": ref,
                    "dest": work,
                    "max_bytes": max_bytes,
                    "max_file_bytes": max_file_bytes,
                    "result": os.path.join(top, "result.json"),
                },
                timeout,
                max_bytes,
                spec,
            )
            yield Clone(work, result["commit"], spec)
    finally:
        shutil.rmtree(top, ignore_errors=True)


def _safe_dir_name(name: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).strip(".") or "repository"
    return cleaned[:100]


def _child_command() -> list[str]:
    package_root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from twelve.repository.remote import _child_main; _child_main()"
    )
    return [sys.executable, "-I", "-c", code, package_root]


def _run_child(
    top: str, home: str, request: dict[str, Any], timeout: float, max_bytes: int, spec: RemoteSpec
) -> dict[str, Any]:
    with open(os.path.join(top, "child.log"), "wb") as log:
        proc = subprocess.Popen(
            _child_command(),
            stdin=subprocess.PIPE,
            stdout=log,
            stderr=log,
            cwd=home,
            env=_isolated_env(home),
            start_new_session=True,
            close_fds=True,
        )
    try:
        assert proc.stdin is not None
        proc.stdin.write(json.dumps(request).encode())  # on stdin: credentials never show in `ps`
        proc.stdin.close()
        started = time.monotonic()
        measured = started
        while True:
            try:
                proc.wait(timeout=_POLL)
                break
            except subprocess.TimeoutExpired:
                pass
            now = time.monotonic()
            if now - started > timeout:
                _kill(proc)
                raise RemoteError("timeout", url=spec.shown, seconds=f"{timeout:g}")
            if now - measured >= _SIZE_EVERY:
                measured = now
                if _disk_usage(top, max_bytes) > max_bytes:
                    _kill(proc)
                    raise RemoteError("too_large", url=spec.shown, size=max_bytes // (1024 * 1024))
    except BaseException:
        _kill(proc)
        raise
    try:
        with open(request["result"], encoding="utf-8") as handle:
            result = json.load(handle)
    except (OSError, ValueError):
        result = {"ok": False, "error": "failed", "detail": f"the clone process ended with status {proc.returncode}"}
    if not result.get("ok"):
        error = result.get("error", "failed")
        if error == "too_large":
            raise RemoteError("too_large", url=spec.shown, size=max_bytes // (1024 * 1024))
        if error == "ref_not_found":
            raise RemoteError("ref_not_found", url=spec.shown, ref=request["ref"])
        if error == "empty":
            raise RemoteError("empty", url=spec.shown)
        if error == "redirect_refused":
            raise RemoteError("redirect_refused", url=spec.shown, target=mask_url(str(result.get("detail", ""))))
        raise RemoteError("clone_failed", url=spec.shown, reason=mask_text(str(result.get("detail", ""))))
    return result


# --- the clone (child side) -------------------------------------------------------------------


class _Abort(Exception):
    def __init__(self, error: str, detail: str = "") -> None:
        super().__init__(detail or error)
        self.error = error
        self.detail = detail


def _child_main() -> None:
    """Entry point of the clone process: read the request on stdin, write the result file."""
    request = json.loads(sys.stdin.read())
    try:
        _limit_resources(request)
        result = {"ok": True, **_clone(request)}
    except _Abort as exc:
        result = {"ok": False, "error": exc.error, "detail": exc.detail}
    except BaseException as exc:  # everything becomes a one-line error for the parent
        result = {"ok": False, "error": "failed", "detail": _root_cause(exc)}
    with open(request["result"], "w", encoding="utf-8") as handle:
        json.dump(result, handle)


def _root_cause(exc: BaseException) -> str:
    """The innermost reason of *exc* ("Connection refused", not three layers of wrappers)."""
    seen = 0
    while seen < 8:
        seen += 1
        inner = getattr(exc, "reason", None)
        if isinstance(inner, BaseException):
            exc = inner
            continue
        inner = exc.__cause__ or exc.__context__
        if inner is None:
            break
        exc = inner
    text = str(exc) or type(exc).__name__
    if "Errno" in text and ": [Errno" in text:  # urllib3: "<pool>: Failed to ...: [Errno 111] Connection refused"
        text = text.split(": ", 1)[1]
    return text


def _limit_resources(request: dict[str, Any]) -> None:
    try:
        import resource
    except ImportError:  # pragma: no cover - Windows
        return
    # no single file may outgrow the clone's bound: writing past it fails (EFBIG) instead of
    # filling the disk; SIGXFSZ would kill the process silently, so it is ignored
    with contextlib.suppress(ValueError, OSError, AttributeError):
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        limit = int(request["max_bytes"]) + (1 << 20)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    with contextlib.suppress(ValueError, OSError, AttributeError):
        memory = 4 << 30  # a decompression bomb ends in MemoryError, not in the machine swapping
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))


def _clone(request: dict[str, Any]) -> dict[str, Any]:
    from contextlib import closing

    from dulwich.client import LocalGitClient, get_transport_and_path
    from dulwich.config import ConfigDict
    from dulwich.repo import Repo

    from twelve.repository.git import _check_control_dir, _safe_repo_class

    url: str = request["url"]
    ssh_command = (
        os.environ.get("GIT_SSH_COMMAND") or os.environ.get("GIT_SSH") or "ssh -o BatchMode=yes -o ConnectTimeout=30"
    )
    client, path = get_transport_and_path(url, config=ConfigDict(), ssh_command=ssh_command)
    if getattr(client, "pool_manager", None) is not None:  # https: every redirect is checked first
        client.pool_manager = _GuardedPool(client.pool_manager, url)  # type: ignore[attr-defined]
    if isinstance(client, LocalGitClient):
        if not request["local"]:
            raise _Abort("failed", "local repositories need --allow-local-clone")
        source = path if os.path.isdir(path) else url
        problem = _check_control_dir(source)
        if problem:
            raise _Abort("failed", problem)
        safe = _safe_repo_class()  # the source's configuration is read without includes
        client._open_repo = lambda p: closing(safe(os.fsdecode(p)))  # type: ignore[method-assign,assignment]
    dest: str = request["dest"]
    os.mkdir(dest, 0o700)
    repo = Repo.init(dest)
    with repo:
        wanted: dict[str, Any] = {}

        def determine_wants(refs: dict[bytes, bytes], depth: int | None = None) -> list[bytes]:
            wanted["refs"] = dict(refs)
            sha, name = _choose(refs, request.get("ref"))
            wanted["sha"], wanted["name"] = sha, name
            # annotated tags of that commit come along (one small object each): "tag at HEAD"
            tags = [refs[k[:-3]] for k, v in refs.items() if k.endswith(b"^{}") and v == sha and k[:-3] in refs]
            return list(dict.fromkeys([sha, *tags[:50]]))

        try:
            client.fetch(path, repo, determine_wants=determine_wants, depth=1)  # type: ignore[arg-type]
        except OSError as exc:
            if exc.errno == errno.EFBIG:  # RLIMIT_FSIZE: the pack outgrew the bound
                raise _Abort("too_large") from None
            raise
        if "sha" not in wanted:
            raise _Abort("empty")
        if _disk_usage(os.path.join(repo.controldir(), "objects"), int(request["max_bytes"])) > int(
            request["max_bytes"]
        ):
            raise _Abort("too_large")
        commit = _peel(repo, wanted["sha"])
        _record_refs(repo, wanted["refs"], wanted["name"], commit)
        written = _write_tree(repo, commit, dest, int(request["max_bytes"]), int(request["max_file_bytes"]))
        return {"commit": commit.decode(), "ref": (wanted["name"] or b"").decode("utf-8", "replace"), "bytes": written}


def _choose(refs: dict[bytes, bytes], ref: str | None) -> tuple[bytes, bytes | None]:
    """(object id, ref name) to fetch: *ref* as a branch, a tag, a full ref name or a commit id,
    or the remote HEAD."""
    if not ref:
        head = refs.get(b"HEAD")
        if head is None:
            heads = sorted(k for k in refs if k.startswith(b"refs/heads/"))
            if not heads:
                raise _Abort("empty")
            preferred = next((h for h in (b"refs/heads/main", b"refs/heads/master") if h in refs), heads[0])
            return refs[preferred], preferred
        name = next((k for k, v in sorted(refs.items()) if k.startswith(b"refs/heads/") and v == head), None)
        return head, name
    raw = ref.encode("utf-8")
    for candidate in (raw, b"refs/heads/" + raw, b"refs/tags/" + raw):
        if candidate.startswith(b"refs/") and candidate in refs:
            return refs[candidate], candidate
    if _HEX_SHA.match(ref):
        return raw, None
    raise _Abort("ref_not_found")


def _peel(repo: Any, sha: bytes) -> bytes:
    from dulwich.objects import Commit, Tag

    obj = repo[sha]
    for _ in range(10):
        if isinstance(obj, Tag):
            obj = repo[obj.object[1]]
            continue
        break
    if not isinstance(obj, Commit):
        raise _Abort("failed", "the reference does not name a commit")
    return obj.id


def _record_refs(repo: Any, refs: dict[bytes, bytes], name: bytes | None, commit: bytes) -> None:
    """HEAD on the cloned branch (or detached at a tag or commit), and the remote's tags by name,
    as in a clone: the facts about version tags do not depend on how the repository was
    obtained. Tags are written as packed refs, peeled where the tag object was fetched."""
    from dulwich.objects import Tag

    if name is not None and name.startswith(b"refs/heads/"):
        repo.refs[name] = commit
        repo.refs.set_symbolic_ref(b"HEAD", name)
    else:  # detached, as `git clone --branch <tag>` leaves it
        with open(os.path.join(repo.controldir(), "HEAD"), "wb") as handle:
            handle.write(commit + b"\n")
    tags = sorted(
        (k, v)
        for k, v in refs.items()
        if k.startswith(b"refs/tags/")
        and not k.endswith(b"^{}")
        and _valid_ref(k)
        and _HEX_SHA.match(v.decode("ascii", "replace"))
    )[:_MAX_REFS]
    if not tags:
        return
    lines = [b"# pack-refs with: peeled fully-peeled sorted \n"]
    for ref, sha in tags:
        lines.append(sha + b" " + ref + b"\n")
        try:
            obj = repo[sha]
        except KeyError:  # not fetched: its name is all a tag contributes
            continue
        if isinstance(obj, Tag):
            lines.append(b"^" + _peel(repo, sha) + b"\n")
    with open(os.path.join(repo.controldir(), "packed-refs"), "wb") as handle:
        handle.writelines(lines)


def _valid_ref(name: bytes) -> bool:
    from dulwich.refs import check_ref_format

    try:
        return bool(check_ref_format(name))  # type: ignore[arg-type]
    except Exception:
        return False


def _unsafe_entry(name: bytes) -> bool:
    """A tree entry name that could step out of its directory or into the repository's own
    control directory (git refuses these on checkout too)."""
    if name in (b"", b".", b"..") or b"/" in name or b"\0" in name or b"\\" in name:
        return True
    return name.lower().rstrip(b". ") in (b".git", b"git~1")


def _write_tree(repo: Any, commit: bytes, dest: str, max_bytes: int, max_file_bytes: int) -> int:
    """Write the commit's tree under *dest* and fill the index; returns the bytes written."""
    import stat as st_mod

    from dulwich.index import index_entry_from_stat

    tree_id = repo[commit].tree
    index = repo.open_index()
    written = 0
    entries = 0
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    # (tree id, directory fd, path prefix, depth); directories opened with O_NOFOLLOW below dest
    root_fd = os.open(dest, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    stack: list[tuple[bytes, int, bytes, int]] = [(tree_id, root_fd, b"", 0)]
    try:
        while stack:
            tid, dir_fd, prefix, depth = stack.pop()
            try:
                for item in repo[tid].iteritems():
                    entries += 1
                    if entries > _MAX_TREE_ENTRIES:
                        raise _Abort("too_large")
                    name, mode, sha = item.path, item.mode, item.sha
                    if _unsafe_entry(name):
                        continue
                    rel = prefix + name
                    if st_mod.S_ISDIR(mode):
                        if depth >= 256:
                            continue  # the walk would not go there either
                        os.mkdir(name, 0o755, dir_fd=dir_fd)
                        child = os.open(
                            name,
                            os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0),
                            dir_fd=dir_fd,
                        )
                        stack.append((sha, child, rel + b"/", depth + 1))
                    elif mode == 0o160000:  # a submodule: never fetched, left as an empty directory
                        os.mkdir(name, 0o755, dir_fd=dir_fd)
                        index[rel] = index_entry_from_stat(
                            os.stat(name, dir_fd=dir_fd, follow_symlinks=False), sha, mode=mode
                        )
                    elif st_mod.S_ISLNK(mode):
                        target = repo[sha].as_raw_string()[:4096]
                        os.symlink(target, name, dir_fd=dir_fd)
                        index[rel] = index_entry_from_stat(
                            os.stat(name, dir_fd=dir_fd, follow_symlinks=False), sha, mode=mode
                        )
                    else:
                        try:
                            written += _write_blob(repo, sha, name, dir_fd, flags, mode, max_file_bytes)
                        except OSError as exc:
                            if exc.errno == errno.EFBIG:
                                raise _Abort("too_large") from None
                            raise
                        if written > max_bytes:
                            raise _Abort("too_large")
                        index[rel] = index_entry_from_stat(
                            os.stat(name, dir_fd=dir_fd, follow_symlinks=False), sha, mode=mode
                        )
            finally:
                os.close(dir_fd)
    finally:
        for _tid, fd, _prefix, _depth in stack:
            with contextlib.suppress(OSError):
                os.close(fd)
    index.write()
    return written


def _write_blob(repo: Any, sha: bytes, name: bytes, dir_fd: int, flags: int, mode: int, max_file_bytes: int) -> int:
    """Write one file; one larger than the analysis bound becomes a sparse file of its size."""
    blob = repo[sha]
    data = blob.as_raw_string()
    fd = os.open(name, flags, 0o755 if mode & 0o111 else 0o644, dir_fd=dir_fd)
    try:
        if len(data) > max_file_bytes:
            os.ftruncate(fd, len(data))  # the walk reports it as too large, without its bytes
            return 0
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        return len(data)
    finally:
        os.close(fd)


__all__ = [
    "DEFAULT_MAX_MB",
    "DEFAULT_TIMEOUT",
    "Clone",
    "RemoteError",
    "RemoteSpec",
    "cloned",
    "is_bare_repository",
    "mask_text",
    "mask_url",
    "parse_target",
]
