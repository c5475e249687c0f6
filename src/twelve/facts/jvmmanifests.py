"""Maven and Gradle build files, Gradle lock files and servlet ``web.xml`` descriptors.

- ``pom.xml``: one ``dep.manifest`` (ecosystem java, kind maven: packaging, parent, Spring Boot
  version, build plugins with their lines) and one ``dep.declared`` per dependency
  (``groupId:artifactId``, version resolved from ``<properties>``, scope, ``systemPath``).
- ``build.gradle(.kts)``: the same from a line scanner (plugins, dependency configurations,
  ``files``/``fileTree``/``flatDir`` references to local jars, dependency locking, ``bootJar``);
  ``settings.gradle(.kts)``: a ``dep.manifest`` of kind ``gradle_settings`` with its includes.
- ``gradle.lockfile``: ``dep.lock``.
- ``web.xml``: ``web.app`` (framework ``servlet``) and ``session.store`` for ``<session-config>``.

XML is read with the standard library's expat parser, never resolving anything: a document that
declares a DOCTYPE or an entity is refused as a parse error (entity-expansion bombs, external
entities), so is one nested deeper than :data:`MAX_DEPTH`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from twelve.facts.base import Fact, Source

MAX_DEPTH = 200
MAX_ELEMENTS = 200_000


class XmlError(ValueError):
    """Malformed or refused XML (a parse error for coverage)."""


# --- safe XML ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Element:
    """One XML element: local tag name, attributes, 1-based line, children and its own text."""

    tag: str
    attrs: dict[str, str]
    line: int
    children: list[Element] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(self.parts).strip()

    def child(self, tag: str) -> Element | None:
        return next((c for c in self.children if c.tag == tag), None)

    def all(self, tag: str) -> list[Element]:
        return [c for c in self.children if c.tag == tag]

    def child_text(self, tag: str) -> str | None:
        found = self.child(tag)
        return found.text if found is not None else None

    def iter(self) -> list[Element]:
        out: list[Element] = []
        stack = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(reversed(node.children))
        return out


_DECLARATION = re.compile(r"<!\s*(DOCTYPE|ENTITY)", re.I)


def _local(name: str) -> str:
    return name.rsplit(":", 1)[-1].rsplit("}", 1)[-1]


def parse_xml(text: str) -> Element:
    """Parse *text* into an :class:`Element` tree; DOCTYPE/ENTITY declarations are refused."""
    from xml.parsers import expat

    found = _DECLARATION.search(text)
    if found:
        raise XmlError(f"{found.group(1).upper()} declarations are refused (entity expansion)")
    parser = expat.ParserCreate(encoding="UTF-8")
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    root = Element("#document", {}, 0)
    stack = [root]
    count = 0

    def refuse(*_args: Any) -> NoReturn:
        raise XmlError("DOCTYPE/ENTITY declarations are refused (entity expansion)")

    def start(name: str, attrs: dict[str, str]) -> None:
        nonlocal count
        count += 1
        if len(stack) > MAX_DEPTH or count > MAX_ELEMENTS:
            raise XmlError("document too deeply nested or too large")
        element = Element(_local(name), {_local(k): v for k, v in attrs.items()}, parser.CurrentLineNumber)
        stack[-1].children.append(element)
        stack.append(element)

    def end(_name: str) -> None:
        stack.pop()

    def chars(data: str) -> None:
        stack[-1].parts.append(data)

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.UnparsedEntityDeclHandler = refuse
    parser.ExternalEntityRefHandler = refuse
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(text.encode("utf-8", "replace"), True)
    except expat.ExpatError as exc:
        raise XmlError(f"invalid XML: {exc}") from None
    if not root.children:
        raise XmlError("no root element")
    return root.children[0]


# --- Maven ------------------------------------------------------------------------------------------

_PROPERTY = re.compile(r"\$\{([^}]+)\}")
#: plugins that make the build artifact self-contained (all libraries inside, or an image)
FAT_PLUGINS = {
    "org.springframework.boot:spring-boot-maven-plugin": "spring-boot-maven-plugin",
    "org.apache.maven.plugins:maven-shade-plugin": "maven-shade-plugin",
    "com.google.cloud.tools:jib-maven-plugin": "jib-maven-plugin",
    "org.apache.maven.plugins:maven-jlink-plugin": "maven-jlink-plugin",
    "io.quarkus:quarkus-maven-plugin": "quarkus-maven-plugin",
    "io.micronaut.maven:micronaut-maven-plugin": "micronaut-maven-plugin",
    "io.fabric8:docker-maven-plugin": "docker-maven-plugin",
}


def _resolve(value: str | None, props: dict[str, str]) -> str | None:
    if value is None:
        return None
    for _ in range(5):
        replaced = _PROPERTY.sub(lambda m: props.get(m.group(1), m.group(0)), value)
        if replaced == value:
            break
        value = replaced
    return value


def _pinned(version: str | None) -> bool:
    """An exact version: not a range (`[1,2)`), not a moving keyword, not an unresolved property."""
    if not version:
        return True  # managed by the parent or a BOM: the resolution is exact
    return not (
        version[:1] in "[("
        or "${" in version
        or version.endswith("+")
        or version.upper() in ("LATEST", "RELEASE")
        or version.startswith("latest.")
    )


def _maven_properties(project: Element) -> dict[str, str]:
    props: dict[str, str] = {}
    node = project.child("properties")
    if node is not None:
        props.update({c.tag: c.text for c in node.children})
    for key in ("version", "groupId", "artifactId"):
        value = project.child_text(key)
        if value is None and project.child("parent") is not None:
            value = project.child("parent").child_text(key)  # type: ignore[union-attr]
        if value is not None:
            props[f"project.{key}"] = value
            props[key] = value
    return props


def _plugins(project: Element, props: dict[str, str]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    build = project.child("build")
    sections = [build] if build is not None else []
    for profile in project.child("profiles").all("profile") if project.child("profiles") is not None else []:  # type: ignore[union-attr]
        if profile.child("build") is not None:
            sections.append(profile.child("build"))  # type: ignore[arg-type]
    for section in sections:
        plugins = section.child("plugins")
        if plugins is None:
            continue
        for plugin in plugins.all("plugin"):
            group = plugin.child_text("groupId") or "org.apache.maven.plugins"
            artifact = plugin.child_text("artifactId") or ""
            goals = [e.text for e in plugin.iter() if e.tag == "goal"]
            configuration = plugin.child("configuration")
            found.append(
                {
                    "name": f"{group}:{artifact}",
                    "line": plugin.line,
                    "goals": goals,
                    "version": _resolve(plugin.child_text("version"), props),
                    "skip": bool(
                        configuration is not None and (configuration.child_text("skip") or "").lower() == "true"
                    ),
                    "image": bool(
                        configuration is not None
                        and (configuration.child("image") is not None or configuration.child("to") is not None)
                    ),
                    "descriptors": [d.text for d in plugin.iter() if d.tag == "descriptorRef"],
                }
            )
    return found


def _boot_version(project: Element, props: dict[str, str]) -> str | None:
    parent = project.child("parent")
    if parent is not None and parent.child_text("groupId") == "org.springframework.boot":
        return _resolve(parent.child_text("version"), props)
    management = project.child("dependencyManagement")
    for dep in (
        management.child("dependencies").all("dependency")  # type: ignore[union-attr]
        if management is not None and management.child("dependencies") is not None
        else []
    ):
        if dep.child_text("artifactId") == "spring-boot-dependencies":
            return _resolve(dep.child_text("version"), props)
    for key in ("spring-boot.version", "spring.boot.version", "springBootVersion"):
        if key in props:
            return props[key]
    return None


def _maven_dependency(source: Source, dep: Element, props: dict[str, str], profile: str | None) -> Fact:
    group = _resolve(dep.child_text("groupId"), props) or ""
    artifact = _resolve(dep.child_text("artifactId"), props) or ""
    raw = dep.child_text("version")
    version = _resolve(raw, props)
    scope = (dep.child_text("scope") or "compile").strip()
    name = f"{group}:{artifact}"
    data: dict[str, Any] = {
        "ecosystem": "java",
        "manifest": source.path,
        "name": name,
        "display": name,
        "spec": version,
        "pinned": _pinned(version),
        "url": None,
        "editable": False,
        "hashed": False,
        "group": "test" if scope == "test" else "main",
        "scope": scope,
        "managed": raw is None,
        "optional": (dep.child_text("optional") or "").lower() == "true",
    }
    system_path = dep.child_text("systemPath")
    if system_path is not None:
        data["system_path"] = system_path
        data["system_path_line"] = dep.child("systemPath").line  # type: ignore[union-attr]
        data["system_path_resolved"] = _resolve(system_path, props)
    if dep.child_text("type"):
        data["type"] = dep.child_text("type")
    if profile:
        data["profile"] = profile
    return source.fact("dep.declared", dep.line, **data)


def _pom(source: Source) -> list[Fact]:
    project = parse_xml(source.text)
    if project.tag != "project":
        raise XmlError(f"not a Maven POM (root element <{project.tag}>)")
    props = _maven_properties(project)
    modules = project.child("modules")
    facts: list[Fact] = []
    blocks: list[tuple[Element, str | None]] = []
    if project.child("dependencies") is not None:
        blocks.append((project.child("dependencies"), None))  # type: ignore[arg-type]
    for profile in project.child("profiles").all("profile") if project.child("profiles") is not None else []:  # type: ignore[union-attr]
        if profile.child("dependencies") is not None:
            blocks.append((profile.child("dependencies"), profile.child_text("id") or "?"))  # type: ignore[arg-type]
    for block, profile in blocks:
        for dep in block.all("dependency"):
            facts.append(_maven_dependency(source, dep, props, profile))
    packaging_node = project.child("packaging")
    parent = project.child("parent")
    plugins = _plugins(project, props)
    manifest: dict[str, Any] = {
        "ecosystem": "java",
        "kind": "maven",
        "count": len(facts),
        "group": "main",
        "packaging": _resolve(packaging_node.text, props) if packaging_node is not None else "jar",
        "packaging_line": packaging_node.line if packaging_node is not None else None,
        "parent": (
            f"{parent.child_text('groupId')}:{parent.child_text('artifactId')}:{parent.child_text('version')}"
            if parent is not None
            else None
        ),
        "spring_boot_version": _boot_version(project, props),
        "plugins": plugins,
        "modules": [m.text for m in (modules.all("module") if modules is not None else [])],
        "artifact": props.get("project.artifactId"),
    }
    facts.insert(0, source.fact("dep.manifest", project.line, **manifest))
    return facts


# --- Gradle -----------------------------------------------------------------------------------------

_CONFIGURATIONS = (
    "implementation",
    "api",
    "compile",
    "runtime",
    "runtimeOnly",
    "compileOnly",
    "compileOnlyApi",
    "providedCompile",
    "providedRuntime",
    "testImplementation",
    "testCompile",
    "testRuntimeOnly",
    "testCompileOnly",
    "testRuntime",
    "annotationProcessor",
    "kapt",
    "ksp",
    "developmentOnly",
    "integrationTestImplementation",
    "runtimeClasspath",
    "compileClasspath",
)
_DEP_LINE = re.compile(r"^\s*(?P<conf>" + "|".join(_CONFIGURATIONS) + r")\b\s*\(?\s*(?P<rest>.*)$")
_COORDINATE = re.compile(r"""^(?:platform\(|enforcedPlatform\()?\s*["'](?P<coord>[^"'\s]+)["']""")
_MAP_FORM = re.compile(
    r"""\bgroup\s*[:=]\s*["'](?P<g>[^"']+)["']\s*,\s*name\s*[:=]\s*["'](?P<a>[^"']+)["']"""
    r"""(?:\s*,\s*version\s*[:=]\s*["'](?P<v>[^"']+)["'])?"""
)
_FILES = re.compile(r"""\b(files|fileTree)\s*\((?P<args>[^)]*)\)""")
_QUOTED = re.compile(r"""["']([^"']+)["']""")
_PLUGIN_ID = re.compile(
    r"""\bid\s*\(?\s*["'](?P<id>[\w.\-]+)["']\s*\)?(?:\s*version\s*\(?\s*["'](?P<version>[^"']+)["'])?"""
)
_APPLY = re.compile(r"""\bapply\s*\(?\s*plugin\s*[:=]\s*["'](?P<id>[\w.\-]+)["']""")
_BARE_PLUGIN = re.compile(r"""^\s*(`?)(?P<id>war|java|application|java-library|`war`|`java`)\1\s*$""")
_KOTLIN_PLUGIN = re.compile(
    r"""^\s*kotlin\s*\(\s*["'](?P<id>[\w.\-]+)["']\s*\)(?:\s*version\s*["'](?P<version>[^"']+)["'])?"""
)
_FLATDIR = re.compile(r"""\bflatDir\b""")
_LOCKING = re.compile(r"""\b(dependencyLocking|activateDependencyLocking|lockAllConfigurations)\b""")
_BOOT_TASK = re.compile(r"""\b(bootJar|bootWar|bootBuildImage)\b""")
_DISABLED = re.compile(r"""\benabled\s*=\s*false\b""")


#: what ends a run of plain code on a line: a quote, `//` or `/*`
_SPECIAL = re.compile(r"[\"']|/[/*]")
#: the body of a string up to its closing quote (or the end of the line): escaped pairs kept
_STRING_BODY = {q: re.compile(rf"(?:[^{q}\\]|\\.)*", re.DOTALL) for q in "'\""}


def _strip_comments(text: str) -> list[str]:
    """The lines of a Gradle script with // and /* */ comments blanked (strings kept; a string
    ends with its line; a block comment runs across lines). Runs of plain code, string bodies
    and comment ends are found by regex, not a character at a time."""
    out: list[str] = []
    in_block = False
    for line in text.splitlines():
        parts: list[str] = []
        pos, end = 0, len(line)
        while pos < end:
            if in_block:
                close = line.find("*/", pos)
                if close < 0:
                    break
                in_block, pos = False, close + 2
                continue
            special = _SPECIAL.search(line, pos)
            if special is None:
                parts.append(line[pos:])
                break
            parts.append(line[pos : special.start()])
            token = special.group()
            if token == "//":
                break
            if token == "/*":
                in_block, pos = True, special.end()
                continue
            body = _STRING_BODY[token].match(line, special.end())
            assert body is not None  # the pattern matches the empty string
            if line.startswith(token, body.end()):  # the closing quote
                parts.append(line[special.start() : body.end() + 1])
                pos = body.end() + 1
            else:  # a string left open (or a backslash ends the line): the rest of the line
                parts.append(line[special.start() :])
                break
        out.append("".join(parts))
    return out


def _gradle_dependency(source: Source, conf: str, rest: str, line: int) -> list[Fact]:
    group = "test" if conf.startswith(("test", "integrationTest")) else "main"
    files = _FILES.search(rest)
    if files:
        paths = _QUOTED.findall(files.group("args"))
        return [
            source.fact(
                "dep.declared",
                line,
                ecosystem="java",
                manifest=source.path,
                name=f"{files.group(1)}:{p}",
                display=f"{files.group(1)}({p})",
                spec=None,
                pinned=False,
                url=None,
                editable=False,
                hashed=False,
                group=group,
                scope=conf,
                local=p,
                local_api=files.group(1),
            )
            for p in paths[:1]
        ]
    mapped = _MAP_FORM.search(rest)
    if mapped:
        coord = f"{mapped.group('g')}:{mapped.group('a')}" + (f":{mapped.group('v')}" if mapped.group("v") else "")
    else:
        match = _COORDINATE.match(rest.strip())
        if not match:
            return []  # project(":core"), libs.some.alias, a variable: nothing literal to read
        coord = match.group("coord")
    parts = coord.split("@", 1)[0].split(":")
    if len(parts) < 2:
        return []
    name = f"{parts[0]}:{parts[1]}"
    version = parts[2] if len(parts) > 2 else None
    pinned = _pinned(version) and not (version and "$" in version)
    return [
        source.fact(
            "dep.declared",
            line,
            ecosystem="java",
            manifest=source.path,
            name=name,
            display=name,
            spec=version,
            pinned=pinned,
            url=None,
            editable=False,
            hashed=False,
            group=group,
            scope=conf,
            managed=version is None,
            platform="platform(" in rest,
        )
    ]


def _gradle(source: Source) -> list[Fact]:
    lines = _strip_comments(source.text)
    name = posixpath.basename(source.path)
    if name.startswith("settings.gradle"):
        includes: list[str] = []
        for text in lines:
            if re.match(r"^\s*include\b", text):
                includes.extend(q.lstrip(":") for q in _QUOTED.findall(text))
        return [
            source.fact(
                "dep.manifest", 1, ecosystem="java", kind="gradle_settings", count=0, group="main", includes=includes
            )
        ]
    facts: list[Fact] = []
    plugins: list[dict[str, Any]] = []
    flat_dirs: list[dict[str, Any]] = []
    locking: int | None = None
    boot_tasks: dict[str, int] = {}
    disabled: set[str] = set()
    for number, text in enumerate(lines, start=1):
        for pattern in (_PLUGIN_ID, _APPLY, _KOTLIN_PLUGIN):
            for match in pattern.finditer(text):
                plugins.append({"name": match.group("id"), "line": number, "version": match.groupdict().get("version")})
        bare = _BARE_PLUGIN.match(text)
        if bare:
            plugins.append({"name": bare.group("id").strip("`"), "line": number, "version": None})
        dep = _DEP_LINE.match(text)
        if dep:
            facts.extend(_gradle_dependency(source, dep.group("conf"), dep.group("rest"), number))
        if _FLATDIR.search(text):
            window = " ".join(lines[number - 1 : number + 3])
            flat_dirs.append({"line": number, "dirs": _QUOTED.findall(window.split("}", 1)[0])})
        if locking is None and _LOCKING.search(text):
            locking = number
        task = _BOOT_TASK.search(text)
        if task:
            boot_tasks.setdefault(task.group(1), number)
            window = " ".join(lines[number - 1 : number + 3])
            if _DISABLED.search(window.split("}", 1)[0]):
                disabled.add(task.group(1))
    ids = {p["name"] for p in plugins}
    boot = next((p for p in plugins if p["name"] == "org.springframework.boot"), None)
    manifest = {
        "ecosystem": "java",
        "kind": "gradle",
        "count": len(facts),
        "group": "main",
        "packaging": "war" if "war" in ids else "jar",
        "packaging_line": next((p["line"] for p in plugins if p["name"] == "war"), None),
        "plugins": plugins,
        "spring_boot_version": boot.get("version") if boot else None,
        "boot_tasks": boot_tasks,
        "disabled_tasks": sorted(disabled),
        "flat_dirs": flat_dirs,
        "locking": locking,
        "kotlin_dsl": source.path.endswith(".kts"),
    }
    facts.insert(0, source.fact("dep.manifest", 1, **manifest))
    return facts


def _gradle_lock(source: Source) -> list[Fact]:
    packages: list[str] = []
    for line in source.text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "empty=")):
            continue
        coord = line.split("=", 1)[0]
        parts = coord.split(":")
        if len(parts) >= 3:
            packages.append(f"{parts[0]}:{parts[1]}")
    return [
        source.fact(
            "dep.lock",
            1,
            ecosystem="java",
            kind="gradle.lockfile",
            packages=sorted(set(packages)),
            count=len(set(packages)),
        )
    ]


# --- web.xml ----------------------------------------------------------------------------------------


def _web_xml(source: Source) -> list[Fact]:
    root = parse_xml(source.text)
    if root.tag != "web-app":
        raise XmlError(f"not a servlet descriptor (root element <{root.tag}>)")
    servlets = [s.child_text("servlet-class") or s.child_text("servlet-name") or "?" for s in root.all("servlet")]
    facts = [
        source.fact(
            "web.app",
            root.line,
            framework="servlet",
            api="web.xml",
            servlets=servlets,
            distributable=root.child("distributable") is not None,
            lang="xml",
        )
    ]
    session = root.child("session-config")
    if session is not None:
        facts.append(
            source.fact(
                "session.store",
                session.line,
                library="servlet",
                store="memory",
                api="web.xml session-config",
                distributable=root.child("distributable") is not None,
                lang="xml",
            )
        )
    return facts


def extract(source: Source) -> list[Fact]:
    if not source.text.strip():
        return []
    name = posixpath.basename(source.path)
    if source.kind == "maven_pom":
        return _pom(source)
    if source.kind == "gradle_lock":
        return _gradle_lock(source)
    if source.kind == "java_webxml":
        return _web_xml(source)
    if source.kind == "gradle_build" or name.endswith((".gradle", ".gradle.kts")):
        return _gradle(source)
    return []


__all__ = ["Element", "FAT_PLUGINS", "XmlError", "extract", "parse_xml"]
