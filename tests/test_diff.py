"""``mops diff`` on a temporary git repository with one commit per kind of change."""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options

from conftest import FIXTURES, CatalogDir
from generator.cli import main


def git(root, *args):
    subprocess.run(["git", "-C", str(root), *args], check=True, capture_output=True,
                   env={"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.com",
                        "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.com",
                        "PATH": "/usr/bin:/bin", "HOME": str(root)})


def commit(repo: CatalogDir, tag: str):
    git(repo.root, "add", "-A")
    git(repo.root, "commit", "-q", "-m", tag)
    git(repo.root, "tag", tag)


HUBSPOT = """\
    name: HubSpot <b>CRM</b>
    vendor: HubSpot
    category: crm
    lifecycle: evaluating
    owner: mops-manager
    integrations:
      - tool: salesforce
    cost: {amount: 100, period: month}
"""


@pytest.fixture(scope="module")
def repo(tmp_path_factory) -> CatalogDir:
    """Tags: base, added, edited, renamed, playbook, broken, moved (see each step)."""
    root = tmp_path_factory.mktemp("repo")
    shutil.copytree(FIXTURES / "small", root, dirs_exist_ok=True)
    repo = CatalogDir(root)
    git(root, "init", "-q", "-b", "main")
    commit(repo, "base")
    # a tool and a team added
    repo.write("catalog/tools/hubspot.yaml", HUBSPOT)
    repo.write("catalog/teams/solo.yaml", "name: Solo\ncompany_size: small\n"
               "operating_model: one-person-band\nmembers: [{role: mops-manager}]\n")
    commit(repo, "added")
    # lifecycle, owner, cost and integrations of existing tools
    repo.edit("catalog/tools/marketo.yaml", "lifecycle: adopted", "lifecycle: sunsetting")
    repo.edit("catalog/tools/marketo.yaml", "amount: 36000", "amount: 30000")
    repo.edit("catalog/tools/marketo.yaml", "  - tool: salesforce\n    direction: both\n"
              "    data: [leads, contacts]\n", "  - tool: hubspot\n")
    repo.edit("catalog/tools/salesforce.yaml", "owner: mops-manager",
              "owner: automation-specialist")
    commit(repo, "edited")
    # a role renamed (same content, new file name) and the team removed
    (root / "catalog/roles/automation-specialist.yaml").rename(
        root / "catalog/roles/automation-lead.yaml")
    for path in ("catalog/tools/marketo.yaml", "catalog/tools/salesforce.yaml",
                 "catalog/teams/small-team.yaml", "playbooks/lead-handoff.yaml"):
        repo.edit(path, "automation-specialist", "automation-lead")
    (root / "catalog/teams/solo.yaml").unlink()
    commit(repo, "renamed")
    # RACI changes in a step, a step added
    repo.edit("playbooks/lead-handoff.yaml", "responsible: [automation-lead]",
              "responsible: [mops-manager]\n      consulted: [automation-lead]")
    repo.edit("playbooks/lead-handoff.yaml", "kpis:", (
        "  - name: Review the hand-off\n    raci:\n      responsible: [mops-manager]\n"
        "      accountable: mops-manager\nkpis:"))
    commit(repo, "playbook")
    # a validation problem introduced
    repo.edit("catalog/tools/hubspot.yaml", "owner: mops-manager", "owner: nobody")
    commit(repo, "broken")
    return repo


@pytest.fixture
def one_commit(tmp_path, monkeypatch) -> CatalogDir:
    """The small catalog committed once (tag ``one``), as the current directory."""
    monkeypatch.chdir(tmp_path)
    repo = CatalogDir(tmp_path)
    shutil.copytree(FIXTURES / "small", tmp_path, dirs_exist_ok=True)
    git(tmp_path, "init", "-q")
    commit(repo, "one")
    return repo


def diff(repo, capsys, base, head=None, *options):
    """``mops diff BASE [HEAD] ROOT OPTIONS`` in this process; HEAD None: the working tree."""
    revisions = [base] if head is None else [base, head]
    code = main(["diff", *revisions, *([str(repo.root)] if head else []), *options])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def diff_json(repo, capsys, base, head):
    code, out, err = diff(repo, capsys, base, head, "--format", "json")
    assert code == 0, err
    return json.loads(out)


def change_of(data, kind, entity_id):
    found = [c for c in data["entities"] if c["kind"] == kind and c["id"] == entity_id]
    assert len(found) == 1, data["entities"]
    return found[0]


def test_additions_are_listed_by_name_without_a_site_address(repo, capsys):
    """Without the site's address a link could only be relative, and broken wherever the
    comment is read: names and ids only."""
    code, out, _ = diff(repo, capsys, "base", "added")
    assert code == 0
    assert out.startswith("<!-- mops-diff -->\n")
    assert "Tools: 1 added · Teams: 1 added" in out
    assert "- **added** HubSpot \\<b>CRM\\</b> `hubspot`" in out
    assert "<b>" not in github_html(out)
    assert "- **added** Solo `solo`" in out
    assert "](" not in out and "&#" not in out


def test_site_url_makes_links_absolute(repo, capsys):
    _, out, _ = diff(repo, capsys, "base", "added", "--site-url", "https://mops.example.com/cat/")
    assert "- **added** [HubSpot \\<b>CRM\\</b>](https://mops.example.com/cat/tools/hubspot/) " \
        "`hubspot`" in out
    assert "](https://mops.example.com/cat/teams/solo/)" in out


def test_site_url_comes_from_mkdocs_yml(repo, capsys, tmp_path):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(repo.root), str(clone))
    git(clone, "checkout", "-q", "added")
    (clone / "mkdocs.yml").write_text("site_name: Ours\nsite_url: https://ops.example.org/\n"
                                      "use_directory_urls: false\n")
    code, out, err = diff(CatalogDir(clone), capsys, "base", "added")
    assert code == 0, err
    assert "- **added** Solo `solo`" not in out
    assert "[Solo](https://ops.example.org/teams/solo.html) `solo`" in out


def test_lifecycle_owner_and_integration_changes(repo, capsys):
    data = diff_json(repo, capsys, "added", "edited")
    marketo = change_of(data, "tool", "marketo")
    assert marketo["change"] == "changed"
    assert marketo["fields"] == [{"field": "lifecycle", "before": "adopted",
                                  "after": "sunsetting"}]
    assert marketo["integrations_added"] == ["hubspot"]
    assert marketo["integrations_removed"] == ["salesforce"]
    salesforce = change_of(data, "tool", "salesforce")
    assert salesforce["fields"] == [{"field": "owner", "before": "mops-manager",
                                     "after": "automation-specialist"}]
    _, out, _ = diff(repo, capsys, "added", "edited")
    assert ("`marketo`: lifecycle: `adopted` → `sunsetting`; integrations added: `hubspot`; "
            "integrations removed: `salesforce`") in out


def test_cost_change_per_tool_and_total(repo, capsys):
    data = diff_json(repo, capsys, "base", "edited")
    costs = {c["tool"]: c for c in data["costs"]}
    assert costs["marketo"]["before"]["amount"] == 36000
    assert costs["marketo"]["after"]["amount"] == 30000
    assert costs["hubspot"] == {"tool": "hubspot", "before": None,
                                "after": {"amount": 100, "currency": "USD", "period": "month"}}
    assert data["totals"] == [{"currency": "USD", "annual_before": 36000, "annual_after": 31200,
                               "one_off_before": 0, "one_off_after": 0}]
    _, out, _ = diff(repo, capsys, "base", "edited")
    assert "| `marketo` | 36,000 USD / year | 30,000 USD / year |" in out
    assert "- total per year in USD: 36,000 → 31,200 (−4,800)" in out


def test_rename_and_removal(repo, capsys):
    data = diff_json(repo, capsys, "edited", "renamed")
    role = change_of(data, "role", "automation-lead")
    assert role["change"] == "renamed" and role["old_id"] == "automation-specialist"
    assert change_of(data, "team", "solo")["change"] == "removed"
    assert not [c for c in data["entities"] if c["kind"] == "role" and c["change"] != "renamed"]
    _, out, _ = diff(repo, capsys, "edited", "renamed")
    assert ("- **renamed** `automation-specialist` → Marketing automation specialist "
            "`automation-lead`") in out
    assert "- **removed** Solo `solo`" in out


def test_rename_by_name_when_content_changed(one_commit, capsys):
    repo, tmp_path = one_commit, one_commit.root
    text = repo.read("catalog/kpis/conversion-rate.yaml")
    (tmp_path / "catalog/kpis/conversion-rate.yaml").unlink()
    repo.write("catalog/kpis/lead-conversion.yaml", text + "vanity: false\nsource: x\n")
    code, out, _ = diff(repo, capsys, "one")  # against the working tree
    assert code == 0
    assert "**renamed** `conversion-rate` → Conversion rate `lead-conversion`" in out
    assert "also changed: source" in out


def test_raci_changes_per_step(repo, capsys):
    data = diff_json(repo, capsys, "renamed", "playbook")
    playbook = change_of(data, "playbook", "lead-handoff")
    assert playbook["steps"] == [
        {"step": "Agree the MQL definition", "change": "changed", "other_fields": [], "raci": [
            {"assignment": "responsible", "added": ["mops-manager"],
             "removed": ["automation-lead"]},
            {"assignment": "consulted", "added": ["automation-lead"], "removed": []}]},
        {"step": "Review the hand-off", "change": "added", "raci": [], "other_fields": []}]
    _, out, _ = diff(repo, capsys, "renamed", "playbook")
    assert ("  - step “Agree the MQL definition”: responsible + `mops-manager` − "
            "`automation-lead`; consulted + `automation-lead`") in out
    assert "  - step “Review the hand-off” added" in out


def test_only_problems_the_change_introduces(repo, capsys):
    code, out, _ = diff(repo, capsys, "playbook", "broken")
    assert code == 0  # the summary is produced; validate is what fails the check
    assert "introduces 1 problem; the checks mark it on the changed line:" in out
    assert "- `catalog/tools/hubspot.yaml:5` error R001: unknown role or person 'nobody'" in out
    _, out, _ = diff(repo, capsys, "broken", "broken")
    assert "does not touch the catalog" in out
    data = diff_json(repo, capsys, "broken", "playbook")
    assert data["new_problems"] == [] and len(data["fixed_problems"]) == 1
    assert "No new validation problems" in diff(repo, capsys, "broken", "playbook")[1]


def test_head_defaults_to_working_tree(repo, capsys, monkeypatch):
    monkeypatch.chdir(repo.root)
    code, out, _ = diff(repo, capsys, "playbook")
    assert code == 0
    assert "→ working tree" in out and "`hubspot`" in out


def test_catalog_in_a_subfolder(tmp_path, capsys):
    repo = CatalogDir(tmp_path)
    shutil.copytree(FIXTURES / "small", tmp_path / "site-catalog")
    git(tmp_path, "init", "-q")
    commit(repo, "one")
    repo.edit("site-catalog/catalog/tools/marketo.yaml", "lifecycle: adopted",
              "lifecycle: retired")
    commit(repo, "two")
    code, out, err = diff(CatalogDir(tmp_path / "site-catalog"), capsys, "one", "two")
    assert code == 0, err
    assert "lifecycle: `adopted` → `retired`" in out


def test_outside_a_repository_exits_2(small_catalog, capsys):
    code, out, err = diff(small_catalog, capsys, "main", "HEAD")
    assert code == 2 and out == ""
    assert "is not inside a git repository" in err


@pytest.mark.parametrize("revision", ["no-such-branch", "v9.9", "base~99"])
def test_unknown_revision_exits_2(repo, capsys, revision):
    code, out, err = diff(repo, capsys, revision, "broken")
    assert code == 2 and out == ""
    assert f"unknown revision '{revision}'" in err or f"'{revision}' is not a revision" in err


def test_a_broken_file_is_a_problem_not_a_removal(one_commit, capsys):
    repo = one_commit
    repo.edit("catalog/tools/salesforce.yaml", "vendor: Salesforce", "vendor: [Salesforce")
    code, out, _ = diff(repo, capsys, "one")
    assert code == 0
    assert "**removed**" not in out
    assert "introduces 1 problem;" in out and "`catalog/tools/salesforce.yaml:" in out


def test_long_lists_are_cut_short(one_commit, capsys):
    for number in range(53):
        one_commit.write(f"catalog/kpis/kpi-{number:02}.yaml", "name: K\ndefinition: D\n")
    code, out, _ = diff(one_commit, capsys, "one")
    assert code == 0
    assert "KPIs: 53 added" in out
    assert out.count("- **added**") == 50
    assert "- and 3 more (run `mops diff` with `--format json` for all)" in out
    assert "`kpi-49`" in out and "`kpi-50`" not in out


def github_html(comment: str) -> str:
    """The comment as GitHub renders it (cmark-gfm, raw HTML passed through as GitHub's own
    renderer does before its allow-list, which keeps <details>, <img>, headings...)."""
    return cmarkgfm.github_flavored_markdown_to_html(comment, options=Options.CMARK_OPT_UNSAFE)


ATTACK = "x`\n# Pwned\n![t](https:evil.example)\n<details>\n@acme"


def test_text_from_the_catalog_and_file_names_stays_inert_in_the_comment(one_commit, capsys):
    repo = one_commit
    repo.write(f"catalog/kpis/{ATTACK}.yaml", "name: K\ndefinition: D\n")
    repo.write("catalog/kpis/pinged.yaml", (
        "name: 'Pipeline @acme/marketing <details><summary>x ![i](https://evil.example/i.png)'\n"
        "definition: D\n"))
    repo.edit("playbooks/lead-handoff.yaml", "  - name: Agree the MQL definition",
              "  - name: \"Agree\\n# Step heading @acme/ops `x\"")
    code, out, _ = diff(repo, capsys, "one")
    assert code == 0
    rendered = github_html(out)
    headings = re.findall(r"<h\d>(.*?)</h\d>", rendered)
    assert headings == ["Catalog changes: one → working tree", "Playbooks", "KPIs", "Validation"]
    for forbidden in ("<img", "<details", "<summary"):
        assert forbidden not in rendered
    assert "@acme" not in re.sub(r"<code>.*?</code>", "", rendered)  # no mention outside code
    assert rendered.count("@\u200dacme") == 3  # the name, the step, the file name's message
    # the bad file name is one code span, its line breaks shown as \n
    assert "<code>catalog/kpis/x`\\n# Pwned\\n![t](https:evil.example)\\n&lt;details&gt;" \
        "\\n@acme.yaml:1</code>" in rendered
    assert "\x1b" not in out


def test_the_comment_stays_under_githubs_size_limit(one_commit, capsys):
    for number in range(60):
        one_commit.write(f"catalog/kpis/kpi-{number:02}.yaml",
                         f"name: '{'Long name ' * 300}'\ndefinition: D\n")
    code, out, _ = diff(one_commit, capsys, "one")
    assert code == 0
    assert len(out.encode("utf-16-le")) // 2 <= 65_536
    assert out.startswith("<!-- mops-diff -->\n")
    assert out.rstrip().endswith("run `mops diff` to see everything.")
    assert "`kpi-00`" in out


# --------------------------------------------------------------------------- renames


def git_mv(repo: CatalogDir, old: str, new: str) -> None:
    git(repo.root, "mv", old, new)


def renamed_of(data, kind, new_id) -> dict:
    change = change_of(data, kind, new_id)
    assert change["change"] == "renamed", change
    return change


def test_renames_of_every_kind(one_commit, capsys):
    """A plain ``git mv`` for the kinds kept one per file, a changed id for the kinds kept in
    one list file; the references follow, as a reviewer would make them."""
    repo = one_commit
    git_mv(repo, "catalog/tools/marketo.yaml", "catalog/tools/marketo-engage.yaml")
    repo.edit("playbooks/lead-handoff.yaml", "tools: [marketo,", "tools: [marketo-engage,")
    git_mv(repo, "catalog/roles/automation-specialist.yaml", "catalog/roles/automation-lead.yaml")
    for path in ("catalog/tools/marketo-engage.yaml", "catalog/teams/small-team.yaml",
                 "playbooks/lead-handoff.yaml"):
        repo.edit(path, "automation-specialist", "automation-lead")
    git_mv(repo, "catalog/teams/small-team.yaml", "catalog/teams/core-team.yaml")
    git_mv(repo, "playbooks/lead-handoff.yaml", "playbooks/lead-handover.yaml")
    git_mv(repo, "catalog/kpis/conversion-rate.yaml", "catalog/kpis/lead-conversion.yaml")
    repo.edit("playbooks/lead-handover.yaml", "kpis: [conversion-rate]", "kpis: [lead-conversion]")
    repo.edit("catalog/categories.yaml", "id: crm\n", "id: crm-cdp\n")
    repo.edit("catalog/tools/salesforce.yaml", "category: crm\n", "category: crm-cdp\n")
    repo.edit("catalog/categories.yaml", "id: data\n", "id: data-analytics\n")
    repo.edit("catalog/categories.yaml", "layer: data\n", "layer: data-analytics\n")
    repo.edit("catalog/tasks.yaml", "id: run-campaigns", "id: campaign-execution")
    repo.edit("catalog/roles/mops-manager.yaml", "[run-campaigns]", "[campaign-execution]")
    commit(repo, "renamed")

    code, out, err = diff(repo, capsys, "one", "renamed")
    assert code == 0, err
    data = diff_json(repo, capsys, "one", "renamed")
    expected = {"tool": ("marketo", "marketo-engage"),
                "role": ("automation-specialist", "automation-lead"),
                "team": ("small-team", "core-team"), "playbook": ("lead-handoff", "lead-handover"),
                "kpi": ("conversion-rate", "lead-conversion"), "category": ("crm", "crm-cdp"),
                "layer": ("data", "data-analytics"), "task": ("run-campaigns", "campaign-execution")}
    for kind, (old_id, new_id) in expected.items():
        assert renamed_of(data, kind, new_id)["old_id"] == old_id
        assert f"**renamed** `{old_id}` →" in out, kind
    assert not [c for c in data["entities"] if c["change"] in ("added", "removed")]
    assert data["costs"] == [] and data["new_problems"] == []
    assert "added" not in out and "removed" not in out
    assert "also changed: id" not in out  # the id is what the rename changed
    assert "**renamed** `marketo` → Marketo Engage `marketo-engage`" in out


def test_people_added_renamed_and_removed(one_commit, capsys):
    """People are a kind of their own: the comment counts and lists them like tools."""
    repo = one_commit
    repo.write("catalog/people/ana-lima.yaml", "name: Ana Lima\n")
    repo.write("catalog/people/tom-baker.yaml", "name: Tom Baker\n")
    repo.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
              "owner: ana-lima\ntechnical_owner: tom-baker")
    commit(repo, "people")
    git_mv(repo, "catalog/people/ana-lima.yaml", "catalog/people/ana-silva.yaml")
    repo.edit("catalog/tools/marketo.yaml", "owner: ana-lima", "owner: ana-silva")
    git(repo.root, "rm", "-q", "catalog/people/tom-baker.yaml")
    repo.edit("catalog/tools/marketo.yaml", "technical_owner: tom-baker\n", "")
    repo.write("catalog/people/zoe-ng.yaml", "name: Zoë Ng\n")
    commit(repo, "people-changed")

    code, out, err = diff(repo, capsys, "one", "people")
    assert code == 0, err
    assert "People: 2 added" in out and "Tom Baker" in out
    code, out, err = diff(repo, capsys, "people", "people-changed")
    assert code == 0, err
    assert "People: 1 added, 1 removed, 1 renamed" in out
    assert "**renamed** `ana-lima` → Ana Lima `ana-silva`" in out
    data = diff_json(repo, capsys, "people", "people-changed")
    assert renamed_of(data, "person", "ana-silva")["old_id"] == "ana-lima"
    assert change_of(data, "person", "zoe-ng")["change"] == "added"
    assert change_of(data, "person", "tom-baker")["change"] == "removed"


def test_every_change_on_a_renamed_entity(one_commit, capsys):
    repo = one_commit
    git_mv(repo, "catalog/tools/marketo.yaml", "catalog/tools/marketo-engage.yaml")
    tool = "catalog/tools/marketo-engage.yaml"
    repo.edit(tool, "lifecycle: adopted", "lifecycle: sunsetting")
    repo.edit(tool, "owner: automation-specialist", "owner: mops-manager")
    repo.edit(tool, "amount: 36000", "amount: 30000")
    repo.edit(tool, "vendor: Adobe", "vendor: Adobe Inc.")
    repo.edit(tool, "integrations:\n  - tool: salesforce\n    direction: both\n"
              "    data: [leads, contacts]\n", "")
    repo.edit("playbooks/lead-handoff.yaml", "tools: [marketo,", "tools: [marketo-engage,")
    git_mv(repo, "playbooks/lead-handoff.yaml", "playbooks/lead-handover.yaml")
    repo.edit("playbooks/lead-handover.yaml", "responsible: [automation-specialist]",
              "responsible: [mops-manager]")
    repo.edit("playbooks/lead-handover.yaml", "kpis:", (
        "  - name: Review the hand-off\n    raci:\n      responsible: [mops-manager]\n"
        "      accountable: mops-manager\nkpis:"))
    git_mv(repo, "catalog/roles/automation-specialist.yaml", "catalog/roles/automation-lead.yaml")
    repo.edit("catalog/roles/automation-lead.yaml", "summary: Runs the automation platform.",
              "summary: Runs and improves the automation platform.")
    repo.edit("catalog/teams/small-team.yaml", "automation-specialist", "automation-lead")
    git_mv(repo, "catalog/teams/small-team.yaml", "catalog/teams/core-team.yaml")
    repo.edit("catalog/teams/core-team.yaml", "headcount: 2", "headcount: 3")
    git_mv(repo, "catalog/kpis/conversion-rate.yaml", "catalog/kpis/lead-conversion.yaml")
    repo.edit("catalog/kpis/lead-conversion.yaml", "who become leads.", "who become leads.\n"
              "vanity: false")
    repo.edit("playbooks/lead-handover.yaml", "kpis: [conversion-rate]", "kpis: [lead-conversion]")
    commit(repo, "renamed-and-changed")

    data = diff_json(repo, capsys, "one", "renamed-and-changed")
    tool = renamed_of(data, "tool", "marketo-engage")
    assert tool["old_id"] == "marketo"
    assert tool["fields"] == [
        {"field": "lifecycle", "before": "adopted", "after": "sunsetting"},
        {"field": "owner", "before": "automation-specialist", "after": "mops-manager"}]
    assert tool["integrations_removed"] == ["salesforce"] and tool["integrations_added"] == []
    assert "vendor" in tool["other_fields"] and "cost" not in tool["other_fields"]
    assert data["costs"] == [{"tool": "marketo-engage",
                              "before": {"amount": 36000, "currency": "USD", "period": "year"},
                              "after": {"amount": 30000, "currency": "USD", "period": "year"}}]
    assert data["totals"][0]["annual_before"] == 36000
    assert data["totals"][0]["annual_after"] == 30000
    playbook = renamed_of(data, "playbook", "lead-handover")
    assert [(s["step"], s["change"]) for s in playbook["steps"]] == [
        ("Agree the MQL definition", "changed"), ("Review the hand-off", "added")]
    assert playbook["steps"][0]["raci"] == [{"assignment": "responsible",
                                             "added": ["mops-manager"],
                                             "removed": ["automation-specialist"]}]
    assert renamed_of(data, "role", "automation-lead")["other_fields"] == ["summary"]
    assert renamed_of(data, "team", "core-team")["other_fields"] == ["members"]
    assert renamed_of(data, "kpi", "lead-conversion")["old_id"] == "conversion-rate"

    code, out, err = diff(repo, capsys, "one", "renamed-and-changed")
    assert code == 0, err
    assert ("- **renamed** `marketo` → Marketo Engage `marketo-engage`: "
            "lifecycle: `adopted` → `sunsetting`; owner: `automation-specialist` → "
            "`mops-manager`; integrations removed: `salesforce`; also changed: vendor") in out
    assert "| `marketo-engage` | 36,000 USD / year | 30,000 USD / year |" in out
    assert "  - step “Review the hand\\-off” added" in out or \
        "  - step “Review the hand-off” added" in out


def test_added_removed_and_renamed_in_one_change(one_commit, capsys):
    repo = one_commit
    repo.write("catalog/tools/hubspot.yaml", HUBSPOT.replace("tool: salesforce",
                                                            "tool: sales-cloud"))  # added
    git_mv(repo, "catalog/tools/salesforce.yaml", "catalog/tools/sales-cloud.yaml")
    repo.edit("catalog/tools/sales-cloud.yaml", "owner: mops-manager",
              "owner: mops-manager\ncost: {amount: 500, period: month}")  # renamed, cost added
    repo.edit("catalog/tools/marketo.yaml", "  - tool: salesforce", "  - tool: sales-cloud")
    repo.edit("playbooks/lead-handoff.yaml", "salesforce]", "sales-cloud]")
    git(repo.root, "rm", "-q", "catalog/kpis/conversion-rate.yaml")  # removed with its use
    repo.edit("playbooks/lead-handoff.yaml", "kpis: [conversion-rate]\n", "")
    git_mv(repo, "catalog/roles/automation-specialist.yaml", "catalog/roles/automation-lead.yaml")
    for path in ("catalog/tools/marketo.yaml", "catalog/teams/small-team.yaml",
                 "playbooks/lead-handoff.yaml"):
        repo.edit(path, "automation-specialist", "automation-lead")
    repo.write("catalog/roles/ops-analyst.yaml", "name: Ops analyst\narchetype: modeler\nsummary: Reports on the funnel.\n")
    commit(repo, "mixed")

    code, out, err = diff(repo, capsys, "one", "mixed")
    assert code == 0, err
    assert ("Tools: 1 added, 1 changed, 1 renamed · Roles: 1 added, 1 renamed · "
            "Teams: 1 changed · Playbooks: 1 changed · KPIs: 1 removed") in out
    data = diff_json(repo, capsys, "one", "mixed")
    assert renamed_of(data, "tool", "sales-cloud")["old_id"] == "salesforce"
    assert renamed_of(data, "role", "automation-lead")["old_id"] == "automation-specialist"
    assert change_of(data, "tool", "hubspot")["change"] == "added"
    assert change_of(data, "kpi", "conversion-rate")["change"] == "removed"
    assert change_of(data, "role", "ops-analyst")["change"] == "added"
    assert {c["tool"]: (c["before"], c["after"] and c["after"]["amount"])
            for c in data["costs"]} == {"hubspot": (None, 100), "sales-cloud": (None, 500)}
    assert data["totals"] == [{"currency": "USD", "annual_before": 36000,
                               "annual_after": 36000 + 1200 + 6000,
                               "one_off_before": 0, "one_off_after": 0}]
    assert data["new_problems"] == []
    assert "| `sales-cloud` | — | 500 USD / month |" in out


def test_cost_lines_compare_and_media_spend_stays_out_of_totals():
    from generator.diff.compare import _cost_dict, _sums
    from generator.diff.report import money
    from generator.model import schema

    base = {"name": "X", "vendor": "V", "category": "crm", "lifecycle": "adopted"}
    single = schema.Tool.model_validate({**base, "cost": {"amount": 100, "period": "quarter"}})
    lines = schema.Tool.model_validate({**base, "cost": [
        {"amount": 100, "period": "quarter"}, {"amount": 10, "type": "usage"},
        {"amount": 5000, "type": "media"}]})
    assert money(_cost_dict(single)) == "100 USD / quarter"
    # media spend is shown, so a change to it is seen, but named and left out of the totals
    assert money(_cost_dict(lines)) == \
        "100 USD / quarter + 10 USD / year + 5,000 USD / year media spend"
    assert _sums({"x": lines}) == {"USD": (410.0, 0.0)}  # 4 quarters + usage, no media
    media = schema.Tool.model_validate({**base, "cost": {"amount": 900, "type": "media"}})
    assert money(_cost_dict(media)) == "900 USD / year media spend"


def test_a_change_to_media_spend_alone_is_shown(one_commit, capsys):
    repo = one_commit
    repo.edit("catalog/tools/marketo.yaml", "owner: automation-specialist",
              "owner: automation-specialist\ncost:\n  - {amount: 1000, period: month}\n"
              "  - {amount: 20000, type: media}")
    commit(repo, "media")
    repo.edit("catalog/tools/marketo.yaml", "amount: 20000", "amount: 35000")
    commit(repo, "more-media")
    code, out, err = diff(repo, capsys, "media", "more-media")
    assert code == 0, err
    assert "| `marketo` | 1,000 USD / month + 20,000 USD / year media spend | " \
        "1,000 USD / month + 35,000 USD / year media spend |" in out
    assert "total per year" not in out  # the stack's cost did not change


ZAPIER = "name: Zapier\nvendor: Zapier\ncategory: crm\nlifecycle: adopted\nowner: mops-manager\n"


def test_changed_integrations_are_shown_per_flow(one_commit, capsys):
    """A flow whose frequency, method, direction, data or carrier changes is listed with what
    changed (it was only 'also changed: integrations'); a second flow to the same tool is an
    added flow, not a change of the first."""
    repo = one_commit
    repo.write("catalog/tools/zapier.yaml", ZAPIER)
    repo.edit("catalog/tools/marketo.yaml", "    data: [leads, contacts]\n",
              "    data: [leads, contacts]\n    method: native\n    frequency: daily\n")
    commit(repo, "flows")
    repo.edit("catalog/tools/marketo.yaml",
              "    direction: both\n    data: [leads, contacts]\n    method: native\n"
              "    frequency: daily\n",
              "    direction: out\n    data: [leads, '<b>campaign</b> `members`']\n"
              "    method: ipaas\n    via: zapier\n    frequency: real-time\n"
              "  - tool: salesforce\n    direction: in\n    data: [opportunities]\n")
    commit(repo, "flows-changed")

    data = diff_json(repo, capsys, "flows", "flows-changed")
    marketo = change_of(data, "tool", "marketo")
    assert marketo["integrations_changed"] == [{
        "tool": "marketo", "other": "salesforce", "direction": "out", "fields": [
            {"field": "direction", "before": "both", "after": "out"},
            {"field": "method", "before": "native", "after": "ipaas"},
            {"field": "frequency", "before": "daily", "after": "real-time"},
            {"field": "via", "before": None, "after": "zapier"},
            {"field": "data", "before": ["leads", "contacts"],
             "after": ["leads", "<b>campaign</b> `members`"]}]}]
    assert marketo["integrations_added"] == ["salesforce"]
    assert marketo["integrations_removed"] == []
    assert "integrations" not in marketo["other_fields"]

    code, out, err = diff(repo, capsys, "flows", "flows-changed")
    assert code == 0, err
    assert "also changed: integrations" not in out
    assert "`marketo`: integrations added: `salesforce`\n" in out
    line = next(line for line in out.splitlines() if line.startswith("  - integration "))
    assert line == (
        "  - integration `marketo` → `salesforce`: direction `both` → `out`; "
        "method `native` → `ipaas`; frequency `daily` → `real-time`; via none → `zapier`; "
        "data `leads`, `contacts` → `leads`, `` <b>campaign</b> `members` ``")
    html = github_html(out)
    assert "<b>campaign</b>" not in html and "&lt;b&gt;campaign&lt;/b&gt;" in html


def test_integration_order_alone_is_named(one_commit, capsys):
    repo = one_commit
    repo.edit("catalog/tools/marketo.yaml", "    data: [leads, contacts]\n",
              "    data: [leads, contacts]\n  - tool: salesforce\n    direction: in\n")
    commit(repo, "two-flows")
    repo.edit("catalog/tools/marketo.yaml",
              "  - tool: salesforce\n    direction: both\n    data: [leads, contacts]\n"
              "  - tool: salesforce\n    direction: in\n",
              "  - tool: salesforce\n    direction: in\n"
              "  - tool: salesforce\n    direction: both\n    data: [leads, contacts]\n")
    commit(repo, "swapped")
    marketo = change_of(diff_json(repo, capsys, "two-flows", "swapped"), "tool", "marketo")
    assert marketo["integrations_changed"] == []
    assert marketo["integrations_added"] == marketo["integrations_removed"] == []
    assert marketo["other_fields"] == ["integrations"]
