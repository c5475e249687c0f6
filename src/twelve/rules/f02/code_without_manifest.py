"""II. Dependencies: source code of a language whose ecosystem's manifest is missing."""

from __future__ import annotations

from collections.abc import Iterator

from twelve.appmodel.packages import go_modules
from twelve.facts import AppFacts
from twelve.knowledge.packages import CODE_ECOSYSTEMS
from twelve.model import Location, Scope
from twelve.repository import FileEntry
from twelve.rules.registry import AGAINST, STRONG, Hit, hit, rule


@rule(
    "F02-AP01",
    factor=2,
    polarity=AGAINST,
    strength=STRONG,
    ecosystems=("py", "java", "rb", "go"),
    replaces=("F02-AP1", "F02-S4c"),
)
def code_without_manifest(facts: AppFacts) -> Iterator[Hit]:
    """Production code of a language (Python, Java/Kotlin, Ruby, Go) with no manifest of its ecosystem.

    Go code gets its own wording (`go`): it is outside any module when no go.mod declares it.

    Why it matters: II. Dependencies — an app must never count on packages being implicitly
    present on the host; without a manifest nothing says what the code needs, so the build relies
    on whatever the machine has (site-packages, a GOPATH, system gems, jars on the classpath).
    Fires on: `app.py` and `util.py` with no requirements.txt or pyproject.toml;
    `src/main/java/**/*.java` with no pom.xml or build.gradle; Ruby code of an app (two files or a
    config.ru) with no Gemfile; `main.go` with no go.mod anywhere.
    Near miss: only test code; a lone Rakefile or helper script in Ruby; a Python app with a
    requirements.txt; Node code (a package.json missing is another story).
    Fix: declare every dependency in the ecosystem's manifest (requirements.txt or pyproject.toml,
    pom.xml or build.gradle, a Gemfile, `go mod init` + `go mod tidy`) and install from it in the build.
    """
    ecosystems = {m.data.ecosystem for m in facts.of("dep.manifest")}
    by_kind: dict[str, list[FileEntry]] = {}
    for entry in facts.files_where(
        "code_without_manifest.code", lambda entry: entry.kind in CODE_ECOSYSTEMS and entry.scope is Scope.PRODUCTION
    ):
        by_kind.setdefault(entry.kind, []).append(entry)
    reported: set[str] = set()
    for kind, code in sorted(by_kind.items()):
        ecosystem, language = CODE_ECOSYSTEMS[kind]
        if ecosystem in ecosystems or ecosystem in reported:
            continue
        if kind == "ruby" and len(code) < 2 and not facts.has_file("config.ru"):
            continue  # a lone Rakefile or helper script is not an app without a Gemfile
        reported.add(ecosystem)
        yield hit(Location(code[0].path), files=len(code), first=code[0].path, language=language)
    go_code = [f for f in facts.files_of("go") if f.scope is Scope.PRODUCTION]
    if go_code and not go_modules(facts) and not facts.files_of("go_mod"):
        yield hit(Location(go_code[0].path), variant="go", files=len(go_code), first=go_code[0].path)
