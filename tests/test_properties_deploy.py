"""Deploy-descriptor parsers never raise anything but their documented parse error, on arbitrary
and mutated input; app-root detection keeps its contract on arbitrary file lists."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fuzzing import FAST, mutations, run_extractor, texty
from twelve.facts import ci, kubernetes, platforms
from twelve.facts.base import Source
from twelve.facts.yamlio import YamlError
from twelve.model import Scope
from twelve.repository import Repository
from twelve.repository.apps import find_app_roots
from twelve.repository.kinds import kind_of, scope_of
from twelve.repository.walk import FileEntry

SEEDS = {
    "manifest": (
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 2\n  template:\n    spec:\n"
        "      terminationGracePeriodSeconds: 0\n      containers:\n        - name: web\n          image: app:latest\n"
        '          env:\n            - name: DB_PASSWORD\n              value: "q7R!x2Lp9Vz4"\n'
        "          envFrom: [{secretRef: {name: s}}]\n          volumeMounts: [{name: d, mountPath: /data}]\n"
        "      volumes: [{name: d, persistentVolumeClaim: {claimName: d}}]\n---\napiVersion: v1\nkind: Secret\n"
        "metadata: {name: s}\ndata: {token: aGVsbG8=}\nstringData: {pw: abc}\n---\napiVersion: v1\nkind: Service\n"
        "spec: {sessionAffinity: ClientIP}\n"
    ),
    "template": (
        "{{- if .Values.on }}\napiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {{ .Release.Name }}\n  annotations:\n"
        "    helm.sh/hook: pre-upgrade\nspec:\n  template:\n    spec:\n      containers:\n        - name: m\n"
        '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"\n          env:\n'
        "            {{- range $k, $v := .Values.env }}\n            - name: {{ $k }}\n              value: {{ $v }}\n"
        "            {{- end }}\n{{- end }}\n"
    ),
    "values": "replicaCount: 1 # must not scale\nimage: {repository: app, tag: latest}\nenv: {API_TOKEN: Zk3r9pQw7LmXv2Rt}\n"
    "autoscaling: {enabled: true, maxReplicas: 3}\nservice: {sessionAffinity: ClientIP}\n",
    "kustomization": "resources: [a.yaml]\nimages: [{name: app, newTag: v1.2.3}]\nreplicas: [{name: web, count: 1}]\n"
    "secretGenerator: [{name: s, literals: [PW=abcdefghijkl]}]\n",
    "jenkinsfile": "pipeline {\n  environment { C = credentials('c') }\n  stages {\n    stage('D') {\n"
    "      when { branch 'main' }\n      steps { sh \"ssh h 'git pull'\"; script { docker.build(\"a:${GIT_COMMIT}\") } }\n"
    "    }\n  }\n}\n",
    "circleci": "version: 2.1\njobs:\n  b:\n    docker: [{image: x}, {image: postgres:16}]\n    steps: [checkout, {run: make}]\n"
    "workflows:\n  w:\n    jobs: [{b: {filters: {branches: {only: main}}, context: [c]}}]\n",
    "azure": "trigger: [main]\nstages:\n  - stage: S\n    jobs:\n      - deployment: D\n        environment: prod\n"
    "        strategy: {runOnce: {deploy: {steps: [{bash: make}]}}}\n",
    "cloudbuild": "steps:\n  - name: gcr.io/cloud-builders/docker\n    args: [build, -t, 'x:$SHORT_SHA', .]\n",
    "bitbucket": "pipelines:\n  branches:\n    main:\n      - step: {name: D, script: [make], services: [pg]}\n"
    "definitions: {services: {pg: {image: postgres:16}}}\n",
    "fly": 'app = "a"\n[env]\n  PORT = "8080"\n[processes]\n  web = "gunicorn a:app"\n[[mounts]]\n  source = "d"\n  destination = "/d"\n',
    "render": "services:\n  - type: web\n    name: a\n    envVars: [{key: K, value: v}, {key: D, fromDatabase: {name: db}}]\n"
    "databases: [{name: db, postgresMajorVersion: 16}]\n",
}


@FAST
@given(st.one_of(texty, mutations(SEEDS["manifest"])))
def test_manifests_raise_only_yaml_errors(text):
    run_extractor(kubernetes, "yaml", text, "k8s/app.yaml", (YamlError,))
    run_extractor(kubernetes, "yaml", "apiVersion: v1\nkind: Service\n" + text, "k8s/app.yaml", (YamlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["template"]), mutations(SEEDS["manifest"])))
def test_helm_templates_raise_only_yaml_errors(text):
    run_extractor(kubernetes, "helm_template", text, "chart/templates/job.yaml", (YamlError,))
    run_extractor(kubernetes, "helm_template", text, "chart/templates/_helpers.tpl", (YamlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["values"]), mutations(SEEDS["kustomization"])))
def test_values_charts_and_kustomizations_raise_only_yaml_errors(text):
    run_extractor(kubernetes, "helm_values", text, "chart/values.yaml", (YamlError,))
    run_extractor(kubernetes, "helm_chart", text, "chart/Chart.yaml", (YamlError,))
    run_extractor(kubernetes, "kustomization", text, "k8s/kustomization.yaml", (YamlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["jenkinsfile"])))
def test_jenkinsfile_reader_never_raises(text):
    run_extractor(ci, "jenkinsfile", text, "Jenkinsfile")


@FAST
@given(
    st.one_of(
        texty,
        mutations(SEEDS["circleci"]),
        mutations(SEEDS["azure"]),
        mutations(SEEDS["cloudbuild"]),
        mutations(SEEDS["bitbucket"]),
    )
)
def test_yaml_ci_systems_raise_only_yaml_errors(text):
    run_extractor(ci, "circleci", text, ".circleci/config.yml", (YamlError,))
    for name in ("azure-pipelines.yml", "cloudbuild.yaml", "bitbucket-pipelines.yml"):
        run_extractor(ci, "ci_other", text, name, (YamlError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["fly"])))
def test_fly_toml_raises_only_toml_errors(text):
    run_extractor(platforms, "fly_toml", text, "fly.toml", (platforms.tomllib.TOMLDecodeError,))


@FAST
@given(st.one_of(texty, mutations(SEEDS["render"])))
def test_render_yaml_raises_only_yaml_errors(text):
    run_extractor(platforms, "render_yaml", text, "render.yaml", (YamlError,))


def test_hostile_groovy_nesting_is_linear():
    text = "pipeline {" + "stage('x') { if (env.BRANCH_NAME == 'main') { " * 3000 + "sh 'make'" + "} " * 5000
    facts = ci.extract(Source("Jenkinsfile", text, "jenkinsfile", Scope.PRODUCTION))
    assert any(f.kind == "ci.step" for f in facts)
    text = "sh(" * 20000 + "'x'" + ")" * 20000
    assert isinstance(ci.extract(Source("Jenkinsfile", text, "jenkinsfile", Scope.PRODUCTION)), list)


_SEGMENTS = st.sampled_from(
    [
        "api",
        "web",
        "worker",
        "src",
        "cmd",
        "tests",
        "docs",
        "packages",
        "libs",
        "node_modules",
        "bin",
        "app",
        "x",
        "requirements",
        "examples",
    ]
)
_NAMES = st.sampled_from(
    [
        "requirements.txt",
        "pyproject.toml",
        "package.json",
        "go.mod",
        "pom.xml",
        "build.gradle",
        "Gemfile",
        "Dockerfile",
        "Procfile",
        "manage.py",
        "main.py",
        "app.py",
        "main.go",
        "server.js",
        "index.ts",
        "config.ru",
        "rails",
        "www",
        "README.md",
        "DemoApplication.java",
        "setup.py",
    ]
)
_PATHS = st.builds(lambda dirs, name: "/".join(dirs + [name]), st.lists(_SEGMENTS, max_size=4), _NAMES)


@FAST
@given(st.lists(_PATHS, max_size=30, unique=True))
def test_app_roots_keep_their_contract(paths):
    files = [FileEntry(p, 1, kind_of(p), scope_of(p)) for p in paths]
    roots = find_app_roots(files)
    repo = Repository("/x", tuple(files), (), 0, (), None, tuple(roots), None)  # type: ignore[arg-type]
    assert roots and len({r.path for r in roots}) == len(roots)
    assert [r.path for r in roots] == sorted((r.path for r in roots), key=lambda p: (p != ".", p))
    for path in paths:
        found = repo.owner(path)
        containing = [r for r in roots if r.contains(path)]
        assert (found is None) == (not containing)
        if found is not None:
            assert all(len(found.path) >= len(r.path) or r.path == "." or found.path != "." for r in containing)
            assert found.path == max(containing, key=lambda r: 0 if r.path == "." else len(r.path)).path
