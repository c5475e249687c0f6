"""Kubernetes manifests, Helm charts (values, templates, Chart.yaml) and Kustomize as facts."""

from __future__ import annotations

import pytest

from helpers import extract_text
from twelve.facts.yamlio import YamlError

MODULE = "twelve.facts.kubernetes"

DEPLOYMENT = """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  annotations:
    argocd.argoproj.io/hook: Sync
spec:
  # must not scale: the cache is in memory
  replicas: 1
  template:
    metadata:
      labels: {app: web}
    spec:
      terminationGracePeriodSeconds: 30
      initContainers:
        - name: wait
          image: busybox:1.36
      containers:
        - name: web
          image: registry.example.com/shop@sha256:0123456789abcdef
          imagePullPolicy: IfNotPresent
          command: ["gunicorn"]
          args: ["shop:app"]
          ports:
            - containerPort: 8000
          env:
            - name: DB_PASSWORD
              value: "Zk3r9!pQw7LmXv2"
            - name: PORT
              value: "8000"
            - name: API_TOKEN
              valueFrom:
                secretKeyRef: {name: shop-secrets, key: token}
            - name: POD_IP
              valueFrom:
                fieldRef: {fieldPath: status.podIP}
          envFrom:
            - secretRef: {name: shop-env}
            - configMapRef: {name: shop-config}
          readinessProbe: {httpGet: {path: /health, port: 8000}}
          startupProbe: {httpGet: {path: /health, port: 8000}}
          lifecycle:
            preStop: {exec: {command: ["sleep", "5"]}}
          securityContext: {readOnlyRootFilesystem: true}
          volumeMounts:
            - {name: uploads, mountPath: /app/uploads}
            - {name: tmp, mountPath: /tmp}
      volumes:
        - name: uploads
          persistentVolumeClaim: {claimName: uploads}
        - name: tmp
          emptyDir: {}
"""


def only(facts, kind):
    return [f for f in facts if f.kind == kind]


def test_deployment_workload_fact():
    facts = extract_text(MODULE, "k8s/web.yaml", DEPLOYMENT)
    (workload,) = only(facts, "k8s.workload")
    assert (workload.line, workload.get("kind"), workload.get("name")) == (2, "Deployment", "web")
    assert workload.get("replicas") == 1 and workload.get("replicas_line") == 9
    assert "must not scale" in workload.get("replicas_note")
    assert workload.get("termination_grace") == 30 and workload.get("termination_grace_line") == 14
    assert workload.get("argo_hook") == "Sync"
    init, web = workload.get("containers")
    assert init["init"] and init["image"]["tag"] == "1.36"
    assert web["image"]["digest"] == "sha256:0123456789abcdef" and web["image_line"] == 20
    assert (web["command"], web["args"]) == (["gunicorn"], ["shop:app"])
    assert web["probes"] == ["readiness", "startup"] and web["pre_stop"]["command"] == ["sleep", "5"]
    assert web["read_only_root"] is True
    assert [(m["name"], m["mount_path"]) for m in web["volume_mounts"]] == [
        ("uploads", "/app/uploads"),
        ("tmp", "/tmp"),
    ]
    assert [(v["name"], v["type"], v.get("claim")) for v in workload.get("volumes")] == [
        ("uploads", "pvc", "uploads"),
        ("tmp", "emptyDir", None),
    ]


def test_env_values_are_graded_and_never_kept():
    facts = extract_text(MODULE, "k8s/web.yaml", DEPLOYMENT)
    web = only(facts, "k8s.workload")[0].get("containers")[1]
    env = {e["name"]: e for e in web["env"]}
    assert env["DB_PASSWORD"]["source"] == "literal" and env["DB_PASSWORD"]["grade"] == "secret"
    assert "Zk3r9!pQw7LmXv2" not in str(env["DB_PASSWORD"]) and env["DB_PASSWORD"]["value_line"] == 28
    assert env["PORT"]["value"] == "8000" and env["PORT"]["grade"] is None
    assert (env["API_TOKEN"]["source"], env["API_TOKEN"]["ref"]) == ("secret", "shop-secrets")
    assert env["POD_IP"]["source"] == "field"
    assert [(e["source"], e["name"]) for e in web["env_from"]] == [("secret", "shop-env"), ("configmap", "shop-config")]
    (secret,) = only(facts, "secret")
    assert (secret.line, secret.get("name"), secret.get("kind")) == (28, "DB_PASSWORD", "k8s_env")
    assert "Zk3r9!pQw7LmXv2" not in secret.excerpt


SERVICES = """
apiVersion: v1
kind: Service
metadata:
  name: web
  annotations:
    traefik.ingress.kubernetes.io/service.sticky.cookie: "true"
spec:
  sessionAffinity: ClientIP
  ports:
    - port: 80
      targetPort: http
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: web
  annotations:
    nginx.ingress.kubernetes.io/affinity: cookie
spec:
  rules:
    - http:
        paths:
          - path: /
            backend:
              service: {name: web, port: {number: 80}}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web}
spec:
  scaleTargetRef: {kind: Deployment, name: web}
  minReplicas: 2
  maxReplicas: 8
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: {name: worker}
spec:
  scaleTargetRef: {name: worker}
  maxReplicaCount: 20
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: uploads}
spec:
  accessModes: [ReadWriteOnce]
  resources: {requests: {storage: 5Gi}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg}
data:
  LOG_LEVEL: info
---
apiVersion: networking.istio.io/v1beta1
kind: DestinationRule
metadata: {name: web}
spec:
  trafficPolicy:
    loadBalancer:
      consistentHash:
        httpCookie: {name: user, ttl: 0s}
"""


def test_routing_scaling_and_storage_objects():
    facts = extract_text(MODULE, "k8s/objects.yaml", SERVICES)
    (service,) = only(facts, "k8s.service")
    assert (service.line, service.get("session_affinity"), service.get("affinity_line")) == (2, "ClientIP", 8)
    assert service.get("annotation_lines")["traefik.ingress.kubernetes.io/service.sticky.cookie"] == 6
    assert service.get("ports") == [{"port": 80, "target_port": "http", "name": None, "line": 10}]
    (ingress,) = only(facts, "k8s.ingress")
    assert ingress.get("annotations")["nginx.ingress.kubernetes.io/affinity"] == "cookie" and ingress.get(
        "backends"
    ) == ["web"]
    hpa, keda = only(facts, "k8s.autoscaler")
    assert (hpa.get("target"), hpa.get("min"), hpa.get("max")) == ("web", 2, 8)
    assert (keda.get("kind"), keda.get("target_kind"), keda.get("max")) == ("ScaledObject", "Deployment", 20)
    (pvc,) = only(facts, "k8s.pvc")
    assert (pvc.get("name"), pvc.get("access_modes"), pvc.get("storage")) == ("uploads", ["ReadWriteOnce"], "5Gi")
    assert only(facts, "k8s.configmap")[0].get("keys") == ["LOG_LEVEL"]
    (rule,) = only(facts, "k8s.traffic_policy")
    assert (rule.get("kind"), rule.get("affinity")) == ("DestinationRule", "httpCookie")


def test_secret_values_are_graded_never_kept():
    text = """
    apiVersion: v1
    kind: Secret
    metadata: {name: app}
    type: Opaque
    stringData:
      db-pass: "hunter2hunter2XY"
      empty: ""
      user: "${DB_USER}"
    data:
      token: aHVudGVyMmh1bnRlcjJYWQ==
    """
    facts = extract_text(MODULE, "k8s/secret.yaml", text)
    (secret,) = only(facts, "k8s.secret")
    values = {v["key"]: v for v in secret.get("values")}
    assert values["db-pass"]["grade"] == "secret" and values["db-pass"]["line"] == 6
    assert values["empty"]["empty"] and values["empty"]["grade"] is None
    assert values["user"]["grade"] is None  # a placeholder, filled in by the deploy
    assert values["token"]["grade"] == "secret" and values["token"]["field"] == "data"
    assert "hunter2" not in str(secret.data)
    # the secret scan reads both lines itself (`token: …`, and `db-pass: "…"` since it knows
    # `pass` names): the manifest reader adds no second secret fact
    assert not only(facts, "secret")
    scanned = extract_text("twelve.facts.secretscan", "k8s/secret.yaml", text)
    assert [(f.line, f.get("name"), f.get("grade")) for f in only(scanned, "secret")] == [
        (6, "db-pass", "secret"),
        (10, "token", "secret"),
    ]


def test_managed_secrets_and_gitops_objects():
    text = """
    apiVersion: external-secrets.io/v1beta1
    kind: ExternalSecret
    metadata: {name: db}
    spec:
      data:
        - secretKey: password
          remoteRef: {key: prod/db/password}
    ---
    apiVersion: argoproj.io/v1alpha1
    kind: Application
    metadata: {name: shop}
    spec:
      source: {repoURL: https://git.example.com/shop.git, path: k8s, targetRevision: main}
      syncPolicy:
        automated: {prune: true}
    """
    facts = extract_text(MODULE, "deploy/apps.yaml", text)
    (secret,) = only(facts, "k8s.secret")
    assert (secret.get("managed"), secret.get("remote_refs"), secret.get("values")) == (
        "external-secrets",
        ["prod/db/password"],
        [],
    )
    (app,) = only(facts, "k8s.gitops")
    assert (app.line, app.get("tool"), app.get("automated"), app.get("revision")) == (10, "argocd", True, "main")


def test_jobs_cronjobs_and_hooks():
    text = """
    apiVersion: batch/v1
    kind: Job
    metadata:
      name: migrate
      annotations:
        helm.sh/hook: pre-upgrade,pre-install
    spec:
      template:
        spec:
          containers:
            - name: migrate
              image: shop:1.2.3
              command: ["python", "manage.py", "migrate"]
    ---
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              containers:
                - {name: report, image: "shop:1.2.3", args: [report]}
    """
    job, cron = only(extract_text(MODULE, "k8s/jobs.yaml", text), "k8s.workload")
    assert (job.get("kind"), job.get("helm_hook"), job.get("containers")[0]["command"]) == (
        "Job",
        "pre-upgrade,pre-install",
        ["python", "manage.py", "migrate"],
    )
    assert (cron.line, cron.get("kind"), cron.get("schedule"), cron.get("containers")[0]["args"]) == (
        16,
        "CronJob",
        "0 3 * * *",
        ["report"],
    )


def test_line_numbers_are_right_in_every_document_of_a_stream():
    text = (
        "kind: ConfigMap\napiVersion: v1\nmetadata: {name: a}\n---\n# comment\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n"
        "spec:\n  sessionAffinity: ClientIP\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n"
    )
    facts = extract_text(MODULE, "k8s/all.yaml", text)
    assert [(f.kind, f.line, f.get("name")) for f in facts] == [
        ("k8s.configmap", 1, "a"),
        ("k8s.service", 8, "b"),
        ("k8s.configmap", 14, "c"),
    ]
    assert facts[1].get("affinity_line") == 11


def test_list_kind_and_other_yaml():
    text = "apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Service\n    metadata: {name: s}\n"
    assert [f.kind for f in extract_text(MODULE, "k8s/list.yaml", text)] == ["k8s.service"]
    # YAML without apiVersion/kind is not read at all, even when it is broken
    assert extract_text(MODULE, "mkdocs.yml", "site_name: x\nnav: [a, b\n") == []
    with pytest.raises(YamlError):
        extract_text(MODULE, "k8s/broken.yaml", "apiVersion: v1\nkind: Service\nmetadata: [\n")


HELM_TEMPLATE = """
{{- if .Values.enabled }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
  labels:
    {{- include "shop.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  template:
    spec:
      containers:
        - name: {{ .Chart.Name }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          env:
            {{- range $key, $value := .Values.env }}
            - name: {{ $key }}
              value: {{ $value | quote }}
            {{- end }}
          resources:
            {{- toYaml .Values.resources | nindent 12 }}
{{- end }}
---
this: is: {{ not yaml
"""


def test_helm_template_is_read_after_neutralising_actions():
    (workload,) = extract_text(MODULE, "charts/shop/templates/deployment.yaml", HELM_TEMPLATE)
    assert workload.line == 3 and workload.get("helm_template")
    assert workload.get("replicas") is None and workload.get("replicas_text") == "{{ .Values.replicaCount }}"
    container = workload.get("containers")[0]
    image = container["image"]
    assert (
        image["templated"]
        and image["ref"] == "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
    )
    assert image["template_refs"] == [".Values.image.repository", ".Values.image.tag | default .Chart.AppVersion"]
    assert container["env"][0]["source"] == "template" and container["env"][0]["grade"] is None


def test_helm_template_that_cannot_be_read_is_a_parse_error():
    with pytest.raises(YamlError):
        extract_text(MODULE, "charts/shop/templates/bad.yaml", "apiVersion: v1\nkind: Service\nspec: [ {{ .x }}\n")
    helpers = '{{- define "shop.fullname" -}}\n{{ .Release.Name }}-{{ .Chart.Name }}\n{{- end }}\n'
    assert extract_text(MODULE, "charts/shop/templates/_helpers.tpl", helpers) == []


def test_helm_values_facts():
    text = """
    replicaCount: 3
    image:
      repository: registry.example.com/shop
      tag: "1.4.2"
      pullPolicy: IfNotPresent
    autoscaling:
      enabled: true
      minReplicas: 2
      maxReplicas: 6
    env:
      LOG_LEVEL: info
      API_TOKEN: "Zk3r9pQw7LmXv2Rt"
    postgresql:
      image:
        repository: bitnami/postgresql
        tag: 16.2.0
      auth:
        password: "S0meRealPassw0rd!"
        existingSecret: shop-db
    service:
      sessionAffinity: ClientIP
    """
    facts = extract_text(MODULE, "charts/shop/values.yaml", text)
    (values,) = only(facts, "k8s.helm_values")
    assert values.get("chart_dir") == "charts/shop" and values.get("replica_count") == 3
    assert [(i["path"], i["image"], i["tag"], i["tag_line"]) for i in values.get("images")] == [
        ("image", "registry.example.com/shop", "1.4.2", 4),
        ("postgresql.image", "bitnami/postgresql", "16.2.0", 16),
    ]
    assert values.get("autoscaling") == [{"path": "autoscaling", "enabled": True, "min": 2, "max": 6, "line": 7}]
    env = {e["name"]: e for e in values.get("env")}
    assert env["LOG_LEVEL"]["value"] == "info" and env["API_TOKEN"]["grade"] == "secret"
    assert [(c["path"], c["grade"], c["line"]) for c in values.get("credentials")] == [
        ("env.API_TOKEN", "secret", 12),
        ("postgresql.auth.password", "secret", 18),
    ]
    assert values.get("secret_refs") == [{"path": "postgresql.auth.existingSecret", "value": "shop-db", "line": 19}]
    assert values.get("affinity") == [{"path": "service.sessionAffinity", "value": "ClientIP", "line": 21}]
    assert "S0meRealPassw0rd" not in str(values.data) and "Zk3r9pQw7LmXv2Rt" not in str(values.data)


def test_helm_values_recognised_by_content():
    text = """
    image:
      repository: ghcr.io/acme/shop
      tag: latest
    replicaCount: 3
    service:
      targetPort: 3000
    """
    (values,) = only(extract_text(MODULE, "deploy/kubernetes/aks.yaml", text, kind="yaml"), "k8s.helm_values")
    assert values.get("by_content") is True and values.get("replica_count") == 3
    assert values.get("images") == []  # a deploy that passes them to a chart usually overrides the tag
    # near miss: a plain YAML file without the shape of chart values
    assert (
        only(extract_text(MODULE, "config/app.yaml", "image:\n  size: 3\nname: shop\n", kind="yaml"), "k8s.helm_values")
        == []
    )


def test_chart_and_kustomization():
    chart = (
        'apiVersion: v2\nname: shop\nversion: 0.3.0\nappVersion: "1.4.2"\ndependencies:\n  - name: postgresql\n    version: 15.x.x\n'
        "    repository: oci://registry-1.docker.io/bitnamicharts\n    condition: postgresql.enabled\n"
    )
    (fact,) = extract_text(MODULE, "charts/shop/Chart.yaml", chart)
    assert (fact.kind, fact.get("app_version"), fact.get("app_version_line")) == ("k8s.helm_chart", "1.4.2", 4)
    assert fact.get("dependencies")[0]["name"] == "postgresql" and fact.get("chart_dir") == "charts/shop"
    kustomization = """
    resources: [deployment.yaml, ../base]
    images:
      - name: shop
        newName: registry.example.com/shop
        newTag: 1.4.2
    replicas:
      # singleton: leader election is not implemented
      - name: scheduler
        count: 1
    secretGenerator:
      - name: shop
        literals:
          - DB_PASSWORD=S0meRealPassw0rd!
          - LOG=info
    """
    facts = extract_text(MODULE, "k8s/kustomization.yaml", kustomization)
    (fact,) = only(facts, "k8s.kustomization")
    assert fact.get("images") == [
        {"name": "shop", "new_name": "registry.example.com/shop", "new_tag": "1.4.2", "digest": None, "line": 3}
    ]
    assert fact.get("resources") == ["deployment.yaml", "../base"]
    assert fact.get("replicas")[0]["count"] == 1 and "singleton" in fact.get("replicas")[0]["note"]
    literals = fact.get("secret_generators")[0]["literals"]
    assert [(lit["key"], lit["grade"]) for lit in literals] == [("DB_PASSWORD", "secret"), ("LOG", "trivial")]
    assert "S0meRealPassw0rd" not in str(fact.data)


def test_helm_object_names_read_as_a_person_would():
    """Names of a chart's objects never carry raw template expressions into messages."""
    (workload,) = extract_text(MODULE, "charts/shop/templates/deployment.yaml", HELM_TEMPLATE)
    assert workload.get("name") == "shop"
    from twelve.facts.kubernetes import readable_name

    assert readable_name('{{ template "shop.fullname" . }}-data') == "shop-data"
    assert readable_name("{{- .Release.Name -}}-web") == "release-web"
    assert readable_name("{{ .Values.app.name }}") == "app.name"
    assert readable_name("plain-name") == "plain-name"
