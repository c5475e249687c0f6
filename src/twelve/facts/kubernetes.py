"""Kubernetes manifests, Kustomize, Helm charts (values and templates).

Fact kinds (all documented in docs/facts.md):

- `k8s.workload`: Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod, Argo Rollout,
  OpenShift DeploymentConfig, Knative Service: replicas, containers (image parsed, pull policy,
  command/args, env and envFrom, ports, probes, preStop, read-only root), volumes, PVC claims,
  grace period, Helm and Argo CD hook annotations.
- `k8s.service`, `k8s.ingress`, `k8s.traffic_policy` (Istio DestinationRule, GKE BackendConfig,
  Traefik IngressRoute): what routes traffic, with session-affinity settings as written.
- `k8s.autoscaler` (HorizontalPodAutoscaler, KEDA ScaledObject), `k8s.configmap`, `k8s.secret`
  (keys and graded values, never the values), `k8s.pvc`, `k8s.gitops` (Argo CD Application,
  Flux Kustomization/HelmRelease).
- `k8s.helm_chart` (Chart.yaml), `k8s.helm_values` (values*.yaml), `k8s.kustomization`.
- `secret`: literal credentials that the line-based secret scan cannot see (an env `name:` and its
  `value:` on two lines, base64 values of a committed Secret), masked like the scan's.

Plain YAML files are only read when they contain both `apiVersion:` and `kind:` (a prefilter on
the text); Helm templates are Go templates: each `{{ ... }}` action is neutralised (a line holding
only actions is blanked, an inline action becomes a placeholder) before the YAML is read, and a
document that still cannot be read is skipped while the others are kept.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
from typing import Any

from twelve.facts.base import Fact, Source
from twelve.facts.code import LineGate
from twelve.facts.dockerfile import parse_image
from twelve.facts.secrets import grade_value, mask, redact, scan_line
from twelve.facts.yamlio import LDict, LList, YamlError, load_all

#: whether a text has these keys at a line's start (gates: the regexes tried only at the start of
#: the lines that hold their word, not at every line of a file)
_API_VERSION = LineGate(r"(?m)^[ \t]*(?:-[ \t]+)?apiVersion[ \t]*:", ("apiVersion",))
_KIND = LineGate(r"(?m)^[ \t]*(?:-[ \t]+)?kind[ \t]*:", ("kind",))
_TOP_API_VERSION = LineGate(r"(?m)^apiVersion[ \t]*:", ("apiVersion",))
_ACTION = re.compile(r"\{\{(.*?)\}\}", re.S)
_TOKEN = re.compile(r"\x00(\d+)\x00")
_PLACEHOLDER = re.compile(r"__TPL(\d+)__")
_DOC_SEPARATOR = re.compile(r"(?m)^---[ \t]*(?:#.*)?$")
#: variable names whose values are credentials (the same family F03 rules use)
SECRET_NAME = re.compile(
    r"(?i)(^|[_.-])(secret([_-]?key)?|password|passwd|pwd|pass|token|api[_-]?key|apikey|private[_-]?key|access[_-]?key(_id)?|"
    r"secret[_-]access[_-]key|client[_-]?secret|signing[_-]?key|encryption[_-]?key|credentials?|auth[_-]?key|jwt[_-]?secret|"
    r"connection[_-]?string|dsn)$"
)
_URL_CREDENTIALS = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s:]+:[^/@\s]+@", re.I)
_URL_PASSWORD = re.compile(r"^[a-z][a-z0-9+.-]*://[^/@\s:]+:([^/@\s]+)@", re.I)
_COMMENT_WINDOW = 2
MAX_ANNOTATION = 200
MAX_LIST = 200

WORKLOAD_KINDS = frozenset(
    {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod", "Rollout", "DeploymentConfig"}
)


# --- small readers ------------------------------------------------------------------------------


def _map(value: Any) -> LDict:
    return value if isinstance(value, LDict) else LDict()


def _list(value: Any) -> LList:
    return value if isinstance(value, LList) else LList()


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _strings(value: Any) -> list[str] | None:
    if isinstance(value, list):
        return [s for s in (_str(v) for v in value[:MAX_LIST]) if s is not None]
    text = _str(value)
    return [text] if text is not None else None


def _annotations(meta: LDict) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in list(_map(meta.get("annotations")).items())[:MAX_LIST]:
        text = _str(value)
        if text is not None:
            out[str(key)] = text[:MAX_ANNOTATION]
    return out


def _labels(value: Any) -> dict[str, str]:
    return {str(k): _str(v) or "" for k, v in list(_map(value).items())[:MAX_LIST]}


# --- Go templates (Helm) -----------------------------------------------------------------------


class Template:
    """Text with its `{{ ... }}` actions neutralised, and the expressions to restore them."""

    def __init__(self, text: str) -> None:
        self.expressions: list[str] = []
        self.text = self._neutralise(text) if "{{" in text else text

    def _neutralise(self, text: str) -> str:
        def token(match: re.Match[str]) -> str:
            self.expressions.append(" ".join(match.group(1).strip("-").split())[:200])
            # a multi-line action keeps its line count, so later line numbers stay right
            return f"\x00{len(self.expressions) - 1}\x00" + "\n" * match.group(0).count("\n")

        marked = _ACTION.sub(token, text)
        lines = []
        for line in marked.split("\n"):
            if "\x00" in line and not _TOKEN.sub("", line).strip():
                lines.append("")  # control or include line: `{{- if ... }}`, `{{ toYaml ... | nindent 8 }}`
            else:
                lines.append(_TOKEN.sub(lambda m: f"__TPL{m.group(1)}__", line))
        return "\n".join(lines)

    def restore(self, value: str) -> str:
        if "__TPL" not in value:
            return value

        def back(match: re.Match[str]) -> str:
            index = int(match.group(1))
            return "{{ " + self.expressions[index] + " }}" if index < len(self.expressions) else match.group(0)

        return _PLACEHOLDER.sub(back, value)

    def refs(self, value: str) -> list[str]:
        return [
            self.expressions[int(m.group(1))]
            for m in _PLACEHOLDER.finditer(value)
            if int(m.group(1)) < len(self.expressions)
        ]


def _shift(node: Any, offset: int, seen: set[int]) -> None:
    """Add *offset* to every line number of a tree read from one document of a larger file."""
    if not isinstance(node, (LDict, LList)) or id(node) in seen:
        return
    seen.add(id(node))
    node.line += offset
    if isinstance(node, LDict):
        for key in node.lines:
            node.lines[key] += offset
        for value in node.values():
            _shift(value, offset, seen)
    else:
        node.lines[:] = [n + offset for n in node.lines]
        for value in node:
            _shift(value, offset, seen)


def _documents(text: str, lenient: bool) -> list[Any]:
    """Every YAML document of *text*, each read on its own (yamlio's alias memo is keyed by node
    identity, which is only stable within one document). With *lenient*, documents that cannot
    be read are skipped; it raises only when none of them can be read."""
    docs: list[Any] = []
    failures = 0
    separators = list(_DOC_SEPARATOR.finditer(text))
    starts = [0] + [m.end() for m in separators]
    ends = [m.start() for m in separators] + [len(text)]
    offset, counted = 0, 0
    for start, end in zip(starts, ends):
        offset += text.count("\n", counted, start)  # lines before this document, counted once
        counted = start
        chunk = text[start:end]
        if not chunk.strip():
            continue
        try:
            parsed = load_all(chunk)
        except YamlError:
            if not lenient:
                raise
            failures += 1
            continue
        for doc in parsed:
            if offset:
                _shift(doc, offset, set())
            docs.append(doc)
    if failures and not any(isinstance(d, LDict) for d in docs):
        raise YamlError(f"no readable document after neutralising the template actions ({failures} failed)")
    return docs


# --- values -------------------------------------------------------------------------------------


def _grade(name: str, value: str) -> str | None:
    if "__TPL" in value:
        return None  # a template expression, filled in at render time
    return grade_value(name, value)


#: a Go template expression of a Helm chart, `{{ template "shop.fullname" . }}`, `{{- .Release.Name -}}`
_TEMPLATE_EXPR = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}")
#: what a named template of the chart stands for: `"shop.fullname"` names `shop`
_NAMED_TEMPLATE = re.compile(r"^(?:template|include)\s+\"([\w.-]+?)(?:\.(?:fullname|name|chart))?\"")
_LAST_FIELD = re.compile(r"([A-Za-z_][\w-]*)[^\w]*$")


def readable_name(text: str) -> str:
    """*text* with each Helm template expression replaced by the name it stands for:
    `{{ template "shop.fullname" . }}` → `shop`, `{{ .Release.Name }}-web` → `release-web`,
    `{{ .Values.app.name }}` → `app.name`."""

    def one(found: re.Match[str]) -> str:
        expr = found.group(1).strip()
        named = _NAMED_TEMPLATE.match(expr)
        if named:
            return named.group(1)
        if expr.startswith((".Release.", ".Chart.")):
            return expr.split(".")[1].lower()
        if expr.startswith(".Values."):
            return expr.split()[0][len(".Values.") :]
        last = _LAST_FIELD.search(expr)
        return last.group(1) if last else "name"

    return _TEMPLATE_EXPR.sub(one, text) if "{{" in text else text


def _is_secret_name(name: str) -> bool:
    return bool(SECRET_NAME.search(name or ""))


class _Reader:
    """Reads the objects of one file into facts."""

    def __init__(self, source: Source, template: Template) -> None:
        self.source = source
        self.template = template
        self.facts: list[Fact] = []
        self.helm = source.kind == "helm_template"

    # -- helpers

    def text(self, value: Any) -> str | None:
        text = _str(value)
        return self.template.restore(text) if text is not None else None

    def name(self, value: Any) -> str:
        """An object's name as a person reads it: in a Helm template, each expression is replaced
        by what it names (`{{ template "shop.fullname" . }}-data` reads `shop-data`)."""
        text = self.text(value) or ""
        return readable_name(text) if self.helm else text

    def image(self, value: Any) -> dict[str, Any] | None:
        raw = _str(value)
        if raw is None:
            return None
        restored = self.template.restore(raw)
        parsed = parse_image(raw)
        refs = self.template.refs(raw)
        for part in ("image", "tag", "digest"):
            if parsed[part]:
                parsed[part] = self.template.restore(parsed[part])
        return {
            **parsed,
            "ref": restored[:300],
            "templated": bool(refs),
            "template_refs": refs[:10],
            "variable": parsed["variable"] or bool(refs),
        }

    def note(self, line: int | None) -> str:
        """The comments on *line* and on the lines just above it (`# must not scale`)."""
        if not line:
            return ""
        notes: list[str] = []
        current = self.source.line_text(line)
        if "#" in current:
            notes.append(current.split("#", 1)[1].strip())
        for number in range(line - 1, max(0, line - 1 - _COMMENT_WINDOW), -1):
            above = self.source.line_text(number).strip()
            if not above.startswith("#"):
                break
            notes.append(above.lstrip("#").strip())
        return " ".join(n for n in notes if n)[:300]

    def secret(self, line: int | None, name: str, value: str, kind: str) -> None:
        """A credential the line scan misses (its name is on another line, or it is base64)."""
        if line is None or scan_line(self.source.line_text(line)):
            return  # secretscan already reports this line
        self.facts.append(
            self.source.fact(
                "secret",
                line,
                f"{name} (literal value {mask(value)})",
                kind=kind,
                name=name,
                grade="secret",
                redacted=mask(value),
                file_kind=self.source.kind,
            )
        )

    # -- containers

    def env(self, entries: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        entries = _list(entries)
        for index, item in enumerate(entries[:MAX_LIST]):
            if not isinstance(item, LDict):
                continue
            name = self.text(item.get("name")) or ""
            line = entries.line_of(index)
            entry: dict[str, Any] = {"name": name, "line": line}
            value_from = item.get("valueFrom")
            if isinstance(value_from, LDict):
                for key, source in (
                    ("secretKeyRef", "secret"),
                    ("configMapKeyRef", "configmap"),
                    ("fieldRef", "field"),
                    ("resourceFieldRef", "resource"),
                ):
                    ref = value_from.get(key)
                    if isinstance(ref, LDict):
                        entry.update(
                            {
                                "source": source,
                                "ref": self.text(ref.get("name")),
                                "key": self.text(ref.get("key") or ref.get("fieldPath")),
                            }
                        )
                        break
                else:
                    entry["source"] = "other"
            elif "value" in item:
                raw = _str(item.get("value"))
                value_line = item.line_of("value")
                entry.update(self._literal(name, raw, value_line))
            else:
                entry["source"] = "none"
            out.append(entry)
        return out

    def _literal(self, name: str, raw: str | None, line: int | None) -> dict[str, Any]:
        if raw is None:
            return {"source": "literal", "value": None, "grade": None, "value_line": line}
        if "__TPL" in raw:
            return {
                "source": "template",
                "value": self.template.restore(raw)[:200],
                "grade": None,
                "value_line": line,
                "template_refs": self.template.refs(raw),
            }
        secret_name = _is_secret_name(name)
        url_password = _URL_PASSWORD.match(raw)
        credentials = url_password is not None
        grade = (
            grade_value("password", url_password.group(1))
            if url_password
            else grade_value(name, raw)
            if secret_name
            else None
        )
        if secret_name and grade:
            shown = mask(raw)
            if grade == "secret":
                self.secret(line, name, raw, "k8s_env")
        else:
            shown = redact(raw)[:200]
        return {
            "source": "literal",
            "value": shown,
            "grade": grade,
            "value_line": line,
            "secret_name": secret_name,
            "credentials_url": credentials,
        }

    def env_from(self, entries: Any) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        entries = _list(entries)
        for index, item in enumerate(entries[:MAX_LIST]):
            if not isinstance(item, LDict):
                continue
            for key, source in (("secretRef", "secret"), ("configMapRef", "configmap")):
                ref = item.get(key)
                if isinstance(ref, LDict):
                    out.append(
                        {
                            "source": source,
                            "name": self.text(ref.get("name")),
                            "line": entries.line_of(index),
                            "prefix": self.text(item.get("prefix")),
                        }
                    )
        return out

    def container(self, item: LDict, line: int, init: bool) -> dict[str, Any]:
        probes = {
            name: item.line_of(key)
            for name, key in (
                ("readiness", "readinessProbe"),
                ("liveness", "livenessProbe"),
                ("startup", "startupProbe"),
            )
            if isinstance(item.get(key), LDict)
        }
        lifecycle = _map(item.get("lifecycle"))
        pre_stop = lifecycle.get("preStop")
        pre_stop_data = None
        if isinstance(pre_stop, LDict):
            command = _map(pre_stop.get("exec")).get("command")
            pre_stop_data = {
                "line": lifecycle.line_of("preStop"),
                "command": _strings(command),
                "kind": next((k for k in ("exec", "httpGet", "sleep", "tcpSocket") if k in pre_stop), "other"),
            }
        security = _map(item.get("securityContext"))
        read_only = security.get("readOnlyRootFilesystem")
        mounts = []
        volume_mounts = _list(item.get("volumeMounts"))
        for index, mount in enumerate(volume_mounts[:MAX_LIST]):
            if isinstance(mount, LDict):
                mounts.append(
                    {
                        "name": self.text(mount.get("name")),
                        "mount_path": self.text(mount.get("mountPath")),
                        "sub_path": self.text(mount.get("subPath")),
                        "read_only": mount.get("readOnly") is True,
                        "line": volume_mounts.line_of(index),
                    }
                )
        ports = []
        port_list = _list(item.get("ports"))
        for index, port in enumerate(port_list[:MAX_LIST]):
            if isinstance(port, LDict):
                ports.append(
                    {
                        "name": self.text(port.get("name")),
                        "port": _int(port.get("containerPort")) or self.text(port.get("containerPort")),
                        "line": port_list.line_of(index),
                    }
                )
        command = item.get("command")
        args = item.get("args")
        return {
            "name": self.text(item.get("name")) or "",
            "line": line,
            "init": init,
            "image": self.image(item.get("image")),
            "image_line": item.line_of("image") if "image" in item else None,
            "pull_policy": self.text(item.get("imagePullPolicy")),
            "pull_policy_line": item.line_of("imagePullPolicy") if "imagePullPolicy" in item else None,
            "command": [self.template.restore(s) for s in _strings(command) or []] if command is not None else None,
            "args": [self.template.restore(s) for s in _strings(args) or []] if args is not None else None,
            "command_line": item.line_of("command")
            if "command" in item
            else (item.line_of("args") if "args" in item else None),
            "env": self.env(item.get("env")),
            "env_from": self.env_from(item.get("envFrom")),
            "ports": ports,
            "probes": sorted(probes),
            "probe_lines": probes,
            "pre_stop": pre_stop_data,
            "read_only_root": read_only if isinstance(read_only, bool) else None,
            "read_only_line": security.line_of("readOnlyRootFilesystem")
            if "readOnlyRootFilesystem" in security
            else None,
            "run_as_non_root": security.get("runAsNonRoot") is True,
            "volume_mounts": mounts,
        }

    def volumes(self, spec: LDict) -> list[dict[str, Any]]:
        out = []
        volumes = _list(spec.get("volumes"))
        for index, volume in enumerate(volumes[:MAX_LIST]):
            if not isinstance(volume, LDict):
                continue
            entry: dict[str, Any] = {
                "name": self.text(volume.get("name")),
                "line": volumes.line_of(index),
                "type": "other",
            }
            for key, kind in (
                ("persistentVolumeClaim", "pvc"),
                ("emptyDir", "emptyDir"),
                ("hostPath", "hostPath"),
                ("configMap", "configMap"),
                ("secret", "secret"),
                ("projected", "projected"),
                ("csi", "csi"),
                ("nfs", "nfs"),
                ("ephemeral", "ephemeral"),
            ):
                if key in volume:
                    entry["type"] = kind
                    detail = _map(volume.get(key))
                    if kind == "pvc":
                        entry["claim"] = self.name(detail.get("claimName"))
                    elif kind == "hostPath":
                        entry["path"] = self.text(detail.get("path"))
                    elif kind == "secret":
                        entry["ref"] = self.text(detail.get("secretName"))
                    elif kind == "configMap":
                        entry["ref"] = self.text(detail.get("name"))
                    elif kind == "emptyDir":
                        entry["medium"] = self.text(detail.get("medium"))
                    elif kind == "csi":
                        entry["driver"] = self.text(detail.get("driver"))
                    break
            out.append(entry)
        return out

    # -- objects

    def workload(self, doc: LDict, kind: str, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        pod_meta = _map(_map(spec.get("template")).get("metadata"))
        if kind == "CronJob":
            job_template = _map(spec.get("jobTemplate"))
            pod_spec = _map(_map(_map(job_template.get("spec")).get("template")).get("spec"))
            pod_meta = _map(_map(_map(job_template.get("spec")).get("template")).get("metadata"))
        elif kind == "Pod":
            pod_spec, pod_meta = spec, meta
        else:
            pod_spec = _map(_map(spec.get("template")).get("spec"))
        containers: list[dict[str, Any]] = []
        for key, init in (("initContainers", True), ("containers", False)):
            items = _list(pod_spec.get(key))
            for index, item in enumerate(items[:MAX_LIST]):
                if isinstance(item, LDict):
                    containers.append(self.container(item, items.line_of(index), init))
        annotations = {**_annotations(meta), **_annotations(pod_meta)}
        replicas = spec.get("replicas")
        replicas_line = spec.line_of("replicas") if "replicas" in spec else None
        grace = pod_spec.get("terminationGracePeriodSeconds")
        claim_templates = []
        templates = _list(spec.get("volumeClaimTemplates"))
        for index, item in enumerate(templates[:MAX_LIST]):
            if isinstance(item, LDict):
                claim_templates.append(
                    {
                        "name": self.text(_map(item.get("metadata")).get("name")),
                        "line": templates.line_of(index),
                        "access_modes": _strings(_map(item.get("spec")).get("accessModes")) or [],
                    }
                )
        hook = annotations.get("helm.sh/hook")
        self.facts.append(
            self.source.fact(
                "k8s.workload",
                doc.line_of("kind"),
                kind=kind,
                name=self.name(meta.get("name")),
                namespace=self.text(meta.get("namespace")),
                api_version=self.text(doc.get("apiVersion")),
                replicas=_int(replicas),
                replicas_text=self.text(replicas) if _int(replicas) is None else None,
                replicas_line=replicas_line,
                replicas_note=self.note(replicas_line),
                containers=containers,
                volumes=self.volumes(pod_spec),
                volume_claim_templates=claim_templates,
                termination_grace=_int(grace),
                termination_grace_line=pod_spec.line_of("terminationGracePeriodSeconds")
                if "terminationGracePeriodSeconds" in pod_spec
                else None,
                labels=_labels(pod_meta.get("labels") or meta.get("labels")),
                annotations={k: v for k, v in annotations.items() if k.startswith(("helm.sh/", "argocd.argoproj.io/"))},
                helm_hook=hook,
                argo_hook=annotations.get("argocd.argoproj.io/hook"),
                service_account=self.text(pod_spec.get("serviceAccountName")),
                schedule=self.text(spec.get("schedule")),
                restart_policy=self.text(pod_spec.get("restartPolicy")),
                strategy=self.text(_map(spec.get("strategy")).get("type")),
                helm_template=self.helm,
            )
        )

    def service(self, doc: LDict, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        ports = []
        port_list = _list(spec.get("ports"))
        for index, port in enumerate(port_list[:MAX_LIST]):
            if isinstance(port, LDict):
                ports.append(
                    {
                        "port": _int(port.get("port")) or self.text(port.get("port")),
                        "target_port": _int(port.get("targetPort")) or self.text(port.get("targetPort")),
                        "name": self.text(port.get("name")),
                        "line": port_list.line_of(index),
                    }
                )
        config = _map(_map(spec.get("sessionAffinityConfig")).get("clientIP"))
        self.facts.append(
            self.source.fact(
                "k8s.service",
                doc.line_of("kind"),
                name=self.name(meta.get("name")),
                type=self.text(spec.get("type")) or "ClusterIP",
                session_affinity=self.text(spec.get("sessionAffinity")),
                affinity_line=spec.line_of("sessionAffinity") if "sessionAffinity" in spec else None,
                affinity_timeout=_int(config.get("timeoutSeconds")),
                ports=ports,
                selector=_labels(spec.get("selector")),
                annotations=_annotations(meta),
                annotation_lines=self._annotation_lines(meta),
                helm_template=self.helm,
            )
        )

    def _annotation_lines(self, meta: LDict) -> dict[str, int | None]:
        annotations = _map(meta.get("annotations"))
        return {str(k): annotations.line_of(k) for k in list(annotations)[:MAX_LIST]}

    def ingress(self, doc: LDict, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        backends = []
        for rule in _list(spec.get("rules"))[:MAX_LIST]:
            for path in _list(_map(_map(rule).get("http")).get("paths"))[:MAX_LIST]:
                service = _map(_map(_map(path).get("backend")).get("service"))
                name = self.text(service.get("name")) or self.text(_map(_map(path).get("backend")).get("serviceName"))
                if name:
                    backends.append(name)
        self.facts.append(
            self.source.fact(
                "k8s.ingress",
                doc.line_of("kind"),
                name=self.name(meta.get("name")),
                ingress_class=self.text(spec.get("ingressClassName"))
                or _annotations(meta).get("kubernetes.io/ingress.class"),
                annotations=_annotations(meta),
                annotation_lines=self._annotation_lines(meta),
                backends=sorted(set(backends)),
                helm_template=self.helm,
            )
        )

    def traffic_policy(self, doc: LDict, kind: str, meta: LDict) -> None:
        """Routing objects of meshes and controllers that can pin clients to one pod."""
        spec = _map(doc.get("spec"))
        affinity: str | None = None
        line: int | None = None
        if kind == "DestinationRule":
            load_balancer = _map(_map(spec.get("trafficPolicy")).get("loadBalancer"))
            consistent = load_balancer.get("consistentHash")
            if isinstance(consistent, LDict):
                affinity = next(
                    (str(k) for k in consistent if str(k).startswith(("http", "useSourceIp", "ringHash"))),
                    "consistentHash",
                )
                line = load_balancer.line_of("consistentHash")
        elif kind == "BackendConfig":
            session = _map(spec.get("sessionAffinity"))
            affinity = self.text(session.get("affinityType"))
            line = session.line_of("affinityType") if "affinityType" in session else None
        elif kind in ("IngressRoute", "TraefikService"):
            for route in _list(spec.get("routes")) or [spec]:
                for service in _list(_map(route).get("services")) or _list(_map(spec.get("weighted")).get("services")):
                    sticky = _map(service).get("sticky")
                    if isinstance(sticky, LDict):
                        affinity, line = "sticky " + ",".join(str(k) for k in sticky), _map(service).line_of("sticky")
        self.facts.append(
            self.source.fact(
                "k8s.traffic_policy",
                doc.line_of("kind"),
                kind=kind,
                name=self.name(meta.get("name")),
                affinity=affinity,
                affinity_line=line,
                helm_template=self.helm,
            )
        )

    def autoscaler(self, doc: LDict, kind: str, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        if kind == "ScaledObject":
            target = _map(spec.get("scaleTargetRef"))
            low, high = spec.get("minReplicaCount"), spec.get("maxReplicaCount")
            target_kind: str | None = self.text(target.get("kind")) or "Deployment"
        else:
            target = _map(spec.get("scaleTargetRef"))
            low, high = spec.get("minReplicas"), spec.get("maxReplicas")
            target_kind = self.text(target.get("kind"))
        self.facts.append(
            self.source.fact(
                "k8s.autoscaler",
                doc.line_of("kind"),
                kind=kind,
                name=self.name(meta.get("name")),
                target_kind=target_kind,
                target=self.text(target.get("name")),
                min=_int(low),
                max=_int(high),
                helm_template=self.helm,
            )
        )

    def config_map(self, doc: LDict, meta: LDict) -> None:
        data = _map(doc.get("data"))
        self.facts.append(
            self.source.fact(
                "k8s.configmap",
                doc.line_of("kind"),
                name=self.name(meta.get("name")),
                keys=[str(k) for k in list(data)[:MAX_LIST]],
                key_lines={str(k): data.line_of(k) for k in list(data)[:MAX_LIST]},
                helm_template=self.helm,
            )
        )

    def secret_object(self, doc: LDict, kind: str, meta: LDict) -> None:
        values: list[dict[str, Any]] = []
        managed = {
            "SealedSecret": "sealed-secrets",
            "ExternalSecret": "external-secrets",
            "SecretProviderClass": "secrets-store-csi",
        }.get(kind)
        if managed is None:
            for field, encoded in (("stringData", False), ("data", True)):
                block = _map(doc.get(field))
                for key, raw in list(block.items())[:MAX_LIST]:
                    values.append(self._secret_value(str(key), raw, block.line_of(key), field, encoded))
        spec = _map(doc.get("spec"))
        refs = []
        if kind == "ExternalSecret":
            for item in _list(spec.get("data"))[:MAX_LIST]:
                ref = _map(_map(item).get("remoteRef"))
                if ref.get("key"):
                    refs.append(self.text(ref.get("key")))
        self.facts.append(
            self.source.fact(
                "k8s.secret",
                doc.line_of("kind"),
                kind=kind,
                name=self.name(meta.get("name")),
                type=self.text(doc.get("type")),
                managed=managed,
                values=values,
                remote_refs=refs,
                helm_template=self.helm,
            )
        )

    def _secret_value(self, key: str, raw: Any, line: int | None, field: str, encoded: bool) -> dict[str, Any]:
        text = _str(raw)
        entry: dict[str, Any] = {
            "key": key,
            "line": line,
            "field": field,
            "empty": not text,
            "grade": None,
            "template": False,
        }
        if not text:
            return entry
        if "__TPL" in text:
            entry["template"] = True
            entry["template_refs"] = self.template.refs(text)
            return entry
        value = text
        if encoded:
            try:
                decoded = base64.b64decode(text.strip(), validate=True)
            except (binascii.Error, ValueError):
                decoded = None
            if decoded is not None:
                try:
                    value = decoded.decode("utf-8")
                except UnicodeDecodeError:
                    value = text  # binary key material: grade the encoded form
        # a Secret's values are credentials whatever the key is called
        grade = grade_value("", value)
        entry["grade"] = grade
        entry["empty"] = not value.strip()
        if grade == "secret":
            self.secret(line, key, value, "k8s_secret")
        return entry

    def pvc(self, doc: LDict, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        self.facts.append(
            self.source.fact(
                "k8s.pvc",
                doc.line_of("kind"),
                name=self.name(meta.get("name")),
                access_modes=_strings(spec.get("accessModes")) or [],
                storage=self.text(_map(_map(spec.get("resources")).get("requests")).get("storage")),
                storage_class=self.text(spec.get("storageClassName")),
                helm_template=self.helm,
            )
        )

    def gitops(self, doc: LDict, kind: str, meta: LDict) -> None:
        spec = _map(doc.get("spec"))
        if kind == "Application":
            source = _map(spec.get("source"))
            sync = _map(spec.get("syncPolicy"))
            automated = isinstance(sync.get("automated"), LDict) or sync.get("automated") is True
            data = {
                "tool": "argocd",
                "repo": self.text(source.get("repoURL")),
                "path": self.text(source.get("path") or source.get("chart")),
                "revision": self.text(source.get("targetRevision")),
                "automated": automated,
            }
        else:
            data = {
                "tool": "flux",
                "repo": self.text(_map(spec.get("sourceRef")).get("name")),
                "path": self.text(spec.get("path")),
                "revision": None,
                "automated": True,
            }
        self.facts.append(
            self.source.fact(
                "k8s.gitops",
                doc.line_of("kind"),
                kind=kind,
                name=self.name(meta.get("name")),
                helm_template=self.helm,
                **data,
            )
        )

    def read(self, doc: Any, depth: int = 0) -> None:
        if not isinstance(doc, LDict) or depth > 3:
            return
        kind = _str(doc.get("kind"))
        api = _str(doc.get("apiVersion")) or ""
        if kind is None:
            return
        if kind == "List" or (kind.endswith("List") and isinstance(doc.get("items"), LList)):
            for item in _list(doc.get("items"))[:MAX_LIST]:
                self.read(item, depth + 1)
            return
        meta = _map(doc.get("metadata"))
        if kind in WORKLOAD_KINDS:
            self.workload(doc, kind, meta)
        elif kind == "Service" and api.startswith("serving.knative.dev"):
            self.workload(doc, "KnativeService", meta)
        elif kind == "Service":
            self.service(doc, meta)
        elif kind == "Ingress":
            self.ingress(doc, meta)
        elif kind in ("DestinationRule", "BackendConfig", "IngressRoute", "TraefikService"):
            self.traffic_policy(doc, kind, meta)
        elif kind in ("HorizontalPodAutoscaler", "ScaledObject"):
            self.autoscaler(doc, kind, meta)
        elif kind == "ConfigMap":
            self.config_map(doc, meta)
        elif kind in ("Secret", "SealedSecret", "ExternalSecret", "SecretProviderClass"):
            self.secret_object(doc, kind, meta)
        elif kind == "PersistentVolumeClaim":
            self.pvc(doc, meta)
        elif (kind == "Application" and api.startswith("argoproj.io")) or (
            kind in ("Kustomization", "HelmRelease") and "fluxcd.io" in api
        ):
            self.gitops(doc, kind, meta)


# --- Helm values, Chart.yaml, kustomization.yaml --------------------------------------------------

_REPLICA_KEYS = frozenset({"replicaCount", "replicas"})
_ENV_KEYS = frozenset({"env", "extraEnv", "envVars", "environment", "extraEnvVars"})
_SECRET_REF_KEYS = re.compile(r"(?i)^(existingSecret\w*|secretName|secretRef|envFrom|externalSecret\w*|secretKeyRef)$")
_AFFINITY_KEYS = re.compile(r"(?i)sessionAffinity$|affinity[\"']?$|sticky|session-cookie|stickiness")


def _path(parts: list[str]) -> str:
    return ".".join(parts)


class _ValuesReader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.images: list[dict[str, Any]] = []
        self.replicas: list[dict[str, Any]] = []
        self.env: list[dict[str, Any]] = []
        self.credentials: list[dict[str, Any]] = []
        self.secret_refs: list[dict[str, Any]] = []
        self.affinity: list[dict[str, Any]] = []
        self.autoscaling: list[dict[str, Any]] = []
        self.secrets: list[Fact] = []
        self.budget = 20_000

    def walk(self, node: Any, parts: list[str], depth: int = 0) -> None:
        self.budget -= 1
        if self.budget < 0 or depth > 40:
            return
        if isinstance(node, LDict):
            self._mapping(node, parts)
            for key, value in node.items():
                name = str(key)
                line = node.line_of(key)
                if isinstance(value, (LDict, LList)):
                    if name in _ENV_KEYS:
                        self._env(value, parts + [name])
                    if name == "annotations" and isinstance(value, LDict):
                        for ann, ann_value in value.items():
                            if _AFFINITY_KEYS.search(str(ann)):
                                self.affinity.append(
                                    {
                                        "path": _path(parts + [name, str(ann)]),
                                        "value": _str(ann_value),
                                        "line": value.line_of(ann),
                                    }
                                )
                    self.walk(value, parts + [name], depth + 1)
                else:
                    self._leaf(name, value, parts, line)
        elif isinstance(node, LList):
            for index, item in enumerate(node[:MAX_LIST]):
                self.walk(item, parts + [str(index)], depth + 1)

    def _mapping(self, node: LDict, parts: list[str]) -> None:
        repository = node.get("repository")
        if isinstance(repository, str) and (
            not parts or parts[-1].lower().endswith("image") or "tag" in node or "digest" in node
        ):
            registry = _str(node.get("registry"))
            name = f"{registry}/{repository}" if registry and not repository.startswith(registry) else repository
            tag = _str(node.get("tag"))
            self.images.append(
                {
                    "path": _path(parts),
                    "image": name,
                    "tag": tag or None,
                    "digest": _str(node.get("digest")) or None,
                    "line": node.line_of("repository"),
                    "tag_line": node.line_of("tag") if "tag" in node else None,
                    "pull_policy": _str(node.get("pullPolicy")),
                }
            )
        if parts and parts[-1] == "autoscaling" and ("enabled" in node or "minReplicas" in node):
            self.autoscaling.append(
                {
                    "path": _path(parts),
                    "enabled": node.get("enabled") is True,
                    "min": _int(node.get("minReplicas")),
                    "max": _int(node.get("maxReplicas")),
                    "line": node.line,
                }
            )

    def _leaf(self, name: str, value: Any, parts: list[str], line: int | None) -> None:
        path = _path(parts + [name])
        if name == "image" and isinstance(value, str) and value:
            parsed = parse_image(value)
            self.images.append(
                {
                    "path": path,
                    "image": parsed["image"],
                    "tag": parsed["tag"],
                    "digest": parsed["digest"],
                    "line": line,
                    "tag_line": line,
                    "pull_policy": None,
                }
            )
        elif name in _REPLICA_KEYS and _int(value) is not None:
            self.replicas.append({"path": path, "value": value, "line": line, "note": _note(self.source, line)})
        elif _SECRET_REF_KEYS.match(name) and _str(value):
            self.secret_refs.append({"path": path, "value": _str(value), "line": line})
        elif _AFFINITY_KEYS.search(name) and isinstance(value, str) and value and parts[-1:] != ["annotations"]:
            self.affinity.append({"path": path, "value": value, "line": line})
        elif isinstance(value, str) and value and (_is_secret_name(name) or _URL_CREDENTIALS.match(value)):
            grade = _grade(name, value)
            if grade:
                self.credentials.append({"path": path, "line": line, "grade": grade})
                if grade == "secret" and not scan_line(self.source.line_text(line)):
                    self.secrets.append(
                        self.source.fact(
                            "secret",
                            line,
                            f"{name} (literal value {mask(value)})",
                            kind="helm_values",
                            name=name,
                            grade="secret",
                            redacted=mask(value),
                            file_kind=self.source.kind,
                        )
                    )

    def _env(self, node: LDict | LList, parts: list[str]) -> None:
        if isinstance(node, LDict):
            for key, value in list(node.items())[:MAX_LIST]:
                self.env.append(self._env_entry(str(key), value, node.line_of(key), parts))
        else:
            for index, item in enumerate(node[:MAX_LIST]):
                if isinstance(item, LDict) and "name" in item:
                    value = item.get("valueFrom") if "valueFrom" in item else item.get("value")
                    self.env.append(self._env_entry(str(item.get("name")), value, node.line_of(index), parts))

    def _env_entry(self, name: str, value: Any, line: int | None, parts: list[str]) -> dict[str, Any]:
        entry: dict[str, Any] = {"name": name, "line": line, "path": _path(parts)}
        if isinstance(value, LDict):
            source = "secret" if "secretKeyRef" in value else "configmap" if "configMapKeyRef" in value else "other"
            entry.update({"source": source})
            return entry
        text = _str(value)
        secret_name = _is_secret_name(name)
        grade = _grade(name, text) if text and (secret_name or _URL_CREDENTIALS.match(text)) else None
        entry.update(
            {
                "source": "literal",
                "grade": grade,
                "secret_name": secret_name,
                "value": mask(text) if (text and secret_name and grade) else (redact(text)[:200] if text else text),
            }
        )
        return entry


def _note(source: Source, line: int | None) -> str:
    reader = _Reader(source, Template(""))
    return reader.note(line)


#: a YAML file shaped like a chart's values: a top-level `image:` mapping and one of the usual keys
_VALUES_SHAPE = LineGate(r"(?m)^image[ \t]*:[ \t]*(#.*)?$", ("image",))
_VALUES_TOP_KEYS = frozenset(
    {"replicaCount", "service", "ingress", "resources", "env", "autoscaling", "podAnnotations"}
)


def _values_by_content(doc: Any) -> bool:
    """Whether a YAML document is a chart's values although it is not named so: a top-level
    `image` with a `repository` or `tag`, one of replicaCount/service/ingress/resources/env, and
    no `apiVersion`/`kind` (a manifest)."""
    if not isinstance(doc, LDict) or "apiVersion" in doc or "kind" in doc:
        return False
    image = doc.get("image")
    return isinstance(image, LDict) and ("repository" in image or "tag" in image) and bool(_VALUES_TOP_KEYS & set(doc))


def _helm_values(source: Source, by_content: bool = False) -> list[Fact]:
    docs = load_all(source.text)
    facts: list[Fact] = []
    for doc in docs[:1]:
        if not isinstance(doc, LDict) or (by_content and not _values_by_content(doc)):
            continue
        reader = _ValuesReader(source)
        reader.walk(doc, [])
        replica = next((r for r in reader.replicas if r["path"] in ("replicaCount", "replicas")), None)
        facts.append(
            source.fact(
                "k8s.helm_values",
                1,
                chart_dir=posixpath.dirname(source.path),
                by_content=by_content or None,
                # values recognised by content are often what a deploy passes to a chart
                # with the image overridden (`--set image.tag=$TAG`): their image is not read
                # as the deploy's artifact reference, only their replicas, env and secrets
                images=[] if by_content else reader.images[:MAX_LIST],
                replicas=reader.replicas[:MAX_LIST],
                replica_count=replica["value"] if replica else None,
                env=reader.env[:MAX_LIST],
                credentials=reader.credentials[:MAX_LIST],
                secret_refs=reader.secret_refs[:MAX_LIST],
                affinity=reader.affinity[:MAX_LIST],
                autoscaling=reader.autoscaling[:MAX_LIST],
            )
        )
        facts.extend(reader.secrets)
    return facts


def _helm_chart(source: Source) -> list[Fact]:
    doc = next(iter(load_all(source.text)), None)
    if not isinstance(doc, LDict):
        return []
    dependencies = []
    deps = _list(doc.get("dependencies"))
    for index, dep in enumerate(deps[:MAX_LIST]):
        if isinstance(dep, LDict):
            dependencies.append(
                {
                    "name": _str(dep.get("name")),
                    "version": _str(dep.get("version")),
                    "repository": _str(dep.get("repository")),
                    "condition": _str(dep.get("condition")),
                    "alias": _str(dep.get("alias")),
                    "line": deps.line_of(index),
                }
            )
    return [
        source.fact(
            "k8s.helm_chart",
            doc.line_of("name", 1),
            name=_str(doc.get("name")),
            version=_str(doc.get("version")),
            app_version=_str(doc.get("appVersion")),
            app_version_line=doc.line_of("appVersion") if "appVersion" in doc else None,
            type=_str(doc.get("type")) or "application",
            dependencies=dependencies,
            chart_dir=posixpath.dirname(source.path),
        )
    ]


def _generators(source: Source, items: Any) -> tuple[list[dict[str, Any]], list[Fact]]:
    out: list[dict[str, Any]] = []
    secrets: list[Fact] = []
    items = _list(items)
    for index, item in enumerate(items[:MAX_LIST]):
        if not isinstance(item, LDict):
            continue
        literals = []
        lit_list = _list(item.get("literals"))
        for lit_index, literal in enumerate(lit_list[:MAX_LIST]):
            text = _str(literal) or ""
            key, _, value = text.partition("=")
            line = lit_list.line_of(lit_index)
            grade = grade_value("", value) if value else None
            literals.append({"key": key, "line": line, "grade": grade, "empty": not value})
            if grade == "secret" and not scan_line(source.line_text(line)):
                secrets.append(
                    source.fact(
                        "secret",
                        line,
                        f"{key} (literal value {mask(value)})",
                        kind="kustomize_literal",
                        name=key,
                        grade="secret",
                        redacted=mask(value),
                        file_kind=source.kind,
                    )
                )
        out.append(
            {
                "name": _str(item.get("name")),
                "line": items.line_of(index),
                "literals": literals,
                "envs": _strings(item.get("envs")) or [],
                "files": _strings(item.get("files")) or [],
            }
        )
    return out, secrets


def _kustomization(source: Source) -> list[Fact]:
    doc = next(iter(load_all(source.text)), None)
    if not isinstance(doc, LDict):
        return []
    images = []
    image_list = _list(doc.get("images"))
    for index, item in enumerate(image_list[:MAX_LIST]):
        if isinstance(item, LDict):
            images.append(
                {
                    "name": _str(item.get("name")),
                    "new_name": _str(item.get("newName")),
                    "new_tag": _str(item.get("newTag")),
                    "digest": _str(item.get("digest")),
                    "line": image_list.line_of(index),
                }
            )
    replicas = []
    replica_list = _list(doc.get("replicas"))
    for index, item in enumerate(replica_list[:MAX_LIST]):
        if isinstance(item, LDict):
            line = replica_list.line_of(index)
            replicas.append(
                {
                    "name": _str(item.get("name")),
                    "count": _int(item.get("count")),
                    "line": line,
                    "note": _note(source, line),
                }
            )
    secret_generators, secrets = _generators(source, doc.get("secretGenerator"))
    config_generators, more = _generators(source, doc.get("configMapGenerator"))
    return (
        [
            source.fact(
                "k8s.kustomization",
                1,
                images=images,
                replicas=replicas,
                resources=(_strings(doc.get("resources")) or []) + (_strings(doc.get("bases")) or []),
                secret_generators=secret_generators,
                config_generators=config_generators,
                namespace=_str(doc.get("namespace")),
            )
        ]
        + secrets
        + more
    )


# --- entry point --------------------------------------------------------------------------------


def extract(source: Source) -> list[Fact]:
    kind = source.kind
    if kind == "helm_values":
        return _helm_values(source)
    if kind == "helm_chart":
        return _helm_chart(source)
    if kind == "kustomization":
        return _kustomization(source)
    text = source.text
    if kind == "yaml" and not _TOP_API_VERSION.search(text) and _VALUES_SHAPE.search(text):
        return _helm_values(source, by_content=True)
    if not _API_VERSION.search(text) or not _KIND.search(text):
        return []
    if kind == "helm_template" and source.path.endswith(".tpl") and not _TOP_API_VERSION.search(text):
        return []  # _helpers.tpl: named templates, not manifests
    template = Template("")
    if kind == "helm_template":
        template = Template(text)
        docs = _documents(template.text, lenient=True)
    else:
        try:
            docs = _documents(text, lenient=False)
        except YamlError:
            if "{{" not in text:
                raise
            # a manifest with template actions outside a chart (envsubst/Jinja/Go templates)
            template = Template(text)
            docs = _documents(template.text, lenient=True)
    reader = _Reader(source, template)
    for doc in docs[: MAX_LIST * 5]:
        reader.read(doc)
    return reader.facts
