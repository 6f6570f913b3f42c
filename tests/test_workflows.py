"""The GitHub workflows, checked offline: the workflow linter
(check-jsonschema's vendored GitHub schemas) on every file, and what each
workflow must do (checks, preview, deploy with least privilege)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
GITHUB = ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))


def lint(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "check_jsonschema", "--builtin-schema", schema,
                           *map(str, paths)], capture_output=True, text=True)


def load(path: Path) -> dict:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def steps(job: dict) -> str:
    return "\n".join(str(s.get("run", "")) + " " + str(s.get("uses", "")) for s in job["steps"])


def test_there_are_workflows():
    assert {p.name for p in WORKFLOWS} >= {"pull-request.yml", "deploy.yml"}


@pytest.mark.parametrize("path", WORKFLOWS, ids=[p.name for p in WORKFLOWS])
def test_workflow_linter_passes(path):
    proc = lint("vendor.github-workflows", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_linter_catches_a_misspelt_key(tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text((GITHUB / "workflows" / "deploy.yml").read_text(encoding="utf-8")
                   .replace("runs-on:", "run-on:", 1), encoding="utf-8")
    assert lint("vendor.github-workflows", bad).returncode == 1


def test_dependabot_updates_pip_npm_and_the_actions():
    path = GITHUB / "dependabot.yml"
    proc = lint("vendor.dependabot", path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    ecosystems = {u["package-ecosystem"] for u in yaml.safe_load(path.read_text())["updates"]}
    assert ecosystems == {"pip", "npm", "github-actions"}


def test_every_action_is_pinned_to_a_version():
    for path in WORKFLOWS:
        for job in load(path)["jobs"].values():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+", step["uses"]), (path.name, step)


def test_every_workflow_grants_read_only_by_default_and_has_a_concurrency_group():
    for path in WORKFLOWS:
        wf = load(path)
        assert wf["permissions"] == {"contents": "read"}, path.name
        assert wf["concurrency"]["group"], path.name


def test_pull_request_workflow_annotates_summarises_builds_previews_and_tests():
    wf = load(GITHUB / "workflows" / "pull-request.yml")
    assert "pull_request" in wf["on"]
    jobs = wf["jobs"]
    text = "\n".join(steps(j) for j in jobs.values())
    assert re.search(r"snia check --format github --summary \"\$GITHUB_STEP_SUMMARY\"", text)
    assert "--strict" not in text.split("snia check", 1)[1].splitlines()[0]  # warnings, not failures
    # the strict build of both languages, all or nothing (scripts/build_site.py runs
    # ``mkdocs build --strict`` into a temporary folder)
    assert "scripts/build_site.py" in text
    assert '"build", "--strict"' in (ROOT / "scripts" / "build_site.py").read_text("utf-8")
    assert "actions/upload-artifact@" in text
    assert ".ci/run" in text and (ROOT / ".ci" / "run").is_file()
    # no job asks for more than reading the repository
    assert all("permissions" not in j for j in jobs.values())


def test_main_workflow_deploys_with_the_official_pages_actions_and_least_privilege():
    wf = load(GITHUB / "workflows" / "deploy.yml")
    assert wf["on"]["push"]["branches"] == ["main"]
    assert wf["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = wf["jobs"]["construction"], wf["jobs"]["publication"]
    text = steps(build)
    for action in ("actions/configure-pages@", "actions/upload-pages-artifact@"):
        assert action in text
    assert "permissions" not in build  # read-only, from the top level
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "construction"
    assert [s["uses"].split("@")[0] for s in deploy["steps"]] == ["actions/deploy-pages"]
    assert deploy["environment"]["name"] == "github-pages"
    # the public address reaches the build through the variable mkdocs.yml reads
    site_url = [s for s in build["steps"] if "make build" in str(s.get("run", ""))][0]
    assert site_url["env"]["SNIA_SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert "!ENV [SNIA_SITE_URL" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # PDFs when the Makefile has the target; a release tag asks for every Arabic text
    assert "make -n pdf" in text and "make pdf" in text
    assert "--strict" in yaml.safe_dump(build) and "refs/tags/v" in yaml.safe_dump(build)


def test_workflows_use_only_make_targets_that_exist():
    targets = set(re.findall(r"^([a-z][\w-]*):", (ROOT / "Makefile").read_text(), re.M))
    for path in WORKFLOWS:
        runs = "\n".join(str(s.get("run", "")) for j in load(path)["jobs"].values()
                         for s in j.get("steps", []))
        for target in re.findall(r"^\s*make (?!-n)([a-z][\w-]*)", runs, re.M):
            assert target in targets or target == "pdf", (path.name, target)


def test_pull_request_template_has_the_checklist():
    text = (GITHUB / "pull_request_template.md").read_text(encoding="utf-8")
    assert text.count("- [ ]") >= 4
    assert "make check" in text and "CONTRIBUTING.md" in text
