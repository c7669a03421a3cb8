"""The pull-request machinery: workflow, templates, editor and pre-commit configuration."""

from __future__ import annotations

import json
import re

import yaml

from indexer.cli import main

from .conftest import ROOT


def test_workflow_is_valid_yaml_and_runs_what_ci_runs():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text())
    jobs = wf["jobs"]
    runs = {name: " && ".join(s.get("run", "") for s in job["steps"]) for name, job in jobs.items()}
    assert "bash .ci/run" in runs["test"]
    assert "tipkb validate --format github" in runs["validate"]
    assert "make build" in runs["site"]
    assert any(s.get("uses", "").startswith("actions/upload-artifact") for s in jobs["site"]["steps"])
    ci = (ROOT / ".ci" / "run").read_text()
    assert re.search(r"^exec make test$", ci, re.M)
    assert "make test" in (ROOT / "README.md").read_text().split("## ")[0]


def test_issue_forms_and_precommit_are_valid_yaml():
    for path in (ROOT / ".github" / "ISSUE_TEMPLATE").glob("*.yml"):
        assert isinstance(yaml.safe_load(path.read_text()), dict), path
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = {h["id"] for repo in hooks["repos"] for h in repo["hooks"]}
    assert {"ruff", "tipkb-validate", "trailing-whitespace"} <= ids


def test_editor_problem_matcher_reads_real_validator_output(invalid_corpus, capsys):
    task = json.loads((ROOT / ".vscode" / "tasks.json").read_text())["tasks"][0]
    pattern = task["problemMatcher"]["pattern"]
    main(["validate", "--corpus", str(invalid_corpus)])
    lines = [x for x in capsys.readouterr().out.splitlines() if not x.startswith(" ")]
    matched = [re.match(pattern["regexp"], x) for x in lines]
    assert lines and all(matched)
    m = next(m for m in matched
             if "tip070" in m.group(pattern["file"]) and m.group(pattern["code"]) == "TIP070")
    assert m.group(pattern["line"]) == "15"


def test_pull_request_template_asks_for_sources():
    text = (ROOT / ".github" / "pull_request_template.md").read_text()
    assert "## Sources read" in text and "tipkb validate" in text


def test_changelog_has_an_unreleased_section():
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text()
