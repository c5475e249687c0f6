"""The integration files, tried as far as this machine allows: the pre-commit hook really runs
through pre-commit, the composite action and the GitLab CI job validate against their schemas (the
ones check-jsonschema ships, offline) and their scripts run here; and the progress bar appears on a
terminal's stderr only, never on a pipe and never in stdout."""

from __future__ import annotations

import json
import os
import pty
import re
import select
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from helpers import ROOT, write_tree
from materialize import materialize

BIN = Path(sys.executable).parent
EXAMPLE = ROOT / "examples" / "togglemaster-monolith"
#: a repository with factors that do not meet (the example's worst status is partial)
VIOLATIONS = ROOT / "tests" / "fixtures" / "deploy-violations"
SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
GIT_ENV = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("GITHUB_", "PRE_COMMIT"))}
    return {**base, "PATH": f"{BIN}{os.pathsep}{base.get('PATH', '')}", "LANG": "C.UTF-8", **GIT_ENV, **extra}


def schema_check(schema: str, path: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        env=env(),
        check=False,
    )


def yaml_blocks(markdown: Path) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", markdown.read_text(encoding="utf-8"), re.DOTALL)


# -- pre-commit ------------------------------------------------------------------------------------


def test_the_hook_manifest_is_valid():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["twelve"]
    hook = hooks[0]
    assert hook["language"] == "python" and hook["pass_filenames"] is False and hook["always_run"] is True
    assert hook["entry"].startswith("twelve check")
    result = subprocess.run(
        [str(BIN / "pre-commit"), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")],
        capture_output=True,
        text=True,
        env=env(),
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory):
    """A git repository holding this project's files (the work tree as it is now), so that pre-commit
    installs twelve from it exactly as it would from the published repository."""
    if shutil.which("git") is None:
        pytest.fail("git is needed by pre-commit")
    dest = tmp_path_factory.mktemp("hook") / "twelve"
    shutil.copytree(ROOT / "src", dest / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml"):
        shutil.copy2(ROOT / name, dest / name)
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "hook"]):
        subprocess.run(["git", *command], cwd=dest, env=env(), check=True)
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=dest, env=env(), check=True, capture_output=True, text=True
    ).stdout.strip()
    return dest, rev, tmp_path_factory.mktemp("pre-commit-home")


def test_pre_commit_try_repo_runs_the_hook_and_fails_on_violations(hook_repo, tmp_path):
    repo_dir, _, home = hook_repo
    target = tmp_path / "deploy-violations"
    materialize(str(VIOLATIONS), str(target))
    result = subprocess.run(
        [str(BIN / "pre-commit"), "try-repo", str(repo_dir), "twelve", "--all-files"],
        cwd=target,
        capture_output=True,
        text=True,
        env=env(PRE_COMMIT_HOME=str(home)),
        check=False,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert re.search(r"twelve \(Twelve-Factor assessment\)\.+Failed", output), output
    assert "exit code: 1" in output
    assert "factor III has the status “does not meet”" in output


def test_the_hook_passes_a_compliant_repository(hook_repo, tmp_path):
    repo_dir, rev, home = hook_repo
    source = tmp_path / "src"
    shutil.copytree(ROOT / "tests" / "fixtures" / "py-compliant", source)
    config = {"repos": [{"repo": str(repo_dir), "rev": rev, "hooks": [{"id": "twelve"}]}]}
    (source / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    target = tmp_path / "py-compliant"
    materialize(str(source), str(target), tags=("v1.0.0",))
    result = subprocess.run(
        [str(BIN / "pre-commit"), "run", "--all-files"],
        cwd=target,
        capture_output=True,
        text=True,
        env=env(PRE_COMMIT_HOME=str(home)),
        check=False,
        timeout=900,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert re.search(r"twelve \(Twelve-Factor assessment\)\.+Passed", output), output


# -- GitHub Actions --------------------------------------------------------------------------------


def action() -> dict:
    return yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))


def test_the_action_is_a_valid_composite_action(tmp_path):
    result = schema_check("vendor.github-actions", ROOT / "action.yml")
    assert result.returncode == 0, result.stdout + result.stderr
    broken = tmp_path / "action.yml"
    broken.write_text(
        (ROOT / "action.yml").read_text(encoding="utf-8").replace("using: composite", "using: compost"),
        encoding="utf-8",
    )
    assert schema_check("vendor.github-actions", broken).returncode != 0  # the check has teeth


def test_the_action_uploads_sarif_before_it_enforces_the_policy():
    data = action()
    assert data["runs"]["using"] == "composite"
    steps = data["runs"]["steps"]
    names = [s.get("name") for s in steps]
    assert names.index("Assess") < names.index("Upload SARIF to code scanning") < names.index("Enforce the policy")
    upload = steps[names.index("Upload SARIF to code scanning")]
    assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
    assert upload["with"]["sarif_file"] == "${{ steps.assess.outputs.sarif-file }}"
    assert "always()" in upload["if"]
    assess_step = steps[names.index("Assess")]
    assert "--format sarif" in assess_step["run"] and assess_step["id"] == "assess"
    # inputs reach the script through the environment only (no ${{ }} expansion inside scripts)
    assert all("${{" not in s.get("run", "") for s in steps)
    assert set(data["inputs"]) >= {"path", "fail-on", "min-meets", "lang", "sarif-file", "upload-sarif"}


def _run_step(step: dict, inputs: dict[str, str], cwd: Path, extra: dict[str, str]) -> subprocess.CompletedProcess:
    variables = {}
    for name, value in (step.get("env") or {}).items():
        match = re.fullmatch(r"\$\{\{ inputs\.([\w-]+) \}\}", str(value))
        variables[name] = inputs[match.group(1)] if match else str(value)
    return subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env(**variables, **extra),
        check=False,
        timeout=600,
    )


def test_the_action_scripts_run_here(tmp_path):
    from jsonschema import Draft4Validator

    data = action()
    inputs = {name: str(spec.get("default", "")) for name, spec in data["inputs"].items()}
    steps = {s.get("name"): s for s in data["runs"]["steps"]}
    target = tmp_path / "deploy-violations"
    materialize(str(VIOLATIONS), str(target))
    output, summary = tmp_path / "github_output", tmp_path / "step_summary"
    output.touch()
    summary.touch()
    extra = {"GITHUB_OUTPUT": str(output), "GITHUB_STEP_SUMMARY": str(summary)}
    result = _run_step(steps["Assess"], inputs, target, extra)
    assert result.returncode == 0, result.stdout + result.stderr  # the policy failure waits for the upload
    outputs = dict(line.split("=", 1) for line in output.read_text(encoding="utf-8").splitlines())
    assert outputs == {"exit-code": "1", "sarif-file": "twelve.sarif"}
    sarif = json.loads((target / "twelve.sarif").read_text(encoding="utf-8"))
    Draft4Validator(SARIF_SCHEMA).validate(sarif)
    assert "| FACTOR | STATUS | JUSTIFICATION |" in summary.read_text(encoding="utf-8")
    enforce = subprocess.run(
        ["bash", "-eo", "pipefail", "-c", steps["Enforce the policy"]["run"]],
        capture_output=True,
        text=True,
        check=False,
    )
    assert enforce.returncode == 1 and "::error title=twelve::" in enforce.stdout
    # with no policy, the step records 0
    output.write_text("", encoding="utf-8")
    result = _run_step(steps["Assess"], {**inputs, "fail-on": "", "summary": "false"}, target, extra)
    assert result.returncode == 0
    assert "exit-code=0" in output.read_text(encoding="utf-8")


def test_the_documented_workflow_is_valid(tmp_path):
    workflow = next(b for b in yaml_blocks(ROOT / "docs" / "ci.md") if b.startswith("name: twelve"))
    path = tmp_path / "twelve.yml"
    path.write_text(workflow, encoding="utf-8")
    result = schema_check("vendor.github-workflows", path)
    assert result.returncode == 0, result.stdout + result.stderr
    step = yaml.safe_load(workflow)["jobs"]["twelve"]["steps"][1]
    assert set(step["with"]) <= set(action()["inputs"])


# -- GitLab CI -------------------------------------------------------------------------------------


def gitlab_job() -> tuple[str, dict]:
    block = next(b for b in yaml_blocks(ROOT / "docs" / "ci.md") if b.startswith("twelve:\n  stage:"))
    return block, yaml.safe_load(block)["twelve"]


def test_the_gitlab_snippet_is_valid_gitlab_ci(tmp_path):
    block, job = gitlab_job()
    path = tmp_path / ".gitlab-ci.yml"
    path.write_text(block, encoding="utf-8")
    result = schema_check("vendor.gitlab-ci", path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert job["artifacts"]["when"] == "always"
    assert job["before_script"] == ['python -m pip install --quiet "$TWELVE_PACKAGE"']


@pytest.mark.parametrize(
    ("fixture", "tags", "expected"),
    [
        (VIOLATIONS, (), 1),
        (ROOT / "tests" / "fixtures" / "py-compliant", ("v1.0.0",), 0),
    ],
)
def test_the_gitlab_script_lines_run_here(tmp_path, fixture, tags, expected):
    """The job's `script`, line by line as GitLab runs it (stop at the first failing line); the
    install line of before_script is the one thing left out: twelve is installed here already."""
    _, job = gitlab_job()
    target = tmp_path / fixture.name
    materialize(str(fixture), str(target), tags=tags)
    codes = []
    for line in job["script"]:
        result = subprocess.run(
            ["sh", "-c", line],
            cwd=target,
            capture_output=True,
            text=True,
            env=env(**{k: str(v) for k, v in job["variables"].items()}),
            check=False,
            timeout=600,
        )
        codes.append(result.returncode)
        if result.returncode:
            break
    assert codes == [0, 0, expected]
    for artifact in job["artifacts"]["paths"]:
        assert (target / artifact).stat().st_size > 0
    report = json.loads((target / "twelve-report.json").read_text(encoding="utf-8"))
    assert report["policy"]["passed"] is (expected == 0)


def test_the_gitlab_report_lines_accept_only_the_policy_exit_code(tmp_path):
    """With the policy set in the repository's configuration, the report lines still pass (exit 1
    is accepted) and the gate fails; a configuration mistake (exit 2) stops the first line. (The
    job's last line gates on `does_not_meet`, so the repository has factors that do not meet.)"""
    _, job = gitlab_job()
    target = tmp_path / "repo"
    materialize(str(VIOLATIONS), str(target))
    (target / ".twelve.toml").write_text('fail-on = "partial"\n', encoding="utf-8")
    codes = [
        subprocess.run(["sh", "-c", line], cwd=target, env=env(), capture_output=True, check=False).returncode
        for line in job["script"]
    ]
    assert codes == [0, 0, 1]
    (target / ".twelve.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    first = subprocess.run(
        ["sh", "-c", job["script"][0]], cwd=target, env=env(), capture_output=True, text=True, check=False
    )
    assert first.returncode == 1 and "fail-on" in first.stderr  # `|| [ $? -eq 1 ]` turns 2 into a failure


# -- the progress bar -------------------------------------------------------------------------------


def _repo(tmp_path: Path) -> Path:
    target = tmp_path / "togglemaster-monolith"
    materialize(str(EXAMPLE), str(target))
    return target


def _drain(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other side is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


def _run_with_tty_stderr(args: list[str]) -> tuple[int, str, str]:
    """Run twelve with stderr on a pseudo-terminal and stdout on a pipe; returns code, stdout, stderr."""
    err_master, err_slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "twelve", *args],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=err_slave,
        env=env(TERM="xterm-256color", COLUMNS="100"),
    )
    os.close(err_slave)
    # read both as they come, so that neither side can fill up and stall the other
    buffers: dict[int, list[bytes]] = {proc.stdout.fileno(): [], err_master: []}
    open_fds = set(buffers)
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], 60)
        if not ready:
            proc.kill()
            break
        for fd in ready:
            try:
                chunk = os.read(fd, 65536)
            except OSError:  # EIO on the terminal: the other side is closed
                chunk = b""
            if chunk:
                buffers[fd].append(chunk)
            else:
                open_fds.discard(fd)
    stdout = b"".join(buffers[proc.stdout.fileno()]).decode("utf-8")
    stderr = b"".join(buffers[err_master]).decode("utf-8", "replace")
    code = proc.wait(timeout=300)
    os.close(err_master)
    return code, stdout, stderr


def test_a_progress_bar_on_a_terminal_stderr_and_never_in_stdout(tmp_path):
    target = _repo(tmp_path)
    code, stdout, stderr = _run_with_tty_stderr(["check", str(target), "--format", "json", "--progress-delay", "0"])
    assert code == 0
    json.loads(stdout)  # stdout is the report and nothing else
    assert "\x1b[" not in stdout and "Reading" not in stdout
    assert "Reading the repository" in stderr or "Reading " in stderr
    assert "\x1b[" in stderr  # drawn (and erased) with terminal control sequences


def test_no_progress_bar_on_a_pipe(tmp_path):
    target = _repo(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "twelve", "check", str(target), "--format", "json", "--progress-delay", "0"],
        capture_output=True,
        text=True,
        env=env(TERM="xterm"),
        check=False,
        timeout=300,
    )
    assert result.returncode == 0
    assert result.stderr == ""
    json.loads(result.stdout)


def test_no_progress_bar_when_asked_or_when_only_stdout_is_a_terminal(tmp_path):
    target = _repo(tmp_path)
    code, _, stderr = _run_with_tty_stderr(
        ["check", str(target), "--format", "json", "--progress-delay", "0", "--no-progress"]
    )
    assert code == 0 and stderr == ""
    out_master, out_slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "twelve", "check", str(target), "--format", "json", "--progress-delay", "0"],
        stdin=subprocess.DEVNULL,
        stdout=out_slave,
        stderr=subprocess.PIPE,
        env=env(TERM="xterm"),
    )
    os.close(out_slave)
    shown = _drain(out_master)
    stderr = proc.stderr.read()
    assert proc.wait(timeout=300) == 0
    os.close(out_master)
    assert stderr == b""
    assert b"Reading" not in shown and json.loads(shown.decode("utf-8"))["tool"]["name"] == "twelve"


def test_the_progress_callback_follows_the_pipeline(tmp_path):
    from twelve.pipeline import Options, assess

    target = write_tree(tmp_path / "app", {"requirements.txt": "flask==3.0.0\n", "app.py": "import os\n"})
    steps: list[tuple[str, int, int]] = []
    assess(str(target), Options(progress=lambda step, done, total: steps.append((step, done, total))))
    assert [s[0] for s in steps] == ["walk", "facts", "facts", "rules", "done"]
    assert steps[1] == ("facts", 0, 2) and steps[2] == ("facts", 2, 2)
