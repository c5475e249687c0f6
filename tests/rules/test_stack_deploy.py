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


def params(findings, key):
    return [f.message.param_dict()[key] for f in findings]


# --- F03 -------------------------------------------------------------------------------------------


def test_f03_s8k_fires_for_a_literal_password_in_a_deployment(tmp_path):
    env = '\n            - name: DB_PASSWORD\n              value: "q7R!x2Lp9Vz4Tk8M"'
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(env=env)}, "F03-S8k")
    assert lines(found) == {("k8s/web.yaml", 16)} and params(found, "keys") == ["DB_PASSWORD"]
    assert found[0].strength.value == "moderate"


def test_f03_s8k_fires_for_secret_string_data_helm_values_and_platforms(tmp_path):
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  api-key: \"Zk3r9pQw7LmXv2Rt\"\n"
    values = "image: {repository: shop, tag: 1.0.0}\nauth:\n  password: \"S0meRealPassw0rd!\"\n"
    render = "services:\n  - type: web\n    name: shop\n    envVars:\n      - key: API_TOKEN\n        value: Zk3r9pQw7LmXv2Rt\n"
    found = fired(tmp_path, {**APP, "k8s/secret.yaml": secret, "chart/values.yaml": values, "render.yaml": render}, "F03-S8k")
    assert lines(found) == {("k8s/secret.yaml", 5), ("chart/values.yaml", 3), ("render.yaml", 6)}


def test_f03_s8k_near_miss_secret_references_and_trivial_local_values(tmp_path):
    env = "\n            - name: DB_PASSWORD\n              valueFrom:\n                secretKeyRef: {name: db, key: password}"
    assert fired(tmp_path / "a", {**APP, "k8s/web.yaml": deployment(env=env)}, "F03-S8k") == []
    trivial = "\n            - name: DB_PASSWORD\n              value: postgres"
    found = fired(tmp_path / "b", {**APP, "k8s/web.yaml": deployment(env=trivial)}, "F03-S8k")
    assert [f.strength.value for f in found] == ["weak"]


def test_f03_s8k_near_miss_user_names_in_a_secret(tmp_path):
    secret = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  username: app\n  database: shop\n"
    assert fired(tmp_path, {**APP, "k8s/secret.yaml": secret}, "F03-S8k") == []


def test_f03_s22k_fires_for_secret_and_configmap_references(tmp_path):
    extra = "\n          envFrom:\n            - secretRef: {name: shop-env}"
    found = fired(tmp_path, {**APP, "k8s/web.yaml": deployment(extra=extra)}, "F03-S22k")
    assert lines(found) == {("k8s/web.yaml", 16)} and "envFrom secretRef shop-env" in params(found, "how")[0]


def test_f03_s22k_near_miss_only_literals(tmp_path):
    assert fired(tmp_path, {**APP, "k8s/web.yaml": deployment()}, "F03-S22k") == []


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
