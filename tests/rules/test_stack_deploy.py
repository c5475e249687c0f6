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
