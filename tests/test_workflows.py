"""The CI files: they parse, hold the jobs the catalog loop needs, pin their actions and grant
no more than each job needs. This repository's copies equal the ones ``mops init`` writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.diff.report import MARKER
from generator.scaffold.repository import repository_files

REPO = Path(__file__).parent.parent
WORKFLOWS = REPO / ".github" / "workflows"


def load(relative: str) -> dict:
    data = yaml.safe_load((REPO / relative).read_text(encoding="utf-8"))
    if True in data:  # YAML 1.1 reads the key `on` as true
        data["on"] = data.pop(True)
    return data


def steps(job: dict) -> list[dict]:
    return job["steps"]


def runs(job: dict) -> str:
    return "\n".join(step.get("run", "") for step in steps(job))


def uses(job: dict, action: str) -> dict:
    found = [s for s in steps(job) if s.get("uses", "").startswith(action + "@")]
    assert len(found) == 1, f"{action} in {[s.get('uses') for s in steps(job)]}"
    return found[0]


@pytest.fixture(scope="module")
def pull_request() -> dict:
    return load(".github/workflows/pull-request.yml")


@pytest.fixture(scope="module")
def publish() -> dict:
    return load(".github/workflows/publish.yml")


def test_every_action_is_pinned_to_a_version():
    for path in WORKFLOWS.glob("*.yml"):
        for job in load(path.relative_to(REPO).as_posix())["jobs"].values():
            for step in steps(job):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+(\.\d+)*|[0-9a-f]{40})",
                                        step["uses"]), step["uses"]


def test_pull_request_checks(pull_request):
    assert "pull_request" in pull_request["on"]
    assert pull_request["permissions"] == {"contents": "read"}
    check = pull_request["jobs"]["check"]
    assert check["permissions"] == {"contents": "read"}
    commands = runs(check)
    assert "mops validate . --format github" in commands
    assert "mops build . --strict" in commands
    assert "python -m pytest" in commands
    setup = uses(check, "actions/setup-python")["with"]
    assert setup["cache"] == "pip" and "requirements.txt" in setup["cache-dependency-path"]
    uses(check, "actions/checkout")


def test_pull_request_summary_comment(pull_request):
    summary = pull_request["jobs"]["summary"]
    assert summary["permissions"] == {"contents": "read", "pull-requests": "write"}
    assert uses(summary, "actions/checkout")["with"]["fetch-depth"] == 0
    describe = next(s for s in steps(summary) if "mops diff" in s.get("run", ""))
    assert 'mops diff "origin/$BASE_REF" HEAD' in describe["run"]
    assert describe["env"]["BASE_REF"] == "${{ github.base_ref }}"
    comment = uses(summary, "actions/github-script")
    assert comment["uses"] == "actions/github-script@v7"
    script = comment["with"]["script"]
    assert f'"{MARKER}"' in script
    assert "updateComment" in script and "createComment" in script
    assert "mops-diff.md" in describe["run"] and "mops-diff.md" in script


def test_only_the_summary_job_may_write_to_pull_requests(pull_request, publish):
    for workflow in (pull_request, publish):
        for name, job in workflow["jobs"].items():
            granted = {k for k, v in job["permissions"].items() if v == "write"}
            expected = {"summary": {"pull-requests"}, "deploy": {"pages", "id-token"}}
            assert granted == expected.get(name, set()), name


def test_default_branch_is_built_and_deployed_to_pages(publish):
    assert publish["on"]["push"]["branches"] == ["main"]
    assert publish["permissions"] == {"contents": "read"}
    build, deploy = publish["jobs"]["build"], publish["jobs"]["deploy"]
    assert "mops build . --strict --site-dir site" in runs(build)
    assert uses(build, "actions/upload-pages-artifact")["with"]["path"] == "site"
    assert uses(build, "actions/upload-pages-artifact")["uses"].endswith("@v3")
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["environment"]["name"] == "github-pages"
    assert uses(deploy, "actions/deploy-pages")["uses"] == "actions/deploy-pages@v4"
    assert uses(build, "actions/setup-python")["with"]["cache"] == "pip"


def test_gitlab_has_the_same_checks_and_a_pages_job():
    ci = load(".gitlab-ci.yml")
    script = {name: "\n".join(ci[name]["script"]) for name in
              ("validate", "build", "test", "summary", "pages")}
    assert "mops validate ." in script["validate"]
    assert "mops build . --strict" in script["build"]
    assert "python -m pytest" in script["test"]
    assert 'mops diff "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" HEAD' in script["summary"]
    assert ci["summary"]["variables"]["GIT_DEPTH"] == "0"
    assert "--site-dir public" in script["pages"]
    assert ci["pages"]["artifacts"]["paths"] == ["public"]
    assert ci["pages"]["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
    assert ci["cache"]["paths"] == [".cache/pip"]


def test_pre_commit_hook_runs_validate():
    (hook,) = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "mops-validate"
    assert hook["entry"] == "mops validate" and hook["language"] == "python"
    assert hook["pass_filenames"] is False
    assert re.search(hook["files"], "catalog/tools/marketo.yaml")
    assert re.search(hook["files"], "playbooks/lead-handoff.yml")
    assert not re.search(hook["files"], "docs/index.md")
    assert 'mops = "generator.cli:main"' in (REPO / "pyproject.toml").read_text()


@pytest.mark.parametrize("relative", [".github/workflows/pull-request.yml",
                                      ".github/workflows/publish.yml", ".gitlab-ci.yml"])
def test_new_repositories_get_the_same_ci_files(relative):
    assert repository_files()[relative].read_bytes() == (REPO / relative).read_bytes()
