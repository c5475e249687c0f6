"""Deploy-descriptor rules (Kubernetes, Helm, Kustomize, platforms): one firing and one near miss each."""

from __future__ import annotations

from helpers import fired, lines

APP = {
    "requirements.txt": "flask==3.0.3\ngunicorn==22.0.0\n",
    "app.py": "from flask import Flask\napp = Flask(__name__)\n",
    "Dockerfile": 'FROM python:3.12-slim\nCOPY . .\nRUN pip install -r requirements.txt\nCMD ["gunicorn", "app:app"]\n',
}


def deployment(*, image: str = "registry.example.com/shop:1.4.2", replicas: int | str = 2, env: str = "", extra: str = "",
               container: str = "", volumes: str = "", name: str = "web", kind: str = "Deployment", pod: str = "") -> str:
    return f"""
apiVersion: apps/v1
kind: {kind}
metadata:
  name: {name}
spec:
  replicas: {replicas}
  template:
    spec:{pod}
      containers:
        - name: {name}
          image: {image}{container}
          env:
            - name: LOG_LEVEL
              value: info{env}{extra}
      volumes:
        - name: tmp
          emptyDir: {{}}{volumes}
"""


def job(*, image: str = "registry.example.com/shop:1.4.2", command: str = '["python", "manage.py", "migrate"]',
        annotations: str = "", container: str = "") -> str:
    return f"""
apiVersion: batch/v1
kind: Job
metadata:
  name: migrate{annotations}
spec:
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: {image}
          command: {command}{container}
"""


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F05 -------------------------------------------------------------------------------------------


def test_f05_s2k_fires_for_version_tags_and_digests(tmp_path):
    found = fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment()}, "F05-S2k")
    assert lines(found) == {("k8s/web.yaml", 11)} and params(found, "how") == ["version tag"]
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(image="shop@sha256:abc123")}, "F05-S2k")
    assert params(found, "how") == ["digest"]


def test_f05_s2k_follows_helm_values_and_kustomize(tmp_path):
    template = deployment(image='"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"')
    files = {**APP, "chart/Chart.yaml": "apiVersion: v2\nname: shop\nversion: 0.1.0\nappVersion: 2.3.1\n",
             "chart/values.yaml": "image:\n  repository: shop\n  tag: \"\"\n", "chart/templates/deployment.yaml": template}
    found = fired(tmp_path / "a", files, "F05-S2k")
    assert lines(found) == {("chart/Chart.yaml", 4)}
    kustomize = {**APP, "k8s/web.yaml": deployment(image="shop"),
                 "k8s/kustomization.yaml": "resources: [web.yaml]\nimages:\n  - name: shop\n    newTag: 9f3b2c7\n"}
    found = fired(tmp_path / "b", kustomize, "F05-S2k")
    assert lines(found) == {("k8s/kustomization.yaml", 3)}


def test_f05_s2k_near_miss_backing_services_and_moving_tags(tmp_path):
    files = {**APP, "k8s/db.yaml": deployment(image="postgres:16.2.0", kind="StatefulSet", name="db"),
             "k8s/web.yaml": deployment(image="shop:stable")}
    assert fired(tmp_path, files, "F05-S2k") == []


def test_f05_s10k_fires_for_latest_untagged_and_pull_always(tmp_path):
    found = fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(image="app:latest")}, "F05-S10k")
    assert lines(found) == {("k8s/web.yaml", 11)} and params(found, "how") == ["latest"]
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(image="app")}, "F05-S10k")
    assert params(found, "how") == ["untagged"]
    always = deployment(image="shop:main", container="\n          imagePullPolicy: Always")
    found = fired(tmp_path / "c", {**APP, "k8s/web.yaml": always}, "F05-S10k")
    assert lines(found) == {("k8s/web.yaml", 12)}
    values = {**APP, "chart/values.yaml": "image:\n  repository: shop\n  tag: latest\n"}
    assert lines(fired(tmp_path / "d", values, "F05-S10k")) == {("chart/values.yaml", 3)}


def test_f05_s10k_near_miss(tmp_path):
    always = deployment(image="shop:1.4.2", container="\n          imagePullPolicy: Always")
    files = {**APP, "k8s/web.yaml": always, "k8s/db.yaml": deployment(image="redis:latest", kind="StatefulSet", name="cache")}
    assert fired(tmp_path / "a", files, "F05-S10k") == []
    kustomize = {**APP, "k8s/web.yaml": deployment(image="shop"),
                 "k8s/kustomization.yaml": "images:\n  - name: shop\n    newTag: 1.2.3\n"}
    assert fired(tmp_path / "b", kustomize, "F05-S10k") == []
    # kustomize replaces the tag written in the manifest
    kustomize = {**APP, "k8s/web.yaml": deployment(image="shop:latest"),
                 "k8s/kustomization.yaml": "images:\n  - name: shop\n    digest: sha256:0a1b2c\n"}
    assert fired(tmp_path / "c", kustomize, "F05-S10k") == []


# --- F06 -------------------------------------------------------------------------------------------

SERVICE = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n{annotations}spec:\n  {affinity}ports:\n    - port: 80\n"


def test_f06_s1_fires_for_client_ip_affinity_and_cookie_annotations(tmp_path):
    service = SERVICE.format(annotations="", affinity="sessionAffinity: ClientIP\n  ")
    found = fired(tmp_path / "a", {**APP, "k8s/svc.yaml": service}, "F06-S1")
    assert lines(found) == {("k8s/svc.yaml", 6)} and found[0].strength.value == "strong"
    ingress = ("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: web\n  annotations:\n"
               "    nginx.ingress.kubernetes.io/affinity: \"cookie\"\n    nginx.ingress.kubernetes.io/session-cookie-name: route\n")
    found = fired(tmp_path / "b", {**APP, "k8s/ingress.yaml": ingress}, "F06-S1")
    assert lines(found) == {("k8s/ingress.yaml", 6)}


def test_f06_s1_near_miss(tmp_path):
    service = SERVICE.format(annotations="  annotations:\n    nginx.ingress.kubernetes.io/affinity: none\n",
                             affinity="sessionAffinity: None\n  ")
    assert fired(tmp_path, {**APP, "k8s/svc.yaml": service}, "F06-S1") == []


PVC_MOUNT = "\n          volumeMounts:\n            - name: uploads\n              mountPath: /app/uploads"
PVC_VOLUME = "\n        - name: uploads\n          persistentVolumeClaim:\n            claimName: uploads"


def test_f06_s7k_fires_for_a_pvc_on_a_deployment(tmp_path):
    files = {**APP, "k8s/web.yaml": deployment(extra=PVC_MOUNT, volumes=PVC_VOLUME)}
    found = fired(tmp_path, files, "F06-S7k")
    assert lines(found) == {("k8s/web.yaml", 16), ("k8s/web.yaml", 21)} and params(found, "target") == ["/app/uploads"]


def test_f06_s7k_near_miss_statefulset_database_and_scratch_paths(tmp_path):
    database = deployment(image="postgres:16", kind="StatefulSet", name="db",
                          extra=PVC_MOUNT.replace("/app/uploads", "/var/lib/postgresql/data"), volumes=PVC_VOLUME)
    scratch = deployment(extra=PVC_MOUNT.replace("/app/uploads", "/tmp/cache"), volumes=PVC_VOLUME)
    assert fired(tmp_path, {**APP, "k8s/db.yaml": database, "k8s/web.yaml": scratch}, "F06-S7k") == []


def test_f06_s12_fires_for_read_only_root(tmp_path):
    container = "\n          securityContext:\n            readOnlyRootFilesystem: true"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(container=container)}, "F06-S12")
    assert lines(found) == {("k8s/web.yaml", 13)}


def test_f06_s12_near_miss(tmp_path):
    container = "\n          securityContext:\n            readOnlyRootFilesystem: false"
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment(container=container)}, "F06-S12") == []


def test_f06_s13_fires_for_replicas_without_affinity(tmp_path):
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=3)}, "F06-S13")
    assert lines(found) == {("k8s/web.yaml", 6)} and params(found, "knob") == ["replicas: 3"]


def test_f06_s13_near_miss_with_affinity_or_one_replica(tmp_path):
    service = SERVICE.format(annotations="", affinity="sessionAffinity: ClientIP\n  ")
    assert fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(replicas=3), "k8s/svc.yaml": service}, "F06-S13") == []
    assert fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(replicas=1)}, "F06-S13") == []


# --- F08 -------------------------------------------------------------------------------------------


def test_f08_s1k_fires_for_process_types_from_one_image(tmp_path):
    worker = deployment(name="worker", container='\n          command: ["celery", "-A", "shop", "worker"]')
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(), "k8s/worker.yaml": worker}, "F08-S1k")
    assert lines(found) == {("k8s/web.yaml", 10), ("k8s/worker.yaml", 12)} and params(found, "count") == ["2"]


def test_f08_s1k_near_miss_different_images(tmp_path):
    worker = deployment(name="worker", image="registry.example.com/other:1.0.0", container='\n          command: ["run"]')
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment(), "k8s/worker.yaml": worker}, "F08-S1k") == []


def test_f08_s2k_fires_for_replicas_and_autoscalers(tmp_path):
    hpa = "apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {kind: Deployment, name: web}\n  maxReplicas: 5\n"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=1), "k8s/hpa.yaml": hpa}, "F08-S2k")
    assert lines(found) == {("k8s/hpa.yaml", 2)} and "→ web" in params(found, "knob")[0]


def test_f08_s2k_near_miss_single_replica(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas=1)}, "F08-S2k") == []


def test_f08_s9_fires_for_a_replica_pinned_with_a_comment(tmp_path):
    pinned = deployment(replicas="1  # must not scale: the scheduler runs in-process")
    found = fired(tmp_path, {**APP, "k8s/web.yaml": pinned}, "F08-S9")
    assert lines(found) == {("k8s/web.yaml", 6)} and found[0].strength.value == "weak"


def test_f08_s9_near_miss_one_replica_without_comment(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment(replicas="1  # small app")}, "F08-S9") == []


# --- F09 -------------------------------------------------------------------------------------------


def test_f09_s8_fires_for_probes_prestop_and_grace(tmp_path):
    container = ("\n          readinessProbe:\n            httpGet: {path: /health, port: 8000}"
                 "\n          lifecycle:\n            preStop:\n              exec: {command: [sleep, '5']}")
    files = {**APP, "k8s/web.yaml": deployment(container=container, pod="\n      terminationGracePeriodSeconds: 40")}
    found = fired(tmp_path, files, "F09-S8")
    assert lines(found) == {("k8s/web.yaml", 13), ("k8s/web.yaml", 16), ("k8s/web.yaml", 9)}
    assert params(found, "what") == ["readinessProbe, preStop, terminationGracePeriodSeconds 40"]


def test_f09_s8_near_miss_without_stop_settings(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment()}, "F09-S8") == []


def test_f09_s15_fires_for_zero_grace_and_grace_below_drain(tmp_path):
    found = fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 0")}, "F09-S15")
    assert lines(found) == {("k8s/web.yaml", 9)} and found[0].strength.value == "weak"
    drain = {**APP, "gunicorn.conf.py": "graceful_timeout = 60\n",
             "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 30")}
    found = fired(tmp_path / "b", drain, "F09-S15")
    assert lines(found) == {("k8s/web.yaml", 9), ("gunicorn.conf.py", 1)} and params(found, "drain") == ["60"]


def test_f09_s15_near_miss(tmp_path):
    drain = {**APP, "gunicorn.conf.py": "graceful_timeout = 20\n",
             "k8s/web.yaml": deployment(pod="\n      terminationGracePeriodSeconds: 30")}
    assert fired(tmp_path, drain, "F09-S15") == []


# --- F12 -------------------------------------------------------------------------------------------


def test_f12_s2k_fires_for_a_job_with_the_release_image(tmp_path):
    hook = "\n  annotations:\n    helm.sh/hook: pre-upgrade"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(annotations=hook)}, "F12-S2k")
    assert lines(found) == {("k8s/job.yaml", 13), ("k8s/web.yaml", 11)}
    assert params(found, "how") == ["Helm hook pre-upgrade"] and params(found, "command") == ["python manage.py migrate"]


def test_f12_s2k_fires_for_platform_release_commands(tmp_path):
    fly = 'app = "shop"\n[deploy]\n  release_command = "python manage.py migrate"\n[processes]\n  web = "gunicorn app:app"\n'
    found = fired(tmp_path, {**APP, "fly.toml": fly}, "F12-S2k")
    assert lines(found) == {("fly.toml", 3)}


def test_f12_s2k_near_miss_other_image(tmp_path):
    files = {**APP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="registry.example.com/shop:1.4.1")}
    assert fired(tmp_path, files, "F12-S2k") == []


def test_f12_s6_fires_for_another_tag_and_missing_config(tmp_path):
    files = {**APP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="registry.example.com/shop:latest")}
    found = fired(tmp_path / "a", files, "F12-S6")
    assert lines(found) == {("k8s/job.yaml", 11), ("k8s/web.yaml", 11)} and found[0].message.key == "F12-S6.message_tag"
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**APP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job()}
    found = fired(tmp_path / "b", files, "F12-S6")
    assert params(found, "missing") == ["secret/shop-env"] and found[0].message.key == "F12-S6.message_config"


def test_f12_s6_tool_images_are_weak_and_matching_jobs_are_clean(tmp_path):
    files = {**APP, "k8s/web.yaml": deployment(), "k8s/job.yaml": job(image="flyway/flyway:10", command='["flyway", "migrate"]')}
    found = fired(tmp_path / "a", files, "F12-S6")
    assert [f.strength.value for f in found] == ["weak"]
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    files = {**APP, "k8s/web.yaml": deployment(extra=extra), "k8s/job.yaml": job(container=extra)}
    assert fired(tmp_path / "b", files, "F12-S6") == []


# --- several apps, one shared k8s/ folder -------------------------------------------------------------


def test_shared_manifests_are_attributed_by_name(tmp_path):
    from helpers import findings_of, make_repo

    files = {"api/requirements.txt": "flask==3.0.3\n", "api/Dockerfile": "FROM python:3.12\nCMD [\"python\", \"app.py\"]\n",
             "web/package.json": "{}\n", "web/server.js": "\n",
             "k8s/api.yaml": deployment(name="api", image="registry.example.com/api:latest"),
             "k8s/web.yaml": deployment(name="web", image="registry.example.com/web:latest"),
             "k8s/common.yaml": deployment(name="cron", image="busybox:latest")}
    repo = make_repo(tmp_path, files)
    api = lines(findings_of(repo, "F05-S10k", app_index=0))
    web = lines(findings_of(repo, "F05-S10k", app_index=1))
    assert api == {("k8s/api.yaml", 11), ("k8s/common.yaml", 11)}
    assert web == {("k8s/web.yaml", 11), ("k8s/common.yaml", 11)}
