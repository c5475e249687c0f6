"""CI definitions of every system as the same ci.workflow / ci.job / ci.step facts."""

from __future__ import annotations

from helpers import extract_text

MODULE = "twelve.facts.ci"


def of(facts, kind):
    return [f for f in facts if f.kind == kind]


def steps_by_job(facts):
    out: dict[str, list] = {}
    for step in of(facts, "ci.step"):
        out.setdefault(step.get("job"), []).append(step)
    return out


JENKINSFILE = r"""
pipeline {
  agent { docker { image 'python:3.12' } }
  environment {
    REGISTRY = 'registry.example.com'
    DB_CREDS = credentials('db-creds')
  }
  triggers { cron('H 2 * * *') }
  stages {
    stage('Test') {
      steps {
        script {
          docker.image('postgres:16').withRun('-e POSTGRES_HOST_AUTH_METHOD=trust') { c ->
            sh 'python -m pytest -q'
          }
        }
      }
    }
    stage('Build') {
      steps {
        sh "docker build -t ${REGISTRY}/app:${env.GIT_COMMIT} ."
        script {
          def image = docker.build("app:${env.BUILD_NUMBER}")
          image.push('stable')
        }
      }
    }
    stage('Deploy') {
      when { branch 'main' }
      steps {
        input message: 'Ship it?'
        withCredentials([sshUserPrivateKey(credentialsId: 'deploy-key', keyFileVariable: 'KEY')]) {
          sh '''
            ssh -i $KEY deploy@app.example.com 'cd app && git pull && systemctl restart app'
          '''
        }
      }
    }
    stage('Preview') {
      when { not { branch 'main' } }
      steps { sh label: 'preview', script: 'kubectl apply -f preview/' }
    }
    stage('Release') {
      when { buildingTag() }
      steps { sh(script: 'helm upgrade --install app chart/ --set image.tag=$TAG_NAME', returnStatus: true) }
    }
  }
}
"""


def test_jenkins_declarative_pipeline():
    facts = extract_text(MODULE, "Jenkinsfile", JENKINSFILE)
    (workflow,) = of(facts, "ci.workflow")
    assert (workflow.line, workflow.get("system"), workflow.get("triggers")) == (
        1,
        "jenkins",
        {"push": {}, "schedule": {}},
    )
    jobs = {j.get("job"): j for j in of(facts, "ci.job")}
    assert list(jobs) == ["Test", "Build", "Deploy", "Preview", "Release"]
    assert (
        jobs["Test"].line == 9
        and jobs["Test"].get("container") == "python:3.12"
        and jobs["Test"].get("services")[0]["image"] == "postgres"
    )
    assert jobs["Test"].get("services")[0]["tag"] == "16"
    assert jobs["Deploy"].get("triggers") == {"push": {"branches": ["main"]}, "schedule": {}}
    assert jobs["Deploy"].get("approval") is True
    assert jobs["Preview"].get("triggers")["push"] == {"branches-ignore": ["main"]}
    assert jobs["Release"].get("triggers")["push"] == {"tags": ["*"]}
    steps = steps_by_job(facts)
    assert [(s.line, s.get("run")) for s in steps["Test"]] == [(13, "python -m pytest -q")]
    build = steps["Build"]
    assert [(s.line, s.get("run"), s.get("uses")) for s in build] == [
        (20, "docker build -t ${REGISTRY}/app:${env.GIT_COMMIT} .", None),
        (22, "docker build -t app:${env.BUILD_NUMBER} .", "jenkins:docker.build"),
        (23, "docker push app:stable", "jenkins:docker.push"),
    ]
    (deploy,) = steps["Deploy"]
    assert deploy.line == 32 and "ssh -i $KEY deploy@app.example.com 'cd app && git pull" in deploy.get("run")
    assert deploy.get("with_") == {
        "credentials.db-creds": "secrets.db-creds",
        "credentials.deploy-key": "secrets.deploy-key",
    }
    assert steps["Preview"][0].get("run") == "kubectl apply -f preview/"
    assert steps["Release"][0].get("run").startswith("helm upgrade --install app chart/")


def test_jenkins_scripted_pipeline_with_branch_conditions():
    text = """
    node {
      stage('Checkout') { checkout scm }
      if (env.BRANCH_NAME == 'master') {
        stage('Deploy') { sh 'kubectl apply -f k8s/' }
      }
      parallel(
        'unit': { sh 'make test' },
        'lint': { sh 'make lint' }
      )
    }
    """
    facts = extract_text(MODULE, "ci/Jenkinsfile", text, kind="jenkinsfile")
    jobs = {j.get("job"): j for j in of(facts, "ci.job")}
    assert jobs["Deploy"].get("triggers") == {"push": {"branches": ["master"]}}
    assert jobs["Checkout"].get("triggers") == {"push": {}}
    runs = [(s.get("job"), s.line, s.get("run")) for s in of(facts, "ci.step")]
    assert runs == [
        ("Deploy", 4, "kubectl apply -f k8s/"),
        ("(pipeline)", 7, "make test"),
        ("(pipeline)", 8, "make lint"),
    ]


def test_jenkins_unbalanced_text_still_gives_facts():
    facts = extract_text(MODULE, "Jenkinsfile", "pipeline { stages { stage('A' { sh \"echo ${x\n")
    assert of(facts, "ci.workflow") and [j.get("job") for j in of(facts, "ci.job")] == ["A"]


CIRCLECI = """
version: 2.1
executors:
  py:
    docker:
      - image: cimg/python:3.12
      - image: postgres:16
jobs:
  test:
    executor: py
    steps:
      - checkout
      - run: pip install -r requirements.txt
      - run:
          name: Tests
          command: python -m pytest -q
  build:
    docker:
      - image: cimg/base:stable
    steps:
      - setup_remote_docker
      - run: docker build -t registry.example.com/app:$CIRCLE_SHA1 .
  deploy:
    docker: [{image: cimg/deploy:2024.03}]
    steps:
      - aws-eks/update-kubeconfig: {cluster-name: prod}
      - run: kubectl set image deployment/web web=registry.example.com/app:$CIRCLE_SHA1
workflows:
  delivery:
    jobs:
      - test
      - build:
          requires: [test]
          context: registry
      - hold:
          type: approval
          requires: [build]
      - deploy:
          requires: [hold]
          filters:
            branches:
              only: main
  release:
    jobs:
      - deploy:
          name: deploy-tag
          filters:
            branches: {ignore: /.*/}
            tags: {only: /^v.*/}
"""


def test_circleci_jobs_services_and_filters():
    facts = extract_text(MODULE, ".circleci/config.yml", CIRCLECI)
    (workflow,) = of(facts, "ci.workflow")
    assert (workflow.get("system"), workflow.line) == ("circleci", 27)
    jobs = {(j.get("workflow"), j.get("job")): j for j in of(facts, "ci.job")}
    test = jobs[("delivery", "test")]
    assert (test.line, test.get("container")) == (8, "cimg/python:3.12")
    assert [(s["image"], s["tag"], s["line"]) for s in test.get("services")] == [("postgres", "16", 6)]
    assert jobs[("delivery", "build")].get("needs") == ["test"]
    assert jobs[("delivery", "hold")].get("when") == "manual" and jobs[("delivery", "hold")].get("approval")
    assert jobs[("delivery", "deploy")].get("triggers") == {"push": {"branches": ["main"]}}
    assert jobs[("release", "deploy-tag")].get("triggers") == {"push": {"branches": [], "tags": ["^v.*"]}}
    steps = [(s.get("workflow"), s.get("job"), s.line, s.get("run"), s.get("uses")) for s in of(facts, "ci.step")]
    assert ("delivery", "test", 13, "python -m pytest -q", None) in steps
    assert ("delivery", "deploy", 25, None, "aws-eks/update-kubeconfig") in steps
    build = [s for s in of(facts, "ci.step") if s.get("job") == "build" and s.get("run")]
    assert build[0].get("run") == "docker build -t registry.example.com/app:$CIRCLE_SHA1 ." and build[0].line == 21
    assert build[0].get("with_") == {"context.registry": "secrets.registry"}


def test_circleci_without_workflows_and_expression_filters():
    text = "version: 2\njobs:\n  build:\n    docker: [{image: cimg/base:stable}]\n    steps:\n      - run: make\n"
    facts = extract_text(MODULE, ".circleci/config.yml", text)
    assert [(j.get("workflow"), j.get("job"), j.get("triggers")) for j in of(facts, "ci.job")] == [
        ("(default)", "build", {"push": {}})
    ]
    text = (
        "version: 2.1\njobs:\n  deploy:\n    docker: [{image: x}]\n    steps: [{run: make deploy}]\n"
        'workflows:\n  w:\n    jobs:\n      - deploy:\n          filters: pipeline.git.branch == "main"\n'
    )
    (job,) = of(extract_text(MODULE, ".circleci/config.yml", text), "ci.job")
    assert job.get("triggers") == {"push": {"branches": ["main"]}}


AZURE = """
trigger:
  branches:
    include: [main]
pr: none
variables:
  - group: prod-secrets
resources:
  containers:
    - container: pg
      image: postgres:15
stages:
  - stage: Build
    jobs:
      - job: Build
        services: {postgres: pg}
        steps:
          - script: docker build -t app:$(Build.SourceVersion) .
            displayName: Build the image
          - task: Docker@2
            inputs: {command: buildAndPush, tags: $(Build.BuildId)}
  - stage: Deploy
    condition: and(succeeded(), eq(variables['Build.SourceBranch'], 'refs/heads/main'))
    jobs:
      - deployment: Web
        environment: production
        strategy:
          runOnce:
            deploy:
              steps:
                - bash: kubectl apply -f k8s/
"""


def test_azure_pipelines():
    facts = extract_text(MODULE, "azure-pipelines.yml", AZURE)
    (workflow,) = of(facts, "ci.workflow")
    assert workflow.get("triggers") == {"push": {"branches": ["main"]}}
    build, web = of(facts, "ci.job")
    assert (build.get("job"), build.get("stage"), build.line) == ("Build", "Build", 14)
    assert build.get("services")[0]["image"] == "postgres" and build.get("services")[0]["tag"] == "15"
    assert (web.get("job"), web.get("environment"), web.get("triggers")) == (
        "Web",
        "production",
        {"push": {"branches": ["main"]}},
    )
    steps = of(facts, "ci.step")
    assert [(s.line, s.get("name"), s.get("run"), s.get("uses")) for s in steps] == [
        (17, "Build the image", "docker build -t app:$(Build.SourceVersion) .", None),
        (19, "", None, "Docker@2"),
        (30, "", "kubectl apply -f k8s/", None),
    ]
    assert (
        steps[1].get("with_")["tags"] == "$(Build.BuildId)"
        and steps[1].get("with_")["group.prod-secrets"] == "secrets.prod-secrets"
    )


def test_azure_single_job_file_without_trigger_runs_on_every_push():
    facts = extract_text(MODULE, "azure-pipelines.yml", "steps:\n  - script: make test\n")
    assert of(facts, "ci.workflow")[0].get("triggers") == {"push": {}}
    assert [s.get("run") for s in of(facts, "ci.step")] == ["make test"]


def test_cloud_build_steps_are_command_lines():
    text = """
    steps:
      - name: gcr.io/cloud-builders/docker
        args: [build, -t, "gcr.io/$PROJECT_ID/app:$SHORT_SHA", .]
      - name: gcr.io/google.com/cloudsdktool/cloud-sdk
        entrypoint: bash
        args: [-c, "gcloud run deploy app --image gcr.io/$PROJECT_ID/app:$SHORT_SHA"]
        secretEnv: [DB_PASSWORD]
    availableSecrets:
      secretManager:
        - versionName: projects/p/secrets/db/versions/latest
          env: DB_PASSWORD
    """
    facts = extract_text(MODULE, "cloudbuild.yaml", text)
    assert of(facts, "ci.workflow")[0].get("triggers") == {"external": {}}
    first, second = of(facts, "ci.step")
    assert (first.line, first.get("run"), first.get("uses")) == (
        2,
        "docker build -t gcr.io/$PROJECT_ID/app:$SHORT_SHA .",
        "gcr.io/cloud-builders/docker",
    )
    assert second.get("run") == "gcloud run deploy app --image gcr.io/$PROJECT_ID/app:$SHORT_SHA"
    assert second.get("with_") == {"secretEnv.DB_PASSWORD": "secrets.DB_PASSWORD"}


def test_bitbucket_pipelines():
    text = """
    image: python:3.12
    definitions:
      services:
        postgres:
          image: postgres:16
    pipelines:
      default:
        - parallel:
            - step:
                name: Test
                services: [postgres]
                script:
                  - python -m pytest -q
      branches:
        main:
          - step:
              name: Deploy
              deployment: production
              trigger: manual
              script:
                - docker build -t app:$BITBUCKET_COMMIT .
                - pipe: atlassian/ssh-run:0.4.0
                  variables: {SSH_USER: deploy, SERVER: host, COMMAND: 'cd app && git pull'}
    """
    facts = extract_text(MODULE, "bitbucket-pipelines.yml", text)
    test, deploy = of(facts, "ci.job")
    assert (test.get("workflow"), test.get("triggers"), test.get("container")) == (
        "default",
        {"push": {}},
        "python:3.12",
    )
    assert test.get("services")[0]["image"] == "postgres" and test.get("services")[0]["line"] == 4
    assert (deploy.get("triggers"), deploy.get("environment"), deploy.get("when")) == (
        {"push": {"branches": ["main"]}},
        "production",
        "manual",
    )
    runs = [(s.get("job"), s.line, s.get("run"), s.get("uses")) for s in of(facts, "ci.step")]
    assert runs == [
        ("Test", 13, "python -m pytest -q", None),
        ("Deploy", 21, "docker build -t app:$BITBUCKET_COMMIT .", None),
        ("Deploy", 22, None, "atlassian/ssh-run:0.4.0"),
    ]


def test_github_and_gitlab_are_unchanged():
    github = (
        "on:\n  push:\n    branches: [main]\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    )
    facts = extract_text(MODULE, ".github/workflows/ci.yml", github)
    assert [f.kind for f in facts] == ["ci.workflow", "ci.job", "ci.step"] and facts[0].get("system") == "github"
    gitlab = "build:\n  script:\n    - make\n"
    facts = extract_text(MODULE, ".gitlab-ci.yml", gitlab)
    assert [f.kind for f in facts] == ["ci.workflow", "ci.job", "ci.step"] and facts[2].get("run") == "make"


def test_github_job_calling_a_reusable_workflow_is_one_step():
    workflow = """
name: pipeline
on:
  push:
    branches: [main]
jobs:
  build:
    name: Build the image
    uses: org/actions/.github/workflows/docker_build.yml@v2
    with:
      push: true
  deploy_prod:
    needs: [build]
    uses: org/actions/.github/workflows/deploy_env.yml@v2
    secrets: inherit
    with:
      environment: prod
      app_version: '${{ needs.build.outputs.app_version }}'
"""
    facts = extract_text(MODULE, ".github/workflows/pipeline.yml", workflow)
    jobs = {j.get("job"): j for j in of(facts, "ci.job")}
    assert jobs["deploy_prod"].get("uses") == "org/actions/.github/workflows/deploy_env.yml@v2"
    assert jobs["deploy_prod"].get("with_") == {
        "environment": "prod",
        "app_version": "${{ needs.build.outputs.app_version }}",
    }
    steps = steps_by_job(facts)
    (build,) = steps["build"]
    assert (build.line, build.get("name"), build.get("uses"), build.get("reusable")) == (
        8,
        "Build the image",
        "org/actions/.github/workflows/docker_build.yml@v2",
        True,
    )
    assert steps["deploy_prod"][0].get("with_")["environment"] == "prod"


def test_github_job_with_steps_has_no_reusable_call():
    github = "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n"
    facts = extract_text(MODULE, ".github/workflows/ci.yml", github)
    assert of(facts, "ci.job")[0].get("uses") is None and not of(facts, "ci.step")[0].get("reusable")
