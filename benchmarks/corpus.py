"""Benchmark corpora: a seeded synthetic repository generator (optionally split into many app
roots), real source trees fetched from the package registries (PyPI sdists, npm tarballs), and
git checkouts of large public repositories at pinned commits, all cached outside the repository.

    python benchmarks/corpus.py synthetic 10000 /tmp/syn-10k [--seed 12] [--apps 100]
    python benchmarks/corpus.py real django /tmp/real-django
    python benchmarks/corpus.py git rails            # -> ~/.cache/twelve-bench/rails
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

CACHE = Path(os.environ.get("TWELVE_BENCH_CACHE", Path.home() / ".cache" / "twelve-bench"))

#: (share of files, generator) — proportions of a typical polyglot service repository
_MIX = (
    (0.30, "python"),
    (0.18, "javascript"),
    (0.08, "typescript"),
    (0.08, "go"),
    (0.08, "java"),
    (0.05, "ruby"),
    (0.08, "yaml"),
    (0.02, "dockerfile"),
    (0.08, "markdown"),
    (0.05, "vendored"),
)

_PY = '''"""Module {n}."""
import logging
import os

from .helpers import helper_{m}

log = logging.getLogger(__name__)
TIMEOUT = {n}


def handler_{n}(request):
    value = helper_{m}(request)
    {extra}
    return {{"ok": True, "value": value, "n": {n}}}


class Service{n}:
    def __init__(self, client):
        self.client = client

    def run(self, items):
        total = 0
        for item in items:
            total += len(str(item)) * {n}
        return total
'''
_PY_EXTRAS = (
    'db = os.environ["DATABASE_URL"]',
    'handler = logging.FileHandler("/var/log/app-{n}.log")',
    'api_key = "sk_live_{n:024d}"',
    'secret = os.getenv("SECRET_KEY", "dev")',
    'import subprocess; subprocess.run(["convert", "a.png", "b.png"])',
)
_JS = """const express = require("express");
const {{ helper{m} }} = require("./helper");

function handler{n}(req, res) {{
  const value = helper{m}(req.query.q);
  {extra}
  res.json({{ ok: true, value, n: {n} }});
}}

module.exports = {{ handler{n} }};
"""
_JS_EXTRAS = (
    "const url = process.env.DATABASE_URL;",
    "app.listen(3000);",
    'const winston = require("winston"); new winston.transports.File({{ filename: "app.log" }});',
    "",
)
_TS = """import {{ Injectable }} from "@nestjs/common";

@Injectable()
export class Service{n} {{
  compute(items: number[]): number {{
    return items.reduce((a, b) => a + b * {n}, 0);
  }}
}}
"""
_GO = """package pkg{m}

import (
	"fmt"
	"os"
)

func Handler{n}(name string) string {{
	{extra}
	return fmt.Sprintf("hello %s %d", name, {n})
}}
"""
_GO_EXTRAS = (
    '_ = os.Getenv("PORT")',
    'f, _ := os.OpenFile("app.log", os.O_CREATE|os.O_WRONLY, 0600); _ = f',
    "_ = os.Args",
)
_JAVA = """package com.example.svc{m};

import java.util.List;

public class Service{n} {{
    private final String url = System.getenv("DATABASE_URL");

    public int compute(List<Integer> items) {{
        int total = 0;
        for (int item : items) {{
            total += item * {n};
        }}
        return total;
    }}
}}
"""
_RUBY = """class Service{n}
  def initialize(client)
    @client = client
    @url = ENV.fetch("DATABASE_URL")
  end

  def call(items)
    items.sum {{ |i| i * {n} }}
  end
end
"""
_YAML = """apiVersion: apps/v1
kind: Deployment
metadata:
  name: svc-{n}
spec:
  replicas: {r}
  template:
    spec:
      containers:
        - name: app
          image: registry.example.com/svc-{n}:{tag}
          env:
            - name: DATABASE_URL
              valueFrom:
                secretKeyRef: {{name: db, key: url}}
"""
_DOCKER = """FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"""
_MD = """# Component {n}

Some documentation for component {n}. It explains how the service works,
which endpoints it offers and how to run it locally.

```bash
make run
```
"""


_APP_MANIFESTS = (
    ("requirements.txt", "flask==3.0.3\ngunicorn==22.0.0\npsycopg2-binary==2.9.9\n"),
    ("package.json", '{{"name": "app-{i}", "version": "1.0.0", "dependencies": {{"express": "^4.19.2"}}}}\n'),
    ("go.mod", "module example.com/app{i}\n\ngo 1.22\n"),
    ("Gemfile", 'source "https://rubygems.org"\ngem "rails", "~> 7.1"\n'),
    (
        "pom.xml",
        "<project><modelVersion>4.0.0</modelVersion><groupId>com.example</groupId>"
        "<artifactId>app-{i}</artifactId><version>1.0.0</version></project>\n",
    ),
)


def synthetic(count: int, dest: Path, seed: int = 12, apps: int | None = None) -> Path:
    """A repository of *count* files in realistic proportions, with findings sprinkled in. With
    *apps*, the same kinds of files are spread over that many app roots (`apps/appNNN/`, each
    with a dependency manifest of one stack in turn and a Procfile): what a monorepo of many
    services looks like to the app-ownership and per-app rule stages (1 is the baseline with
    the same layout and a single app root). Each app gets fewer directories, so that the count
    of directories stays close (10k files: 1,581 for 1 app, 3,436 for 100; the first layout had
    5,174 and 17,129, and the walk's cost, which follows directories, hid the per-app costs)."""
    rng = random.Random(seed)
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    (dest / "requirements.txt").write_text("flask==3.0.3\ngunicorn==22.0.0\npsycopg2-binary==2.9.9\n")
    (dest / "package.json").write_text('{"name": "web", "version": "1.0.0", "dependencies": {"express": "^4.19.2"}}\n')
    (dest / "go.mod").write_text("module example.com/svc\n\ngo 1.22\n")
    (dest / ".gitignore").write_text("*.pyc\n/build/\n")
    made = 4
    for i in range(apps or 0):
        name, text = _APP_MANIFESTS[i % len(_APP_MANIFESTS)]
        app = dest / "apps" / f"app{i:03d}"
        app.mkdir(parents=True)
        (app / name).write_text(text.format(i=i))
        (app / "Procfile").write_text("web: gunicorn app:app\n")
        made += 2
    kinds = []
    for share, kind in _MIX:
        kinds.extend([kind] * max(1, round(share * 100)))
    n = 0
    while made < count:
        kind = kinds[rng.randrange(len(kinds))]
        n += 1
        m = n % 50

        # with app roots, fewer directories per app: about as many directories in all whatever the
        # number of apps (the walk's cost follows directories, not app roots)
        def spread(count: int, n: int = n) -> int:
            return n % count if not apps else (n // apps) % max(1, count // apps)

        group = f"g{n % 97:02d}/m{n % 13}" if not apps else f"g{spread(100):02d}"
        extra_roll = rng.random()
        if kind == "python":
            extra = _PY_EXTRAS[rng.randrange(len(_PY_EXTRAS))].format(n=n) if extra_roll < 0.05 else "pass"
            path, text = f"services/{group}/mod_{n}.py", _PY.format(n=n, m=m, extra=extra)
        elif kind == "javascript":
            extra = _JS_EXTRAS[rng.randrange(len(_JS_EXTRAS))] if extra_roll < 0.05 else ""
            path, text = f"web/{group}/h{n}.js", _JS.format(n=n, m=m, extra=extra)
        elif kind == "typescript":
            path, text = f"web/src/{group}/s{n}.ts", _TS.format(n=n)
        elif kind == "go":
            extra = _GO_EXTRAS[rng.randrange(len(_GO_EXTRAS))] if extra_roll < 0.05 else "_ = name"
            path, text = f"worker/pkg{spread(50)}/h{n}.go", _GO.format(n=n, m=m, extra=extra)
        elif kind == "java":
            path, text = f"billing/src/main/java/com/example/svc{spread(50)}/Service{n}.java", _JAVA.format(n=n, m=m)
        elif kind == "ruby":
            path, text = f"admin/app/services/g{spread(97)}/service_{n}.rb", _RUBY.format(n=n)
        elif kind == "yaml":
            path, text = (
                f"k8s/{group}/svc-{n}.yaml",
                _YAML.format(n=n, r=rng.choice((1, 2, 3)), tag=rng.choice(("1.4.2", "latest"))),
            )
        elif kind == "dockerfile":
            path, text = f"images/{group}/svc{n}/Dockerfile", _DOCKER
        elif kind == "markdown":
            path, text = f"docs/{group}/c{n}.md", _MD.format(n=n)
        else:
            path, text = f"web/node_modules/pkg{spread(400)}/lib/f{n}.js", _JS.format(n=n, m=m, extra="")
        if apps:
            path = f"apps/app{n % apps:03d}/{path}"
        target = dest / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text)
        made += 1
    return dest


REAL = {
    # name: (registry, spec)
    "django": ("pypi", "Django==5.2.1"),
    "sqlalchemy": ("pypi", "SQLAlchemy==2.0.41"),
    "express": ("npm", "express@4.21.2"),
    "webpack": ("npm", "webpack@5.99.9"),
}


def _npm_tarball(spec: str, archive_dir: Path) -> Path:
    """Download an npm package tarball from the registry (no npm needed) and check it against the
    registry's sha512 integrity string before keeping it."""
    import base64
    import hashlib
    import json
    import urllib.request

    name, _, version = spec.rpartition("@")
    with urllib.request.urlopen(f"https://registry.npmjs.org/{name}/{version}", timeout=60) as response:
        dist = json.load(response)["dist"]
    with urllib.request.urlopen(dist["tarball"], timeout=120) as response:
        data = response.read()
    algorithm, _, expected = dist["integrity"].partition("-")
    if algorithm != "sha512" or base64.b64encode(hashlib.sha512(data).digest()).decode() != expected:
        raise OSError(f"{spec}: the tarball does not match the registry's integrity string")
    target = archive_dir / dist["tarball"].rsplit("/", 1)[-1]
    target.write_bytes(data)
    return target


def real(name: str, dest: Path) -> Path:
    """Unpack a real source tree fetched from its registry (cached under CACHE)."""
    registry, spec = REAL[name]
    CACHE.mkdir(parents=True, exist_ok=True)
    archive_dir = CACHE / name
    archives = sorted(archive_dir.glob("*.tar.gz")) + sorted(archive_dir.glob("*.tgz")) if archive_dir.exists() else []
    if not archives:
        archive_dir.mkdir(parents=True, exist_ok=True)
        if registry == "pypi":
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--no-deps",
                    "--no-binary",
                    ":all:",
                    "--dest",
                    str(archive_dir),
                    spec,
                ],
                check=True,
            )
        else:
            _npm_tarball(spec, archive_dir)
        archives = sorted(archive_dir.glob("*.tar.gz")) + sorted(archive_dir.glob("*.tgz"))
    if dest.exists():
        shutil.rmtree(dest)
    dest.mkdir(parents=True)
    with tarfile.open(archives[0]) as tar:
        tar.extractall(dest, filter="data")
    return dest


#: git checkouts of large public repositories: name -> (owner/name, pinned commit)
GIT = {
    "rails": ("rails/rails", "2a2db1e8d6d104ee0611efcae7eb023af65cff34"),
    "ansible": ("ansible/ansible", "c9ac477e53a99e95781f333eec3329a935c1bf95"),
    "prometheus": ("prometheus/prometheus", "d15adb9ad7e5d9fbde3a9a8f30200593a5a14d86"),
    "typeorm": ("typeorm/typeorm", "281bfba42a5813b106bcf5ba79bc7f7251bd1e73"),
    "spring-boot": ("spring-projects/spring-boot", "c329ffa25dc160a90ebe5e4b006ad4cdf89d8683"),
}
#: where local snapshots of those repositories may already be (bare git directories named
#: `<owner>+<name>/repo`), so that a checkout needs no network
MIRRORS = Path(os.environ.get("TWELVE_BENCH_MIRRORS", "/work/.mirror"))
#: where a missing repository is cloned from otherwise ({repo} is owner/name)
GIT_URL = os.environ.get("TWELVE_BENCH_GIT_URL", "https://github.com/{repo}.git")


class MissingTree(Exception):
    """A corpus that is not in the cache and could not be brought (no network, no snapshot)."""


def git_tree(name: str) -> Path:
    """The checkout of *name* at its pinned commit under CACHE (made once: from a local bare
    snapshot when there is one, else cloned; offline afterwards)."""
    repo, commit = GIT[name]
    dest = CACHE / name
    if (dest / ".git").exists() and _head(dest) == commit:
        return dest
    if dest.exists():
        shutil.rmtree(dest)
    mirror = MIRRORS / repo.replace("/", "+") / "repo"
    git = ["git", "-c", "advice.detachedHead=false", "-c", "core.hooksPath=/dev/null"]
    try:
        if mirror.is_dir():
            subprocess.run(
                git + ["clone", "--quiet", "--no-checkout", str(mirror), str(dest)], check=True, capture_output=True
            )
        else:
            dest.mkdir(parents=True)
            subprocess.run(git + ["init", "--quiet", str(dest)], check=True, capture_output=True)
            subprocess.run(
                git + ["-C", str(dest), "fetch", "--quiet", "--depth", "1", GIT_URL.format(repo=repo), commit],
                check=True,
                capture_output=True,
                timeout=1800,
            )
        subprocess.run(
            git + ["-C", str(dest), "checkout", "--quiet", "--detach", commit], check=True, capture_output=True
        )
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(dest, ignore_errors=True)
        detail = (
            exc.stderr.decode(errors="replace").strip().splitlines()[-1:]
            if getattr(exc, "stderr", None)
            else [str(exc)]
        )
        raise MissingTree(
            f"{repo}@{commit[:12]} is not in {CACHE} and could not be brought "
            f"(no snapshot at {mirror}; clone failed: {' '.join(detail)})"
        ) from exc
    return dest


def _head(path: Path) -> str | None:
    try:
        return subprocess.run(
            ["git", "-C", str(path), "rev-parse", "HEAD"], check=True, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    syn = sub.add_parser("synthetic")
    syn.add_argument("count", type=int)
    syn.add_argument("dest", type=Path)
    syn.add_argument("--seed", type=int, default=12)
    syn.add_argument("--apps", type=int, default=None, help="spread the files over this many app roots")
    rl = sub.add_parser("real")
    rl.add_argument("name", choices=sorted(REAL))
    rl.add_argument("dest", type=Path)
    gt = sub.add_parser("git")
    gt.add_argument("name", choices=sorted(GIT))
    args = parser.parse_args(argv)
    if args.what == "synthetic":
        synthetic(args.count, args.dest, args.seed, args.apps)
    elif args.what == "git":
        print(git_tree(args.name))
    else:
        real(args.name, args.dest)
    return 0


if __name__ == "__main__":
    sys.exit(main())
