"""Build catalog/data/catalog.json: the offline integrations catalog.

Hand-made data, written in the shapes of Composio's v3 API (GET /api/v3/toolkits and
GET /api/v3/tools items), so that the same importer can read this file and the live API.
The toolkits, tools and parameters model the real products' public APIs; the tool slugs
follow Composio's naming (UPPER_SNAKE, prefixed with the toolkit slug).

Run from the repository root:

    .venv/bin/python catalog/data/build_catalog.py

It rewrites catalog.json next to this script and validates it (counts, unique slugs,
JSON Schema validity, required names, tools_count).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

OUT = Path(__file__).with_name("catalog.json")
SOURCE = "wfplatform offline catalog (hand-made, Composio v3 shapes)"
DEFAULT_VERSION = "20250905_00"
CREATED_AT = "2024-05-14T09:12:44.000Z"

# --------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------
CATEGORIES = {
    "developer-tools": "Developer Tools",
    "communication": "Communication",
    "email": "Email",
    "productivity": "Productivity",
    "documents": "Documents",
    "crm": "CRM",
    "marketing": "Marketing",
    "social-media": "Social Media",
    "payments": "Payments",
    "accounting": "Accounting",
    "e-commerce": "E-commerce",
    "file-storage": "File Storage",
    "project-management": "Project Management",
    "customer-support": "Customer Support",
    "monitoring": "Monitoring & Observability",
    "analytics": "Analytics",
    "scheduling": "Scheduling",
    "video-conferencing": "Video Conferencing",
    "forms-surveys": "Forms & Surveys",
    "databases": "Databases",
    "ai-ml": "AI & Machine Learning",
    "design": "Design",
    "entertainment-media": "Entertainment & Media",
    "data-utilities": "Data & Utilities",
}

# --------------------------------------------------------------------------------------
# Schema helpers
# --------------------------------------------------------------------------------------


def _title(name: str) -> str:
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", name).replace("_", " ").replace("-", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) if words else name


def _prop(type_, desc, e=None, d=None, ex=None, items=None, props=None, f=None, mn=None, mx=None, req=None):
    p = {"type": type_, "description": desc}
    if e is not None:
        p["enum"] = list(e)
    if d is not None:
        p["default"] = d
    if ex is not None:
        p["examples"] = list(ex)
    if f is not None:
        p["format"] = f
    if mn is not None:
        p["minimum"] = mn
    if mx is not None:
        p["maximum"] = mx
    if type_ == "array":
        if isinstance(items, str):
            items = {"type": items}
        p["items"] = items or {"type": "string"}
    if type_ == "object" and props:
        p["properties"] = {k.rstrip("!"): _with_title(k.rstrip("!"), v) for k, v in props.items()}
        r = [k.rstrip("!") for k in props if k.endswith("!")]
        if r:
            p["required"] = r
    if type_ == "object" and req:
        p["required"] = list(req)
    return p


def s(desc, **kw):
    return _prop("string", desc, **kw)


def i(desc, **kw):
    return _prop("integer", desc, **kw)


def n(desc, **kw):
    return _prop("number", desc, **kw)


def b(desc, **kw):
    return _prop("boolean", desc, **kw)


def a(desc, items="string", **kw):
    return _prop("array", desc, items=items, **kw)


def o(desc, props=None, **kw):
    return _prop("object", desc, props=props, **kw)


def _with_title(name, schema):
    schema = dict(schema)
    return {"title": _title(name), **schema}


def input_schema(params: dict | None, title: str) -> dict:
    props, required = {}, []
    for key, schema in (params or {}).items():
        name = key.rstrip("!")
        if key.endswith("!"):
            required.append(name)
        props[name] = _with_title(name, schema)
    return {"title": title + "Request", "type": "object", "properties": props, "required": required}


# Output data fields: "name:type[:description]" separated by ";". Types: s i n b o a (array of
# objects) as (array of strings).
_COMMON_OUT = {
    "id": "Unique identifier of the resource.",
    "name": "Name of the resource.",
    "title": "Title of the resource.",
    "url": "URL of the resource.",
    "html_url": "Link to the resource in the web UI.",
    "web_url": "Link to the resource in the web UI.",
    "created_at": "When the resource was created (ISO 8601).",
    "updated_at": "When the resource was last updated (ISO 8601).",
    "status": "Current status of the resource.",
    "state": "Current state of the resource.",
    "email": "Email address.",
    "next_cursor": "Cursor for the next page of results, empty when there are no more.",
    "next_page_token": "Token for the next page of results, absent when there are no more.",
    "has_more": "Whether more results are available.",
    "total_count": "Total number of matching results.",
    "deleted": "Whether the resource was deleted.",
    "ok": "Whether the request was accepted by the service.",
    "description": "Description of the resource.",
}
_OUT_TYPES = {"s": "string", "i": "integer", "n": "number", "b": "boolean", "o": "object", "a": "array", "as": "array"}


def output_schema(spec: str | None, title: str) -> dict:
    data_props = {}
    for part in filter(None, (x.strip() for x in (spec or "").split(";"))):
        bits = part.split(":", 2)
        name, t = bits[0].strip(), (bits[1].strip() if len(bits) > 1 else "s")
        desc = bits[2].strip() if len(bits) > 2 else _COMMON_OUT.get(name, _title(name) + ".")
        p = {"title": _title(name), "type": _OUT_TYPES[t], "description": desc}
        if t == "a":
            p["items"] = {"type": "object"}
        elif t == "as":
            p["items"] = {"type": "string"}
        data_props[name] = p
    data = {"title": "Data", "type": "object", "description": "Data returned by the action."}
    if data_props:
        data["properties"] = data_props
    return {
        "title": title + "Response",
        "type": "object",
        "properties": {
            "data": data,
            "successful": {
                "title": "Successful",
                "type": "boolean",
                "description": "Whether the action ran successfully.",
            },
            "error": {"title": "Error", "type": "string", "description": "Error message if the action failed."},
        },
        "required": ["data", "successful"],
    }


# --------------------------------------------------------------------------------------
# Tool / toolkit builders
# --------------------------------------------------------------------------------------
_READ_VERBS = {
    "get",
    "list",
    "search",
    "fetch",
    "find",
    "retrieve",
    "query",
    "download",
    "read",
    "lookup",
    "check",
    "export",
    "count",
    "describe",
    "select",
    "run",
    "execute",
    "current",
    "validate",
}


class T:
    """One tool. `suffix` is appended to the toolkit's upper slug; `tags` is space separated."""

    def __init__(self, suffix, name, desc, tags, params=None, out=None, dep=False, imp=False, no_auth=None):
        self.suffix, self.name, self.desc = suffix, name, desc
        self.tags = tags.split() if isinstance(tags, str) else list(tags)
        self.params, self.out, self.dep, self.imp, self.no_auth = params, out, dep, imp, no_auth


TOOLKITS: list[dict] = []


def TK(
    slug,
    name,
    desc,
    app_url,
    cats,
    auth,
    tools,
    version=DEFAULT_VERSION,
    triggers=0,
    managed=None,
    updated="2025-09-05T10:24:31.000Z",
):
    TOOLKITS.append(
        dict(
            slug=slug,
            name=name,
            desc=desc,
            app_url=app_url,
            cats=cats,
            auth=auth,
            tools=tools,
            version=version,
            triggers=triggers,
            managed=managed,
            updated=updated,
        )
    )


def _pascal(text: str) -> str:
    return "".join(w[:1].upper() + w[1:].lower() for w in re.split(r"[^A-Za-z0-9]+", text) if w)


def build() -> dict:
    toolkits, tools = [], []
    for tk in TOOLKITS:
        logo = f"https://logos.composio.dev/api/{tk['slug']}"
        prefix = tk["slug"].upper()
        no_auth_tk = tk["auth"] == []
        for t in tk["tools"]:
            slug = f"{prefix}_{t.suffix}"
            title = _pascal(t.suffix)
            tags = list(t.tags)
            verb = t.name.split()[0].lower()
            rw = "read" if verb in _READ_VERBS else "write"
            if not {"read", "write"} & set(tags):
                tags.append(rw)
            if t.imp:
                tags.append("important")
            if t.dep:
                tags.append("deprecated")
            tools.append(
                {
                    "slug": slug,
                    "name": t.name,
                    "description": t.desc,
                    "toolkit": {"slug": tk["slug"], "name": tk["name"], "logo": logo},
                    "input_parameters": input_schema(t.params, title),
                    "output_parameters": output_schema(t.out, title),
                    "tags": tags,
                    "version": tk["version"],
                    "available_versions": [tk["version"]],
                    "no_auth": bool(t.no_auth if t.no_auth is not None else no_auth_tk),
                    "scopes": [],
                    "is_deprecated": bool(t.dep),
                }
            )
        toolkits.append(
            {
                "slug": tk["slug"],
                "name": tk["name"],
                "meta": {
                    "description": tk["desc"],
                    "logo": logo,
                    "app_url": tk["app_url"],
                    "categories": [{"slug": c, "name": CATEGORIES[c]} for c in tk["cats"]],
                    "tools_count": len(tk["tools"]),
                    "triggers_count": tk["triggers"],
                    "created_at": CREATED_AT,
                    "updated_at": tk["updated"],
                    "version": tk["version"],
                    "available_versions": [tk["version"]],
                },
                "auth_schemes": tk["auth"],
                "composio_managed_auth_schemes": tk["managed"]
                if tk["managed"] is not None
                else [x for x in tk["auth"] if x == "OAUTH2"],
                "no_auth": no_auth_tk,
                "is_local_toolkit": False,
            }
        )
    used = {c["slug"] for tk in toolkits for c in tk["meta"]["categories"]}
    categories = [{"slug": k, "name": v} for k, v in CATEGORIES.items() if k in used]
    return {"source": SOURCE, "categories": categories, "toolkits": toolkits, "tools": tools}


# Shared parameter snippets
def per_page(default=30, mx=100, desc=None):
    return i(desc or f"Results per page (max {mx}).", d=default, mn=1, mx=mx)


def page(desc="Page number of the results to fetch."):
    return i(desc, d=1, mn=1)


# ======================================================================================
# Developer tools
# ======================================================================================
GH_OWNER = s("The account owner of the repository (user or organization). Not case sensitive.", ex=["octocat"])
GH_REPO = s("The name of the repository without the .git extension. Not case sensitive.", ex=["hello-world"])
GH_ISSUE_NO = i("The number that identifies the issue.", ex=[42])
GH_PR_NO = i("The number that identifies the pull request.", ex=[7])
GH_ISSUE_OUT = (
    "id:i;number:i;title:s;state:s;body:s;html_url:s;user:o:The user "
    "who opened the issue.;labels:a;assignees:a;milestone:o;created_at:s"
)
GH_PR_OUT = (
    "id:i;number:i;title:s;state:s;draft:b;html_url:s;head:o:Head branch "
    "reference.;base:o:Base branch reference.;merged:b;mergeable:b;created_at:s"
)
GH_REPO_OUT = (
    "id:i;name:s;full_name:s:owner/name of the repository.;private:b;"
    "html_url:s;description:s;default_branch:s;stargazers_count:i;created_at:s"
)

TK(
    "github",
    "GitHub",
    "GitHub is a code hosting platform for version control and collaboration: repositories, issues, pull requests, "
    "Actions workflows and releases.",
    "https://github.com",
    ["developer-tools"],
    ["OAUTH2", "API_KEY"],
    triggers=6,
    version="20250909_00",
    tools=[
        T(
            "CREATE_AN_ISSUE",
            "Create an issue",
            "Create a new issue in a GitHub repository to report a bug "
            "or track a task. Any user with pull access can create an "
            "issue; assignees, labels and milestone are only applied when the caller has push access.",
            "issues",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "title!": s("The title of the issue.", ex=["Login button does nothing on Safari"]),
                "body": s("The contents of the issue, in GitHub Flavored Markdown."),
                "assignees": a("Logins of the users to assign to this issue.", ex=[["octocat"]]),
                "labels": a(
                    "Labels to associate with this issue. Labels that do not exist are created.", ex=[["bug", "ui"]]
                ),
                "milestone": i("The number of the milestone to associate this issue with."),
            },
            GH_ISSUE_OUT,
            imp=True,
        ),
        T(
            "LIST_REPOSITORY_ISSUES",
            "List repository issues",
            "List issues in a repository, filtered by state, labels, "
            "assignee or creator. Pull requests are returned as "
            "issues too and carry a pull_request key.",
            "issues",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "state": s("Filter issues by state.", e=["open", "closed", "all"], d="open"),
                "labels": s("Comma-separated list of label names, e.g. bug,ui,@high."),
                "assignee": s("Login of the assignee; `none` for unassigned issues, `*` for any."),
                "creator": s("Login of the user who created the issue."),
                "milestone": s("Milestone number, `*` for any milestone or `none` for issues without one."),
                "sort": s("What to sort results by.", e=["created", "updated", "comments"], d="created"),
                "direction": s("The direction to sort the results by.", e=["asc", "desc"], d="desc"),
                "since": s("Only show issues updated at or after this time (ISO 8601).", f="date-time"),
                "per_page": per_page(),
                "page": page(),
            },
            "issues:a:The issues on this page.",
            imp=True,
        ),
        T(
            "GET_AN_ISSUE",
            "Get an issue",
            "Get a single issue of a repository by its number, with labels, assignees and milestone.",
            "issues",
            {"owner!": GH_OWNER, "repo!": GH_REPO, "issue_number!": GH_ISSUE_NO},
            GH_ISSUE_OUT,
        ),
        T(
            "UPDATE_AN_ISSUE",
            "Update an issue",
            "Edit an issue's title, body, state, labels, assignees or milestone. Use it to close or reopen an issue.",
            "issues",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "issue_number!": GH_ISSUE_NO,
                "title": s("The new title of the issue."),
                "body": s("The new contents of the issue."),
                "state": s("The open or closed state of the issue.", e=["open", "closed"]),
                "state_reason": s(
                    "The reason for the state change; ignored unless state changes.",
                    e=["completed", "not_planned", "reopened"],
                ),
                "assignees": a("Logins to assign; pass an empty array to clear assignees."),
                "labels": a("Labels to set on the issue; replaces existing labels."),
                "milestone": i("The number of the milestone, or null to remove it."),
            },
            GH_ISSUE_OUT,
        ),
        T(
            "CREATE_AN_ISSUE_COMMENT",
            "Create an issue comment",
            "Add a comment to an issue or pull request conversation.",
            "issues comments",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "issue_number!": GH_ISSUE_NO,
                "body!": s("The contents of the comment, in Markdown."),
            },
            "id:i;html_url:s;body:s;user:o;created_at:s",
            imp=True,
        ),
        T(
            "LIST_ISSUE_COMMENTS",
            "List issue comments",
            "List the comments on an issue or pull request, oldest first.",
            "issues comments",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "issue_number!": GH_ISSUE_NO,
                "since": s("Only comments updated at or after this time (ISO 8601).", f="date-time"),
                "per_page": per_page(),
                "page": page(),
            },
            "comments:a",
        ),
        T(
            "ADD_LABELS_TO_AN_ISSUE",
            "Add labels to an issue",
            "Add one or more labels to an issue without removing existing ones.",
            "issues labels",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "issue_number!": GH_ISSUE_NO,
                "labels!": a("Names of the labels to add.", ex=[["bug", "needs-triage"]]),
            },
            "labels:a",
        ),
        T(
            "CREATE_A_PULL_REQUEST",
            "Create a pull request",
            "Open a pull request to merge the changes of a head branch into a base branch.",
            "pulls",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "head!": s(
                    "The branch where your changes are; use `username:branch` for cross-repository PRs.",
                    ex=["feature/login-fix"],
                ),
                "base!": s("The branch you want the changes pulled into.", ex=["main"]),
                "title": s("The title of the new pull request. Required unless `issue` is given."),
                "body": s("The contents of the pull request description."),
                "draft": b("Whether to open the pull request as a draft.", d=False),
                "maintainer_can_modify": b("Whether maintainers can modify the pull request.", d=True),
                "issue": i("An issue number to convert into this pull request."),
            },
            GH_PR_OUT,
            imp=True,
        ),
        T(
            "LIST_PULL_REQUESTS",
            "List pull requests",
            "List pull requests of a repository, filtered by state, head or base branch.",
            "pulls",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "state": s("State of the pull requests.", e=["open", "closed", "all"], d="open"),
                "head": s("Filter by head user or organization and branch, as `user:ref-name`."),
                "base": s("Filter by base branch name."),
                "sort": s(
                    "What to sort results by.", e=["created", "updated", "popularity", "long-running"], d="created"
                ),
                "direction": s("Sort direction.", e=["asc", "desc"]),
                "per_page": per_page(),
                "page": page(),
            },
            "pull_requests:a",
        ),
        T(
            "GET_A_PULL_REQUEST",
            "Get a pull request",
            "Get the details of one pull request, including mergeability and diff stats.",
            "pulls",
            {"owner!": GH_OWNER, "repo!": GH_REPO, "pull_number!": GH_PR_NO},
            GH_PR_OUT + ";additions:i;deletions:i;changed_files:i",
        ),
        T(
            "MERGE_A_PULL_REQUEST",
            "Merge a pull request",
            "Merge a pull request into its base branch with a merge, squash or rebase.",
            "pulls",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "pull_number!": GH_PR_NO,
                "commit_title": s("Title for the automatic commit message."),
                "commit_message": s("Extra detail to append to the automatic commit message."),
                "sha": s("SHA that the pull request head must match to allow the merge."),
                "merge_method": s("The merge method to use.", e=["merge", "squash", "rebase"], d="merge"),
            },
            "sha:s:SHA of the merge commit.;merged:b;message:s",
        ),
        T(
            "CREATE_A_REVIEW_FOR_A_PULL_REQUEST",
            "Create a review for a pull request",
            "Submit a pull request review that approves, requests changes or comments, optionally with line comments.",
            "pulls reviews",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "pull_number!": GH_PR_NO,
                "body": s("The body text of the review. Required for REQUEST_CHANGES and COMMENT."),
                "event": s(
                    "The review action to perform; leave empty to create a pending review.",
                    e=["APPROVE", "REQUEST_CHANGES", "COMMENT"],
                ),
                "commit_id": s("SHA of the commit to review; defaults to the latest commit."),
                "comments": a(
                    "Draft review comments.",
                    items=o(
                        "A review comment.",
                        {
                            "path!": s("Relative path of the file to comment on."),
                            "body!": s("Text of the comment."),
                            "line": i("Line of the blob in the diff to comment on."),
                            "side": s("Side of the diff.", e=["LEFT", "RIGHT"]),
                        },
                    ),
                ),
            },
            "id:i;state:s;html_url:s;submitted_at:s",
        ),
        T(
            "CREATE_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
            "Create a repository for the authenticated user",
            "Create a new repository owned by the authenticated user.",
            "repos",
            {
                "name!": s("The name of the repository.", ex=["my-new-project"]),
                "description": s("A short description of the repository."),
                "homepage": s("A URL with more information about the repository."),
                "private": b("Whether the repository is private.", d=False),
                "auto_init": b("Create an initial commit with an empty README.", d=False),
                "gitignore_template": s("Desired .gitignore template, e.g. Python or Node."),
                "license_template": s("Open source license template keyword, e.g. mit or apache-2.0."),
                "has_issues": b("Whether issues are enabled.", d=True),
                "has_wiki": b("Whether the wiki is enabled.", d=True),
            },
            GH_REPO_OUT,
            imp=True,
        ),
        T(
            "GET_A_REPOSITORY",
            "Get a repository",
            "Get a repository's metadata: visibility, default branch, topics and counts.",
            "repos",
            {"owner!": GH_OWNER, "repo!": GH_REPO},
            GH_REPO_OUT + ";topics:as;open_issues_count:i;forks_count:i",
        ),
        T(
            "LIST_REPOSITORIES_FOR_THE_AUTHENTICATED_USER",
            "List repositories for the authenticated user",
            "List repositories the authenticated user can access, as owner, collaborator or organization member.",
            "repos",
            {
                "visibility": s(
                    "Limit results to repositories with this visibility.", e=["all", "public", "private"], d="all"
                ),
                "affiliation": s(
                    "Comma-separated list of owner, collaborator, organization_member.",
                    d="owner,collaborator,organization_member",
                ),
                "sort": s(
                    "The property to sort the results by.",
                    e=["created", "updated", "pushed", "full_name"],
                    d="full_name",
                ),
                "direction": s("Sort direction.", e=["asc", "desc"]),
                "per_page": per_page(),
                "page": page(),
            },
            "repositories:a",
        ),
        T(
            "SEARCH_REPOSITORIES",
            "Search repositories",
            "Find repositories with GitHub search qualifiers such as language, stars and topic.",
            "repos search",
            {
                "q!": s("Search keywords and qualifiers.", ex=["django in:name language:python stars:>1000"]),
                "sort": s("Sort field; default is best match.", e=["stars", "forks", "help-wanted-issues", "updated"]),
                "order": s("Sort order.", e=["desc", "asc"], d="desc"),
                "per_page": per_page(),
                "page": page(),
            },
            "total_count:i;incomplete_results:b;items:a",
        ),
        T(
            "SEARCH_ISSUES_AND_PULL_REQUESTS",
            "Search issues and pull requests",
            "Search issues and pull requests across GitHub with qualifiers like repo:, is:open, label: and author:.",
            "issues pulls search",
            {
                "q!": s("Search query with qualifiers.", ex=["repo:octocat/hello-world is:issue is:open label:bug"]),
                "sort": s("Sort field; default is best match.", e=["comments", "reactions", "created", "updated"]),
                "order": s("Sort order.", e=["desc", "asc"], d="desc"),
                "per_page": per_page(),
                "page": page(),
            },
            "total_count:i;items:a",
        ),
        T(
            "GET_REPOSITORY_CONTENT",
            "Get repository content",
            "Get the contents of a file (base64 encoded) or a directory listing at a path in a repository.",
            "repos contents",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "path!": s("Path of the file or directory, e.g. src/app.py.", ex=["README.md"]),
                "ref": s("Branch, tag or commit SHA; defaults to the default branch."),
            },
            "type:s:file, dir, symlink or submodule.;name:s;path:s;sha:s;"
            "size:i;content:s:Base64 encoded file content.;encoding:s",
        ),
        T(
            "CREATE_OR_UPDATE_FILE_CONTENTS",
            "Create or update file contents",
            "Create a new file or replace an existing one in a repository with a commit.",
            "repos contents commits",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "path!": s("Path of the file in the repository."),
                "message!": s("The commit message."),
                "content!": s("The new file content, base64 encoded."),
                "sha": s("Blob SHA of the file being replaced; required when updating an existing file."),
                "branch": s("The branch name; defaults to the repository's default branch."),
                "committer": o(
                    "The person committing the file; defaults to the authenticated user.",
                    {"name!": s("Committer name."), "email!": s("Committer email.")},
                ),
            },
            "content:o;commit:o:The commit created.",
        ),
        T(
            "CREATE_A_REFERENCE",
            "Create a reference",
            "Create a git reference such as a new branch (refs/heads/NAME) or tag pointing at a commit SHA.",
            "git branches",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "ref!": s("Fully qualified reference name; must start with refs/.", ex=["refs/heads/feature-x"]),
                "sha!": s("The SHA1 value the reference points to."),
            },
            "ref:s;node_id:s;object:o",
        ),
        T(
            "LIST_BRANCHES",
            "List branches",
            "List the branches of a repository.",
            "branches",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "protected": b("Only return protected (true) or unprotected (false) branches."),
                "per_page": per_page(),
                "page": page(),
            },
            "branches:a",
        ),
        T(
            "LIST_COMMITS",
            "List commits",
            "List commits of a repository, optionally for a branch, path, author or time range.",
            "commits",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "sha": s("SHA or branch to start listing commits from."),
                "path": s("Only commits containing this file path."),
                "author": s("GitHub login or email of the author."),
                "since": s("Only commits after this date (ISO 8601).", f="date-time"),
                "until": s("Only commits before this date (ISO 8601).", f="date-time"),
                "per_page": per_page(),
                "page": page(),
            },
            "commits:a",
        ),
        T(
            "CREATE_A_RELEASE",
            "Create a release",
            "Create a release for a tag, optionally generating release notes automatically.",
            "releases",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "tag_name!": s("The name of the tag.", ex=["v1.4.0"]),
                "target_commitish": s("Branch or commit SHA the tag is created from if it does not exist."),
                "name": s("The name of the release."),
                "body": s("Text describing the release."),
                "draft": b("Create an unpublished draft release.", d=False),
                "prerelease": b("Mark the release as a pre-release.", d=False),
                "generate_release_notes": b("Generate the name and body automatically.", d=False),
            },
            "id:i;tag_name:s;name:s;html_url:s;draft:b;prerelease:b;published_at:s",
        ),
        T(
            "CREATE_A_WORKFLOW_DISPATCH_EVENT",
            "Create a workflow dispatch event",
            "Manually trigger a GitHub Actions workflow that has a workflow_dispatch trigger.",
            "actions workflows",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "workflow_id!": s("The ID of the workflow or its file name.", ex=["deploy.yml"]),
                "ref!": s("The git reference (branch or tag) for the workflow.", ex=["main"]),
                "inputs": o("Input keys and values configured in the workflow file (max 10)."),
            },
            "ok:b",
        ),
        T(
            "LIST_WORKFLOW_RUNS_FOR_A_REPOSITORY",
            "List workflow runs for a repository",
            "List GitHub Actions workflow runs of a repository, filtered by branch, event, actor or status.",
            "actions workflows",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "branch": s("Only runs for this branch."),
                "event": s("Only runs triggered by this event, e.g. push or pull_request."),
                "status": s(
                    "Only runs with this status or conclusion.",
                    e=[
                        "completed",
                        "action_required",
                        "cancelled",
                        "failure",
                        "neutral",
                        "skipped",
                        "success",
                        "in_progress",
                        "queued",
                    ],
                ),
                "per_page": per_page(),
                "page": page(),
            },
            "total_count:i;workflow_runs:a",
        ),
        T(
            "STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
            "Star a repository for the authenticated user",
            "Star a repository on behalf of the authenticated user.",
            "repos stars",
            {"owner!": GH_OWNER, "repo!": GH_REPO},
            "ok:b",
        ),
        T(
            "GET_THE_AUTHENTICATED_USER",
            "Get the authenticated user",
            "Get the profile of the user the connection authenticates as.",
            "users",
            {},
            "login:s;id:i;name:s;email:s;html_url:s;public_repos:i;followers:i",
        ),
        T(
            "ISSUES_CREATE",
            "Create issue (legacy)",
            "Legacy alias of Create an issue kept for old workflows; use GITHUB_CREATE_AN_ISSUE instead.",
            "issues",
            {
                "owner!": GH_OWNER,
                "repo!": GH_REPO,
                "title!": s("The title of the issue."),
                "body": s("The contents of the issue."),
            },
            GH_ISSUE_OUT,
            dep=True,
        ),
    ],
)

GL_PROJECT = s(
    "The ID or URL-encoded path of the project, e.g. 42 or my-group%2Fmy-project.", ex=["my-group/my-project"]
)
GL_ISSUE_OUT = (
    "id:i;iid:i:Project-scoped issue number.;title:s;state:s;description:s;web_url:s;labels:as;assignees:a;created_at:s"
)
GL_MR_OUT = "id:i;iid:i;title:s;state:s;source_branch:s;target_branch:s;web_url:s;merge_status:s;created_at:s"
TK(
    "gitlab",
    "GitLab",
    "GitLab is a DevOps platform with Git repositories, issues, merge requests and CI/CD pipelines.",
    "https://gitlab.com",
    ["developer-tools"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_PROJECT_ISSUE",
            "Create a project issue",
            "Create a new issue in a GitLab project.",
            "issues",
            {
                "id!": GL_PROJECT,
                "title!": s("The title of the issue."),
                "description": s("The description of the issue, Markdown, up to 1,048,576 characters."),
                "labels": s("Comma-separated label names.", ex=["bug,backend"]),
                "assignee_ids": a("IDs of the users to assign.", items="integer"),
                "milestone_id": i("The global ID of a milestone."),
                "due_date": s("Due date as YYYY-MM-DD.", f="date"),
                "confidential": b("Whether the issue is confidential.", d=False),
            },
            GL_ISSUE_OUT,
            imp=True,
        ),
        T(
            "LIST_PROJECT_ISSUES",
            "List project issues",
            "List issues of a project, filtered by state, labels, milestone or search text.",
            "issues",
            {
                "id!": GL_PROJECT,
                "state": s("Return all issues or only opened or closed ones.", e=["opened", "closed", "all"]),
                "labels": s("Comma-separated label names the issues must have."),
                "search": s("Search issues by title and description."),
                "order_by": s("Order field.", e=["created_at", "updated_at", "priority", "due_date"], d="created_at"),
                "per_page": per_page(20),
                "page": page(),
            },
            "issues:a",
        ),
        T(
            "UPDATE_ISSUE",
            "Update an issue",
            "Update an issue's title, description, labels or assignees, or close it with state_event.",
            "issues",
            {
                "id!": GL_PROJECT,
                "issue_iid!": i("The internal ID of the project's issue."),
                "title": s("New title."),
                "description": s("New description."),
                "labels": s("Comma-separated labels; replaces existing."),
                "state_event": s("Close or reopen the issue.", e=["close", "reopen"]),
                "assignee_ids": a("IDs of the users to assign.", items="integer"),
            },
            GL_ISSUE_OUT,
        ),
        T(
            "CREATE_ISSUE_NOTE",
            "Comment on an issue",
            "Add a comment (note) to a project issue.",
            "issues comments",
            {
                "id!": GL_PROJECT,
                "issue_iid!": i("The internal ID of the issue."),
                "body!": s("The content of the note."),
            },
            "id:i;body:s;author:o;created_at:s",
        ),
        T(
            "CREATE_MERGE_REQUEST",
            "Create a merge request",
            "Open a merge request from a source branch into a target branch.",
            "merge_requests",
            {
                "id!": GL_PROJECT,
                "source_branch!": s("The source branch."),
                "target_branch!": s("The target branch.", ex=["main"]),
                "title!": s("Title of the merge request."),
                "description": s("Description of the merge request."),
                "assignee_id": i("Assignee user ID."),
                "labels": s("Comma-separated labels."),
                "remove_source_branch": b("Delete the source branch when merging.", d=False),
                "squash": b("Squash commits into a single commit when merging.", d=False),
            },
            GL_MR_OUT,
            imp=True,
        ),
        T(
            "LIST_MERGE_REQUESTS",
            "List merge requests",
            "List the merge requests of a project.",
            "merge_requests",
            {
                "id!": GL_PROJECT,
                "state": s("Filter by state.", e=["opened", "closed", "locked", "merged", "all"]),
                "target_branch": s("Filter by target branch."),
                "per_page": per_page(20),
                "page": page(),
            },
            "merge_requests:a",
        ),
        T(
            "ACCEPT_MERGE_REQUEST",
            "Merge a merge request",
            "Accept and merge a merge request once it can be merged.",
            "merge_requests",
            {
                "id!": GL_PROJECT,
                "merge_request_iid!": i("The internal ID of the merge request."),
                "merge_commit_message": s("Custom merge commit message."),
                "squash": b("Squash commits on merge."),
                "should_remove_source_branch": b("Remove the source branch after merging."),
            },
            GL_MR_OUT,
        ),
        T(
            "CREATE_PROJECT",
            "Create a project",
            "Create a new GitLab project (repository) in a namespace.",
            "projects repos",
            {
                "name!": s("The name of the new project."),
                "path": s("Repository path; generated from the name if omitted."),
                "namespace_id": i("Namespace (group) to create the project in; defaults to the user's namespace."),
                "description": s("Short project description."),
                "visibility": s("Project visibility.", e=["private", "internal", "public"], d="private"),
                "initialize_with_readme": b("Create an initial README commit.", d=False),
            },
            "id:i;name:s;path_with_namespace:s;web_url:s;default_branch:s;visibility:s",
        ),
        T(
            "LIST_PROJECTS",
            "List projects",
            "List projects visible to the authenticated user.",
            "projects",
            {
                "membership": b("Limit to projects the user is a member of.", d=False),
                "owned": b("Limit to projects owned by the user.", d=False),
                "search": s("Return projects matching the search criteria."),
                "order_by": s("Order field.", e=["id", "name", "created_at", "updated_at", "last_activity_at"]),
                "per_page": per_page(20),
                "page": page(),
            },
            "projects:a",
        ),
        T(
            "CREATE_PIPELINE",
            "Run a pipeline",
            "Trigger a new CI/CD pipeline for a branch or tag, with optional variables.",
            "ci pipelines",
            {
                "id!": GL_PROJECT,
                "ref!": s("Branch or tag to run the pipeline for.", ex=["main"]),
                "variables": a(
                    "Pipeline variables.",
                    items=o(
                        "A variable.",
                        {
                            "key!": s("Variable name."),
                            "value!": s("Variable value."),
                            "variable_type": s("Type.", e=["env_var", "file"], d="env_var"),
                        },
                    ),
                ),
            },
            "id:i;status:s;ref:s;sha:s;web_url:s",
        ),
        T(
            "LIST_PROJECT_PIPELINES",
            "List project pipelines",
            "List CI/CD pipelines of a project, filtered by status or ref.",
            "ci pipelines",
            {
                "id!": GL_PROJECT,
                "status": s(
                    "Pipeline status.",
                    e=["created", "running", "pending", "success", "failed", "canceled", "skipped", "manual"],
                ),
                "ref": s("The ref of pipelines."),
                "per_page": per_page(20),
                "page": page(),
            },
            "pipelines:a",
        ),
        T(
            "GET_REPOSITORY_FILE",
            "Get a repository file",
            "Get a file from a project's repository with its base64 content.",
            "repos contents",
            {
                "id!": GL_PROJECT,
                "file_path!": s("URL-encoded full path of the file, e.g. lib%2Fclass.rb."),
                "ref!": s("Branch, tag or commit.", ex=["main"]),
            },
            "file_name:s;file_path:s;size:i;encoding:s;content:s;last_commit_id:s",
        ),
    ],
)

TK(
    "sentry",
    "Sentry",
    "Sentry is an application monitoring platform for error tracking, performance tracing and release health.",
    "https://sentry.io",
    ["monitoring", "developer-tools"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "LIST_PROJECT_ISSUES",
            "List a project's issues",
            "List issues (grouped errors) of a Sentry project, with an optional search query.",
            "issues errors",
            {
                "organization_slug!": s("The slug of the organization.", ex=["acme"]),
                "project_slug!": s("The slug of the project.", ex=["web-frontend"]),
                "query": s("Sentry search query; defaults to is:unresolved.", d="is:unresolved"),
                "statsPeriod": s("Time window of the stats.", e=["24h", "14d", ""], d="24h"),
                "cursor": s("Pagination cursor from a previous response."),
            },
            "issues:a;next_cursor:s",
            imp=True,
        ),
        T(
            "RETRIEVE_AN_ISSUE",
            "Retrieve an issue",
            "Get the details of an issue, with counts, first and last seen and the assignee.",
            "issues errors",
            {"issue_id!": s("The ID of the issue.")},
            "id:s;shortId:s;title:s;culprit:s;status:s;level:s;count:s;userCount:i;firstSeen:s;lastSeen:s;permalink:s",
        ),
        T(
            "UPDATE_AN_ISSUE",
            "Update an issue",
            "Resolve, ignore, assign or bookmark an issue.",
            "issues",
            {
                "issue_id!": s("The ID of the issue."),
                "status": s("The new status.", e=["resolved", "resolvedInNextRelease", "unresolved", "ignored"]),
                "assignedTo": s("Actor to assign, as username or team:TEAM_ID."),
                "hasSeen": b("Mark the issue seen by the user."),
                "isBookmarked": b("Bookmark the issue for the user."),
            },
            "id:s;status:s;assignedTo:o",
        ),
        T(
            "LIST_AN_ISSUES_EVENTS",
            "List an issue's events",
            "List the error events grouped under an issue.",
            "issues events",
            {
                "issue_id!": s("The ID of the issue."),
                "full": b("Include the full event body with stack traces.", d=False),
                "cursor": s("Pagination cursor."),
            },
            "events:a",
        ),
        T(
            "LIST_ORGANIZATION_PROJECTS",
            "List an organization's projects",
            "List the projects of a Sentry organization.",
            "projects",
            {"organization_slug!": s("The slug of the organization."), "cursor": s("Pagination cursor.")},
            "projects:a",
        ),
        T(
            "CREATE_A_NEW_RELEASE",
            "Create a release",
            "Create a release for an organization, linking it to projects and commits.",
            "releases",
            {
                "organization_slug!": s("The slug of the organization."),
                "version!": s("Version identifier of the release, e.g. a git SHA or semver.", ex=["web@1.8.2"]),
                "projects!": a("Project slugs the release belongs to."),
                "ref": s("Optional commit reference."),
                "url": s("URL pointing to the release, e.g. a CI build."),
                "dateReleased": s("When the release went live (ISO 8601).", f="date-time"),
            },
            "version:s;dateCreated:s;dateReleased:s;newGroups:i",
        ),
        T(
            "CREATE_A_DEPLOY",
            "Create a deploy",
            "Record a deploy of a release to an environment.",
            "releases deploys",
            {
                "organization_slug!": s("The slug of the organization."),
                "version!": s("The version of the release."),
                "environment!": s("The environment deployed to.", ex=["production"]),
                "name": s("Optional name of the deploy."),
                "url": s("URL of the deploy."),
            },
            "id:s;environment:s;dateFinished:s",
        ),
        T(
            "RESOLVE_SHORT_ID",
            "Resolve a short ID",
            "Find the issue behind a short ID such as WEB-1A2.",
            "issues",
            {
                "organization_slug!": s("The slug of the organization."),
                "short_id!": s("The short ID to look up.", ex=["WEB-1A2"]),
            },
            "group:o:The issue.;projectSlug:s;shortId:s",
        ),
    ],
)

TK(
    "pagerduty",
    "PagerDuty",
    "PagerDuty is an incident response platform: on-call schedules, escalation policies and incident management.",
    "https://www.pagerduty.com",
    ["monitoring"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_AN_INCIDENT",
            "Create an incident",
            "Open an incident on a service to page the on-call responders.",
            "incidents",
            {
                "from!": s("Email of a valid PagerDuty user making the request."),
                "title!": s("A succinct description of the problem.", ex=["Checkout API returning 500s"]),
                "service_id!": s("ID of the service the incident belongs to."),
                "urgency": s("Urgency of the incident.", e=["high", "low"], d="high"),
                "body_details": s("Additional details about the incident."),
                "escalation_policy_id": s("Escalation policy to use instead of the service's default."),
                "incident_key": s("Deduplication key; incidents with the same key are merged."),
            },
            "id:s;incident_number:i;title:s;status:s;urgency:s;html_url:s;created_at:s",
            imp=True,
        ),
        T(
            "LIST_INCIDENTS",
            "List incidents",
            "List incidents, filtered by status, service, urgency or time range.",
            "incidents",
            {
                "statuses": a("Statuses to include.", items=s("Status.", e=["triggered", "acknowledged", "resolved"])),
                "service_ids": a("Only incidents of these services."),
                "urgencies": a("Only these urgencies."),
                "since": s("Start of the date range (ISO 8601).", f="date-time"),
                "until": s("End of the date range (ISO 8601).", f="date-time"),
                "limit": i("Results per page.", d=25, mx=100),
                "offset": i("Offset to start pagination.", d=0),
            },
            "incidents:a;more:b",
        ),
        T(
            "UPDATE_AN_INCIDENT",
            "Update an incident",
            "Acknowledge, resolve, reassign or change the urgency of an incident.",
            "incidents",
            {
                "id!": s("The ID of the incident."),
                "from!": s("Email of the user making the request."),
                "status": s("The new status.", e=["acknowledged", "resolved"]),
                "urgency": s("New urgency.", e=["high", "low"]),
                "resolution": s("Resolution note when resolving."),
                "assignee_ids": a("User IDs to reassign the incident to."),
            },
            "id:s;status:s;urgency:s",
        ),
        T(
            "CREATE_A_NOTE_ON_AN_INCIDENT",
            "Create a note on an incident",
            "Add a timeline note to an incident.",
            "incidents notes",
            {
                "id!": s("The ID of the incident."),
                "from!": s("Email of the user making the request."),
                "content!": s("The note content."),
            },
            "id:s;content:s;created_at:s",
        ),
        T(
            "SEND_AN_EVENT",
            "Send an event (Events API v2)",
            "Trigger, acknowledge or resolve an alert through the Events API v2 with a routing key.",
            "events alerts",
            {
                "routing_key!": s("Integration key of the service's Events API v2 integration."),
                "event_action!": s("The type of event.", e=["trigger", "acknowledge", "resolve"]),
                "dedup_key": s("Deduplication key; required for acknowledge and resolve."),
                "summary": s("A brief text summary of the event; required for trigger."),
                "source": s("Unique location of the affected system, e.g. hostname."),
                "severity": s("Perceived severity.", e=["critical", "error", "warning", "info"]),
                "custom_details": o("Free-form details of the event."),
            },
            "status:s;message:s;dedup_key:s",
            no_auth=True,
        ),
        T(
            "LIST_ON_CALLS",
            "List on-calls",
            "List who is on call for given schedules or escalation policies.",
            "oncall schedules",
            {
                "schedule_ids": a("Filter by schedule IDs."),
                "escalation_policy_ids": a("Filter by escalation policies."),
                "since": s("Start of the time range.", f="date-time"),
                "until": s("End of the time range.", f="date-time"),
                "earliest": b("Only the earliest on-call for each combination.", d=False),
            },
            "oncalls:a",
        ),
        T(
            "LIST_SERVICES",
            "List services",
            "List the services in the account.",
            "services",
            {"query": s("Filter services by name."), "limit": i("Results per page.", d=25)},
            "services:a",
        ),
        T(
            "LIST_SCHEDULES",
            "List schedules",
            "List the on-call schedules in the account.",
            "schedules",
            {"query": s("Filter schedules by name."), "limit": i("Results per page.", d=25)},
            "schedules:a",
        ),
    ],
)

TK(
    "datadog",
    "Datadog",
    "Datadog is a monitoring and analytics platform for infrastructure metrics, logs, APM traces and dashboards.",
    "https://www.datadoghq.com",
    ["monitoring", "analytics"],
    ["API_KEY"],
    tools=[
        T(
            "QUERY_TIMESERIES_POINTS",
            "Query timeseries points",
            "Query metric timeseries over a time range with the Datadog query language.",
            "metrics",
            {
                "query!": s("Metric query.", ex=["avg:system.cpu.user{env:prod} by {host}"]),
                "from!": i("Start of the window as a UNIX timestamp in seconds."),
                "to!": i("End of the window as a UNIX timestamp in seconds."),
            },
            "series:a;status:s;res_type:s",
            imp=True,
        ),
        T(
            "SUBMIT_METRICS",
            "Submit metrics",
            "Submit custom metric points to Datadog.",
            "metrics",
            {
                "series!": a(
                    "Metric series to submit.",
                    items=o(
                        "A series.",
                        {
                            "metric!": s("Name of the metric.", ex=["shop.checkout.count"]),
                            "points!": a(
                                "Points as [timestamp, value] pairs.",
                                items={"type": "array", "items": {"type": "number"}},
                            ),
                            "type": s("Metric type.", e=["count", "rate", "gauge"], d="gauge"),
                            "tags": a("Tags, e.g. env:prod."),
                            "host": s("Host name."),
                        },
                    ),
                )
            },
            "status:s",
        ),
        T(
            "CREATE_A_MONITOR",
            "Create a monitor",
            "Create a monitor that alerts when a metric, log or APM query crosses a threshold.",
            "monitors alerts",
            {
                "name!": s("Name of the monitor."),
                "type!": s(
                    "Monitor type.",
                    e=["metric alert", "query alert", "service check", "log alert", "event-v2 alert", "composite"],
                ),
                "query!": s("The monitor query.", ex=["avg(last_5m):avg:system.cpu.user{env:prod} > 90"]),
                "message": s("Notification message; can @-mention people and channels."),
                "tags": a("Tags of the monitor."),
                "priority": i("Priority from 1 (high) to 5 (low).", mn=1, mx=5),
                "options": o("Monitor options, e.g. thresholds and notify_no_data."),
            },
            "id:i;name:s;overall_state:s;created:s",
        ),
        T(
            "LIST_MONITORS",
            "List monitors",
            "List monitors, filtered by name, tags or state.",
            "monitors",
            {
                "name": s("Filter by monitor name."),
                "monitor_tags": s("Comma-separated monitor tags."),
                "page": i("Page to return, starting at 0.", d=0),
                "page_size": i("Monitors per page.", d=100),
            },
            "monitors:a",
        ),
        T(
            "MUTE_A_MONITOR",
            "Mute a monitor",
            "Silence a monitor's notifications, optionally only for a scope and until a time.",
            "monitors",
            {
                "monitor_id!": i("The ID of the monitor."),
                "scope": s("Scope to mute, e.g. host:web-01."),
                "end": i("UNIX timestamp when the mute ends."),
            },
            "id:i;options:o",
        ),
        T(
            "SEARCH_LOGS",
            "Search logs",
            "Search and filter log events with the log search syntax.",
            "logs",
            {
                "query": s("Log search query.", d="*", ex=["service:checkout status:error"]),
                "from": s("Start time, ISO 8601 or relative like now-15m.", d="now-15m"),
                "to": s("End time.", d="now"),
                "limit": i("Maximum logs returned.", d=10, mx=1000),
                "sort": s("Sort order.", e=["timestamp", "-timestamp"], d="-timestamp"),
            },
            "logs:a;next_cursor:s",
        ),
        T(
            "POST_AN_EVENT",
            "Post an event",
            "Post an event to the Datadog event stream, e.g. a deployment marker.",
            "events",
            {
                "title!": s("Event title."),
                "text!": s("Event body, Markdown allowed."),
                "alert_type": s("Alert type.", e=["error", "warning", "info", "success"], d="info"),
                "tags": a("Event tags."),
            },
            "id:i;url:s;status:s",
        ),
        T(
            "GET_ALL_DASHBOARDS",
            "Get all dashboards",
            "List all dashboards of the organization.",
            "dashboards",
            {"filter_shared": b("Only shared dashboards.")},
            "dashboards:a",
        ),
    ],
)

PG_TABLE = s("Name of the table in the public schema.", ex=["orders"])
TK(
    "supabase",
    "Supabase",
    "Supabase is an open source Postgres development platform with a database, auth, storage and edge functions.",
    "https://supabase.com",
    ["databases", "developer-tools"],
    ["OAUTH2", "API_KEY"],
    tools=[
        T(
            "BETA_RUN_SQL_QUERY",
            "Run a SQL query",
            "Run a SQL query against a project's Postgres database and "
            "return the rows. Use it to query or modify data with plain SQL.",
            "database sql query postgres read write",
            {
                "ref!": s("Project reference ID.", ex=["abcdefghijklmnopqrst"]),
                "query!": s(
                    "SQL to run.", ex=["select id, email from users where created_at > now() - interval '7 days'"]
                ),
                "read_only": b("Run inside a read-only transaction.", d=False),
            },
            "rows:a;row_count:i",
            imp=True,
        ),
        T(
            "SELECT_FROM_TABLE",
            "Select rows from a table",
            "Read rows from a table through the auto-generated REST API, with filters and ordering.",
            "database rows query postgres",
            {
                "ref!": s("Project reference ID."),
                "table!": PG_TABLE,
                "select": s("Columns to return (PostgREST syntax).", d="*"),
                "filters": o('Column filters in PostgREST syntax, e.g. {"status": "eq.paid"}.'),
                "order": s("Ordering, e.g. created_at.desc."),
                "limit": i("Maximum rows.", d=100),
            },
            "rows:a",
        ),
        T(
            "INSERT_ROWS",
            "Insert rows into a table",
            "Insert one or more rows into a table.",
            "database rows postgres",
            {
                "ref!": s("Project reference ID."),
                "table!": PG_TABLE,
                "rows!": a("Rows to insert, as column/value objects.", items="object"),
                "upsert": b("Update rows that conflict on the primary key.", d=False),
            },
            "rows:a",
        ),
        T(
            "UPDATE_ROWS",
            "Update rows in a table",
            "Update the rows of a table that match the filters.",
            "database rows postgres",
            {
                "ref!": s("Project reference ID."),
                "table!": PG_TABLE,
                "values!": o("Columns and their new values."),
                "filters!": o("Filters selecting the rows to update, in PostgREST syntax."),
            },
            "rows:a",
        ),
        T(
            "DELETE_ROWS",
            "Delete rows from a table",
            "Delete the rows of a table that match the filters.",
            "database rows postgres",
            {
                "ref!": s("Project reference ID."),
                "table!": PG_TABLE,
                "filters!": o("Filters selecting the rows to delete."),
            },
            "rows:a",
        ),
        T(
            "LIST_TABLES",
            "List tables",
            "List the tables of a database schema with their columns.",
            "database schema",
            {"ref!": s("Project reference ID."), "schema": s("Schema name.", d="public")},
            "tables:a",
        ),
        T(
            "LIST_ALL_PROJECTS",
            "List all projects",
            "List the Supabase projects the account can access.",
            "projects",
            {},
            "projects:a",
        ),
        T(
            "UPLOAD_FILE_TO_STORAGE",
            "Upload a file to storage",
            "Upload a file to a Supabase Storage bucket.",
            "storage files",
            {
                "ref!": s("Project reference ID."),
                "bucket!": s("Bucket name."),
                "path!": s("Object path in the bucket.", ex=["avatars/u1.png"]),
                "file!": s("File content, base64 encoded."),
                "content_type": s("MIME type.", ex=["image/png"]),
                "upsert": b("Overwrite an existing object.", d=False),
            },
            "Key:s:Storage key of the object.;Id:s",
        ),
    ],
)

TK(
    "neon",
    "Neon",
    "Neon is serverless Postgres with branching, autoscaling and a SQL API.",
    "https://neon.tech",
    ["databases", "developer-tools"],
    ["API_KEY"],
    tools=[
        T(
            "EXECUTE_SQL",
            "Execute a SQL statement",
            "Run a SQL statement on a Neon Postgres database branch and return the result rows.",
            "database sql query postgres read write",
            {
                "project_id!": s("The Neon project ID."),
                "branch_id": s("Branch ID; defaults to the main branch."),
                "database!": s("Database name.", ex=["neondb"]),
                "sql!": s("SQL statement to run."),
                "params": a("Positional parameters for $1, $2... placeholders.", items={}),
            },
            "rows:a;fields:a;rowCount:i",
            imp=True,
        ),
        T(
            "LIST_PROJECTS",
            "List projects",
            "List the Neon projects of the account.",
            "projects",
            {"limit": i("Maximum projects returned.", d=10, mx=400), "cursor": s("Pagination cursor.")},
            "projects:a",
        ),
        T(
            "CREATE_BRANCH",
            "Create a branch",
            "Create a copy-on-write branch of a database, e.g. for a preview environment.",
            "branches",
            {
                "project_id!": s("The Neon project ID."),
                "name": s("Branch name."),
                "parent_id": s("Branch to branch from; defaults to the main branch."),
            },
            "branch:o;endpoints:a",
        ),
        T(
            "LIST_BRANCHES",
            "List branches",
            "List the branches of a project.",
            "branches",
            {"project_id!": s("The Neon project ID.")},
            "branches:a",
        ),
        T(
            "LIST_DATABASES",
            "List databases",
            "List the databases of a branch.",
            "database",
            {"project_id!": s("The Neon project ID."), "branch_id!": s("The branch ID.")},
            "databases:a",
        ),
        T(
            "GET_CONNECTION_URI",
            "Get a connection URI",
            "Get a Postgres connection string for a database and role.",
            "database",
            {
                "project_id!": s("The Neon project ID."),
                "database_name!": s("Database name."),
                "role_name!": s("Role name."),
                "pooled": b("Use the connection pooler endpoint.", d=True),
            },
            "uri:s",
        ),
    ],
)

S3_BUCKET = s("Name of the S3 bucket.", ex=["acme-reports"])
TK(
    "amazon_s3",
    "Amazon S3",
    "Amazon Simple Storage Service (S3) stores objects in buckets "
    "with high durability, for files, backups and data lakes.",
    "https://aws.amazon.com/s3",
    ["file-storage", "developer-tools"],
    ["API_KEY"],
    tools=[
        T(
            "LIST_BUCKETS",
            "List buckets",
            "List the S3 buckets owned by the account.",
            "buckets",
            {},
            "buckets:a;owner:o",
        ),
        T(
            "LIST_OBJECTS_V2",
            "List objects",
            "List objects in a bucket, optionally under a key prefix.",
            "objects files",
            {
                "bucket!": S3_BUCKET,
                "prefix": s("Only keys that begin with this prefix.", ex=["2025/09/"]),
                "delimiter": s("Character used to group keys, usually /."),
                "max_keys": i("Maximum keys returned.", d=1000),
                "continuation_token": s("Token from a previous truncated response."),
            },
            "contents:a;is_truncated:b;next_continuation_token:s;key_count:i",
        ),
        T(
            "PUT_OBJECT",
            "Upload an object",
            "Upload a file to an S3 bucket under the given key.",
            "objects files upload",
            {
                "bucket!": S3_BUCKET,
                "key!": s("Object key (path) in the bucket.", ex=["reports/2025-09.csv"]),
                "body!": s("Object content, base64 encoded."),
                "content_type": s("MIME type of the object."),
                "acl": s("Canned ACL.", e=["private", "public-read", "authenticated-read"], d="private"),
                "metadata": o("User-defined metadata stored with the object."),
            },
            "etag:s;version_id:s",
            imp=True,
        ),
        T(
            "GET_OBJECT",
            "Download an object",
            "Download an object's content and metadata.",
            "objects files download",
            {"bucket!": S3_BUCKET, "key!": s("Object key."), "version_id": s("A specific version of the object.")},
            "content:s:Base64 encoded content.;content_type:s;content_length:i;last_modified:s;etag:s",
        ),
        T(
            "DELETE_OBJECT",
            "Delete an object",
            "Delete an object from a bucket.",
            "objects files",
            {"bucket!": S3_BUCKET, "key!": s("Object key."), "version_id": s("Version to delete.")},
            "deleted:b;version_id:s",
        ),
        T(
            "COPY_OBJECT",
            "Copy an object",
            "Copy an object to another key or bucket.",
            "objects files",
            {
                "source_bucket!": S3_BUCKET,
                "source_key!": s("Key of the source object."),
                "destination_bucket!": s("Destination bucket."),
                "destination_key!": s("Destination key."),
            },
            "etag:s;last_modified:s",
        ),
        T(
            "CREATE_BUCKET",
            "Create a bucket",
            "Create a new S3 bucket in a region.",
            "buckets",
            {"bucket!": s("Globally unique bucket name."), "region": s("AWS region.", d="us-east-1", ex=["eu-west-1"])},
            "location:s",
        ),
        T(
            "GENERATE_PRESIGNED_URL",
            "Generate a presigned URL",
            "Create a time-limited URL to download or upload an object without credentials.",
            "objects sharing",
            {
                "bucket!": S3_BUCKET,
                "key!": s("Object key."),
                "method": s("Operation the URL allows.", e=["get_object", "put_object"], d="get_object"),
                "expires_in": i("Lifetime of the URL in seconds.", d=3600, mx=604800),
            },
            "url:s;expires_at:s",
        ),
    ],
)

# ======================================================================================
# Communication & email
# ======================================================================================
SL_CHANNEL = s(
    "Channel ID, private group ID or IM channel ID; a channel name like #general also works for posting.",
    ex=["C0123456789"],
)
SL_TS = s("Timestamp of the message, e.g. 1712345678.123456.")
SL_MSG_OUT = "ok:b;channel:s;ts:s:Timestamp ID of the message.;message:o"
SL_CURSOR = s("Pagination cursor from response_metadata.next_cursor of a previous call.")
TK(
    "slack",
    "Slack",
    "Slack is a channel-based messaging platform for teams: channels, direct messages, threads, files and apps.",
    "https://slack.com",
    ["communication"],
    ["OAUTH2", "BEARER_TOKEN"],
    triggers=4,
    version="20250902_00",
    tools=[
        T(
            "SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL",
            "Send a message to a Slack channel",
            "Send a message to a Slack channel, private group or DM, "
            "optionally as a thread reply or with Block Kit blocks.",
            "messages chat",
            {
                "channel!": SL_CHANNEL,
                "text": s(
                    "Message text, with mrkdwn formatting. Required unless blocks or attachments are given.",
                    ex=["Deploy finished :rocket:"],
                ),
                "blocks": s("A JSON-encoded array of Block Kit blocks."),
                "thread_ts": s("Timestamp of a parent message to reply in its thread."),
                "reply_broadcast": b("Also send a thread reply to the channel.", d=False),
                "username": s("Bot's display name for this message (requires chat:write.customize)."),
                "icon_emoji": s("Emoji to use as the bot's icon, e.g. :robot_face:."),
                "unfurl_links": b("Unfurl primarily text-based content.", d=True),
                "mrkdwn": b("Parse mrkdwn formatting.", d=True),
            },
            SL_MSG_OUT,
            imp=True,
        ),
        T(
            "SEND_EPHEMERAL_MESSAGE",
            "Send an ephemeral message",
            "Send a message only one user in a channel can see, e.g. a confirmation or hint.",
            "messages chat",
            {
                "channel!": SL_CHANNEL,
                "user!": s("ID of the user who will see the message.", ex=["U0123456789"]),
                "text!": s("Message text."),
                "blocks": s("JSON-encoded Block Kit blocks."),
                "thread_ts": s("Thread to post in."),
            },
            "ok:b;message_ts:s",
        ),
        T(
            "SCHEDULES_A_MESSAGE_TO_A_CHANNEL_AT_A_SPECIFIED_TIME",
            "Schedule a message",
            "Schedule a message to be posted to a channel at a future time (up to 120 days ahead).",
            "messages chat scheduling",
            {
                "channel!": SL_CHANNEL,
                "post_at!": i("UNIX timestamp of when the message is posted.", ex=[1767225600]),
                "text!": s("Message text."),
                "thread_ts": s("Parent message timestamp to reply in a thread."),
            },
            "ok:b;channel:s;scheduled_message_id:s;post_at:i",
        ),
        T(
            "UPDATES_A_SLACK_MESSAGE",
            "Update a message",
            "Edit the text or blocks of a message the app posted.",
            "messages chat",
            {
                "channel!": SL_CHANNEL,
                "ts!": SL_TS,
                "text": s("New message text."),
                "blocks": s("New JSON-encoded blocks."),
            },
            SL_MSG_OUT,
        ),
        T(
            "DELETES_A_MESSAGE_FROM_A_CHAT",
            "Delete a message",
            "Delete a message from a channel or conversation.",
            "messages chat",
            {"channel!": SL_CHANNEL, "ts!": SL_TS},
            "ok:b;channel:s;ts:s",
        ),
        T(
            "FETCH_CONVERSATION_HISTORY",
            "Fetch conversation history",
            "Fetch the messages of a channel or conversation, newest first, within an optional time window.",
            "messages channels",
            {
                "channel!": SL_CHANNEL,
                "oldest": s("Only messages after this timestamp."),
                "latest": s("Only messages before this timestamp."),
                "inclusive": b("Include messages with oldest or latest timestamps.", d=False),
                "limit": i("Maximum number of messages.", d=100, mx=999),
                "cursor": SL_CURSOR,
            },
            "ok:b;messages:a;has_more:b;next_cursor:s",
            imp=True,
        ),
        T(
            "FETCH_MESSAGE_THREAD_FROM_A_CONVERSATION",
            "Fetch a message thread",
            "Fetch a thread: the parent message and its replies.",
            "messages threads",
            {
                "channel!": SL_CHANNEL,
                "ts!": s("Timestamp of the thread's parent message."),
                "limit": i("Maximum number of replies.", d=100),
                "cursor": SL_CURSOR,
            },
            "ok:b;messages:a;has_more:b",
        ),
        T(
            "LIST_ALL_SLACK_TEAM_CHANNELS_WITH_VARIOUS_FILTERS",
            "List channels",
            "List the channels in the workspace: public, private, DMs or group DMs.",
            "channels",
            {
                "types": s(
                    "Comma-separated conversation types.", d="public_channel", ex=["public_channel,private_channel"]
                ),
                "exclude_archived": b("Leave out archived channels.", d=True),
                "limit": i("Maximum results.", d=100, mx=1000),
                "cursor": SL_CURSOR,
            },
            "ok:b;channels:a;next_cursor:s",
        ),
        T(
            "CREATE_CHANNEL_BASED_CONVERSATION",
            "Create a channel",
            "Create a public or private channel.",
            "channels",
            {
                "name!": s("Channel name: lowercase, no spaces or periods, at most 80 characters.", ex=["proj-apollo"]),
                "is_private": b("Create a private channel.", d=False),
                "team_id": s("Workspace ID, for Enterprise Grid org tokens."),
            },
            "ok:b;channel:o",
        ),
        T(
            "INVITE_USERS_TO_A_SLACK_CHANNEL",
            "Invite users to a channel",
            "Invite one or more users to a channel.",
            "channels members",
            {"channel!": SL_CHANNEL, "users!": s("Comma-separated list of user IDs (up to 1000).", ex=["U0123,U0456"])},
            "ok:b;channel:o",
        ),
        T(
            "SET_THE_TOPIC_OF_A_CONVERSATION",
            "Set a channel topic",
            "Set the topic of a channel.",
            "channels",
            {"channel!": SL_CHANNEL, "topic!": s("The new topic (no formatting or links).")},
            "ok:b;channel:o",
        ),
        T(
            "ARCHIVE_A_SLACK_CONVERSATION",
            "Archive a channel",
            "Archive a channel.",
            "channels",
            {"channel!": SL_CHANNEL},
            "ok:b",
        ),
        T(
            "ADD_REACTION_TO_AN_ITEM",
            "Add a reaction",
            "Add an emoji reaction to a message.",
            "reactions",
            {
                "channel!": SL_CHANNEL,
                "timestamp!": s("Timestamp of the message to react to."),
                "name!": s("Emoji name without colons.", ex=["thumbsup"]),
            },
            "ok:b",
        ),
        T(
            "PINS_AN_ITEM_TO_A_CHANNEL",
            "Pin a message",
            "Pin a message to a channel.",
            "pins",
            {"channel!": SL_CHANNEL, "timestamp!": s("Timestamp of the message to pin.")},
            "ok:b",
        ),
        T(
            "SEARCH_FOR_MESSAGES_WITH_QUERY",
            "Search messages",
            "Search messages across the workspace with Slack search modifiers like in:#channel and from:@user.",
            "messages search",
            {
                "query!": s("Search query.", ex=["invoice in:#finance after:2025-01-01"]),
                "count": i("Results per page.", d=20, mx=100),
                "page": page(),
                "sort": s("Sort by score or timestamp.", e=["score", "timestamp"], d="score"),
                "sort_dir": s("Sort direction.", e=["asc", "desc"], d="desc"),
            },
            "ok:b;messages:o:Matches and paging.",
        ),
        T(
            "LIST_ALL_SLACK_TEAM_USERS_WITH_PAGINATION",
            "List users",
            "List the members of the workspace.",
            "users",
            {
                "limit": i("Maximum users per page.", d=200),
                "cursor": SL_CURSOR,
                "include_locale": b("Include each user's locale.", d=False),
            },
            "ok:b;members:a;next_cursor:s",
        ),
        T(
            "RETRIEVE_DETAILED_USER_INFORMATION",
            "Get user info",
            "Get a user's profile: name, title, email, time zone and status.",
            "users",
            {"user!": s("User ID.", ex=["U0123456789"])},
            "ok:b;user:o",
        ),
        T(
            "FIND_USER_BY_EMAIL_ADDRESS",
            "Find a user by email",
            "Find a workspace member by their email address.",
            "users",
            {"email!": s("Email address of the user.", ex=["ada@example.com"])},
            "ok:b;user:o",
        ),
        T(
            "OPEN_DM",
            "Open a direct message",
            "Open (or resume) a DM or multi-person DM and get its channel ID.",
            "channels dm",
            {
                "users!": s("Comma-separated user IDs; one for a DM, up to 8 for a group DM."),
                "return_im": b("Return the full IM channel object.", d=False),
            },
            "ok:b;channel:o",
        ),
        T(
            "UPLOAD_OR_CREATE_A_FILE_IN_SLACK",
            "Upload a file",
            "Upload a file or a text snippet and share it in channels.",
            "files",
            {
                "channels": s("Comma-separated channel IDs to share the file in."),
                "content": s("File contents as text (for snippets)."),
                "file": s("File content, base64 encoded (instead of content)."),
                "filename": s("Name of the file.", ex=["report.csv"]),
                "title": s("Title of the file."),
                "initial_comment": s("Message introducing the file."),
                "thread_ts": s("Parent message timestamp to upload in a thread."),
            },
            "ok:b;file:o",
        ),
        T(
            "SET_SLACK_USER_PROFILE_INFORMATION",
            "Set user status",
            "Set the calling user's status text, emoji and expiry.",
            "users status",
            {
                "status_text": s("Status text, up to 100 characters.", ex=["In a meeting"]),
                "status_emoji": s("Status emoji.", ex=[":calendar:"]),
                "status_expiration": i("UNIX timestamp when the status clears; 0 never expires.", d=0),
            },
            "ok:b;profile:o",
        ),
        T(
            "CHAT_POST_MESSAGE",
            "Post message (legacy)",
            "Legacy wrapper around chat.postMessage; use SLACK_SENDS_A_MESSAGE_TO_A_SLACK_CHANNEL instead.",
            "messages chat",
            {"channel!": SL_CHANNEL, "text!": s("Message text.")},
            SL_MSG_OUT,
            dep=True,
        ),
    ],
)

DC_CHANNEL = s("The ID (snowflake) of the Discord channel.", ex=["1023456789012345678"])
TK(
    "discord",
    "Discord",
    "Discord is a voice, video and text chat platform organized into servers (guilds) and channels.",
    "https://discord.com",
    ["communication", "entertainment-media"],
    ["OAUTH2", "BEARER_TOKEN"],
    triggers=1,
    tools=[
        T(
            "CREATE_MESSAGE",
            "Send a message to a channel",
            "Send a message to a Discord channel as the bot, with optional embeds or a reply reference.",
            "messages",
            {
                "channel_id!": DC_CHANNEL,
                "content": s("Message text, up to 2000 characters.", ex=["Build #512 passed ✅"]),
                "embeds": a(
                    "Rich embeds (up to 10).",
                    items=o(
                        "An embed.",
                        {
                            "title": s("Embed title."),
                            "description": s("Embed text."),
                            "url": s("Link of the title."),
                            "color": i("Color as an integer."),
                        },
                    ),
                ),
                "tts": b("Send as text-to-speech.", d=False),
                "message_reference": o(
                    "Message to reply to.", {"message_id!": s("ID of the message being replied to.")}
                ),
            },
            "id:s;channel_id:s;content:s;timestamp:s",
            imp=True,
        ),
        T(
            "EXECUTE_WEBHOOK",
            "Execute a webhook",
            "Post a message through a channel webhook URL, with a custom name and avatar.",
            "messages webhooks",
            {
                "webhook_id!": s("ID of the webhook."),
                "webhook_token!": s("Token of the webhook."),
                "content": s("Message text."),
                "username": s("Override the webhook's username."),
                "avatar_url": s("Override the webhook's avatar."),
                "embeds": a("Embeds to send.", items="object"),
                "wait": b("Wait for the message to be created and return it.", d=False),
            },
            "id:s;channel_id:s",
            no_auth=True,
        ),
        T(
            "LIST_MESSAGES",
            "List channel messages",
            "Get recent messages of a channel.",
            "messages",
            {
                "channel_id!": DC_CHANNEL,
                "limit": i("Number of messages (1-100).", d=50, mn=1, mx=100),
                "before": s("Get messages before this message ID."),
                "after": s("Get messages after this message ID."),
            },
            "messages:a",
        ),
        T(
            "EDIT_MESSAGE",
            "Edit a message",
            "Edit a message the bot sent earlier.",
            "messages",
            {
                "channel_id!": DC_CHANNEL,
                "message_id!": s("ID of the message."),
                "content": s("New text."),
                "embeds": a("New embeds.", items="object"),
            },
            "id:s;content:s;edited_timestamp:s",
        ),
        T(
            "DELETE_MESSAGE",
            "Delete a message",
            "Delete a message from a channel.",
            "messages",
            {"channel_id!": DC_CHANNEL, "message_id!": s("ID of the message.")},
            "ok:b",
        ),
        T(
            "CREATE_REACTION",
            "Add a reaction",
            "React to a message with an emoji.",
            "reactions",
            {
                "channel_id!": DC_CHANNEL,
                "message_id!": s("ID of the message."),
                "emoji!": s("Unicode emoji or name:id for custom emoji.", ex=["👍"]),
            },
            "ok:b",
        ),
        T(
            "LIST_GUILD_CHANNELS",
            "List server channels",
            "List the channels of a server (guild).",
            "channels guilds",
            {"guild_id!": s("ID of the server.")},
            "channels:a",
        ),
        T(
            "CREATE_GUILD_CHANNEL",
            "Create a channel",
            "Create a text, voice or category channel in a server.",
            "channels guilds",
            {
                "guild_id!": s("ID of the server."),
                "name!": s("Channel name (1-100 characters)."),
                "type": i(
                    "Channel type: 0 text, 2 voice, 4 category, 5 announcement, 15 forum.", e=[0, 2, 4, 5, 15], d=0
                ),
                "topic": s("Channel topic."),
                "parent_id": s("ID of the parent category."),
            },
            "id:s;name:s;type:i",
        ),
        T(
            "START_THREAD_FROM_MESSAGE",
            "Start a thread",
            "Start a thread from an existing message.",
            "threads",
            {
                "channel_id!": DC_CHANNEL,
                "message_id!": s("ID of the message."),
                "name!": s("Thread name."),
                "auto_archive_duration": i(
                    "Minutes of inactivity before archiving.", e=[60, 1440, 4320, 10080], d=1440
                ),
            },
            "id:s;name:s",
        ),
        T(
            "CREATE_DM",
            "Open a DM",
            "Open a direct message channel with a user so the bot can message them.",
            "dm",
            {"recipient_id!": s("ID of the user.")},
            "id:s;type:i",
        ),
        T(
            "ADD_GUILD_MEMBER_ROLE",
            "Add a role to a member",
            "Give a role to a member of a server.",
            "guilds roles members",
            {"guild_id!": s("ID of the server."), "user_id!": s("ID of the member."), "role_id!": s("ID of the role.")},
            "ok:b",
        ),
        T(
            "LIST_MY_GUILDS",
            "List my servers",
            "List the servers the bot or user is a member of.",
            "guilds",
            {"limit": i("Max servers (1-200).", d=200)},
            "guilds:a",
        ),
    ],
)

MT_TEAM = s("The ID of the team.", ex=["fbe2bf47-16c8-47cf-b4a5-4b9b187c508b"])
MT_CHANNEL = s("The ID of the channel.", ex=["19:4a95f7d8db4c4e7fae857bcebe0623e6@thread.tacv2"])
TK(
    "microsoft_teams",
    "Microsoft Teams",
    "Microsoft Teams is Microsoft 365's hub for team chat, channels, meetings and calls.",
    "https://www.microsoft.com/microsoft-teams",
    ["communication", "video-conferencing"],
    ["OAUTH2"],
    triggers=2,
    tools=[
        T(
            "TEAMS_POST_CHANNEL_MESSAGE",
            "Send a message to a Teams channel",
            "Post a new message to a channel of a team.",
            "messages channels",
            {
                "team_id!": MT_TEAM,
                "channel_id!": MT_CHANNEL,
                "content!": s("Body of the message.", ex=["Standup in 5 minutes"]),
                "content_type": s("Format of the body.", e=["text", "html"], d="text"),
                "subject": s("Optional subject line."),
            },
            "id:s;createdDateTime:s;webUrl:s",
            imp=True,
        ),
        T(
            "TEAMS_POST_CHAT_MESSAGE",
            "Send a chat message",
            "Send a message in a one-on-one or group chat.",
            "messages chats",
            {
                "chat_id!": s("The ID of the chat."),
                "content!": s("Body of the message."),
                "content_type": s("Format of the body.", e=["text", "html"], d="text"),
            },
            "id:s;createdDateTime:s",
        ),
        T(
            "POST_MESSAGE_REPLY",
            "Reply to a channel message",
            "Reply to a message in a channel thread.",
            "messages channels",
            {
                "team_id!": MT_TEAM,
                "channel_id!": MT_CHANNEL,
                "message_id!": s("ID of the parent message."),
                "content!": s("Reply body."),
            },
            "id:s;createdDateTime:s",
        ),
        T(
            "LIST_CHANNEL_MESSAGES",
            "List channel messages",
            "List the messages (without replies) of a channel.",
            "messages channels",
            {"team_id!": MT_TEAM, "channel_id!": MT_CHANNEL, "top": i("Messages per page (max 50).", d=20, mx=50)},
            "value:a;next_link:s",
        ),
        T(
            "TEAMS_LIST",
            "List joined teams",
            "List the teams the signed-in user is a member of.",
            "teams",
            {},
            "value:a",
        ),
        T(
            "TEAMS_LIST_CHANNELS",
            "List channels",
            "List the channels of a team.",
            "channels",
            {"team_id!": MT_TEAM, "filter": s("OData filter, e.g. membershipType eq 'private'.")},
            "value:a",
        ),
        T(
            "CREATE_CHANNEL",
            "Create a channel",
            "Create a standard, private or shared channel in a team.",
            "channels",
            {
                "team_id!": MT_TEAM,
                "displayName!": s("Channel name."),
                "description": s("Channel description."),
                "membershipType": s("Type of channel.", e=["standard", "private", "shared"], d="standard"),
            },
            "id:s;displayName:s;webUrl:s",
        ),
        T(
            "LIST_TEAM_MEMBERS",
            "List team members",
            "List the members of a team.",
            "teams members",
            {"team_id!": MT_TEAM},
            "value:a",
        ),
        T(
            "ADD_MEMBER_TO_TEAM",
            "Add a member to a team",
            "Add a user to a team as member or owner.",
            "teams members",
            {
                "team_id!": MT_TEAM,
                "user_id!": s("Azure AD object ID or UPN of the user."),
                "roles": a('Roles; ["owner"] for an owner, empty for a member.', d=[]),
            },
            "id:s;displayName:s;roles:as",
        ),
        T(
            "CHATS_GET_ALL_CHATS",
            "List chats",
            "List the chats the signed-in user is part of.",
            "chats",
            {"top": i("Chats per page.", d=20, mx=50), "filter": s("OData filter, e.g. chatType eq 'group'.")},
            "value:a",
        ),
        T(
            "CREATE_MEETING",
            "Create an online meeting",
            "Create a standalone Teams online meeting and get its join link.",
            "meetings",
            {
                "subject!": s("Meeting subject."),
                "startDateTime!": s("Start time (ISO 8601).", f="date-time"),
                "endDateTime!": s("End time (ISO 8601).", f="date-time"),
                "participants": a("Attendee email addresses."),
            },
            "id:s;joinWebUrl:s;subject:s",
        ),
    ],
)

GM_USER = s("User's email address; `me` for the authenticated user.", d="me")
GM_MSG_OUT = "id:s;threadId:s;labelIds:as"
TK(
    "gmail",
    "Gmail",
    "Gmail is Google's email service: send, search, read, label and organize messages and drafts.",
    "https://mail.google.com",
    ["email", "communication"],
    ["OAUTH2"],
    triggers=1,
    version="20250904_00",
    tools=[
        T(
            "SEND_EMAIL",
            "Send email",
            "Send an email from the connected Gmail account, with optional CC, BCC, HTML body and one attachment.",
            "email send",
            {
                "recipient_email!": s("Primary recipient's email address.", ex=["ada@example.com"]),
                "subject": s("Subject line."),
                "body": s("Body of the email, plain text or HTML."),
                "is_html": b("Set to true when the body is HTML.", d=False),
                "cc": a("CC recipients' emails.", d=[]),
                "bcc": a("BCC recipients' emails.", d=[]),
                "extra_recipients": a("Additional To recipients.", d=[]),
                "attachment": o(
                    "File to attach.",
                    {
                        "name!": s("File name."),
                        "mimetype!": s("MIME type."),
                        "s3key": s("Key of a file uploaded to Composio storage."),
                    },
                ),
                "user_id": GM_USER,
            },
            GM_MSG_OUT,
            imp=True,
        ),
        T(
            "CREATE_EMAIL_DRAFT",
            "Create an email draft",
            "Create a draft email that can be edited and sent later.",
            "email drafts",
            {
                "recipient_email!": s("Primary recipient's email address."),
                "subject!": s("Subject line."),
                "body!": s("Email body."),
                "is_html": b("Body is HTML.", d=False),
                "cc": a("CC recipients.", d=[]),
                "bcc": a("BCC recipients.", d=[]),
                "thread_id": s("Thread to create the draft in, for a reply draft."),
                "user_id": GM_USER,
            },
            "id:s;message:o",
        ),
        T(
            "SEND_DRAFT",
            "Send a draft",
            "Send an existing draft to its recipients.",
            "email drafts send",
            {"draft_id!": s("ID of the draft."), "user_id": GM_USER},
            GM_MSG_OUT,
        ),
        T(
            "FETCH_EMAILS",
            "Fetch emails",
            "List messages matching a Gmail search query and labels, with their headers and body.",
            "email search",
            {
                "query": s("Gmail search query.", ex=["from:billing@stripe.com is:unread newer_than:7d"]),
                "label_ids": a("Only messages with all of these label IDs.", ex=[["INBOX", "UNREAD"]]),
                "max_results": i("Maximum messages to return.", d=10, mn=1, mx=500),
                "page_token": s("Token of the page to fetch."),
                "include_payload": b("Include full message payloads.", d=True),
                "include_spam_trash": b("Include SPAM and TRASH.", d=False),
                "user_id": GM_USER,
            },
            "messages:a;nextPageToken:s;resultSizeEstimate:i",
            imp=True,
        ),
        T(
            "FETCH_MESSAGE_BY_MESSAGE_ID",
            "Fetch a message by ID",
            "Fetch one email with its headers, body and attachment list.",
            "email",
            {
                "message_id!": s("ID of the message."),
                "format": s("Response format.", e=["minimal", "full", "raw", "metadata"], d="full"),
                "user_id": GM_USER,
            },
            "id:s;threadId:s;subject:s;sender:s;to:s;messageText:s;messageTimestamp:s;attachmentList:a",
        ),
        T(
            "FETCH_MESSAGE_BY_THREAD_ID",
            "Fetch a thread",
            "Fetch all messages of an email thread.",
            "email threads",
            {"thread_id!": s("ID of the thread."), "user_id": GM_USER},
            "id:s;messages:a",
        ),
        T(
            "LIST_THREADS",
            "List threads",
            "List email threads, optionally filtered by a search query.",
            "email threads",
            {
                "query": s("Gmail search query."),
                "max_results": i("Max threads.", d=10, mx=500),
                "page_token": s("Page token."),
                "user_id": GM_USER,
            },
            "threads:a;nextPageToken:s",
        ),
        T(
            "REPLY_TO_THREAD",
            "Reply to a thread",
            "Send a reply in an existing email thread.",
            "email send threads",
            {
                "thread_id!": s("ID of the thread to reply in."),
                "message_body!": s("Reply body."),
                "recipient_email!": s("Email address to reply to."),
                "cc": a("CC recipients.", d=[]),
                "bcc": a("BCC recipients.", d=[]),
                "is_html": b("Body is HTML.", d=False),
                "user_id": GM_USER,
            },
            GM_MSG_OUT,
        ),
        T(
            "FORWARD_MESSAGE",
            "Forward a message",
            "Forward an email, with its attachments, to new recipients.",
            "email send",
            {
                "message_id!": s("ID of the message to forward."),
                "recipient_email!": s("Email to forward to."),
                "additional_text": s("Text to add above the forwarded message."),
                "user_id": GM_USER,
            },
            GM_MSG_OUT,
        ),
        T(
            "LIST_LABELS",
            "List labels",
            "List system and user labels of the mailbox.",
            "labels",
            {"user_id": GM_USER},
            "labels:a",
        ),
        T(
            "CREATE_LABEL",
            "Create a label",
            "Create a new user label.",
            "labels",
            {
                "label_name!": s("Display name of the label.", ex=["Invoices/2025"]),
                "label_list_visibility": s(
                    "Visibility in the label list.", e=["labelShow", "labelShowIfUnread", "labelHide"], d="labelShow"
                ),
                "message_list_visibility": s("Visibility in the message list.", e=["show", "hide"], d="show"),
                "background_color": s("Background color hex, from Gmail's palette."),
                "text_color": s("Text color hex."),
                "user_id": GM_USER,
            },
            "id:s;name:s;type:s",
        ),
        T(
            "ADD_LABEL_TO_EMAIL",
            "Modify email labels",
            "Add or remove labels on a message, e.g. archive, mark read or star.",
            "labels email",
            {
                "message_id!": s("ID of the message."),
                "add_label_ids": a("Label IDs to add.", d=[], ex=[["STARRED"]]),
                "remove_label_ids": a("Label IDs to remove, e.g. UNREAD or INBOX.", d=[]),
                "user_id": GM_USER,
            },
            GM_MSG_OUT,
        ),
        T(
            "MOVE_TO_TRASH",
            "Move to trash",
            "Move an email to the trash.",
            "email",
            {"message_id!": s("ID of the message."), "user_id": GM_USER},
            GM_MSG_OUT,
        ),
        T(
            "GET_ATTACHMENT",
            "Get an attachment",
            "Download an attachment of an email.",
            "email attachments",
            {
                "message_id!": s("ID of the message."),
                "attachment_id!": s("ID of the attachment."),
                "file_name!": s("Name to save the file under."),
                "user_id": GM_USER,
            },
            "file:o:Downloaded file reference.;size:i",
        ),
        T(
            "GET_PROFILE",
            "Get profile",
            "Get the email address and message counts of the connected mailbox.",
            "profile",
            {"user_id": GM_USER},
            "emailAddress:s;messagesTotal:i;threadsTotal:i;historyId:s",
        ),
        T(
            "SEARCH_PEOPLE",
            "Search contacts",
            "Search the user's Google contacts and other contacts by name or email.",
            "contacts",
            {
                "query!": s("Prefix of a name, email or phone."),
                "pageSize": i("Max results.", d=10, mx=30),
                "other_contacts": b("Also search 'other contacts' (people emailed before).", d=True),
            },
            "results:a",
        ),
        T(
            "FETCH_EMAILS_WITH_LABEL",
            "Fetch emails with label (legacy)",
            "Legacy action that lists emails carrying a label; use GMAIL_FETCH_EMAILS with label_ids.",
            "email",
            {"label_ids!": a("Label IDs."), "max_results": i("Max messages.", d=10), "user_id": GM_USER},
            "messages:a",
            dep=True,
        ),
    ],
)

OL_USER = s("User ID or userPrincipalName; `me` for the signed-in user.", d="me")
TK(
    "outlook",
    "Outlook",
    "Microsoft Outlook is Microsoft 365's email, calendar and contacts service, available through Microsoft Graph.",
    "https://outlook.office.com",
    ["email", "scheduling"],
    ["OAUTH2"],
    triggers=2,
    tools=[
        T(
            "OUTLOOK_SEND_EMAIL",
            "Send email",
            "Send an email from the user's Outlook mailbox.",
            "email send",
            {
                "to_email!": s("Recipient email address."),
                "subject!": s("Subject line."),
                "body!": s("Email body."),
                "is_html": b("Body is HTML.", d=False),
                "cc_emails": a("CC recipients.", d=[]),
                "bcc_emails": a("BCC recipients.", d=[]),
                "save_to_sent_items": b("Save a copy to Sent Items.", d=True),
                "user_id": OL_USER,
            },
            "ok:b",
            imp=True,
        ),
        T(
            "OUTLOOK_LIST_MESSAGES",
            "List messages",
            "List messages in a mail folder with OData filters and ordering.",
            "email",
            {
                "folder": s("Mail folder well-known name or ID.", d="inbox"),
                "top": i("Messages per page.", d=10, mx=1000),
                "skip": i("Messages to skip.", d=0),
                "filter": s("OData filter, e.g. isRead eq false."),
                "orderby": s("OData orderby.", d="receivedDateTime desc"),
                "select": a("Fields to return."),
                "user_id": OL_USER,
            },
            "value:a;next_link:s",
        ),
        T(
            "OUTLOOK_SEARCH_MESSAGES",
            "Search messages",
            "Full-text search of the mailbox with KQL.",
            "email search",
            {
                "query!": s("KQL search query.", ex=["from:contoso.com subject:invoice"]),
                "from_index": i("Offset.", d=0),
                "size": i("Max results.", d=25),
                "user_id": OL_USER,
            },
            "hits:a;total:i",
        ),
        T(
            "OUTLOOK_GET_MESSAGE",
            "Get a message",
            "Get one message with its body and headers.",
            "email",
            {"message_id!": s("ID of the message."), "user_id": OL_USER},
            "id:s;subject:s;from:o;toRecipients:a;body:o;receivedDateTime:s;hasAttachments:b",
        ),
        T(
            "OUTLOOK_REPLY_EMAIL",
            "Reply to an email",
            "Reply to a message, optionally adding CC/BCC recipients.",
            "email send",
            {
                "message_id!": s("ID of the message to reply to."),
                "comment!": s("Reply text."),
                "cc_emails": a("CC recipients.", d=[]),
                "reply_all": b("Reply to all recipients.", d=False),
                "user_id": OL_USER,
            },
            "ok:b",
        ),
        T(
            "OUTLOOK_CREATE_DRAFT",
            "Create a draft",
            "Create a draft message.",
            "email drafts",
            {
                "subject!": s("Subject line."),
                "body!": s("Body."),
                "to_recipients": a("Recipient emails.", d=[]),
                "is_html": b("Body is HTML.", d=False),
                "user_id": OL_USER,
            },
            "id:s;webLink:s",
        ),
        T(
            "OUTLOOK_MOVE_MESSAGE",
            "Move a message",
            "Move a message to another folder, e.g. archive or deleteditems.",
            "email",
            {
                "message_id!": s("ID of the message."),
                "destination_id!": s("Destination folder ID or well-known name.", ex=["archive"]),
                "user_id": OL_USER,
            },
            "id:s;parentFolderId:s",
        ),
        T(
            "OUTLOOK_LIST_MAIL_FOLDERS",
            "List mail folders",
            "List the mail folders of the mailbox.",
            "email folders",
            {"user_id": OL_USER},
            "value:a",
        ),
        T(
            "OUTLOOK_CALENDAR_CREATE_EVENT",
            "Create a calendar event",
            "Create an event in the user's Outlook calendar and invite attendees.",
            "calendar events",
            {
                "subject!": s("Event subject."),
                "start_datetime!": s("Start in ISO 8601 without offset.", ex=["2025-10-01T14:00:00"]),
                "end_datetime!": s("End in ISO 8601 without offset."),
                "time_zone!": s("IANA or Windows time zone.", ex=["Europe/Paris"]),
                "body": s("Event description."),
                "location": s("Location display name."),
                "attendees_info": a("Attendee email addresses.", d=[]),
                "is_online_meeting": b("Create a Teams meeting link.", d=False),
                "user_id": OL_USER,
            },
            "id:s;webLink:s;onlineMeeting:o",
        ),
        T(
            "OUTLOOK_LIST_EVENTS",
            "List calendar events",
            "List events of the user's calendar in a time window.",
            "calendar events",
            {
                "start_datetime": s("Window start (ISO 8601).", f="date-time"),
                "end_datetime": s("Window end (ISO 8601).", f="date-time"),
                "top": i("Events per page.", d=10),
                "user_id": OL_USER,
            },
            "value:a",
        ),
        T(
            "OUTLOOK_CREATE_CONTACT",
            "Create a contact",
            "Add a contact to the user's Outlook contacts.",
            "contacts",
            {
                "givenName!": s("First name."),
                "surname": s("Last name."),
                "emailAddresses": a("Email addresses.", d=[]),
                "businessPhones": a("Business phone numbers.", d=[]),
                "companyName": s("Company."),
                "jobTitle": s("Job title."),
                "user_id": OL_USER,
            },
            "id:s;displayName:s",
        ),
        T(
            "OUTLOOK_LIST_CONTACTS",
            "List contacts",
            "List the user's contacts.",
            "contacts",
            {"top": i("Contacts per page.", d=10), "filter": s("OData filter."), "user_id": OL_USER},
            "value:a",
        ),
    ],
)

TK(
    "sendgrid",
    "SendGrid",
    "Twilio SendGrid is a cloud email delivery platform for transactional and marketing email.",
    "https://sendgrid.com",
    ["email", "marketing"],
    ["API_KEY"],
    tools=[
        T(
            "SEND_EMAIL",
            "Send an email",
            "Send a transactional email through the v3 Mail Send API, optionally from a dynamic template.",
            "email send transactional",
            {
                "to!": a("Recipient email addresses.", ex=[["ada@example.com"]]),
                "from_email!": s("Verified sender email address."),
                "from_name": s("Sender display name."),
                "subject": s("Subject; not needed with a dynamic template that sets it."),
                "content": s("Email body."),
                "content_type": s("Body MIME type.", e=["text/plain", "text/html"], d="text/html"),
                "template_id": s("ID of a dynamic template, d-...."),
                "dynamic_template_data": o("Handlebars data for the template."),
                "cc": a("CC addresses."),
                "bcc": a("BCC addresses."),
                "send_at": i("UNIX timestamp to schedule the send (up to 72h ahead)."),
                "categories": a("Categories for stats."),
            },
            "ok:b;message_id:s",
            imp=True,
        ),
        T(
            "ADD_OR_UPDATE_A_CONTACT",
            "Add or update contacts",
            "Upsert marketing contacts by email and optionally add them to lists.",
            "contacts marketing",
            {
                "contacts!": a(
                    "Contacts to upsert.",
                    items=o(
                        "A contact.",
                        {
                            "email!": s("Email."),
                            "first_name": s("First name."),
                            "last_name": s("Last name."),
                            "custom_fields": o("Custom field values by ID."),
                        },
                    ),
                ),
                "list_ids": a("Lists to add the contacts to."),
            },
            "job_id:s",
        ),
        T(
            "SEARCH_CONTACTS",
            "Search contacts",
            "Search marketing contacts with an SGQL query.",
            "contacts",
            {"query!": s("SGQL query.", ex=["email LIKE '%@example.com'"])},
            "result:a;contact_count:i",
        ),
        T(
            "DELETE_CONTACTS",
            "Delete contacts",
            "Delete marketing contacts by ID.",
            "contacts",
            {"ids!": s("Comma-separated contact IDs.")},
            "job_id:s",
        ),
        T(
            "CREATE_LIST",
            "Create a list",
            "Create a marketing contact list.",
            "lists",
            {"name!": s("List name.")},
            "id:s;name:s;contact_count:i",
        ),
        T(
            "GET_ALL_LISTS",
            "Get all lists",
            "List the marketing contact lists.",
            "lists",
            {"page_size": i("Lists per page.", d=100)},
            "result:a",
        ),
        T(
            "RETRIEVE_ALL_TRANSACTIONAL_TEMPLATES",
            "List templates",
            "List transactional templates.",
            "templates",
            {
                "generations": s("Template generation.", e=["legacy", "dynamic"], d="dynamic"),
                "page_size": i("Templates per page.", d=20),
            },
            "result:a",
        ),
        T(
            "RETRIEVE_GLOBAL_EMAIL_STATISTICS",
            "Get email statistics",
            "Get delivery, open, click and bounce statistics for a date range.",
            "stats analytics",
            {
                "start_date!": s("Start date YYYY-MM-DD.", f="date"),
                "end_date": s("End date YYYY-MM-DD.", f="date"),
                "aggregated_by": s("Grouping.", e=["day", "week", "month"], d="day"),
            },
            "stats:a",
        ),
    ],
)

TW_PHONE = s("Phone number in E.164 format.", ex=["+14155552671"])
TK(
    "twilio",
    "Twilio",
    "Twilio is a cloud communications platform for SMS, WhatsApp, voice calls and phone verification.",
    "https://www.twilio.com",
    ["communication"],
    ["BASIC", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "SEND_SMS",
            "Send an SMS",
            "Send an SMS or MMS text message to a phone number from a Twilio number or messaging service.",
            "sms messages",
            {
                "to!": TW_PHONE,
                "from": s("Twilio phone number to send from (E.164); or use messaging_service_sid."),
                "messaging_service_sid": s("Messaging Service SID to send from, MG...."),
                "body!": s("Text of the message, up to 1600 characters.", ex=["Your order has shipped!"]),
                "media_url": a("URLs of media to send as MMS."),
                "status_callback": s("URL Twilio calls with delivery status updates."),
            },
            "sid:s;status:s;to:s;from:s;date_created:s;price:s",
            imp=True,
        ),
        T(
            "SEND_WHATSAPP_MESSAGE",
            "Send a WhatsApp message",
            "Send a WhatsApp message from a WhatsApp-enabled Twilio sender.",
            "whatsapp messages",
            {
                "to!": s("Recipient as whatsapp:+E164.", ex=["whatsapp:+14155552671"]),
                "from!": s("Sender as whatsapp:+E164."),
                "body": s("Message text; for templates use content_sid."),
                "content_sid": s("Approved content template SID, HX...."),
                "content_variables": s("JSON string of template variables."),
            },
            "sid:s;status:s",
        ),
        T(
            "LIST_MESSAGES",
            "List messages",
            "List sent and received messages, filtered by number or date.",
            "sms messages",
            {
                "to": TW_PHONE,
                "from": s("Sender number filter."),
                "date_sent": s("Only messages sent on this date (YYYY-MM-DD).", f="date"),
                "page_size": i("Messages per page.", d=50, mx=1000),
            },
            "messages:a;next_page_uri:s",
        ),
        T(
            "FETCH_MESSAGE",
            "Fetch a message",
            "Fetch one message by its SID with delivery status and price.",
            "sms messages",
            {"sid!": s("Message SID, SM....")},
            "sid:s;status:s;body:s;error_code:i;price:s",
        ),
        T(
            "CREATE_A_CALL",
            "Make a phone call",
            "Start an outbound voice call that plays TwiML or fetches it from a URL.",
            "voice calls",
            {
                "to!": TW_PHONE,
                "from!": s("Twilio number to call from."),
                "twiml": s("TwiML instructions.", ex=["<Response><Say>Hello!</Say></Response>"]),
                "url": s("URL returning TwiML, used when twiml is not set."),
                "record": b("Record the call.", d=False),
                "status_callback": s("URL for call status events."),
            },
            "sid:s;status:s",
        ),
        T(
            "LIST_CALLS",
            "List calls",
            "List calls made to and from the account.",
            "voice calls",
            {
                "to": TW_PHONE,
                "status": s(
                    "Call status.",
                    e=["queued", "ringing", "in-progress", "canceled", "completed", "failed", "busy", "no-answer"],
                ),
                "page_size": i("Calls per page.", d=50),
            },
            "calls:a",
        ),
        T(
            "LIST_INCOMING_PHONE_NUMBERS",
            "List phone numbers",
            "List the phone numbers owned by the account.",
            "numbers",
            {"phone_number": s("Filter by number (partial match)."), "page_size": i("Numbers per page.", d=50)},
            "incoming_phone_numbers:a",
        ),
        T(
            "LOOKUP_PHONE_NUMBER",
            "Look up a phone number",
            "Validate a number and get carrier and line type information (Lookup v2).",
            "lookup numbers",
            {
                "phone_number!": s("Number to look up, E.164 or national format."),
                "fields": s("Data packages.", ex=["line_type_intelligence"]),
                "country_code": s("ISO country for national format."),
            },
            "phone_number:s;valid:b;country_code:s;line_type_intelligence:o",
        ),
        T(
            "SEND_VERIFICATION_CODE",
            "Send a verification code",
            "Send a one-time passcode by SMS, call, email or WhatsApp with Twilio Verify.",
            "verify otp",
            {
                "service_sid!": s("Verify service SID, VA...."),
                "to!": s("Phone number or email to verify."),
                "channel!": s("Delivery channel.", e=["sms", "call", "email", "whatsapp"], d="sms"),
            },
            "sid:s;status:s",
        ),
        T(
            "CHECK_VERIFICATION_CODE",
            "Check a verification code",
            "Check a code a user entered against a pending verification.",
            "verify otp",
            {
                "service_sid!": s("Verify service SID."),
                "to!": s("Phone number or email being verified."),
                "code!": s("The code the user entered."),
            },
            "status:s:approved or pending.;valid:b",
        ),
    ],
)

ZM_USER = s("User ID or email; `me` for the authenticated user.", d="me")
ZM_MEETING = i("The meeting ID.", ex=[85746065432])
TK(
    "zoom",
    "Zoom",
    "Zoom is a video conferencing platform for meetings, webinars and cloud recordings.",
    "https://zoom.us",
    ["video-conferencing", "scheduling"],
    ["OAUTH2"],
    triggers=3,
    tools=[
        T(
            "CREATE_A_MEETING",
            "Create a meeting",
            "Schedule a Zoom meeting for a user and get its join URL.",
            "meetings",
            {
                "userId": ZM_USER,
                "topic!": s("Meeting topic.", ex=["Quarterly review"]),
                "type": i(
                    "1 instant, 2 scheduled, 3 recurring no fixed time, 8 recurring fixed time.", e=[1, 2, 3, 8], d=2
                ),
                "start_time": s("Start time, yyyy-MM-ddTHH:mm:ss (local with timezone) or UTC with Z.", f="date-time"),
                "duration": i("Duration in minutes.", d=60),
                "timezone": s("Time zone, e.g. America/New_York."),
                "agenda": s("Meeting description."),
                "password": s("Passcode (max 10 characters)."),
                "settings": o(
                    "Meeting settings.",
                    {
                        "join_before_host": b("Allow joining before the host."),
                        "waiting_room": b("Enable the waiting room."),
                        "auto_recording": s("Automatic recording.", e=["local", "cloud", "none"]),
                    },
                ),
            },
            "id:i;join_url:s;start_url:s;password:s;start_time:s;topic:s",
            imp=True,
        ),
        T(
            "LIST_MEETINGS",
            "List meetings",
            "List a user's scheduled, live or upcoming meetings.",
            "meetings",
            {
                "userId": ZM_USER,
                "type": s(
                    "Meeting type.",
                    e=["scheduled", "live", "upcoming", "upcoming_meetings", "previous_meetings"],
                    d="scheduled",
                ),
                "page_size": i("Records per page.", d=30, mx=300),
                "next_page_token": s("Token for the next page."),
            },
            "meetings:a;next_page_token:s",
        ),
        T(
            "GET_A_MEETING",
            "Get a meeting",
            "Get the details of a meeting.",
            "meetings",
            {"meetingId!": ZM_MEETING},
            "id:i;topic:s;start_time:s;duration:i;join_url:s;settings:o",
        ),
        T(
            "UPDATE_A_MEETING",
            "Update a meeting",
            "Change a meeting's topic, time, duration or agenda.",
            "meetings",
            {
                "meetingId!": ZM_MEETING,
                "topic": s("New topic."),
                "start_time": s("New start time.", f="date-time"),
                "duration": i("New duration in minutes."),
                "agenda": s("New agenda."),
            },
            "ok:b",
        ),
        T(
            "DELETE_A_MEETING",
            "Delete a meeting",
            "Delete or cancel a meeting.",
            "meetings",
            {"meetingId!": ZM_MEETING, "schedule_for_reminder": b("Email the host and alternative hosts.", d=True)},
            "ok:b",
        ),
        T(
            "ADD_A_MEETING_REGISTRANT",
            "Add a meeting registrant",
            "Register a participant for a meeting that requires registration.",
            "meetings registrants",
            {
                "meetingId!": ZM_MEETING,
                "email!": s("Registrant's email."),
                "first_name!": s("First name."),
                "last_name": s("Last name."),
            },
            "registrant_id:s;join_url:s",
        ),
        T(
            "GET_PAST_MEETING_PARTICIPANTS",
            "Get past meeting participants",
            "List who attended a meeting that has ended.",
            "meetings reports",
            {
                "meetingId!": s("Meeting ID or UUID of the past meeting instance."),
                "page_size": i("Records per page.", d=30),
            },
            "participants:a",
        ),
        T(
            "LIST_ALL_RECORDINGS",
            "List cloud recordings",
            "List a user's cloud recordings in a date range.",
            "recordings",
            {
                "userId": ZM_USER,
                "from": s("Start date (YYYY-MM-DD), max one month range.", f="date"),
                "to": s("End date.", f="date"),
                "page_size": i("Records per page.", d=30),
            },
            "meetings:a;total_records:i",
        ),
        T(
            "GET_A_MEETING_SUMMARY",
            "Get a meeting summary",
            "Get the AI Companion summary of a finished meeting.",
            "meetings ai",
            {"meetingId!": s("Meeting UUID.")},
            "summary_overview:s;summary_details:a;next_steps:as",
        ),
    ],
)

# ======================================================================================
# Productivity, documents, scheduling, forms
# ======================================================================================
GS_ID = s(
    "The ID of the spreadsheet, from its URL: docs.google.com/spreadsheets/d/<ID>/edit.",
    ex=["1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms"],
)
GS_RANGE = s("A range in A1 notation, e.g. Sheet1!A1:D10, or a sheet name for the whole sheet.", ex=["Sheet1!A1:D10"])
GS_VIO = s(
    "How input is interpreted: RAW stores as-is, USER_ENTERED parses like the UI (formulas, dates).",
    e=["RAW", "USER_ENTERED"],
    d="USER_ENTERED",
)
GS_VALUES = a(
    "Rows of values; each inner array is one row.",
    items={"type": "array", "items": {}},
    ex=[[["2025-09-01", "Acme", 1200], ["2025-09-02", "Globex", 860]]],
)
TK(
    "googlesheets",
    "Google Sheets",
    "Google Sheets is Google's online spreadsheet app: create "
    "spreadsheets, read and write cells, append rows and format sheets.",
    "https://sheets.google.com",
    ["productivity", "documents"],
    ["OAUTH2"],
    triggers=2,
    version="20250903_00",
    tools=[
        T(
            "CREATE_GOOGLE_SHEET1",
            "Create a spreadsheet",
            "Create a new Google Sheets spreadsheet with a title.",
            "spreadsheets",
            {"title!": s("Title of the new spreadsheet.", ex=["Q3 pipeline"])},
            "spreadsheetId:s;spreadsheetUrl:s;sheets:a",
            imp=True,
        ),
        T(
            "SPREADSHEETS_VALUES_APPEND",
            "Append rows to a spreadsheet",
            "Add a new row, or several rows, to a Google Sheet after "
            "the last row with data (appends values to the table range).",
            "rows values write",
            {
                "spreadsheetId!": GS_ID,
                "range!": s("A1 range of the table to append to; usually just the sheet name.", ex=["Sheet1"]),
                "values!": GS_VALUES,
                "valueInputOption": GS_VIO,
                "insertDataOption": s(
                    "Whether to overwrite empty rows or insert new ones.",
                    e=["OVERWRITE", "INSERT_ROWS"],
                    d="INSERT_ROWS",
                ),
                "includeValuesInResponse": b("Return the appended values.", d=False),
            },
            "spreadsheetId:s;tableRange:s;updates:o:Range, rows and cells updated.",
            imp=True,
        ),
        T(
            "BATCH_GET",
            "Get values from ranges",
            "Read the values of one or more ranges of a spreadsheet.",
            "rows values",
            {
                "spreadsheet_id!": GS_ID,
                "ranges": a("Ranges in A1 notation; all of the first sheet when empty.", ex=[["Sheet1!A1:C20"]]),
                "valueRenderOption": s(
                    "How values are rendered.",
                    e=["FORMATTED_VALUE", "UNFORMATTED_VALUE", "FORMULA"],
                    d="FORMATTED_VALUE",
                ),
            },
            "spreadsheetId:s;valueRanges:a",
            imp=True,
        ),
        T(
            "BATCH_UPDATE",
            "Update cell values",
            "Write a block of values starting at a cell of a sheet, overwriting what is there.",
            "values write",
            {
                "spreadsheet_id!": GS_ID,
                "sheet_name!": s("Name of the sheet (tab).", ex=["Sheet1"]),
                "first_cell_location": s("Top-left cell to write from, e.g. A1; appends after the data when omitted."),
                "values!": GS_VALUES,
                "valueInputOption": GS_VIO,
                "includeValuesInResponse": b("Return the written values.", d=False),
            },
            "spreadsheetId:s;updatedRange:s;updatedRows:i;updatedCells:i",
        ),
        T(
            "LOOKUP_SPREADSHEET_ROW",
            "Look up a row",
            "Find the first row in a range where any cell matches a value.",
            "rows search",
            {
                "spreadsheet_id!": GS_ID,
                "range": s("Range to search; the first sheet when omitted."),
                "query!": s("Exact value to look for."),
                "case_sensitive": b("Match case.", d=False),
            },
            "row_number:i;row:as;found:b",
        ),
        T(
            "CLEAR_VALUES",
            "Clear values",
            "Clear the values (not formatting) of a range.",
            "values write",
            {"spreadsheet_id!": GS_ID, "range!": GS_RANGE},
            "spreadsheetId:s;clearedRange:s",
        ),
        T(
            "GET_SPREADSHEET_INFO",
            "Get spreadsheet info",
            "Get a spreadsheet's properties and its sheets with their IDs and sizes.",
            "spreadsheets",
            {"spreadsheet_id!": GS_ID},
            "spreadsheetId:s;properties:o;sheets:a;spreadsheetUrl:s",
        ),
        T(
            "GET_SHEET_NAMES",
            "List sheet names",
            "List the names of the sheets (tabs) in a spreadsheet.",
            "sheets",
            {"spreadsheet_id!": GS_ID},
            "sheet_names:as",
        ),
        T(
            "ADD_SHEET",
            "Add a sheet",
            "Add a new sheet (tab) to a spreadsheet.",
            "sheets",
            {
                "spreadsheet_id!": GS_ID,
                "title!": s("Name of the new sheet."),
                "rowCount": i("Number of rows.", d=1000),
                "columnCount": i("Number of columns.", d=26),
            },
            "sheetId:i;title:s;index:i",
        ),
        T(
            "DELETE_SHEET",
            "Delete a sheet",
            "Delete a sheet (tab) from a spreadsheet by its numeric sheet ID.",
            "sheets",
            {"spreadsheet_id!": GS_ID, "sheet_id!": i("Numeric ID of the sheet (gid).")},
            "spreadsheetId:s",
        ),
        T(
            "DELETE_DIMENSION",
            "Delete rows or columns",
            "Delete a span of rows or columns from a sheet.",
            "rows",
            {
                "spreadsheet_id!": GS_ID,
                "sheet_id!": i("Numeric ID of the sheet."),
                "dimension!": s("Delete rows or columns.", e=["ROWS", "COLUMNS"]),
                "start_index!": i("Zero-based start index (inclusive)."),
                "end_index!": i("Zero-based end index (exclusive)."),
            },
            "spreadsheetId:s",
        ),
        T(
            "FORMAT_CELL",
            "Format cells",
            "Set bold, italic, font size and background color on a range of cells.",
            "formatting",
            {
                "spreadsheet_id!": GS_ID,
                "worksheet_id!": i("Numeric ID of the sheet."),
                "range!": s("Range in A1 notation within the sheet.", ex=["A1:D1"]),
                "bold": b("Bold text."),
                "italic": b("Italic text."),
                "fontSize": i("Font size in points."),
                "red": n("Background red, 0-1."),
                "green": n("Background green, 0-1."),
                "blue": n("Background blue, 0-1."),
            },
            "spreadsheetId:s",
        ),
        T(
            "SHEET_FROM_JSON",
            "Create a sheet from JSON",
            "Create a spreadsheet and fill it from a list of JSON objects (keys become headers).",
            "spreadsheets",
            {
                "title!": s("Title of the spreadsheet."),
                "sheet_name!": s("Name of the sheet."),
                "sheet_json!": a("Objects to write; one row each.", items="object"),
            },
            "spreadsheetId:s;spreadsheetUrl:s",
        ),
        T(
            "SEARCH_SPREADSHEETS",
            "Search spreadsheets",
            "Find spreadsheets in Drive by name or content.",
            "spreadsheets search",
            {
                "query": s("Text to search for in names."),
                "max_results": i("Max results.", d=10),
                "modified_after": s("Only files modified after this time (RFC 3339).", f="date-time"),
            },
            "spreadsheets:a",
        ),
    ],
)

GD_FILE = s("The ID of the Drive file or folder.", ex=["1a2B3c4D5e6F7g8H9i0J"])
GD_FILE_OUT = "id:s;name:s;mimeType:s;webViewLink:s;parents:as;modifiedTime:s"
TK(
    "googledrive",
    "Google Drive",
    "Google Drive is Google's cloud file storage: upload, organize, search and share files and folders.",
    "https://drive.google.com",
    ["file-storage", "productivity"],
    ["OAUTH2"],
    triggers=2,
    version="20250903_00",
    tools=[
        T(
            "UPLOAD_FILE",
            "Upload a file",
            "Upload a file to Google Drive, optionally into a folder.",
            "files upload",
            {
                "file_to_upload!": o(
                    "The file to upload.",
                    {
                        "name!": s("File name with extension."),
                        "mimetype!": s("MIME type."),
                        "content": s("File content, base64 encoded."),
                        "s3key": s("Key of a file already uploaded to Composio storage."),
                    },
                ),
                "folder_to_upload_to": s("ID of the destination folder; My Drive root when omitted."),
            },
            GD_FILE_OUT,
            imp=True,
        ),
        T(
            "FIND_FILE",
            "Find files",
            "Search files and folders with Drive query syntax, e.g. name contains 'report' and trashed = false.",
            "files search",
            {
                "q": s("Drive search query.", ex=["name contains 'invoice' and mimeType = 'application/pdf'"]),
                "pageSize": i("Max results per page.", d=100, mx=1000),
                "pageToken": s("Page token."),
                "orderBy": s("Sort keys, e.g. modifiedTime desc."),
                "spaces": s("Spaces to search.", d="drive"),
                "includeItemsFromAllDrives": b("Include shared drives.", d=False),
            },
            "files:a;nextPageToken:s",
            imp=True,
        ),
        T(
            "DOWNLOAD_FILE",
            "Download a file",
            "Download a file's content; Google Docs, Sheets and Slides are exported to the given MIME type.",
            "files download",
            {"file_id!": GD_FILE, "mime_type": s("Export MIME type for Google Workspace files, e.g. application/pdf.")},
            "downloaded_file_content:o:The downloaded file (name, mimetype, content).",
        ),
        T(
            "CREATE_FOLDER",
            "Create a folder",
            "Create a folder, optionally inside a parent folder.",
            "folders",
            {"folder_name!": s("Name of the folder."), "parent_id": s("ID of the parent folder.")},
            GD_FILE_OUT,
        ),
        T(
            "CREATE_FILE_FROM_TEXT",
            "Create a file from text",
            "Create a file (e.g. .txt, .csv, or a Google Doc) from text content.",
            "files",
            {
                "file_name!": s("Name of the file."),
                "text_content!": s("The text content."),
                "mime_type": s("MIME type; application/vnd.google-apps.document converts to a Doc.", d="text/plain"),
                "parent_id": s("Destination folder ID."),
            },
            GD_FILE_OUT,
        ),
        T(
            "EDIT_FILE",
            "Update file content",
            "Replace the content of an existing file.",
            "files",
            {
                "file_id!": GD_FILE,
                "content!": s("New content (text, or base64 for binary)."),
                "mime_type": s("MIME type of the content."),
            },
            GD_FILE_OUT,
        ),
        T(
            "COPY_FILE",
            "Copy a file",
            "Make a copy of a file, e.g. to duplicate a template.",
            "files",
            {
                "file_id!": GD_FILE,
                "new_title": s("Name of the copy."),
                "parent_folder_id": s("Folder to put the copy in."),
            },
            GD_FILE_OUT,
        ),
        T(
            "MOVE_FILE",
            "Move a file",
            "Move a file to another folder by changing its parents.",
            "files folders",
            {
                "file_id!": GD_FILE,
                "add_parents!": s("Comma-separated IDs of the new parent folders."),
                "remove_parents": s("Comma-separated IDs of parents to remove."),
            },
            GD_FILE_OUT,
        ),
        T(
            "GET_FILE_METADATA",
            "Get file metadata",
            "Get a file's name, type, size, owners and links.",
            "files",
            {"file_id!": GD_FILE, "fields": s("Fields to return.", d="*")},
            GD_FILE_OUT + ";size:s;owners:a",
        ),
        T(
            "DELETE_FOLDER_OR_FILE",
            "Delete a file or folder",
            "Permanently delete a file or folder the user owns.",
            "files",
            {"file_id!": GD_FILE},
            "deleted:b",
        ),
        T(
            "ADD_FILE_SHARING_PREFERENCE",
            "Share a file",
            "Share a file or folder with a user, group, domain or anyone with the link.",
            "sharing permissions",
            {
                "file_id!": GD_FILE,
                "role!": s("Access role.", e=["reader", "commenter", "writer", "organizer", "owner"]),
                "type!": s("Grantee type.", e=["user", "group", "domain", "anyone"]),
                "email_address": s("Email for user or group grants."),
                "domain": s("Domain for domain grants."),
                "send_notification_email": b("Notify the grantee by email.", d=True),
            },
            "id:s;role:s;type:s",
        ),
        T(
            "LIST_PERMISSIONS",
            "List permissions",
            "List who a file is shared with.",
            "sharing permissions",
            {"file_id!": GD_FILE},
            "permissions:a",
        ),
        T(
            "LIST_SHARED_DRIVES",
            "List shared drives",
            "List the shared drives the user can access.",
            "drives",
            {"pageSize": i("Max results.", d=10, mx=100), "q": s("Query for shared drives.")},
            "drives:a;nextPageToken:s",
        ),
    ],
)

GC_CAL = s("Calendar ID; `primary` for the user's main calendar.", d="primary")
GC_EVENT_OUT = "id:s;summary:s;status:s;htmlLink:s;start:o;end:o;attendees:a;hangoutLink:s"
TK(
    "googlecalendar",
    "Google Calendar",
    "Google Calendar is Google's scheduling app: create events, invite attendees and check availability.",
    "https://calendar.google.com",
    ["scheduling", "productivity"],
    ["OAUTH2"],
    triggers=2,
    version="20250903_00",
    tools=[
        T(
            "CREATE_EVENT",
            "Create an event",
            "Schedule a Google Calendar event with attendees, location, recurrence and a Google Meet link.",
            "events scheduling",
            {
                "calendar_id": GC_CAL,
                "summary!": s("Title of the event.", ex=["Project kickoff"]),
                "start_datetime!": s("Start time, ISO 8601 e.g. 2025-10-01T15:00:00.", f="date-time"),
                "end_datetime": s("End time; the event lasts event_duration_minutes when omitted.", f="date-time"),
                "event_duration_minutes": i("Duration when end_datetime is omitted.", d=30),
                "timezone": s("IANA time zone of the times.", ex=["America/New_York"]),
                "description": s("Event description."),
                "location": s("Free-form location."),
                "attendees": a("Attendee emails.", d=[]),
                "create_meeting_room": b("Add a Google Meet link.", d=False),
                "recurrence": a("RRULE lines, e.g. RRULE:FREQ=WEEKLY;COUNT=10."),
                "send_updates": s("Who gets invitations.", e=["all", "externalOnly", "none"], d="all"),
            },
            GC_EVENT_OUT,
            imp=True,
        ),
        T(
            "QUICK_ADD",
            "Quick add an event",
            "Create an event from a natural-language sentence like 'Lunch with Ana tomorrow at 1pm'.",
            "events",
            {"calendar_id": GC_CAL, "text!": s("Text describing the event.", ex=["Dentist Friday 9am-10am"])},
            GC_EVENT_OUT,
        ),
        T(
            "EVENTS_LIST",
            "List events",
            "List events in a time window, optionally matching a text query.",
            "events",
            {
                "calendarId": GC_CAL,
                "timeMin": s("Lower bound (RFC 3339) of event end time.", f="date-time"),
                "timeMax": s("Upper bound (RFC 3339) of event start time.", f="date-time"),
                "q": s("Free-text search."),
                "singleEvents": b("Expand recurring events into instances.", d=True),
                "orderBy": s("Order of results.", e=["startTime", "updated"]),
                "maxResults": i("Max events.", d=250, mx=2500),
                "pageToken": s("Page token."),
            },
            "items:a;nextPageToken:s;timeZone:s",
            imp=True,
        ),
        T(
            "EVENTS_GET",
            "Get an event",
            "Get one event by ID.",
            "events",
            {"calendar_id": GC_CAL, "event_id!": s("Event ID.")},
            GC_EVENT_OUT,
        ),
        T(
            "UPDATE_EVENT",
            "Update an event",
            "Change an event's time, title, description, location or attendees.",
            "events",
            {
                "calendar_id": GC_CAL,
                "event_id!": s("Event ID."),
                "summary": s("New title."),
                "start_datetime": s("New start.", f="date-time"),
                "end_datetime": s("New end.", f="date-time"),
                "timezone": s("IANA time zone."),
                "description": s("New description."),
                "location": s("New location."),
                "attendees": a("Full new attendee list."),
                "send_updates": s("Who gets notified.", e=["all", "externalOnly", "none"], d="all"),
            },
            GC_EVENT_OUT,
        ),
        T(
            "DELETE_EVENT",
            "Delete an event",
            "Delete (cancel) an event.",
            "events",
            {
                "calendar_id": GC_CAL,
                "event_id!": s("Event ID."),
                "send_updates": s("Who gets cancellation emails.", e=["all", "externalOnly", "none"], d="all"),
            },
            "deleted:b",
        ),
        T(
            "REMOVE_ATTENDEE",
            "Remove an attendee",
            "Remove one attendee from an event.",
            "events attendees",
            {"calendar_id": GC_CAL, "event_id!": s("Event ID."), "attendee_email!": s("Email of the attendee.")},
            GC_EVENT_OUT,
        ),
        T(
            "FIND_FREE_SLOTS",
            "Find free slots",
            "Check free/busy times of calendars in a window to find when people are available.",
            "availability scheduling",
            {
                "time_min!": s("Window start (RFC 3339).", f="date-time"),
                "time_max!": s("Window end.", f="date-time"),
                "items": a("Calendar IDs or emails to check.", d=["primary"]),
                "timezone": s("Time zone of the response.", d="UTC"),
            },
            "calendars:o:Busy intervals per calendar.;free_slots:a",
        ),
        T(
            "LIST_CALENDARS",
            "List calendars",
            "List the calendars on the user's calendar list.",
            "calendars",
            {
                "max_results": i("Max calendars.", d=10, mx=250),
                "min_access_role": s("Minimum access role.", e=["freeBusyReader", "reader", "writer", "owner"]),
                "show_hidden": b("Include hidden calendars.", d=False),
            },
            "items:a",
        ),
        T(
            "CALENDARS_INSERT",
            "Create a calendar",
            "Create a secondary calendar.",
            "calendars",
            {"summary!": s("Calendar title."), "description": s("Description."), "timeZone": s("IANA time zone.")},
            "id:s;summary:s;timeZone:s",
        ),
        T(
            "GET_CURRENT_DATE_TIME",
            "Get the current date and time",
            "Get the current date and time in a time zone, for relative scheduling.",
            "time",
            {"timezone": s("IANA time zone or UTC offset.", d="UTC")},
            "current_datetime:s;timezone:s",
        ),
    ],
)

GDOC_ID = s("The ID of the document, from docs.google.com/document/d/<ID>/edit.")
TK(
    "googledocs",
    "Google Docs",
    "Google Docs is Google's online word processor for creating and collaborating on documents.",
    "https://docs.google.com",
    ["documents", "productivity"],
    ["OAUTH2"],
    version="20250903_00",
    tools=[
        T(
            "CREATE_DOCUMENT",
            "Create a document",
            "Create a Google Doc with a title and optional initial text.",
            "documents",
            {"title!": s("Title of the document."), "text": s("Initial plain-text content.")},
            "documentId:s;title:s;url:s",
            imp=True,
        ),
        T(
            "CREATE_DOCUMENT_MARKDOWN",
            "Create a document from Markdown",
            "Create a Google Doc from Markdown, keeping headings, lists and links.",
            "documents markdown",
            {"title!": s("Title of the document."), "markdown_text!": s("Markdown content.")},
            "documentId:s;url:s",
        ),
        T(
            "GET_DOCUMENT_BY_ID",
            "Get a document",
            "Get a document's structure and text.",
            "documents",
            {"id!": GDOC_ID},
            "documentId:s;title:s;body:o;revisionId:s",
        ),
        T(
            "INSERT_TEXT_ACTION",
            "Insert text",
            "Insert text at an index of a document, or append it to the end.",
            "documents text",
            {
                "document_id!": GDOC_ID,
                "text_to_insert!": s("Text to insert."),
                "insertion_index": i("1-based index to insert at; appends when omitted."),
                "append_to_end": b("Append to the end.", d=True),
            },
            "documentId:s;replies:a",
        ),
        T(
            "REPLACE_ALL_TEXT",
            "Replace all text",
            "Replace every occurrence of a text, e.g. fill {{placeholders}} in a template.",
            "documents text templates",
            {
                "document_id!": GDOC_ID,
                "find_text!": s("Text to find.", ex=["{{customer_name}}"]),
                "replace_text!": s("Replacement text."),
                "match_case": b("Match case.", d=True),
            },
            "occurrencesChanged:i",
        ),
        T(
            "UPDATE_EXISTING_DOCUMENT",
            "Batch update a document",
            "Apply Docs API batchUpdate requests (styles, tables, images...).",
            "documents",
            {"document_id!": GDOC_ID, "editDocs!": a("Docs API request objects.", items="object")},
            "documentId:s;replies:a",
        ),
        T(
            "INSERT_TABLE_ACTION",
            "Insert a table",
            "Insert an empty table at a position of a document.",
            "documents tables",
            {
                "document_id!": GDOC_ID,
                "rows!": i("Number of rows.", mn=1),
                "columns!": i("Number of columns.", mn=1),
                "index": i("Index to insert at; end of the document when omitted."),
            },
            "documentId:s",
        ),
        T(
            "COPY_DOCUMENT",
            "Copy a document",
            "Copy a document, e.g. to create a new one from a template.",
            "documents templates",
            {"document_id!": GDOC_ID, "title": s("Title of the copy.")},
            "documentId:s;title:s;url:s",
        ),
        T(
            "SEARCH_DOCUMENTS",
            "Search documents",
            "Search the user's Google Docs by name or content.",
            "documents search",
            {
                "query": s("Text to search for."),
                "max_results": i("Max results.", d=10),
                "modified_after": s("Only docs modified after this time.", f="date-time"),
            },
            "documents:a",
        ),
        T(
            "EXPORT_DOCUMENT_AS_PDF",
            "Export a document as PDF",
            "Export a Google Doc to a PDF file.",
            "documents export",
            {"document_id!": GDOC_ID},
            "file:o:The exported PDF (name, mimetype, content).",
        ),
    ],
)

NT_PAGE = s(
    "The ID of the Notion page (32 hex characters, with or without dashes).",
    ex=["59833787-2cf9-4fdf-8782-e53db20768a5"],
)
NT_DB = s("The ID of the Notion database.")
NT_PROPS = a(
    'Property values as {name, type, value}, e.g. {"name": "Status", "type": "select", "value": "Done"}.',
    items=o(
        "A property value.",
        {
            "name!": s("Property name."),
            "type!": s(
                "Property type.",
                e=[
                    "title",
                    "rich_text",
                    "number",
                    "select",
                    "multi_select",
                    "status",
                    "date",
                    "people",
                    "checkbox",
                    "url",
                    "email",
                    "phone_number",
                    "relation",
                ],
            ),
            "value!": s("Value; comma-separated for multi_select, ISO 8601 for date."),
        },
    ),
)
NT_PAGE_OUT = "id:s;url:s;created_time:s;last_edited_time:s;properties:o;parent:o"
TK(
    "notion",
    "Notion",
    "Notion is an all-in-one workspace for notes, docs, wikis and databases.",
    "https://www.notion.so",
    ["productivity", "documents"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    version="20250908_00",
    tools=[
        T(
            "CREATE_NOTION_PAGE",
            "Create a page",
            "Create a new page under a parent page, with a title, icon, cover and Markdown content.",
            "pages",
            {
                "parent_id!": s("ID of the parent page (or database) the new page goes under."),
                "title!": s("Title of the page.", ex=["Meeting notes 2025-09-05"]),
                "markdown": s("Page content in Markdown."),
                "icon": s("An emoji to use as the icon.", ex=["📝"]),
                "cover": s("URL of a cover image."),
            },
            NT_PAGE_OUT,
            imp=True,
        ),
        T(
            "ADD_MULTIPLE_PAGE_CONTENT",
            "Add content to a page",
            "Append blocks (paragraphs, headings, to-dos, code...) to a page or block.",
            "pages blocks",
            {
                "parent_block_id!": s("ID of the page or block to append to."),
                "content_blocks!": a(
                    "Blocks to append.",
                    items=o(
                        "A block.",
                        {
                            "type!": s(
                                "Block type.",
                                e=[
                                    "paragraph",
                                    "heading_1",
                                    "heading_2",
                                    "heading_3",
                                    "bulleted_list_item",
                                    "numbered_list_item",
                                    "to_do",
                                    "quote",
                                    "code",
                                    "divider",
                                    "callout",
                                ],
                            ),
                            "content": s("Text of the block."),
                            "checked": b("For to_do blocks."),
                            "language": s("For code blocks."),
                        },
                    ),
                ),
                "after": s("Insert after this block ID instead of at the end."),
            },
            "results:a",
        ),
        T(
            "SEARCH_NOTION_PAGE",
            "Search pages and databases",
            "Search pages and databases shared with the integration by title.",
            "search pages databases",
            {
                "query": s("Text to match against titles; empty returns everything.", d=""),
                "filter_value": s("Limit to pages or databases.", e=["page", "database"]),
                "direction": s("Sort by last edited time.", e=["ascending", "descending"]),
                "page_size": i("Results per page.", d=10, mx=100),
                "start_cursor": s("Cursor of the next page."),
            },
            "results:a;has_more:b;next_cursor:s",
            imp=True,
        ),
        T(
            "INSERT_ROW_DATABASE",
            "Insert a row into a database",
            "Create a page (row) in a Notion database with property values.",
            "databases rows",
            {
                "database_id!": NT_DB,
                "properties!": NT_PROPS,
                "child_blocks": a("Content blocks for the new page.", items="object"),
                "icon": s("Emoji icon."),
                "cover": s("Cover image URL."),
            },
            NT_PAGE_OUT,
            imp=True,
        ),
        T(
            "QUERY_DATABASE",
            "Query a database",
            "List the rows of a database that match filters, in a sort order.",
            "databases rows",
            {
                "database_id!": NT_DB,
                "filter": o('Notion filter object, e.g. {"property": "Status", "status": {"equals": "Done"}}.'),
                "sorts": a("Sort objects: {property, direction}.", items="object"),
                "page_size": i("Rows per page.", d=100, mx=100),
                "start_cursor": s("Cursor of the next page."),
            },
            "results:a;has_more:b;next_cursor:s",
        ),
        T(
            "UPDATE_ROW_DATABASE",
            "Update a database row",
            "Change property values of a database row, or archive it.",
            "databases rows",
            {"row_id!": s("ID of the row (page)."), "properties": NT_PROPS, "archived": b("Archive the row.", d=False)},
            NT_PAGE_OUT,
        ),
        T(
            "UPDATE_PAGE",
            "Update a page",
            "Update a page's properties, icon or cover, or archive it.",
            "pages",
            {
                "page_id!": NT_PAGE,
                "properties": o("Notion page properties object."),
                "icon": s("Emoji icon."),
                "cover": s("Cover URL."),
                "archived": b("Archive (trash) the page."),
            },
            NT_PAGE_OUT,
        ),
        T(
            "RETRIEVE_PAGE",
            "Get a page",
            "Get a page's properties (not its content).",
            "pages",
            {"page_id!": NT_PAGE},
            NT_PAGE_OUT,
        ),
        T(
            "FETCH_BLOCK_CHILDREN",
            "Get page content",
            "List the child blocks (the content) of a page or block.",
            "pages blocks",
            {
                "block_id!": s("ID of the page or block."),
                "page_size": i("Blocks per page.", d=100),
                "start_cursor": s("Cursor."),
            },
            "results:a;has_more:b;next_cursor:s",
        ),
        T(
            "CREATE_DATABASE",
            "Create a database",
            "Create an inline database in a page with a property schema.",
            "databases",
            {
                "parent_id!": NT_PAGE,
                "title!": s("Title of the database."),
                "properties!": a(
                    "Columns as {name, type}; one must be the title.",
                    items=o("A column.", {"name!": s("Column name."), "type!": s("Property type.")}),
                ),
            },
            "id:s;url:s;title:a",
        ),
        T(
            "FETCH_DATABASE",
            "Get a database",
            "Get a database's title and property schema.",
            "databases",
            {"database_id!": NT_DB},
            "id:s;title:a;properties:o;url:s",
        ),
        T(
            "CREATE_COMMENT",
            "Create a comment",
            "Add a comment to a page or reply in a discussion thread.",
            "comments",
            {
                "parent_page_id": s("Page to comment on."),
                "discussion_id": s("Discussion thread to reply in."),
                "comment!": s("Comment text."),
            },
            "id:s;discussion_id:s;created_time:s",
        ),
        T(
            "ARCHIVE_NOTION_PAGE",
            "Archive a page",
            "Move a page to the trash, or restore it.",
            "pages",
            {"page_id!": NT_PAGE, "archive": b("True to archive, false to restore.", d=True)},
            "id:s;archived:b",
        ),
        T(
            "DELETE_BLOCK",
            "Delete a block",
            "Delete (archive) a block from a page.",
            "blocks",
            {"block_id!": s("ID of the block.")},
            "id:s;archived:b",
        ),
        T(
            "LIST_USERS",
            "List users",
            "List the users and bots of the workspace.",
            "users",
            {"page_size": i("Users per page.", d=30), "start_cursor": s("Cursor.")},
            "results:a;next_cursor:s",
        ),
        T(
            "ADD_PAGE_CONTENT",
            "Add page content (legacy)",
            "Legacy single-block append; use NOTION_ADD_MULTIPLE_PAGE_CONTENT instead.",
            "pages blocks",
            {"parent_block_id!": s("Page or block ID."), "content_block!": o("One block.")},
            "results:a",
            dep=True,
        ),
    ],
)

AT_BASE = s("The ID of the Airtable base, starting with app.", ex=["appXXXXXXXXXXXXXX"])
AT_TABLE = s("Table ID (tbl...) or table name.", ex=["Tasks"])
AT_REC_OUT = "id:s;createdTime:s;fields:o"
TK(
    "airtable",
    "Airtable",
    "Airtable is a spreadsheet-database hybrid for building collaborative apps on bases, tables and records.",
    "https://airtable.com",
    ["productivity", "databases"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "CREATE_RECORD",
            "Create a record",
            "Create a record (row) in an Airtable table.",
            "records",
            {
                "baseId!": AT_BASE,
                "tableIdOrName!": AT_TABLE,
                "fields!": o('Field names (or IDs) and values, e.g. {"Name": "Ada", "Status": "Todo"}.'),
                "typecast": b("Convert string values to the right types, creating select options.", d=False),
            },
            AT_REC_OUT,
            imp=True,
        ),
        T(
            "CREATE_RECORDS",
            "Create multiple records",
            "Create up to 10 records in one request.",
            "records",
            {
                "baseId!": AT_BASE,
                "tableIdOrName!": AT_TABLE,
                "records!": a(
                    "Records to create, each {fields: {...}}.", items=o("A record.", {"fields!": o("Field values.")})
                ),
                "typecast": b("Convert values automatically.", d=False),
            },
            "records:a",
        ),
        T(
            "LIST_RECORDS",
            "List records",
            "List records of a table, with a view, formula filter, sort and selected fields.",
            "records",
            {
                "baseId!": AT_BASE,
                "tableIdOrName!": AT_TABLE,
                "view": s("Name or ID of a view."),
                "filterByFormula": s("Formula records must match.", ex=["AND({Status}='Todo', {Due} < TODAY())"]),
                "maxRecords": i("Maximum records in total."),
                "pageSize": i("Records per page.", d=100, mx=100),
                "sort": a(
                    "Sort as [{field, direction}].",
                    items=o("Sort.", {"field!": s("Field name."), "direction": s("asc or desc.", e=["asc", "desc"])}),
                ),
                "fields": a("Only return these fields."),
                "offset": s("Offset from the previous page."),
            },
            "records:a;offset:s",
            imp=True,
        ),
        T(
            "GET_RECORD",
            "Get a record",
            "Get one record by ID.",
            "records",
            {"baseId!": AT_BASE, "tableIdOrName!": AT_TABLE, "recordId!": s("Record ID, rec....")},
            AT_REC_OUT,
        ),
        T(
            "UPDATE_RECORD",
            "Update a record",
            "Update some fields of a record, leaving the others untouched.",
            "records",
            {
                "baseId!": AT_BASE,
                "tableIdOrName!": AT_TABLE,
                "recordId!": s("Record ID."),
                "fields!": o("Fields to change."),
                "typecast": b("Convert values automatically.", d=False),
            },
            AT_REC_OUT,
        ),
        T(
            "UPDATE_MULTIPLE_RECORDS",
            "Update or upsert records",
            "Update up to 10 records, or upsert them by matching fields.",
            "records",
            {
                "baseId!": AT_BASE,
                "tableIdOrName!": AT_TABLE,
                "records!": a("Records as {id?, fields}.", items="object"),
                "performUpsert": o("Upsert settings.", {"fieldsToMergeOn!": a("Fields that identify a record.")}),
                "typecast": b("Convert values automatically.", d=False),
            },
            "records:a;createdRecords:as;updatedRecords:as",
        ),
        T(
            "DELETE_RECORD",
            "Delete a record",
            "Delete a record.",
            "records",
            {"baseId!": AT_BASE, "tableIdOrName!": AT_TABLE, "recordId!": s("Record ID.")},
            "id:s;deleted:b",
        ),
        T(
            "LIST_BASES",
            "List bases",
            "List the bases the token can access.",
            "bases",
            {"offset": s("Pagination offset.")},
            "bases:a;offset:s",
        ),
        T(
            "GET_BASE_SCHEMA",
            "Get base schema",
            "Get the tables, fields and views of a base.",
            "bases schema",
            {"baseId!": AT_BASE},
            "tables:a",
        ),
        T(
            "CREATE_TABLE",
            "Create a table",
            "Create a table in a base with its fields.",
            "tables schema",
            {
                "baseId!": AT_BASE,
                "name!": s("Table name."),
                "description": s("Table description."),
                "fields!": a("Fields as {name, type, options}; the first is the primary field.", items="object"),
            },
            "id:s;name:s;fields:a",
        ),
        T(
            "CREATE_FIELD",
            "Create a field",
            "Add a field (column) to a table.",
            "tables schema",
            {
                "baseId!": AT_BASE,
                "tableId!": s("Table ID."),
                "name!": s("Field name."),
                "type!": s("Field type, e.g. singleLineText, number, singleSelect, date, checkbox."),
                "options": o("Type-specific options."),
            },
            "id:s;name:s;type:s",
        ),
        T(
            "CREATE_COMMENT",
            "Comment on a record",
            "Add a comment to a record.",
            "records comments",
            {"baseId!": AT_BASE, "tableIdOrName!": AT_TABLE, "recordId!": s("Record ID."), "text!": s("Comment text.")},
            "id:s;createdTime:s",
        ),
    ],
)

CF_PAGE_OUT = "id:s;title:s;status:s;spaceId:s;version:o;_links:o"
TK(
    "confluence",
    "Confluence",
    "Atlassian Confluence is a team wiki for pages, spaces, and knowledge sharing.",
    "https://www.atlassian.com/software/confluence",
    ["documents", "productivity"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "CREATE_PAGE",
            "Create a page",
            "Create a page in a space, optionally under a parent page.",
            "pages",
            {
                "spaceId!": s("ID of the space."),
                "title!": s("Page title."),
                "body!": s(
                    "Page body in Confluence storage format (XHTML).", ex=["<p>Hello <strong>team</strong></p>"]
                ),
                "parentId": s("ID of the parent page."),
                "status": s("Publish or save as draft.", e=["current", "draft"], d="current"),
            },
            CF_PAGE_OUT,
            imp=True,
        ),
        T(
            "GET_PAGE_BY_ID",
            "Get a page",
            "Get a page, optionally with its body.",
            "pages",
            {
                "id!": s("Page ID."),
                "body_format": s("Body format to include.", e=["storage", "atlas_doc_format", "view"], d="storage"),
            },
            CF_PAGE_OUT + ";body:o",
        ),
        T(
            "UPDATE_PAGE",
            "Update a page",
            "Update a page's title or body; the version number must be incremented.",
            "pages",
            {
                "id!": s("Page ID."),
                "title!": s("Page title."),
                "body!": s("New body in storage format."),
                "version_number!": i("New version number (current + 1)."),
                "status": s("Status.", e=["current", "draft"], d="current"),
            },
            CF_PAGE_OUT,
        ),
        T(
            "SEARCH_CONTENT",
            "Search content",
            "Search pages and blog posts with CQL.",
            "search",
            {
                "cql!": s("CQL query.", ex=['type=page AND space=ENG AND text ~ "onboarding"']),
                "limit": i("Max results.", d=25),
                "cursor": s("Pagination cursor."),
            },
            "results:a;totalSize:i",
        ),
        T(
            "GET_PAGES",
            "List pages",
            "List pages, optionally in a space or with a title.",
            "pages",
            {
                "space_id": s("Space ID."),
                "title": s("Exact page title."),
                "status": s("Page status.", e=["current", "archived", "draft"]),
                "limit": i("Max results.", d=25),
                "cursor": s("Cursor."),
            },
            "results:a",
        ),
        T(
            "GET_SPACES",
            "List spaces",
            "List Confluence spaces.",
            "spaces",
            {
                "keys": a("Space keys."),
                "type": s("Space type.", e=["global", "personal"]),
                "limit": i("Max results.", d=25),
            },
            "results:a",
        ),
        T(
            "CREATE_SPACE",
            "Create a space",
            "Create a new space.",
            "spaces",
            {
                "key!": s("Space key (uppercase letters/numbers).", ex=["ENG"]),
                "name!": s("Space name."),
                "description": s("Description."),
            },
            "id:s;key:s;name:s",
        ),
        T(
            "ADD_CONTENT_LABEL",
            "Add labels to a page",
            "Add labels to a page or blog post.",
            "labels",
            {"id!": s("Content ID."), "labels!": a("Label names.")},
            "results:a",
        ),
        T(
            "CREATE_FOOTER_COMMENT",
            "Comment on a page",
            "Add a footer comment to a page.",
            "comments",
            {"pageId!": s("Page ID."), "body!": s("Comment body in storage format.")},
            "id:s",
        ),
        T(
            "DELETE_PAGE",
            "Delete a page",
            "Move a page to the trash, or purge it.",
            "pages",
            {"id!": s("Page ID."), "purge": b("Permanently delete a trashed page.", d=False)},
            "deleted:b",
        ),
    ],
)

TK(
    "calendly",
    "Calendly",
    "Calendly is a scheduling tool where invitees book meetings from a host's availability.",
    "https://calendly.com",
    ["scheduling"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "LIST_EVENTS",
            "List scheduled events",
            "List scheduled meetings of a user or organization in a time window.",
            "events",
            {
                "user": s("User URI, https://api.calendly.com/users/...."),
                "organization": s("Organization URI."),
                "min_start_time": s("Events starting at or after (ISO 8601).", f="date-time"),
                "max_start_time": s("Events starting before (ISO 8601).", f="date-time"),
                "status": s("Event status.", e=["active", "canceled"]),
                "invitee_email": s("Only events with this invitee."),
                "count": i("Results per page.", d=20, mx=100),
                "page_token": s("Page token."),
            },
            "collection:a;pagination:o",
            imp=True,
        ),
        T(
            "GET_EVENT",
            "Get a scheduled event",
            "Get one scheduled event.",
            "events",
            {"uuid!": s("UUID of the event.")},
            "uri:s;name:s;status:s;start_time:s;end_time:s;location:o",
        ),
        T(
            "LIST_EVENT_INVITEES",
            "List event invitees",
            "List the invitees of a scheduled event with their answers.",
            "events invitees",
            {
                "uuid!": s("UUID of the event."),
                "email": s("Filter by email."),
                "status": s("Invitee status.", e=["active", "canceled"]),
                "count": i("Results per page.", d=20),
            },
            "collection:a",
        ),
        T(
            "LIST_EVENT_TYPES",
            "List event types",
            "List the event types (meeting templates) of a user or organization.",
            "event_types",
            {
                "user": s("User URI."),
                "organization": s("Organization URI."),
                "active": b("Only active event types."),
                "count": i("Results per page.", d=20),
            },
            "collection:a",
        ),
        T(
            "LIST_EVENT_TYPE_AVAILABLE_TIMES",
            "List available times",
            "List open slots of an event type in a window of up to 7 days.",
            "availability",
            {
                "event_type!": s("Event type URI."),
                "start_time!": s("Window start (ISO 8601, future).", f="date-time"),
                "end_time!": s("Window end.", f="date-time"),
            },
            "collection:a",
        ),
        T(
            "CREATE_SCHEDULING_LINK",
            "Create a single-use scheduling link",
            "Create a booking link for an event type, limited to N bookings.",
            "links",
            {
                "owner!": s("Event type URI."),
                "max_event_count!": i("Number of bookings allowed.", d=1, e=[1]),
                "owner_type": s("Owner type.", e=["EventType"], d="EventType"),
            },
            "booking_url:s;owner:s",
        ),
        T(
            "CANCEL_EVENT",
            "Cancel an event",
            "Cancel a scheduled event and notify invitees.",
            "events",
            {"uuid!": s("UUID of the event."), "reason": s("Reason shown to invitees.")},
            "canceled_by:s;reason:s",
        ),
        T(
            "GET_CURRENT_USER",
            "Get the current user",
            "Get the connected Calendly user, with URI and organization.",
            "users",
            {},
            "uri:s;name:s;email:s;scheduling_url:s;current_organization:s",
        ),
    ],
)

TK(
    "typeform",
    "Typeform",
    "Typeform builds conversational online forms, quizzes and surveys.",
    "https://www.typeform.com",
    ["forms-surveys", "marketing"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "RETRIEVE_RESPONSES",
            "Get form responses",
            "Get the submissions of a form with answers, filtered by date or text.",
            "responses",
            {
                "form_id!": s("ID of the form, from its URL.", ex=["u6nXL7"]),
                "page_size": i("Responses per page.", d=25, mx=1000),
                "since": s("Responses submitted after (ISO 8601).", f="date-time"),
                "until": s("Responses submitted before.", f="date-time"),
                "after": s("Token of the last response of the previous page."),
                "completed": b("Only completed responses."),
                "query": s("Text to search in answers."),
                "sort": s("Sort, e.g. submitted_at,desc."),
            },
            "total_items:i;page_count:i;items:a",
            imp=True,
        ),
        T(
            "LIST_FORMS",
            "List forms",
            "List the forms of the account.",
            "forms",
            {
                "search": s("Text in form titles."),
                "page": page(),
                "page_size": i("Forms per page.", d=10, mx=200),
                "workspace_id": s("Only forms in this workspace."),
            },
            "total_items:i;items:a",
        ),
        T(
            "GET_FORM",
            "Get a form",
            "Get a form's definition with its fields and logic.",
            "forms",
            {"form_id!": s("Form ID.")},
            "id:s;title:s;fields:a;settings:o;_links:o",
        ),
        T(
            "CREATE_FORM",
            "Create a form",
            "Create a form from a title and field definitions.",
            "forms",
            {
                "title!": s("Form title."),
                "fields": a("Fields as {title, type, properties, validations}.", items="object"),
                "workspace_href": s("Workspace URL to put the form in."),
            },
            "id:s;title:s;_links:o",
        ),
        T(
            "DELETE_RESPONSES",
            "Delete responses",
            "Delete responses of a form by ID.",
            "responses",
            {"form_id!": s("Form ID."), "included_response_ids!": a("IDs of the responses to delete.")},
            "ok:b",
        ),
        T(
            "CREATE_OR_UPDATE_WEBHOOK",
            "Create or update a webhook",
            "Send each new response of a form to a URL.",
            "webhooks",
            {
                "form_id!": s("Form ID."),
                "tag!": s("Unique name of the webhook."),
                "url!": s("Endpoint receiving responses."),
                "enabled": b("Whether the webhook sends.", d=True),
            },
            "id:s;url:s;enabled:b",
        ),
        T(
            "LIST_WORKSPACES",
            "List workspaces",
            "List the workspaces of the account.",
            "workspaces",
            {"page_size": i("Workspaces per page.", d=10)},
            "items:a",
        ),
    ],
)

TK(
    "googleforms",
    "Google Forms",
    "Google Forms creates surveys and quizzes and collects responses into Google Sheets.",
    "https://forms.google.com",
    ["forms-surveys"],
    ["OAUTH2"],
    tools=[
        T(
            "CREATE_FORM",
            "Create a form",
            "Create a new Google Form with a title.",
            "forms",
            {"title!": s("Title shown to respondents."), "document_title": s("File name in Drive.")},
            "formId:s;responderUri:s;info:o",
            imp=True,
        ),
        T(
            "GET_FORM",
            "Get a form",
            "Get a form's questions and settings.",
            "forms",
            {"form_id!": s("Form ID.")},
            "formId:s;info:o;items:a",
        ),
        T(
            "BATCH_UPDATE_FORM",
            "Add or edit questions",
            "Add, change or remove form items with batchUpdate requests.",
            "forms questions",
            {"form_id!": s("Form ID."), "requests!": a("Forms API requests, e.g. createItem.", items="object")},
            "replies:a;form:o",
        ),
        T(
            "LIST_RESPONSES",
            "List form responses",
            "List submitted responses of a form.",
            "responses",
            {
                "form_id!": s("Form ID."),
                "filter": s("Only responses after a time, e.g. timestamp > 2025-09-01T00:00:00Z."),
                "page_size": i("Responses per page.", d=100, mx=5000),
                "page_token": s("Page token."),
            },
            "responses:a;nextPageToken:s",
        ),
        T(
            "GET_RESPONSE",
            "Get a form response",
            "Get one response by ID.",
            "responses",
            {"form_id!": s("Form ID."), "response_id!": s("Response ID.")},
            "responseId:s;answers:o;lastSubmittedTime:s",
        ),
    ],
)

# ======================================================================================
# Project management
# ======================================================================================
TR_CARD_OUT = "id:s;name:s;desc:s;idList:s;idBoard:s;due:s;url:s;shortUrl:s;labels:a"
TK(
    "trello",
    "Trello",
    "Trello organizes work into boards, lists and cards in a Kanban style.",
    "https://trello.com",
    ["project-management", "productivity"],
    ["OAUTH1", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "ADD_CARDS",
            "Create a card",
            "Create a new card in a Trello list, with name, description, due date, members and labels.",
            "cards",
            {
                "idList!": s("ID of the list the card goes in."),
                "name": s("Name of the card.", ex=["Write launch blog post"]),
                "desc": s("Description of the card."),
                "pos": s("Position: top, bottom or a positive number.", d="bottom"),
                "due": s("Due date (ISO 8601).", f="date-time"),
                "start": s("Start date.", f="date-time"),
                "idMembers": a("Member IDs to add."),
                "idLabels": a("Label IDs to add."),
                "urlSource": s("URL to attach."),
            },
            TR_CARD_OUT,
            imp=True,
        ),
        T(
            "GET_CARDS_BY_ID_CARD",
            "Get a card",
            "Get a card with its fields.",
            "cards",
            {"idCard!": s("ID or short link of the card.")},
            TR_CARD_OUT,
        ),
        T(
            "UPDATE_CARDS_BY_ID_CARD",
            "Update a card",
            "Rename, describe, move, archive or set the due date of a card.",
            "cards",
            {
                "idCard!": s("ID of the card."),
                "name": s("New name."),
                "desc": s("New description."),
                "idList": s("Move the card to this list."),
                "due": s("Due date.", f="date-time"),
                "dueComplete": b("Mark the due date done."),
                "closed": b("Archive the card."),
            },
            TR_CARD_OUT,
        ),
        T(
            "DELETE_CARDS_BY_ID_CARD",
            "Delete a card",
            "Permanently delete a card.",
            "cards",
            {"idCard!": s("ID of the card.")},
            "ok:b",
        ),
        T(
            "ADD_CARDS_ACTIONS_COMMENTS_BY_ID_CARD",
            "Comment on a card",
            "Add a comment to a card.",
            "cards comments",
            {"idCard!": s("ID of the card."), "text!": s("Comment text.")},
            "id:s;data:o;date:s",
        ),
        T(
            "ADD_CARDS_CHECKLISTS_BY_ID_CARD",
            "Add a checklist to a card",
            "Create a checklist on a card.",
            "cards checklists",
            {"idCard!": s("ID of the card."), "name!": s("Name of the checklist.")},
            "id:s;name:s",
        ),
        T(
            "GET_BOARDS_LISTS_BY_ID_BOARD",
            "List the lists of a board",
            "Get the lists (columns) on a board.",
            "lists boards",
            {
                "idBoard!": s("ID of the board."),
                "filter": s("Which lists.", e=["all", "closed", "none", "open"], d="open"),
            },
            "lists:a",
        ),
        T(
            "GET_BOARDS_CARDS_BY_ID_BOARD",
            "List the cards of a board",
            "Get all open cards of a board.",
            "cards boards",
            {
                "idBoard!": s("ID of the board."),
                "filter": s("Which cards.", e=["all", "closed", "none", "open", "visible"], d="visible"),
            },
            "cards:a",
        ),
        T(
            "GET_LISTS_CARDS_BY_ID_LIST",
            "List the cards in a list",
            "Get the cards in a list.",
            "cards lists",
            {"idList!": s("ID of the list.")},
            "cards:a",
        ),
        T(
            "ADD_BOARDS",
            "Create a board",
            "Create a board, optionally in a workspace and from a template board.",
            "boards",
            {
                "name!": s("Board name."),
                "desc": s("Board description."),
                "idOrganization": s("Workspace ID."),
                "idBoardSource": s("Board to copy."),
                "defaultLists": b("Create To Do, Doing, Done lists.", d=True),
            },
            "id:s;name:s;url:s",
        ),
        T(
            "ADD_LISTS",
            "Create a list",
            "Create a list on a board.",
            "lists",
            {"name!": s("List name."), "idBoard!": s("ID of the board."), "pos": s("Position.", d="bottom")},
            "id:s;name:s;idBoard:s",
        ),
        T(
            "GET_MEMBERS_BOARDS_BY_ID_MEMBER",
            "List my boards",
            "List the boards of a member.",
            "boards",
            {
                "idMember": s("Member ID or username; `me` for the current user.", d="me"),
                "filter": s(
                    "Which boards.",
                    e=["all", "closed", "members", "open", "organization", "public", "starred"],
                    d="open",
                ),
            },
            "boards:a",
        ),
        T(
            "SEARCH",
            "Search Trello",
            "Search boards, cards and members.",
            "search",
            {
                "query!": s("Search text."),
                "modelTypes": s("Comma-separated model types.", d="cards,boards"),
                "cards_limit": i("Max cards.", d=10),
            },
            "cards:a;boards:a",
        ),
    ],
)

AS_GID = s("Globally unique ID (gid) of the object.", ex=["1204567890123456"])
AS_TASK_OUT = "gid:s;name:s;completed:b;due_on:s;assignee:o;projects:a;permalink_url:s;notes:s"
TK(
    "asana",
    "Asana",
    "Asana is a work management platform for tasks, projects, goals and portfolios.",
    "https://asana.com",
    ["project-management", "productivity"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "CREATE_A_TASK",
            "Create a task",
            "Create a task in a project or workspace, with assignee, due date and notes.",
            "tasks",
            {
                "name!": s("Name of the task.", ex=["Prepare Q4 budget"]),
                "workspace": s("Workspace gid; required without projects or parent."),
                "projects": a("Project gids to add the task to."),
                "assignee": s("Assignee gid, email or `me`."),
                "due_on": s("Due date YYYY-MM-DD.", f="date"),
                "due_at": s("Due date-time (ISO 8601).", f="date-time"),
                "notes": s("Plain-text description."),
                "html_notes": s("Rich-text description."),
                "parent": s("Parent task gid, for a subtask."),
                "tags": a("Tag gids."),
                "followers": a("Follower gids or emails."),
            },
            AS_TASK_OUT,
            imp=True,
        ),
        T("GET_A_TASK", "Get a task", "Get a task's details.", "tasks", {"task_gid!": AS_GID}, AS_TASK_OUT),
        T(
            "UPDATE_A_TASK",
            "Update a task",
            "Change a task's name, assignee, due date or notes, or complete it.",
            "tasks",
            {
                "task_gid!": AS_GID,
                "name": s("New name."),
                "assignee": s("New assignee."),
                "due_on": s("Due date.", f="date"),
                "completed": b("Mark complete."),
                "notes": s("New notes."),
            },
            AS_TASK_OUT,
        ),
        T(
            "DELETE_A_TASK",
            "Delete a task",
            "Delete a task (it goes to the trash).",
            "tasks",
            {"task_gid!": AS_GID},
            "ok:b",
        ),
        T(
            "GET_TASKS_FROM_A_PROJECT",
            "List tasks in a project",
            "List the tasks of a project.",
            "tasks projects",
            {
                "project_gid!": AS_GID,
                "completed_since": s("Only incomplete tasks or those completed after this time; `now` for incomplete."),
                "limit": i("Results per page.", d=50, mx=100),
                "offset": s("Page offset token."),
            },
            "data:a;next_page:o",
        ),
        T(
            "SEARCH_TASKS_IN_A_WORKSPACE",
            "Search tasks",
            "Search tasks of a workspace by text, assignee, project, dates and completion.",
            "tasks search",
            {
                "workspace_gid!": AS_GID,
                "text": s("Text to match in names and descriptions."),
                "assignee_any": s("Comma-separated assignee gids or `me`."),
                "projects_any": s("Comma-separated project gids."),
                "completed": b("Completion state."),
                "due_on_before": s("Due before date.", f="date"),
                "sort_by": s(
                    "Sort field.", e=["due_date", "created_at", "completed_at", "likes", "modified_at"], d="modified_at"
                ),
            },
            "data:a",
        ),
        T(
            "CREATE_SUBTASK",
            "Create a subtask",
            "Create a subtask under a task.",
            "tasks",
            {
                "task_gid!": AS_GID,
                "name!": s("Name of the subtask."),
                "assignee": s("Assignee."),
                "due_on": s("Due date.", f="date"),
            },
            AS_TASK_OUT,
        ),
        T(
            "ADD_TASK_TO_SECTION",
            "Move a task to a section",
            "Add a task to a section (column) of a project.",
            "tasks sections",
            {"section_gid!": AS_GID, "task!": s("Task gid.")},
            "ok:b",
        ),
        T(
            "CREATE_STORY_ON_TASK",
            "Comment on a task",
            "Add a comment (story) to a task.",
            "tasks comments",
            {"task_gid!": AS_GID, "text!": s("Comment text.")},
            "gid:s;text:s;created_at:s",
        ),
        T(
            "CREATE_A_PROJECT",
            "Create a project",
            "Create a project in a workspace or team.",
            "projects",
            {
                "name!": s("Project name."),
                "workspace": s("Workspace gid."),
                "team": s("Team gid (for organizations)."),
                "notes": s("Description."),
                "default_view": s("Default view.", e=["list", "board", "calendar", "timeline"], d="list"),
                "due_on": s("Due date.", f="date"),
            },
            "gid:s;name:s;permalink_url:s",
        ),
        T(
            "GET_MULTIPLE_PROJECTS",
            "List projects",
            "List the projects of a workspace or team.",
            "projects",
            {
                "workspace": s("Workspace gid."),
                "team": s("Team gid."),
                "archived": b("Archived projects only."),
                "limit": i("Page size.", d=50),
            },
            "data:a",
        ),
        T(
            "GET_MULTIPLE_WORKSPACES",
            "List workspaces",
            "List the workspaces and organizations of the user.",
            "workspaces",
            {},
            "data:a",
        ),
    ],
)

JR_KEY = s("Issue ID or key.", ex=["PROJ-123"])
JR_ISSUE_OUT = "id:s;key:s;self:s"
TK(
    "jira",
    "Jira",
    "Atlassian Jira tracks issues, bugs and agile work in projects, sprints and boards.",
    "https://www.atlassian.com/software/jira",
    ["project-management", "developer-tools"],
    ["OAUTH2", "BASIC"],
    triggers=3,
    version="20250901_00",
    tools=[
        T(
            "CREATE_ISSUE",
            "Create an issue",
            "Create a Jira issue (task, bug, story...) in a project: a ticket with summary, description, "
            "assignee, priority and labels.",
            "issues tickets",
            {
                "project_key!": s("Key of the project.", ex=["PROJ"]),
                "summary!": s("Issue summary (title).", ex=["Checkout fails for EU cards"]),
                "issue_type": s("Issue type name.", d="Task", ex=["Bug", "Story", "Epic"]),
                "description": s("Description, plain text or Markdown (converted to Atlassian Document Format)."),
                "assignee": s("Account ID of the assignee."),
                "priority": s("Priority name.", ex=["High"]),
                "labels": a("Labels."),
                "components": a("Component names."),
                "due_date": s("Due date YYYY-MM-DD.", f="date"),
                "parent": s("Parent issue key, for subtasks or epic children."),
                "fields": o('Other fields by ID, e.g. {"customfield_10016": 5}.'),
            },
            JR_ISSUE_OUT,
            imp=True,
        ),
        T(
            "GET_ISSUE",
            "Get an issue",
            "Get an issue with its fields.",
            "issues",
            {
                "issue_id_or_key!": JR_KEY,
                "fields": s("Comma-separated fields to return.", d="*navigable"),
                "expand": s("Expand, e.g. changelog."),
            },
            "id:s;key:s;fields:o",
        ),
        T(
            "EDIT_ISSUE",
            "Update an issue",
            "Update the fields of an issue.",
            "issues",
            {
                "issue_id_or_key!": JR_KEY,
                "summary": s("New summary."),
                "description": s("New description."),
                "assignee": s("Account ID of the new assignee."),
                "priority": s("Priority name."),
                "labels": a("Labels (replaces)."),
                "fields": o("Other fields by ID."),
                "notify_users": b("Send notification emails.", d=True),
            },
            "ok:b",
        ),
        T(
            "SEARCH_FOR_ISSUES_USING_JQL_GET",
            "Search issues with JQL",
            "Search issues with a JQL query.",
            "issues search",
            {
                "jql!": s("JQL query.", ex=['project = PROJ AND status = "In Progress" AND assignee = currentUser()']),
                "max_results": i("Max issues.", d=50, mx=100),
                "next_page_token": s("Token of the next page."),
                "fields": a("Fields to return.", d=["summary", "status", "assignee"]),
            },
            "issues:a;nextPageToken:s",
            imp=True,
        ),
        T(
            "TRANSITION_ISSUE",
            "Transition an issue",
            "Move an issue to another status, e.g. In Progress or Done.",
            "issues workflow",
            {
                "issue_id_or_key!": JR_KEY,
                "transition_id_or_name!": s("Transition ID or target status name.", ex=["Done"]),
                "comment": s("Comment to add with the transition."),
                "resolution": s("Resolution name, e.g. Fixed."),
            },
            "ok:b",
        ),
        T(
            "GET_TRANSITIONS",
            "List transitions",
            "List the transitions available for an issue.",
            "issues workflow",
            {"issue_id_or_key!": JR_KEY},
            "transitions:a",
        ),
        T(
            "ADD_COMMENT",
            "Add a comment",
            "Comment on an issue.",
            "issues comments",
            {
                "issue_id_or_key!": JR_KEY,
                "comment!": s("Comment text."),
                "visibility_value": s("Restrict visibility to this role or group."),
            },
            "id:s;created:s;self:s",
        ),
        T(
            "ASSIGN_ISSUE",
            "Assign an issue",
            "Assign an issue to a user, or unassign it.",
            "issues",
            {
                "issue_id_or_key!": JR_KEY,
                "account_id": s("Account ID of the assignee; `-1` for the default assignee, null to unassign."),
            },
            "ok:b",
        ),
        T(
            "GET_ALL_PROJECTS",
            "List projects",
            "List the projects visible to the user.",
            "projects",
            {"query": s("Filter by key or name."), "max_results": i("Page size.", d=50), "start_at": i("Offset.", d=0)},
            "values:a;total:i",
        ),
        T(
            "CREATE_PROJECT",
            "Create a project",
            "Create a software or business project.",
            "projects",
            {
                "key!": s("Project key."),
                "name!": s("Project name."),
                "project_type_key!": s("Type.", e=["software", "business", "service_desk"]),
                "lead_account_id!": s("Account ID of the project lead."),
                "description": s("Description."),
            },
            "id:i;key:s;self:s",
        ),
        T(
            "FIND_USERS",
            "Find users",
            "Find users by name or email, to get their account IDs.",
            "users",
            {"query!": s("Name or email."), "max_results": i("Max users.", d=50)},
            "users:a",
        ),
        T(
            "ADD_ATTACHMENT",
            "Add an attachment",
            "Attach a file to an issue.",
            "issues attachments",
            {"issue_id_or_key!": JR_KEY, "file_name!": s("File name."), "file_content!": s("File content, base64.")},
            "attachments:a",
        ),
        T(
            "MOVE_ISSUES_TO_SPRINT",
            "Move issues to a sprint",
            "Move issues into an active or future sprint.",
            "sprints agile",
            {"sprint_id!": i("ID of the sprint."), "issues!": a("Issue keys (max 50).")},
            "ok:b",
        ),
        T(
            "GET_ALL_SPRINTS",
            "List sprints",
            "List the sprints of a board.",
            "sprints agile",
            {"board_id!": i("ID of the board."), "state": s("Sprint states.", e=["future", "active", "closed"])},
            "values:a",
        ),
        T(
            "SEARCH_FOR_ISSUES_USING_JQL_POST",
            "Search issues with JQL (legacy)",
            "Legacy POST /search endpoint removed by Atlassian; use JIRA_SEARCH_FOR_ISSUES_USING_JQL_GET.",
            "issues search",
            {"jql!": s("JQL query."), "maxResults": i("Max issues.", d=50), "startAt": i("Offset.", d=0)},
            "issues:a;total:i",
            dep=True,
        ),
    ],
)

LN_ISSUE_OUT = "id:s;identifier:s:Issue key like ENG-123.;title:s;url:s;state:o;priority:i;assignee:o"
TK(
    "linear",
    "Linear",
    "Linear is an issue tracker built for software teams: issues, cycles, projects and roadmaps.",
    "https://linear.app",
    ["project-management", "developer-tools"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_LINEAR_ISSUE",
            "Create an issue",
            "Create an issue in a Linear team.",
            "issues",
            {
                "team_id!": s("ID of the team."),
                "title!": s("Issue title."),
                "description": s("Markdown description."),
                "assignee_id": s("ID of the assignee."),
                "priority": i("0 none, 1 urgent, 2 high, 3 medium, 4 low.", e=[0, 1, 2, 3, 4], d=0),
                "state_id": s("Workflow state ID."),
                "label_ids": a("Label IDs."),
                "project_id": s("Project ID."),
                "estimate": i("Estimate points."),
                "due_date": s("Due date YYYY-MM-DD.", f="date"),
                "parent_id": s("Parent issue ID."),
            },
            LN_ISSUE_OUT,
            imp=True,
        ),
        T(
            "UPDATE_ISSUE",
            "Update an issue",
            "Update an issue's title, state, assignee, priority or labels.",
            "issues",
            {
                "issue_id!": s("Issue ID or identifier."),
                "title": s("New title."),
                "description": s("New description."),
                "state_id": s("New state."),
                "assignee_id": s("New assignee."),
                "priority": i("New priority."),
                "label_ids": a("New labels."),
            },
            LN_ISSUE_OUT,
        ),
        T(
            "GET_LINEAR_ISSUE",
            "Get an issue",
            "Get an issue by ID or identifier.",
            "issues",
            {"issue_id!": s("Issue ID or identifier, e.g. ENG-123.")},
            LN_ISSUE_OUT + ";description:s;labels:a",
        ),
        T(
            "LIST_LINEAR_ISSUES",
            "List issues",
            "List issues, filtered by team, assignee, state or project.",
            "issues",
            {
                "team_id": s("Team ID."),
                "assignee_id": s("Assignee ID."),
                "state_name": s("State name, e.g. In Progress."),
                "project_id": s("Project ID."),
                "first": i("Page size.", d=50),
                "after": s("Cursor."),
            },
            "issues:a;pageInfo:o",
        ),
        T(
            "SEARCH_ISSUES",
            "Search issues",
            "Full-text search across issues.",
            "issues search",
            {"query!": s("Search text."), "first": i("Max results.", d=25)},
            "issues:a",
        ),
        T(
            "CREATE_A_COMMENT",
            "Comment on an issue",
            "Add a Markdown comment to an issue.",
            "issues comments",
            {"issue_id!": s("Issue ID."), "body!": s("Comment in Markdown.")},
            "id:s;url:s;createdAt:s",
        ),
        T("LIST_LINEAR_TEAMS", "List teams", "List the teams of the workspace.", "teams", {}, "teams:a"),
        T(
            "LIST_LINEAR_STATES",
            "List workflow states",
            "List the workflow states of a team.",
            "states",
            {"team_id!": s("Team ID.")},
            "states:a",
        ),
        T(
            "CREATE_LINEAR_LABEL",
            "Create a label",
            "Create an issue label for a team.",
            "labels",
            {"team_id!": s("Team ID."), "name!": s("Label name."), "color": s("Hex color.", ex=["#eb5757"])},
            "id:s;name:s",
        ),
        T(
            "LIST_LINEAR_PROJECTS",
            "List projects",
            "List projects.",
            "projects",
            {"first": i("Page size.", d=50)},
            "projects:a",
        ),
        T(
            "LIST_LINEAR_CYCLES",
            "List cycles",
            "List the cycles (sprints) of a team.",
            "cycles",
            {"team_id!": s("Team ID.")},
            "cycles:a",
        ),
    ],
)

CU_TASK_OUT = "id:s;name:s;status:o;url:s;assignees:a;due_date:s;priority:o"
TK(
    "clickup",
    "ClickUp",
    "ClickUp is a productivity platform for tasks, docs, goals and time tracking in spaces, folders and lists.",
    "https://clickup.com",
    ["project-management", "productivity"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_TASK",
            "Create a task",
            "Create a task in a ClickUp list.",
            "tasks",
            {
                "list_id!": i("ID of the list."),
                "name!": s("Task name."),
                "description": s("Task description (Markdown with markdown_description)."),
                "assignees": a("User IDs to assign.", items="integer"),
                "status": s("Status name in the list."),
                "priority": i("1 urgent, 2 high, 3 normal, 4 low.", e=[1, 2, 3, 4]),
                "due_date": i("Due date as UNIX milliseconds."),
                "tags": a("Tag names."),
                "parent": s("Parent task ID, to create a subtask."),
                "custom_fields": a("Custom field values as {id, value}.", items="object"),
            },
            CU_TASK_OUT,
            imp=True,
        ),
        T(
            "GET_TASK",
            "Get a task",
            "Get a task with its details.",
            "tasks",
            {"task_id!": s("Task ID."), "include_subtasks": b("Include subtasks.", d=False)},
            CU_TASK_OUT,
        ),
        T(
            "UPDATE_TASK",
            "Update a task",
            "Update a task's name, status, priority, due date or assignees.",
            "tasks",
            {
                "task_id!": s("Task ID."),
                "name": s("New name."),
                "description": s("New description."),
                "status": s("New status."),
                "priority": i("New priority."),
                "due_date": i("New due date (UNIX ms)."),
                "assignees": o(
                    "Changes to assignees.",
                    {"add": a("User IDs to add.", items="integer"), "rem": a("User IDs to remove.", items="integer")},
                ),
            },
            CU_TASK_OUT,
        ),
        T("DELETE_TASK", "Delete a task", "Delete a task.", "tasks", {"task_id!": s("Task ID.")}, "ok:b"),
        T(
            "GET_TASKS",
            "List tasks in a list",
            "List the tasks of a list with filters.",
            "tasks",
            {
                "list_id!": i("List ID."),
                "archived": b("Include archived.", d=False),
                "statuses": a("Statuses to include."),
                "assignees": a("Assignee IDs.", items="integer"),
                "page": i("Page, starting at 0.", d=0),
                "order_by": s("Order.", e=["id", "created", "updated", "due_date"]),
            },
            "tasks:a",
        ),
        T(
            "CREATE_TASK_COMMENT",
            "Comment on a task",
            "Add a comment to a task.",
            "tasks comments",
            {
                "task_id!": s("Task ID."),
                "comment_text!": s("Comment text."),
                "assignee": i("Assign the comment to a user."),
                "notify_all": b("Notify everyone on the task.", d=False),
            },
            "id:i;date:i",
        ),
        T(
            "CREATE_LIST",
            "Create a list",
            "Create a list in a folder.",
            "lists",
            {
                "folder_id!": i("Folder ID."),
                "name!": s("List name."),
                "content": s("Description."),
                "due_date": i("Due date (UNIX ms)."),
            },
            "id:s;name:s",
        ),
        T(
            "GET_LISTS",
            "List lists in a folder",
            "Get the lists of a folder.",
            "lists",
            {"folder_id!": i("Folder ID.")},
            "lists:a",
        ),
        T(
            "GET_SPACES",
            "List spaces",
            "Get the spaces of a workspace (team).",
            "spaces",
            {"team_id!": i("Workspace ID.")},
            "spaces:a",
        ),
        T(
            "GET_AUTHORIZED_TEAMS_WORKSPACES",
            "List workspaces",
            "List the workspaces the user can access.",
            "workspaces",
            {},
            "teams:a",
        ),
        T(
            "START_A_TIME_ENTRY",
            "Start a timer",
            "Start tracking time, optionally on a task.",
            "time tracking",
            {
                "team_id!": i("Workspace ID."),
                "tid": s("Task ID."),
                "description": s("Description."),
                "billable": b("Billable.", d=False),
            },
            "id:s;start:s",
        ),
    ],
)

MD_BOARD = i("ID of the board.", ex=[1234567890])
TK(
    "monday",
    "monday.com",
    "monday.com is a work OS for managing projects and workflows on boards of items and columns.",
    "https://monday.com",
    ["project-management", "crm"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_ITEM",
            "Create an item",
            "Create an item (row) on a board, in a group, with column values.",
            "items",
            {
                "board_id!": MD_BOARD,
                "item_name!": s("Name of the item."),
                "group_id": s("Group ID; the top group when omitted."),
                "column_values": o(
                    'Column values by column ID, e.g. {"status": {"label": "Done"}, "date4": {"date": "2025-10-01"}}.'
                ),
                "create_labels_if_missing": b("Create missing status/dropdown labels.", d=False),
            },
            "id:s;name:s",
            imp=True,
        ),
        T(
            "CHANGE_MULTIPLE_COLUMN_VALUES",
            "Update item columns",
            "Change several column values of an item.",
            "items columns",
            {"board_id!": MD_BOARD, "item_id!": i("Item ID."), "column_values!": o("Column values by column ID.")},
            "id:s",
        ),
        T(
            "LIST_ITEMS",
            "List board items",
            "List the items of a board with their column values.",
            "items",
            {
                "board_id!": MD_BOARD,
                "limit": i("Items per page.", d=25, mx=500),
                "cursor": s("Cursor from the previous page."),
            },
            "items:a;cursor:s",
        ),
        T(
            "CREATE_UPDATE",
            "Post an update",
            "Post an update (comment) on an item.",
            "items updates",
            {"item_id!": i("Item ID."), "body!": s("Update text (HTML allowed).")},
            "id:s",
        ),
        T(
            "CREATE_BOARD",
            "Create a board",
            "Create a board.",
            "boards",
            {
                "board_name!": s("Board name."),
                "board_kind!": s("Visibility.", e=["public", "private", "share"], d="public"),
                "workspace_id": i("Workspace ID."),
                "template_id": i("Template board ID."),
            },
            "id:s;name:s",
        ),
        T(
            "LIST_BOARDS",
            "List boards",
            "List the boards the user can access.",
            "boards",
            {
                "limit": i("Boards per page.", d=25),
                "page": page(),
                "workspace_ids": a("Workspace IDs.", items="integer"),
            },
            "boards:a",
        ),
        T(
            "CREATE_GROUP",
            "Create a group",
            "Create a group of items on a board.",
            "groups",
            {"board_id!": MD_BOARD, "group_name!": s("Group name.")},
            "id:s",
        ),
        T("ARCHIVE_ITEM", "Archive an item", "Archive an item.", "items", {"item_id!": i("Item ID.")}, "id:s"),
        T(
            "CREATE_SUBITEM",
            "Create a subitem",
            "Create a subitem under an item.",
            "items",
            {"parent_item_id!": i("Parent item ID."), "item_name!": s("Name."), "column_values": o("Column values.")},
            "id:s;board:o",
        ),
    ],
)

# ======================================================================================
# CRM & customer support
# ======================================================================================
HS_OBJ_OUT = "id:s;properties:o;createdAt:s;updatedAt:s;archived:b"
HS_ASSOC = a(
    "Associations to create, as {to: {id}, types: [{associationCategory, associationTypeId}]}.", items="object"
)
TK(
    "hubspot",
    "HubSpot",
    "HubSpot is a CRM platform with marketing, sales and service hubs: contacts, companies, deals, tickets and emails.",
    "https://www.hubspot.com",
    ["crm", "marketing"],
    ["OAUTH2", "API_KEY"],
    triggers=3,
    version="20250902_00",
    tools=[
        T(
            "CREATE_CONTACT",
            "Create a contact",
            "Create a contact in the HubSpot CRM with email, name, phone and other properties.",
            "contacts crm",
            {
                "email!": s("Email address (unique per contact).", ex=["ada@example.com"]),
                "firstname": s("First name."),
                "lastname": s("Last name."),
                "phone": s("Phone number."),
                "company": s("Company name."),
                "jobtitle": s("Job title."),
                "lifecyclestage": s(
                    "Lifecycle stage.",
                    e=[
                        "subscriber",
                        "lead",
                        "marketingqualifiedlead",
                        "salesqualifiedlead",
                        "opportunity",
                        "customer",
                        "evangelist",
                        "other",
                    ],
                ),
                "hubspot_owner_id": s("Owner ID."),
                "properties": o("Any other contact properties by internal name."),
                "associations": HS_ASSOC,
            },
            HS_OBJ_OUT,
            imp=True,
        ),
        T(
            "GET_CONTACT",
            "Get a contact",
            "Get a contact by ID or email, with selected properties.",
            "contacts crm",
            {
                "contact_id!": s("Contact ID, or email with id_property=email."),
                "id_property": s("Property used as the ID.", ex=["email"]),
                "properties": a("Properties to return.", d=["email", "firstname", "lastname"]),
            },
            HS_OBJ_OUT,
        ),
        T(
            "UPDATE_CONTACT",
            "Update a contact",
            "Update properties of a contact.",
            "contacts crm",
            {"contact_id!": s("Contact ID."), "properties!": o("Properties to update by internal name.")},
            HS_OBJ_OUT,
        ),
        T(
            "SEARCH_CONTACTS_BY_CRITERIA",
            "Search contacts",
            "Search contacts with filters (e.g. email equals, createdate after) and sorting.",
            "contacts crm search",
            {
                "query": s("Free text over default searchable properties."),
                "filterGroups": a(
                    "Filter groups; OR between groups, AND within a group.",
                    items=o(
                        "Filter group.", {"filters!": a("Filters as {propertyName, operator, value}.", items="object")}
                    ),
                ),
                "sorts": a("Sort as {propertyName, direction}.", items="object"),
                "properties": a("Properties to return."),
                "limit": i("Results per page.", d=10, mx=200),
                "after": s("Paging cursor."),
            },
            "total:i;results:a;paging:o",
        ),
        T(
            "LIST_CONTACTS",
            "List contacts",
            "List contacts page by page.",
            "contacts crm",
            {
                "limit": i("Results per page.", d=10, mx=100),
                "after": s("Paging cursor."),
                "properties": a("Properties to return."),
            },
            "results:a;paging:o",
        ),
        T(
            "ARCHIVE_CONTACT",
            "Delete a contact",
            "Archive (delete) a contact.",
            "contacts crm",
            {"contact_id!": s("Contact ID.")},
            "ok:b",
        ),
        T(
            "CREATE_COMPANY",
            "Create a company",
            "Create a company record.",
            "companies crm",
            {
                "name!": s("Company name."),
                "domain": s("Company domain, e.g. example.com."),
                "industry": s("Industry."),
                "city": s("City."),
                "country": s("Country."),
                "numberofemployees": i("Employee count."),
                "properties": o("Other company properties."),
            },
            HS_OBJ_OUT,
        ),
        T(
            "SEARCH_COMPANIES",
            "Search companies",
            "Search companies by name, domain or other properties.",
            "companies crm search",
            {
                "query": s("Free text."),
                "filterGroups": a("Filter groups.", items="object"),
                "limit": i("Page size.", d=10),
            },
            "total:i;results:a",
        ),
        T(
            "CREATE_DEAL",
            "Create a deal",
            "Create a deal in a pipeline stage, with amount and close date.",
            "deals crm sales",
            {
                "dealname!": s("Deal name."),
                "pipeline": s("Pipeline ID.", d="default"),
                "dealstage!": s("Stage ID.", ex=["appointmentscheduled"]),
                "amount": n("Deal amount."),
                "closedate": s("Expected close date (ISO 8601).", f="date-time"),
                "hubspot_owner_id": s("Owner ID."),
                "properties": o("Other deal properties."),
                "associations": HS_ASSOC,
            },
            HS_OBJ_OUT,
            imp=True,
        ),
        T(
            "UPDATE_DEAL",
            "Update a deal",
            "Update a deal's stage, amount or other properties.",
            "deals crm sales",
            {"deal_id!": s("Deal ID."), "properties!": o('Properties to update, e.g. {"dealstage": "closedwon"}.')},
            HS_OBJ_OUT,
        ),
        T(
            "LIST_DEALS",
            "List deals",
            "List deals page by page.",
            "deals crm",
            {
                "limit": i("Page size.", d=10, mx=100),
                "after": s("Paging cursor."),
                "properties": a("Properties to return."),
            },
            "results:a;paging:o",
        ),
        T(
            "CREATE_TICKET",
            "Create a ticket",
            "Create a support ticket in a pipeline.",
            "tickets support",
            {
                "subject!": s("Ticket name."),
                "content": s("Ticket description."),
                "hs_pipeline": s("Pipeline ID.", d="0"),
                "hs_pipeline_stage!": s("Stage ID.", d="1"),
                "hs_ticket_priority": s("Priority.", e=["LOW", "MEDIUM", "HIGH"]),
                "associations": HS_ASSOC,
            },
            HS_OBJ_OUT,
        ),
        T(
            "CREATE_NOTE",
            "Create a note",
            "Log a note on the timeline of a contact, company or deal.",
            "engagements notes",
            {
                "hs_note_body!": s("Note text (HTML allowed)."),
                "hs_timestamp": s("Time of the note (ISO 8601).", f="date-time"),
                "associations": HS_ASSOC,
            },
            HS_OBJ_OUT,
        ),
        T(
            "CREATE_TASK",
            "Create a task",
            "Create a CRM task for a sales rep, e.g. a follow-up call.",
            "engagements tasks",
            {
                "hs_task_subject!": s("Task title."),
                "hs_task_body": s("Notes."),
                "hs_timestamp!": s("Due date (ISO 8601).", f="date-time"),
                "hs_task_priority": s("Priority.", e=["LOW", "MEDIUM", "HIGH"]),
                "hubspot_owner_id": s("Owner."),
                "hs_task_type": s("Type.", e=["CALL", "EMAIL", "TODO"], d="TODO"),
                "associations": HS_ASSOC,
            },
            HS_OBJ_OUT,
        ),
        T(
            "ADD_CONTACT_TO_LIST",
            "Add contacts to a list",
            "Add contacts to a static list.",
            "lists contacts marketing",
            {"list_id!": s("ID of the list."), "record_ids!": a("Contact IDs to add.")},
            "recordIdsAdded:as;recordIdsMissing:as",
        ),
        T(
            "LIST_PIPELINES",
            "List pipelines",
            "List the pipelines and stages of deals or tickets.",
            "pipelines",
            {"object_type!": s("Object type.", e=["deals", "tickets"])},
            "results:a",
        ),
        T(
            "CREATE_ASSOCIATION",
            "Associate records",
            "Associate two CRM records, e.g. a contact with a company.",
            "associations",
            {
                "from_object_type!": s("Type of the first record.", ex=["contacts"]),
                "from_object_id!": s("ID of the first record."),
                "to_object_type!": s("Type of the second record.", ex=["companies"]),
                "to_object_id!": s("ID of the second record."),
            },
            "ok:b",
        ),
    ],
)

SF_OBJ_OUT = "id:s;success:b;errors:a"
TK(
    "salesforce",
    "Salesforce",
    "Salesforce is the leading CRM for sales, service and "
    "marketing: leads, accounts, contacts, opportunities and cases.",
    "https://www.salesforce.com",
    ["crm"],
    ["OAUTH2"],
    triggers=3,
    tools=[
        T(
            "CREATE_LEAD",
            "Create a lead",
            "Create a lead with name, company, email and source.",
            "leads crm sales",
            {
                "LastName!": s("Last name of the lead."),
                "Company!": s("Company of the lead."),
                "FirstName": s("First name."),
                "Email": s("Email."),
                "Phone": s("Phone."),
                "Title": s("Job title."),
                "LeadSource": s("Lead source.", ex=["Web", "Phone Inquiry", "Partner Referral"]),
                "Status": s("Lead status.", d="Open - Not Contacted"),
                "Description": s("Description."),
                "OwnerId": s("Owner user ID."),
            },
            SF_OBJ_OUT,
            imp=True,
        ),
        T(
            "UPDATE_LEAD",
            "Update a lead",
            "Update fields of a lead.",
            "leads crm",
            {
                "lead_id!": s("Lead ID (15 or 18 characters)."),
                "fields!": o('Fields to update by API name, e.g. {"Status": "Working - Contacted"}.'),
            },
            "ok:b",
        ),
        T(
            "CONVERT_LEAD",
            "Convert a lead",
            "Convert a qualified lead into an account, contact and optionally an opportunity.",
            "leads crm sales",
            {
                "lead_id!": s("Lead ID."),
                "converted_status!": s("Converted lead status.", ex=["Closed - Converted"]),
                "do_not_create_opportunity": b("Skip creating an opportunity.", d=False),
                "opportunity_name": s("Opportunity name."),
                "account_id": s("Merge into an existing account."),
            },
            "accountId:s;contactId:s;opportunityId:s",
        ),
        T(
            "CREATE_CONTACT",
            "Create a contact",
            "Create a contact, optionally linked to an account.",
            "contacts crm",
            {
                "LastName!": s("Last name."),
                "FirstName": s("First name."),
                "Email": s("Email."),
                "Phone": s("Phone."),
                "AccountId": s("Account ID."),
                "Title": s("Title."),
            },
            SF_OBJ_OUT,
        ),
        T(
            "CREATE_ACCOUNT",
            "Create an account",
            "Create an account (company).",
            "accounts crm",
            {
                "Name!": s("Account name."),
                "Industry": s("Industry."),
                "Website": s("Website."),
                "Phone": s("Phone."),
                "BillingCity": s("Billing city."),
                "BillingCountry": s("Billing country."),
                "AnnualRevenue": n("Annual revenue."),
            },
            SF_OBJ_OUT,
        ),
        T(
            "CREATE_OPPORTUNITY",
            "Create an opportunity",
            "Create an opportunity (deal) for an account.",
            "opportunities crm sales",
            {
                "Name!": s("Opportunity name."),
                "StageName!": s("Stage.", ex=["Prospecting"]),
                "CloseDate!": s("Expected close date YYYY-MM-DD.", f="date"),
                "AccountId": s("Account ID."),
                "Amount": n("Amount."),
                "Probability": n("Probability percentage."),
            },
            SF_OBJ_OUT,
            imp=True,
        ),
        T(
            "UPDATE_OPPORTUNITY",
            "Update an opportunity",
            "Update an opportunity's stage, amount or close date.",
            "opportunities crm",
            {"opportunity_id!": s("Opportunity ID."), "fields!": o("Fields to update.")},
            "ok:b",
        ),
        T(
            "CREATE_CASE",
            "Create a case",
            "Create a customer support case.",
            "cases support",
            {
                "Subject!": s("Case subject."),
                "Description": s("Description."),
                "Priority": s("Priority.", e=["High", "Medium", "Low"], d="Medium"),
                "Origin": s("Origin.", e=["Email", "Phone", "Web"]),
                "ContactId": s("Contact ID."),
                "AccountId": s("Account ID."),
            },
            SF_OBJ_OUT,
        ),
        T(
            "EXECUTE_SOQL_QUERY",
            "Run a SOQL query",
            "Query records with SOQL, e.g. SELECT Id, Name FROM Account WHERE Industry = 'Energy'.",
            "query soql read",
            {"soql_query!": s("SOQL query.", ex=["SELECT Id, Name, Email FROM Lead WHERE CreatedDate = TODAY"])},
            "totalSize:i;done:b;records:a;nextRecordsUrl:s",
            imp=True,
        ),
        T(
            "SEARCH_RECORDS_SOSL",
            "Search records (SOSL)",
            "Full-text search across objects with SOSL.",
            "search",
            {
                "sosl!": s(
                    "SOSL search.", ex=["FIND {Acme} IN ALL FIELDS RETURNING Account(Id, Name), Contact(Id, Name)"]
                )
            },
            "searchRecords:a",
        ),
        T(
            "GET_RECORD",
            "Get a record",
            "Get any sObject record by type and ID.",
            "records",
            {
                "sobject!": s("Object API name.", ex=["Account"]),
                "record_id!": s("Record ID."),
                "fields": a("Fields to return."),
            },
            "attributes:o;Id:s",
        ),
        T(
            "ADD_CONTACT_TO_CAMPAIGN",
            "Add a contact to a campaign",
            "Add a contact or lead to a campaign as a member.",
            "campaigns marketing",
            {
                "campaign_id!": s("Campaign ID."),
                "contact_id": s("Contact ID."),
                "lead_id": s("Lead ID."),
                "status": s("Member status.", d="Sent"),
            },
            SF_OBJ_OUT,
        ),
        T(
            "CREATE_TASK",
            "Create a task",
            "Create a task (activity) related to a record.",
            "tasks activities",
            {
                "Subject!": s("Subject.", ex=["Call"]),
                "WhoId": s("Lead or contact ID."),
                "WhatId": s("Related record ID."),
                "ActivityDate": s("Due date.", f="date"),
                "Status": s("Status.", d="Not Started"),
                "Priority": s("Priority.", d="Normal"),
                "Description": s("Comments."),
            },
            SF_OBJ_OUT,
        ),
        T(
            "DESCRIBE_SOBJECT",
            "Describe an object",
            "Get an object's fields, types and picklist values.",
            "metadata",
            {"sobject!": s("Object API name.", ex=["Opportunity"])},
            "name:s;fields:a;createable:b",
        ),
    ],
)

PD_DEAL_OUT = "id:i;title:s;value:n;currency:s;status:s;stage_id:i;person_id:o;org_id:o;add_time:s"
TK(
    "pipedrive",
    "Pipedrive",
    "Pipedrive is a sales CRM built around visual deal pipelines.",
    "https://www.pipedrive.com",
    ["crm"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "ADD_A_DEAL",
            "Create a deal",
            "Add a deal to a pipeline, linked to a person or organization.",
            "deals sales",
            {
                "title!": s("Deal title."),
                "value": n("Deal value."),
                "currency": s("Currency code.", ex=["USD"]),
                "person_id": i("Person ID."),
                "org_id": i("Organization ID."),
                "stage_id": i("Stage ID."),
                "status": s("Status.", e=["open", "won", "lost"], d="open"),
                "expected_close_date": s("YYYY-MM-DD.", f="date"),
                "user_id": i("Owner user ID."),
            },
            PD_DEAL_OUT,
            imp=True,
        ),
        T(
            "UPDATE_A_DEAL",
            "Update a deal",
            "Update a deal, e.g. move it to another stage or mark it won.",
            "deals sales",
            {
                "id!": i("Deal ID."),
                "title": s("Title."),
                "value": n("Value."),
                "stage_id": i("Stage ID."),
                "status": s("Status.", e=["open", "won", "lost", "deleted"]),
                "lost_reason": s("Reason when lost."),
            },
            PD_DEAL_OUT,
        ),
        T(
            "GET_ALL_DEALS",
            "List deals",
            "List deals, filtered by status, stage or owner.",
            "deals",
            {
                "status": s("Status.", e=["open", "won", "lost", "deleted", "all_not_deleted"], d="all_not_deleted"),
                "stage_id": i("Stage ID."),
                "user_id": i("Owner."),
                "start": i("Offset.", d=0),
                "limit": i("Page size.", d=100),
            },
            "data:a;additional_data:o",
        ),
        T(
            "ADD_A_PERSON",
            "Create a person",
            "Add a contact person.",
            "persons contacts",
            {
                "name!": s("Name."),
                "email": a("Emails as {value, primary, label}.", items="object"),
                "phone": a("Phones as {value, primary, label}.", items="object"),
                "org_id": i("Organization ID."),
            },
            "id:i;name:s",
        ),
        T(
            "SEARCH_PERSONS",
            "Search persons",
            "Search persons by name, email or phone.",
            "persons contacts search",
            {
                "term!": s("Search term (min 2 characters)."),
                "fields": s("Fields to search.", ex=["email"]),
                "exact_match": b("Exact match.", d=False),
            },
            "items:a",
        ),
        T(
            "ADD_AN_ORGANIZATION",
            "Create an organization",
            "Add an organization (company).",
            "organizations",
            {"name!": s("Name."), "owner_id": i("Owner user ID."), "address": s("Address.")},
            "id:i;name:s",
        ),
        T(
            "ADD_AN_ACTIVITY",
            "Create an activity",
            "Schedule an activity (call, meeting, task) for a deal or person.",
            "activities",
            {
                "subject!": s("Subject."),
                "type": s("Activity type key.", ex=["call", "meeting", "task", "email"]),
                "due_date": s("YYYY-MM-DD.", f="date"),
                "due_time": s("HH:MM."),
                "deal_id": i("Deal ID."),
                "person_id": i("Person ID."),
                "note": s("Note (HTML)."),
            },
            "id:i;subject:s;done:b",
        ),
        T(
            "ADD_A_NOTE",
            "Add a note",
            "Add a note to a deal, person or organization.",
            "notes",
            {
                "content!": s("Note content (HTML)."),
                "deal_id": i("Deal ID."),
                "person_id": i("Person ID."),
                "org_id": i("Organization ID."),
            },
            "id:i;content:s",
        ),
        T(
            "ADD_A_LEAD",
            "Create a lead",
            "Create a lead in the Leads Inbox.",
            "leads",
            {
                "title!": s("Lead title."),
                "person_id": i("Person ID."),
                "organization_id": i("Organization ID."),
                "value": o("Value as {amount, currency}."),
            },
            "id:s;title:s",
        ),
        T("GET_ALL_PIPELINES", "List pipelines", "List the sales pipelines.", "pipelines", {}, "data:a"),
    ],
)

ZD_TICKET_OUT = "id:i;subject:s;status:s;priority:s;requester_id:i;assignee_id:i;tags:as;url:s;created_at:s"
TK(
    "zendesk",
    "Zendesk",
    "Zendesk is a customer service platform for support tickets, help center and messaging.",
    "https://www.zendesk.com",
    ["customer-support"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_ZENDESK_TICKET",
            "Create a ticket",
            "Open a support ticket with a subject, first comment, requester and priority.",
            "tickets support",
            {
                "subject!": s("Ticket subject."),
                "description!": s("First comment of the ticket."),
                "requester_email": s("Email of the requester; a user is created if needed."),
                "requester_name": s("Requester's name."),
                "priority": s("Priority.", e=["urgent", "high", "normal", "low"]),
                "type": s("Type.", e=["problem", "incident", "question", "task"]),
                "tags": a("Tags."),
                "assignee_email": s("Agent to assign."),
                "group_id": i("Group ID."),
                "custom_fields": a("Custom fields as {id, value}.", items="object"),
            },
            ZD_TICKET_OUT,
            imp=True,
        ),
        T(
            "GET_ZENDESK_TICKET_BY_ID",
            "Get a ticket",
            "Get a ticket by ID.",
            "tickets",
            {"ticket_id!": i("Ticket ID.")},
            ZD_TICKET_OUT,
        ),
        T(
            "UPDATE_ZENDESK_TICKET",
            "Update a ticket",
            "Update a ticket's status, priority, assignee or tags.",
            "tickets",
            {
                "ticket_id!": i("Ticket ID."),
                "status": s("Status.", e=["new", "open", "pending", "hold", "solved", "closed"]),
                "priority": s("Priority.", e=["urgent", "high", "normal", "low"]),
                "assignee_id": i("Agent ID."),
                "tags": a("Tags (replaces)."),
            },
            ZD_TICKET_OUT,
        ),
        T(
            "REPLY_ZENDESK_TICKET",
            "Reply to a ticket",
            "Add a public reply or an internal note to a ticket.",
            "tickets comments",
            {
                "ticket_id!": i("Ticket ID."),
                "body!": s("Comment text."),
                "public": b("Visible to the requester; false for an internal note.", d=True),
                "status": s("Status to set with the reply.", e=["open", "pending", "solved"]),
            },
            ZD_TICKET_OUT,
        ),
        T(
            "LIST_ZENDESK_TICKETS",
            "List tickets",
            "List tickets, newest first.",
            "tickets",
            {
                "sort_by": s("Sort field.", e=["created_at", "updated_at", "priority", "status"], d="created_at"),
                "sort_order": s("Sort order.", e=["asc", "desc"], d="desc"),
                "per_page": per_page(100),
            },
            "tickets:a;next_page:s",
        ),
        T(
            "SEARCH_ZENDESK",
            "Search",
            "Search tickets, users and organizations with the Zendesk query syntax.",
            "search",
            {
                "query!": s("Query.", ex=["type:ticket status:open priority:urgent"]),
                "sort_by": s("Sort field."),
                "per_page": per_page(100),
            },
            "results:a;count:i",
        ),
        T(
            "LIST_TICKET_COMMENTS",
            "List ticket comments",
            "List the comments of a ticket.",
            "tickets comments",
            {"ticket_id!": i("Ticket ID.")},
            "comments:a",
        ),
        T(
            "CREATE_ZENDESK_USER",
            "Create a user",
            "Create an end user, agent or admin.",
            "users",
            {
                "name!": s("Name."),
                "email": s("Email."),
                "role": s("Role.", e=["end-user", "agent", "admin"], d="end-user"),
                "organization_id": i("Organization ID."),
            },
            "id:i;name:s;email:s",
        ),
        T(
            "CREATE_ZENDESK_ORGANIZATION",
            "Create an organization",
            "Create an organization.",
            "organizations",
            {"name!": s("Name."), "domain_names": a("Email domains auto-mapped to it.")},
            "id:i;name:s",
        ),
        T(
            "DELETE_ZENDESK_TICKET",
            "Delete a ticket",
            "Delete a ticket.",
            "tickets",
            {"ticket_id!": i("Ticket ID.")},
            "ok:b",
        ),
        T(
            "GET_ABOUT_ME",
            "Get current user",
            "Get the agent the connection authenticates as.",
            "users",
            {},
            "id:i;name:s;email:s;role:s",
        ),
    ],
)

TK(
    "intercom",
    "Intercom",
    "Intercom is a customer messaging platform for support conversations, help center and proactive messages.",
    "https://www.intercom.com",
    ["customer-support", "communication"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_CONTACT",
            "Create a contact",
            "Create a user or lead contact.",
            "contacts",
            {
                "role!": s("Contact role.", e=["user", "lead"]),
                "email": s("Email."),
                "external_id": s("Your ID for the user."),
                "name": s("Name."),
                "phone": s("Phone."),
                "custom_attributes": o("Custom attributes."),
            },
            "id:s;email:s;role:s",
        ),
        T(
            "SEARCH_CONTACTS",
            "Search contacts",
            "Search contacts by attributes like email.",
            "contacts search",
            {
                "query!": o("Search query as {field, operator, value} or nested operator groups."),
                "per_page": i("Page size.", d=50),
                "starting_after": s("Cursor."),
            },
            "data:a;total_count:i",
        ),
        T(
            "CREATE_CONVERSATION",
            "Start a conversation",
            "Create a conversation from a contact's message.",
            "conversations",
            {"from_contact_id!": s("ID of the contact sending the message."), "body!": s("Message body.")},
            "conversation_id:s;id:s",
        ),
        T(
            "REPLY_TO_CONVERSATION",
            "Reply to a conversation",
            "Reply to a conversation as an admin, or add an internal note.",
            "conversations",
            {
                "conversation_id!": s("Conversation ID."),
                "admin_id!": s("Replying admin's ID."),
                "body!": s("Reply body (HTML)."),
                "message_type": s("Reply or note.", e=["comment", "note"], d="comment"),
            },
            "id:s;state:s",
        ),
        T(
            "LIST_CONVERSATIONS",
            "List conversations",
            "List conversations, newest first.",
            "conversations",
            {"per_page": i("Page size.", d=20, mx=150), "starting_after": s("Cursor.")},
            "conversations:a;pages:o",
        ),
        T(
            "CLOSE_CONVERSATION",
            "Close a conversation",
            "Close a conversation, optionally with a final reply.",
            "conversations",
            {"conversation_id!": s("Conversation ID."), "admin_id!": s("Admin ID."), "body": s("Closing message.")},
            "id:s;state:s",
        ),
        T(
            "ASSIGN_CONVERSATION",
            "Assign a conversation",
            "Assign a conversation to an admin or team.",
            "conversations",
            {
                "conversation_id!": s("Conversation ID."),
                "admin_id!": s("Admin performing the action."),
                "assignee_id!": s("Admin or team ID to assign to; 0 to unassign."),
                "type": s("Assignee type.", e=["admin", "team"], d="admin"),
            },
            "id:s;admin_assignee_id:i",
        ),
        T(
            "CREATE_A_NOTE",
            "Add a note to a contact",
            "Add a note to a contact.",
            "contacts notes",
            {"contact_id!": s("Contact ID."), "body!": s("Note body."), "admin_id": s("Author admin ID.")},
            "id:s",
        ),
        T(
            "CREATE_A_TICKET",
            "Create a ticket",
            "Create an Intercom ticket of a ticket type for a contact.",
            "tickets",
            {
                "ticket_type_id!": s("Ticket type ID."),
                "contacts!": a("Contacts as {id} or {email}.", items="object"),
                "ticket_attributes": o(
                    'Attributes, e.g. {"_default_title_": "Refund", "_default_description_": "..."}.'
                ),
            },
            "id:s;ticket_id:s;ticket_state:o",
        ),
    ],
)

TK(
    "freshdesk",
    "Freshdesk",
    "Freshdesk is Freshworks' helpdesk for support tickets, contacts and a knowledge base.",
    "https://freshdesk.com",
    ["customer-support"],
    ["BASIC", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "CREATE_TICKET",
            "Create a ticket",
            "Create a support ticket for a requester.",
            "tickets",
            {
                "subject!": s("Subject."),
                "description!": s("HTML content of the ticket."),
                "email": s("Requester's email."),
                "priority": i("1 low, 2 medium, 3 high, 4 urgent.", e=[1, 2, 3, 4], d=1),
                "status": i("2 open, 3 pending, 4 resolved, 5 closed.", e=[2, 3, 4, 5], d=2),
                "source": i("1 email, 2 portal, 3 phone, 7 chat, 9 feedback widget.", d=2),
                "tags": a("Tags."),
                "group_id": i("Group ID."),
                "responder_id": i("Agent ID."),
                "type": s("Ticket type."),
            },
            "id:i;subject:s;status:i;priority:i;requester_id:i;created_at:s",
        ),
        T(
            "UPDATE_TICKET",
            "Update a ticket",
            "Update a ticket's status, priority, agent or tags.",
            "tickets",
            {
                "ticket_id!": i("Ticket ID."),
                "status": i("Status code."),
                "priority": i("Priority code."),
                "responder_id": i("Agent ID."),
                "tags": a("Tags."),
            },
            "id:i;status:i",
        ),
        T(
            "GET_TICKET",
            "Get a ticket",
            "Get a ticket, optionally with conversations.",
            "tickets",
            {
                "ticket_id!": i("Ticket ID."),
                "include": s("Embed.", e=["conversations", "requester", "company", "stats"]),
            },
            "id:i;subject:s;description_text:s;status:i",
        ),
        T(
            "LIST_TICKETS",
            "List tickets",
            "List tickets with a predefined filter.",
            "tickets",
            {
                "filter": s("Predefined filter.", e=["new_and_my_open", "watching", "spam", "deleted"]),
                "updated_since": s("Only tickets updated since.", f="date-time"),
                "per_page": per_page(30),
                "page": page(),
            },
            "tickets:a",
        ),
        T(
            "REPLY_TICKET",
            "Reply to a ticket",
            "Send a reply to the requester of a ticket.",
            "tickets conversations",
            {"ticket_id!": i("Ticket ID."), "body!": s("Reply HTML."), "cc_emails": a("CC addresses.")},
            "id:i;body_text:s",
        ),
        T(
            "ADD_NOTE_TO_TICKET",
            "Add a note",
            "Add a private or public note to a ticket.",
            "tickets notes",
            {"ticket_id!": i("Ticket ID."), "body!": s("Note HTML."), "private": b("Private note.", d=True)},
            "id:i",
        ),
        T(
            "CREATE_CONTACT",
            "Create a contact",
            "Create a contact.",
            "contacts",
            {"name!": s("Name."), "email": s("Email."), "phone": s("Phone."), "company_id": i("Company ID.")},
            "id:i;name:s;email:s",
        ),
        T(
            "SEARCH_CONTACTS",
            "Search contacts",
            "Search contacts with a filter query.",
            "contacts search",
            {"query!": s("Filter query.", ex=["\"email:'ada@example.com'\""])},
            "results:a;total:i",
        ),
        T(
            "LIST_AGENTS",
            "List agents",
            "List the helpdesk agents.",
            "agents",
            {"email": s("Filter by email.")},
            "agents:a",
        ),
    ],
)

# ======================================================================================
# Payments, accounting, e-commerce
# ======================================================================================
ST_CUSTOMER = s("ID of the Stripe customer.", ex=["cus_NffrFeUfNV2Hib"])
ST_AMOUNT = i("Amount in the smallest currency unit, e.g. 1099 for $10.99.", mn=1, ex=[1099])
ST_CURRENCY = s("Three-letter ISO currency code, lowercase.", ex=["usd"])
ST_META = o("Key-value metadata to store on the object.")
ST_LIST = {
    "limit": i("Objects to return (1-100).", d=10, mn=1, mx=100),
    "starting_after": s("Cursor: ID of the last object of the previous page."),
}
TK(
    "stripe",
    "Stripe",
    "Stripe is a payments platform: charge cards, manage customers, subscriptions, invoices, refunds and payouts.",
    "https://stripe.com",
    ["payments", "accounting"],
    ["OAUTH2", "API_KEY"],
    triggers=4,
    version="20250905_01",
    tools=[
        T(
            "CREATE_PAYMENT_INTENT",
            "Create a payment intent",
            "Charge a card or other payment method: create a PaymentIntent "
            "and, with confirm=true and a payment method, capture the payment.",
            "payments charges",
            {
                "amount!": ST_AMOUNT,
                "currency!": ST_CURRENCY,
                "customer": ST_CUSTOMER,
                "payment_method": s("Payment method ID to charge, e.g. pm_card_visa in test mode."),
                "confirm": b("Confirm (charge) immediately.", d=False),
                "description": s("Description shown in the dashboard."),
                "receipt_email": s("Email the receipt is sent to."),
                "capture_method": s(
                    "Capture automatically or later.", e=["automatic", "automatic_async", "manual"], d="automatic_async"
                ),
                "automatic_payment_methods": o("Enable dashboard-configured methods.", {"enabled!": b("Enabled.")}),
                "metadata": ST_META,
            },
            "id:s;status:s;amount:i;currency:s;client_secret:s;latest_charge:s",
            imp=True,
        ),
        T(
            "CONFIRM_PAYMENT_INTENT",
            "Confirm a payment intent",
            "Confirm a PaymentIntent so the payment is attempted.",
            "payments",
            {
                "intent!": s("PaymentIntent ID, pi_...."),
                "payment_method": s("Payment method to use."),
                "return_url": s("URL for redirects."),
            },
            "id:s;status:s",
        ),
        T(
            "CAPTURE_PAYMENT_INTENT",
            "Capture a payment intent",
            "Capture the funds of an authorized PaymentIntent.",
            "payments",
            {
                "intent!": s("PaymentIntent ID."),
                "amount_to_capture": i("Amount to capture; the full amount when omitted."),
            },
            "id:s;status:s;amount_received:i",
        ),
        T(
            "CREATE_CHARGE",
            "Create a charge",
            "Charge a card or payment source directly with the Charges API.",
            "payments charges",
            {
                "amount!": ST_AMOUNT,
                "currency!": ST_CURRENCY,
                "customer": ST_CUSTOMER,
                "source": s("Payment source (card token or ID)."),
                "description": s("Description."),
                "receipt_email": s("Receipt email."),
                "capture": b("Capture immediately.", d=True),
                "metadata": ST_META,
            },
            "id:s;status:s;paid:b;amount:i;receipt_url:s",
        ),
        T(
            "CREATE_CUSTOMER",
            "Create a customer",
            "Create a customer to save payment methods and bill repeatedly.",
            "customers",
            {
                "email": s("Customer email."),
                "name": s("Full name or business name."),
                "phone": s("Phone."),
                "description": s("Description."),
                "payment_method": s("Payment method to attach."),
                "address": o(
                    "Address.",
                    {
                        "line1": s("Line 1."),
                        "city": s("City."),
                        "postal_code": s("Postal code."),
                        "country": s("ISO country."),
                    },
                ),
                "metadata": ST_META,
            },
            "id:s;email:s;name:s;created:i",
            imp=True,
        ),
        T(
            "LIST_CUSTOMERS",
            "List customers",
            "List customers, optionally by email.",
            "customers",
            {"email": s("Exact email filter."), **ST_LIST},
            "data:a;has_more:b",
        ),
        T(
            "SEARCH_CUSTOMERS",
            "Search customers",
            "Search customers with Stripe's search query language.",
            "customers search",
            {
                "query!": s("Search query.", ex=["email:'ada@example.com'", "metadata['plan']:'pro'"]),
                "limit": i("Max results.", d=10),
            },
            "data:a;has_more:b;next_page:s",
        ),
        T(
            "UPDATE_CUSTOMER",
            "Update a customer",
            "Update a customer's details or default payment method.",
            "customers",
            {
                "customer!": ST_CUSTOMER,
                "email": s("Email."),
                "name": s("Name."),
                "invoice_settings": o("Invoice settings.", {"default_payment_method": s("Default payment method ID.")}),
                "metadata": ST_META,
            },
            "id:s;email:s",
        ),
        T(
            "CREATE_REFUND",
            "Create a refund",
            "Refund a charge or PaymentIntent, fully or partially.",
            "refunds payments",
            {
                "payment_intent": s("PaymentIntent to refund."),
                "charge": s("Charge to refund."),
                "amount": i("Amount to refund; the full amount when omitted."),
                "reason": s("Reason.", e=["duplicate", "fraudulent", "requested_by_customer"]),
            },
            "id:s;status:s;amount:i",
        ),
        T(
            "CREATE_PRODUCT",
            "Create a product",
            "Create a product to sell.",
            "products catalog",
            {
                "name!": s("Product name."),
                "description": s("Description."),
                "active": b("Available for purchase.", d=True),
                "default_price_data": o(
                    "Create a default price.", {"unit_amount!": ST_AMOUNT, "currency!": ST_CURRENCY}
                ),
            },
            "id:s;name:s;default_price:s",
        ),
        T(
            "CREATE_PRICE",
            "Create a price",
            "Create a one-time or recurring price for a product.",
            "prices catalog",
            {
                "product!": s("Product ID."),
                "unit_amount!": ST_AMOUNT,
                "currency!": ST_CURRENCY,
                "recurring": o(
                    "Recurring settings.",
                    {
                        "interval!": s("Interval.", e=["day", "week", "month", "year"]),
                        "interval_count": i("Intervals between billings.", d=1),
                    },
                ),
            },
            "id:s;type:s",
        ),
        T(
            "CREATE_SUBSCRIPTION",
            "Create a subscription",
            "Subscribe a customer to one or more recurring prices.",
            "subscriptions billing",
            {
                "customer!": ST_CUSTOMER,
                "items!": a(
                    "Items as {price, quantity}.",
                    items=o("Item.", {"price!": s("Price ID."), "quantity": i("Quantity.", d=1)}),
                ),
                "trial_period_days": i("Trial length in days."),
                "default_payment_method": s("Payment method."),
                "collection_method": s(
                    "Charge automatically or send invoices.",
                    e=["charge_automatically", "send_invoice"],
                    d="charge_automatically",
                ),
            },
            "id:s;status:s;current_period_end:i",
        ),
        T(
            "CANCEL_SUBSCRIPTION",
            "Cancel a subscription",
            "Cancel a subscription now or at the end of the period.",
            "subscriptions billing",
            {
                "subscription_id!": s("Subscription ID."),
                "at_period_end": b("Cancel at the end of the billing period.", d=False),
                "prorate": b("Prorate unused time.", d=False),
            },
            "id:s;status:s;cancel_at:i",
        ),
        T(
            "CREATE_INVOICE",
            "Create an invoice",
            "Create a draft invoice for a customer's pending invoice items.",
            "invoices billing",
            {
                "customer!": ST_CUSTOMER,
                "collection_method": s(
                    "Collection.", e=["charge_automatically", "send_invoice"], d="charge_automatically"
                ),
                "days_until_due": i("Days until due, for send_invoice."),
                "description": s("Memo."),
                "auto_advance": b("Finalize automatically.", d=True),
            },
            "id:s;status:s;hosted_invoice_url:s;amount_due:i",
        ),
        T(
            "LIST_CHARGES",
            "List charges",
            "List charges, newest first.",
            "payments charges",
            {"customer": ST_CUSTOMER, "created_gte": i("Created at or after (UNIX)."), **ST_LIST},
            "data:a;has_more:b",
        ),
        T(
            "RETRIEVE_BALANCE",
            "Get the balance",
            "Get the account's available and pending balance.",
            "balance",
            {},
            "available:a;pending:a",
        ),
        T(
            "CREATE_PAYMENT_LINK",
            "Create a payment link",
            "Create a shareable checkout link for prices.",
            "payments links",
            {
                "line_items!": a(
                    "Items as {price, quantity}.",
                    items=o("Item.", {"price!": s("Price ID."), "quantity!": i("Quantity.")}),
                ),
                "after_completion": o("Redirect behavior after payment."),
            },
            "id:s;url:s;active:b",
        ),
    ],
)

TK(
    "paypal",
    "PayPal",
    "PayPal is an online payments platform for checkout orders, payouts, invoicing and subscriptions.",
    "https://www.paypal.com",
    ["payments"],
    ["OAUTH2", "API_KEY"],
    triggers=1,
    tools=[
        T(
            "CREATE_ORDER",
            "Create an order",
            "Create a checkout order to capture or authorize a payment.",
            "orders payments",
            {
                "intent!": s("Capture now or authorize.", e=["CAPTURE", "AUTHORIZE"], d="CAPTURE"),
                "purchase_units!": a(
                    "Purchase units.",
                    items=o(
                        "Unit.",
                        {
                            "amount!": o(
                                "Amount.", {"currency_code!": s("Currency."), "value!": s("Amount, e.g. 19.99.")}
                            ),
                            "reference_id": s("Your reference."),
                            "description": s("Description."),
                        },
                    ),
                ),
                "return_url": s("Where buyers return after approving."),
                "cancel_url": s("Where buyers go after canceling."),
            },
            "id:s;status:s;links:a",
            imp=True,
        ),
        T(
            "CAPTURE_ORDER",
            "Capture an order",
            "Capture payment for an approved order.",
            "orders payments",
            {"order_id!": s("Order ID.")},
            "id:s;status:s;purchase_units:a",
        ),
        T(
            "GET_ORDER",
            "Get an order",
            "Get an order's details.",
            "orders",
            {"order_id!": s("Order ID.")},
            "id:s;status:s;purchase_units:a;payer:o",
        ),
        T(
            "REFUND_CAPTURED_PAYMENT",
            "Refund a payment",
            "Refund a captured payment, fully or partially.",
            "refunds",
            {
                "capture_id!": s("Capture ID."),
                "amount": o("Partial amount.", {"currency_code!": s("Currency."), "value!": s("Amount.")}),
                "note_to_payer": s("Reason shown to the payer."),
            },
            "id:s;status:s",
        ),
        T(
            "CREATE_BATCH_PAYOUT",
            "Send payouts",
            "Send money to up to 15,000 recipients by email or PayPal ID.",
            "payouts",
            {
                "sender_batch_id!": s("Unique batch ID."),
                "email_subject": s("Email subject for recipients."),
                "items!": a(
                    "Payout items.",
                    items=o(
                        "Item.",
                        {
                            "recipient_type!": s("Type.", e=["EMAIL", "PHONE", "PAYPAL_ID"]),
                            "receiver!": s("Recipient."),
                            "amount!": o("Amount {value, currency}."),
                            "note": s("Note."),
                        },
                    ),
                ),
            },
            "batch_header:o",
        ),
        T(
            "CREATE_DRAFT_INVOICE",
            "Create an invoice",
            "Create a draft invoice.",
            "invoices",
            {
                "recipient_email!": s("Billed email."),
                "currency_code!": s("Currency."),
                "items!": a("Items as {name, quantity, unit_amount}.", items="object"),
                "note": s("Note."),
                "due_date": s("Due date.", f="date"),
            },
            "id:s;status:s;href:s",
        ),
        T(
            "SEND_INVOICE",
            "Send an invoice",
            "Send a draft invoice to the recipient.",
            "invoices",
            {"invoice_id!": s("Invoice ID."), "send_to_recipient": b("Email the recipient.", d=True)},
            "href:s",
        ),
        T(
            "LIST_TRANSACTIONS",
            "List transactions",
            "List account transactions in a date range (max 31 days).",
            "transactions reporting",
            {
                "start_date!": s("Start (ISO 8601).", f="date-time"),
                "end_date!": s("End (ISO 8601).", f="date-time"),
                "page_size": i("Page size.", d=100, mx=500),
            },
            "transaction_details:a;total_items:i",
        ),
    ],
)

QB_REF = o("Reference as {value, name}.", {"value!": s("ID."), "name": s("Display name.")})
TK(
    "quickbooks",
    "QuickBooks Online",
    "Intuit QuickBooks Online is small business accounting: invoices, customers, payments, bills and reports.",
    "https://quickbooks.intuit.com",
    ["accounting"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "CREATE_INVOICE",
            "Create an invoice",
            "Create a sales invoice for a customer with line items.",
            "invoices sales",
            {
                "customer_id!": s("Customer ID."),
                "lines!": a("Lines as {amount, description, item_id, quantity}.", items="object"),
                "due_date": s("Due date.", f="date"),
                "txn_date": s("Invoice date.", f="date"),
                "bill_email": s("Email to send the invoice to."),
            },
            "Id:s;DocNumber:s;TotalAmt:n;Balance:n;DueDate:s",
            imp=True,
        ),
        T(
            "SEND_INVOICE",
            "Send an invoice",
            "Email an invoice to the customer.",
            "invoices",
            {"invoice_id!": s("Invoice ID."), "send_to": s("Email to send to; the bill email when omitted.")},
            "Id:s;EmailStatus:s",
        ),
        T(
            "CREATE_CUSTOMER",
            "Create a customer",
            "Create a customer.",
            "customers",
            {
                "display_name!": s("Unique display name."),
                "email": s("Email."),
                "phone": s("Phone."),
                "company_name": s("Company."),
                "billing_address": o("Address {Line1, City, PostalCode, Country}."),
            },
            "Id:s;DisplayName:s",
        ),
        T(
            "QUERY",
            "Query records",
            "Query entities with the QuickBooks query language, e.g. select * from Invoice where Balance > '0'.",
            "query",
            {"query!": s("Query.", ex=["select * from Customer where DisplayName like 'Acme%'"])},
            "QueryResponse:o",
        ),
        T(
            "CREATE_PAYMENT",
            "Record a payment",
            "Record a customer payment applied to invoices.",
            "payments",
            {
                "customer_id!": s("Customer ID."),
                "total_amount!": n("Amount received."),
                "invoice_ids": a("Invoices the payment applies to."),
            },
            "Id:s;TotalAmt:n",
        ),
        T(
            "CREATE_BILL",
            "Create a bill",
            "Create a vendor bill (accounts payable).",
            "bills expenses",
            {
                "vendor_id!": s("Vendor ID."),
                "lines!": a("Expense lines as {amount, account_id, description}.", items="object"),
                "due_date": s("Due date.", f="date"),
            },
            "Id:s;TotalAmt:n",
        ),
        T(
            "CREATE_VENDOR",
            "Create a vendor",
            "Create a vendor (supplier).",
            "vendors",
            {"display_name!": s("Display name."), "email": s("Email."), "phone": s("Phone.")},
            "Id:s;DisplayName:s",
        ),
        T(
            "CREATE_ITEM",
            "Create an item",
            "Create a product or service item.",
            "items",
            {
                "name!": s("Item name."),
                "type!": s("Type.", e=["Inventory", "Service", "NonInventory"]),
                "income_account_ref!": QB_REF,
                "unit_price": n("Sales price."),
            },
            "Id:s;Name:s",
        ),
        T(
            "GET_PROFIT_AND_LOSS_REPORT",
            "Get profit and loss",
            "Run the profit and loss report for a period.",
            "reports",
            {
                "start_date!": s("Start date.", f="date"),
                "end_date!": s("End date.", f="date"),
                "accounting_method": s("Method.", e=["Cash", "Accrual"], d="Accrual"),
            },
            "Header:o;Rows:o",
        ),
        T(
            "GET_BALANCE_SHEET_REPORT",
            "Get balance sheet",
            "Run the balance sheet report.",
            "reports",
            {
                "date_macro": s("Predefined period.", ex=["This Fiscal Year-to-date"]),
                "end_date": s("As-of date.", f="date"),
            },
            "Header:o;Rows:o",
        ),
    ],
)

TK(
    "xero",
    "Xero",
    "Xero is cloud accounting software for invoicing, bank reconciliation, bills and payroll.",
    "https://www.xero.com",
    ["accounting"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "CREATE_INVOICE",
            "Create an invoice",
            "Create a sales invoice (ACCREC) or bill (ACCPAY).",
            "invoices",
            {
                "tenant_id!": s("Xero tenant (organisation) ID."),
                "type!": s("ACCREC for sales invoices, ACCPAY for bills.", e=["ACCREC", "ACCPAY"]),
                "contact_id!": s("ContactID."),
                "line_items!": a("Lines as {Description, Quantity, UnitAmount, AccountCode}.", items="object"),
                "date": s("Invoice date.", f="date"),
                "due_date": s("Due date.", f="date"),
                "status": s("Status.", e=["DRAFT", "SUBMITTED", "AUTHORISED"], d="DRAFT"),
                "reference": s("Reference."),
            },
            "InvoiceID:s;InvoiceNumber:s;Total:n;Status:s",
            imp=True,
        ),
        T(
            "LIST_INVOICES",
            "List invoices",
            "List invoices, filtered by status or contact.",
            "invoices",
            {
                "tenant_id!": s("Tenant ID."),
                "statuses": a("Statuses."),
                "contact_ids": a("ContactIDs."),
                "page": page(),
            },
            "Invoices:a",
        ),
        T(
            "CREATE_CONTACT",
            "Create a contact",
            "Create a customer or supplier contact.",
            "contacts",
            {
                "tenant_id!": s("Tenant ID."),
                "name!": s("Contact name."),
                "email": s("Email."),
                "first_name": s("First name."),
                "last_name": s("Last name."),
            },
            "ContactID:s;Name:s",
        ),
        T(
            "LIST_CONTACTS",
            "List contacts",
            "List contacts.",
            "contacts",
            {"tenant_id!": s("Tenant ID."), "where": s('Filter, e.g. Name.Contains("Acme").'), "page": page()},
            "Contacts:a",
        ),
        T(
            "CREATE_PAYMENT",
            "Record a payment",
            "Apply a payment to an invoice from a bank account.",
            "payments",
            {
                "tenant_id!": s("Tenant ID."),
                "invoice_id!": s("InvoiceID."),
                "account_code!": s("Bank account code."),
                "amount!": n("Amount."),
                "date": s("Date.", f="date"),
            },
            "PaymentID:s;Amount:n",
        ),
        T(
            "LIST_BANK_TRANSACTIONS",
            "List bank transactions",
            "List spend and receive money transactions.",
            "bank",
            {"tenant_id!": s("Tenant ID."), "where": s("Filter."), "page": page()},
            "BankTransactions:a",
        ),
        T(
            "LIST_ACCOUNTS",
            "List accounts",
            "List the chart of accounts.",
            "accounts",
            {"tenant_id!": s("Tenant ID.")},
            "Accounts:a",
        ),
        T(
            "GET_CONNECTIONS",
            "List connected organisations",
            "List the tenants (organisations) the connection can access.",
            "tenants",
            {},
            "connections:a",
        ),
        T(
            "GET_PROFIT_AND_LOSS",
            "Get profit and loss",
            "Run the profit and loss report.",
            "reports",
            {"tenant_id!": s("Tenant ID."), "from_date": s("From.", f="date"), "to_date": s("To.", f="date")},
            "Reports:a",
        ),
    ],
)

SH_ORDER_OUT = (
    "id:i;name:s:Order name like #1001.;email:s;financial_status:s;"
    "fulfillment_status:s;total_price:s;currency:s;created_at:s"
)
TK(
    "shopify",
    "Shopify",
    "Shopify is an e-commerce platform for online stores: products, orders, customers, inventory and fulfillment.",
    "https://www.shopify.com",
    ["e-commerce"],
    ["OAUTH2", "API_KEY"],
    triggers=4,
    tools=[
        T(
            "CREATE_ORDER",
            "Create an order",
            "Create an order in the store, e.g. for a sale made elsewhere, with line items and customer.",
            "orders",
            {
                "line_items!": a(
                    "Items as {variant_id, quantity} or {title, price, quantity}.",
                    items=o(
                        "Line item.",
                        {
                            "variant_id": i("Product variant ID."),
                            "title": s("Title for custom items."),
                            "price": s("Price for custom items."),
                            "quantity!": i("Quantity."),
                        },
                    ),
                ),
                "email": s("Customer email."),
                "customer": o("Customer as {id} or {first_name, last_name, email}."),
                "financial_status": s(
                    "Payment status.",
                    e=["pending", "authorized", "paid", "partially_paid", "refunded", "voided"],
                    d="pending",
                ),
                "shipping_address": o("Shipping address."),
                "send_receipt": b("Email the order confirmation.", d=False),
                "inventory_behaviour": s(
                    "Inventory handling.",
                    e=["bypass", "decrement_ignoring_policy", "decrement_obeying_policy"],
                    d="bypass",
                ),
                "note": s("Order note."),
                "tags": s("Comma-separated tags."),
            },
            SH_ORDER_OUT,
            imp=True,
        ),
        T(
            "GET_ORDER_LIST",
            "List orders",
            "List orders, filtered by status, date or financial status.",
            "orders",
            {
                "status": s("Order status.", e=["open", "closed", "cancelled", "any"], d="open"),
                "financial_status": s("Financial status."),
                "created_at_min": s("Created after.", f="date-time"),
                "limit": i("Page size.", d=50, mx=250),
                "page_info": s("Cursor."),
            },
            "orders:a",
        ),
        T(
            "GET_ORDER",
            "Get an order",
            "Get one order.",
            "orders",
            {"order_id!": i("Order ID.")},
            SH_ORDER_OUT + ";line_items:a;customer:o",
        ),
        T(
            "CANCEL_ORDER",
            "Cancel an order",
            "Cancel an order, optionally refunding and restocking.",
            "orders",
            {
                "order_id!": i("Order ID."),
                "reason": s("Reason.", e=["customer", "fraud", "inventory", "declined", "other"]),
                "restock": b("Restock items.", d=False),
                "email": b("Notify the customer.", d=False),
            },
            SH_ORDER_OUT,
        ),
        T(
            "CREATE_FULFILLMENT",
            "Fulfill an order",
            "Mark order items shipped with tracking information.",
            "orders fulfillment shipping",
            {
                "fulfillment_order_id!": i("Fulfillment order ID."),
                "tracking_number": s("Tracking number."),
                "tracking_company": s("Carrier.", ex=["UPS"]),
                "tracking_url": s("Tracking URL."),
                "notify_customer": b("Email the customer.", d=True),
            },
            "id:i;status:s",
        ),
        T(
            "CREATE_PRODUCT",
            "Create a product",
            "Create a product with variants, price and images.",
            "products catalog",
            {
                "title!": s("Product title."),
                "body_html": s("Description HTML."),
                "vendor": s("Vendor."),
                "product_type": s("Type."),
                "tags": s("Comma-separated tags."),
                "status": s("Status.", e=["active", "draft", "archived"], d="active"),
                "variants": a("Variants as {price, sku, option1, inventory_quantity}.", items="object"),
                "images": a("Images as {src}.", items="object"),
            },
            "id:i;title:s;handle:s;variants:a",
        ),
        T(
            "GET_PRODUCTS",
            "List products",
            "List products.",
            "products catalog",
            {
                "title": s("Filter by title."),
                "vendor": s("Filter by vendor."),
                "status": s("Status.", e=["active", "draft", "archived"]),
                "limit": i("Page size.", d=50, mx=250),
            },
            "products:a",
        ),
        T(
            "UPDATE_PRODUCT",
            "Update a product",
            "Update a product's title, description, tags or status.",
            "products catalog",
            {
                "product_id!": i("Product ID."),
                "title": s("Title."),
                "body_html": s("Description."),
                "tags": s("Tags."),
                "status": s("Status.", e=["active", "draft", "archived"]),
            },
            "id:i;title:s",
        ),
        T(
            "SET_INVENTORY_LEVEL",
            "Set inventory level",
            "Set the available quantity of an item at a location.",
            "inventory",
            {
                "inventory_item_id!": i("Inventory item ID."),
                "location_id!": i("Location ID."),
                "available!": i("Available quantity."),
            },
            "inventory_item_id:i;available:i",
        ),
        T(
            "CREATE_CUSTOMER",
            "Create a customer",
            "Create a customer.",
            "customers",
            {
                "email": s("Email."),
                "first_name": s("First name."),
                "last_name": s("Last name."),
                "phone": s("Phone (E.164)."),
                "tags": s("Tags."),
                "email_marketing_consent": o("Marketing consent {state, opt_in_level}."),
            },
            "id:i;email:s",
        ),
        T(
            "SEARCH_CUSTOMERS",
            "Search customers",
            "Search customers by email, name or other fields.",
            "customers search",
            {"query!": s("Query.", ex=["email:ada@example.com"]), "limit": i("Page size.", d=50)},
            "customers:a",
        ),
        T(
            "CREATE_DISCOUNT_CODE",
            "Create a discount code",
            "Create a discount code under a price rule.",
            "discounts marketing",
            {"price_rule_id!": i("Price rule ID."), "code!": s("Discount code.", ex=["WELCOME10"])},
            "id:i;code:s;usage_count:i",
        ),
        T(
            "CREATE_REFUND",
            "Refund an order",
            "Refund line items or shipping of an order.",
            "orders refunds",
            {
                "order_id!": i("Order ID."),
                "refund_line_items": a("Items as {line_item_id, quantity, restock_type}.", items="object"),
                "shipping": o("Shipping refund {full_refund | amount}."),
                "notify": b("Notify the customer.", d=False),
                "note": s("Note."),
            },
            "id:i;transactions:a",
        ),
        T(
            "GET_SHOP_DETAILS",
            "Get shop details",
            "Get the store's name, domain, currency and plan.",
            "shop",
            {},
            "id:i;name:s;domain:s;currency:s;plan_name:s",
        ),
    ],
)

TK(
    "woocommerce",
    "WooCommerce",
    "WooCommerce is the e-commerce plugin for WordPress stores: products, orders, customers and coupons.",
    "https://woocommerce.com",
    ["e-commerce"],
    ["BASIC", "API_KEY"],
    triggers=3,
    tools=[
        T(
            "CREATE_ORDER",
            "Create an order",
            "Create an order with line items, billing and shipping.",
            "orders",
            {
                "line_items!": a("Items as {product_id, quantity, variation_id}.", items="object"),
                "status": s(
                    "Status.",
                    e=["pending", "processing", "on-hold", "completed", "cancelled", "refunded", "failed"],
                    d="pending",
                ),
                "customer_id": i("Customer ID; 0 for guests.", d=0),
                "billing": o("Billing address and email."),
                "shipping": o("Shipping address."),
                "set_paid": b("Mark paid.", d=False),
                "payment_method": s("Payment method ID."),
            },
            "id:i;number:s;status:s;total:s",
            imp=True,
        ),
        T(
            "LIST_ORDERS",
            "List orders",
            "List orders, filtered by status, customer or date.",
            "orders",
            {
                "status": a("Statuses."),
                "customer": i("Customer ID."),
                "after": s("Created after.", f="date-time"),
                "per_page": per_page(10),
                "page": page(),
            },
            "orders:a",
        ),
        T(
            "UPDATE_ORDER",
            "Update an order",
            "Update an order's status or note.",
            "orders",
            {"id!": i("Order ID."), "status": s("New status."), "customer_note": s("Note.")},
            "id:i;status:s",
        ),
        T(
            "CREATE_PRODUCT",
            "Create a product",
            "Create a simple or variable product.",
            "products",
            {
                "name!": s("Name."),
                "type": s("Type.", e=["simple", "grouped", "external", "variable"], d="simple"),
                "regular_price": s("Price."),
                "description": s("Description."),
                "sku": s("SKU."),
                "stock_quantity": i("Stock."),
                "categories": a("Categories as {id}.", items="object"),
                "images": a("Images as {src}.", items="object"),
            },
            "id:i;name:s;permalink:s",
        ),
        T(
            "LIST_PRODUCTS",
            "List products",
            "List products.",
            "products",
            {
                "search": s("Search text."),
                "category": s("Category ID."),
                "stock_status": s("Stock.", e=["instock", "outofstock", "onbackorder"]),
                "per_page": per_page(10),
                "page": page(),
            },
            "products:a",
        ),
        T(
            "UPDATE_PRODUCT",
            "Update a product",
            "Update a product's price, stock or details.",
            "products",
            {
                "id!": i("Product ID."),
                "regular_price": s("Price."),
                "sale_price": s("Sale price."),
                "stock_quantity": i("Stock."),
            },
            "id:i;name:s",
        ),
        T(
            "CREATE_CUSTOMER",
            "Create a customer",
            "Create a customer account.",
            "customers",
            {
                "email!": s("Email."),
                "first_name": s("First name."),
                "last_name": s("Last name."),
                "username": s("Username."),
            },
            "id:i;email:s",
        ),
        T(
            "CREATE_COUPON",
            "Create a coupon",
            "Create a discount coupon.",
            "coupons marketing",
            {
                "code!": s("Coupon code."),
                "discount_type": s("Type.", e=["percent", "fixed_cart", "fixed_product"], d="fixed_cart"),
                "amount!": s("Discount amount."),
                "date_expires": s("Expiry.", f="date-time"),
                "usage_limit": i("Total uses."),
            },
            "id:i;code:s",
        ),
        T(
            "CREATE_ORDER_NOTE",
            "Add an order note",
            "Add a private or customer note to an order.",
            "orders notes",
            {
                "order_id!": i("Order ID."),
                "note!": s("Note text."),
                "customer_note": b("Send to the customer.", d=False),
            },
            "id:i",
        ),
    ],
)

# ======================================================================================
# Marketing & social media
# ======================================================================================
MC_LIST = s("ID of the audience (list).", ex=["a1b2c3d4e5"])
MC_MEMBER_OUT = "id:s;email_address:s;status:s;merge_fields:o;tags:a"
TK(
    "mailchimp",
    "Mailchimp",
    "Mailchimp is an email marketing platform for audiences, campaigns, automations and reports.",
    "https://mailchimp.com",
    ["marketing", "email"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "ADD_MEMBER_TO_LIST",
            "Add a subscriber to an audience",
            "Add a contact (subscriber) to a Mailchimp audience.",
            "audiences subscribers",
            {
                "list_id!": MC_LIST,
                "email_address!": s("Subscriber's email."),
                "status!": s(
                    "Subscription status; pending sends a double opt-in email.",
                    e=["subscribed", "unsubscribed", "cleaned", "pending", "transactional"],
                ),
                "merge_fields": o('Merge fields, e.g. {"FNAME": "Ada", "LNAME": "Lovelace"}.'),
                "tags": a("Tags."),
                "language": s("Language code."),
                "vip": b("VIP status.", d=False),
            },
            MC_MEMBER_OUT,
            imp=True,
        ),
        T(
            "ADD_OR_UPDATE_LIST_MEMBER",
            "Add or update a subscriber",
            "Upsert a subscriber by email.",
            "audiences subscribers",
            {
                "list_id!": MC_LIST,
                "subscriber_hash!": s("MD5 of the lowercase email, or the email itself."),
                "email_address!": s("Email."),
                "status_if_new!": s(
                    "Status if the contact is new.", e=["subscribed", "unsubscribed", "pending", "transactional"]
                ),
                "status": s("Status to set."),
                "merge_fields": o("Merge fields."),
            },
            MC_MEMBER_OUT,
        ),
        T(
            "GET_LIST_MEMBER",
            "Get a subscriber",
            "Get a subscriber of an audience.",
            "subscribers",
            {"list_id!": MC_LIST, "subscriber_hash!": s("MD5 hash of the lowercase email, or the email.")},
            MC_MEMBER_OUT,
        ),
        T(
            "LIST_MEMBERS_INFO",
            "List subscribers",
            "List the members of an audience.",
            "subscribers",
            {
                "list_id!": MC_LIST,
                "status": s(
                    "Status filter.",
                    e=["subscribed", "unsubscribed", "cleaned", "pending", "transactional", "archived"],
                ),
                "count": i("Page size.", d=10, mx=1000),
                "offset": i("Offset.", d=0),
                "since_last_changed": s("Changed after.", f="date-time"),
            },
            "members:a;total_items:i",
        ),
        T(
            "ARCHIVE_LIST_MEMBER",
            "Unsubscribe or archive a subscriber",
            "Archive a member of an audience.",
            "subscribers",
            {"list_id!": MC_LIST, "subscriber_hash!": s("MD5 hash of the email.")},
            "ok:b",
        ),
        T(
            "ADD_OR_REMOVE_MEMBER_TAGS",
            "Tag a subscriber",
            "Add or remove tags on a subscriber.",
            "subscribers tags",
            {
                "list_id!": MC_LIST,
                "subscriber_hash!": s("MD5 hash of the email."),
                "tags!": a(
                    "Tags as {name, status: active|inactive}.",
                    items=o("Tag.", {"name!": s("Tag."), "status!": s("Add or remove.", e=["active", "inactive"])}),
                ),
            },
            "ok:b",
        ),
        T(
            "GET_LISTS_INFO",
            "List audiences",
            "List the audiences of the account.",
            "audiences",
            {"count": i("Page size.", d=10), "offset": i("Offset.", d=0)},
            "lists:a;total_items:i",
        ),
        T(
            "ADD_CAMPAIGN",
            "Create a campaign",
            "Create a regular email campaign for an audience.",
            "campaigns",
            {
                "type!": s("Campaign type.", e=["regular", "plaintext", "rss", "variate"], d="regular"),
                "recipients": o("Recipients.", {"list_id!": MC_LIST, "segment_opts": o("Segment options.")}),
                "settings": o(
                    "Settings.",
                    {
                        "subject_line!": s("Subject."),
                        "from_name!": s("From name."),
                        "reply_to!": s("Reply-to email."),
                        "title": s("Internal title."),
                        "preview_text": s("Preview text."),
                    },
                ),
            },
            "id:s;web_id:i;status:s",
        ),
        T(
            "SET_CAMPAIGN_CONTENT",
            "Set campaign content",
            "Set a campaign's HTML or template content.",
            "campaigns content",
            {
                "campaign_id!": s("Campaign ID."),
                "html": s("Raw HTML."),
                "plain_text": s("Plain-text version."),
                "template": o("Template {id, sections}."),
            },
            "html:s;plain_text:s",
        ),
        T(
            "SEND_CAMPAIGN",
            "Send a campaign",
            "Send a campaign now.",
            "campaigns",
            {"campaign_id!": s("Campaign ID.")},
            "ok:b",
        ),
        T(
            "GET_CAMPAIGN_REPORT",
            "Get a campaign report",
            "Get opens, clicks, bounces and unsubscribes of a sent campaign.",
            "reports analytics",
            {"campaign_id!": s("Campaign ID.")},
            "id:s;emails_sent:i;opens:o;clicks:o;bounces:o;unsubscribed:i",
        ),
    ],
)

TW_USER_ID = s("The numeric ID of the X user.", ex=["2244994945"])
TW_POST_OUT = "id:s;text:s;edit_history_tweet_ids:as"
TK(
    "twitter",
    "Twitter (X)",
    "X (formerly Twitter) is a social network for short posts, replies, reposts, lists and direct messages.",
    "https://x.com",
    ["social-media", "marketing"],
    ["OAUTH2"],
    triggers=2,
    tools=[
        T(
            "CREATION_OF_A_POST",
            "Create a post (tweet)",
            "Publish a post (tweet) on X, optionally replying, quoting or with media and a poll.",
            "posts tweets",
            {
                "text": s(
                    "Text of the post, up to 280 characters for standard accounts.", ex=["We just shipped v2 🚀"]
                ),
                "reply_in_reply_to_tweet_id": s("Post ID to reply to."),
                "quote_tweet_id": s("Post ID to quote."),
                "media_media_ids": a("Media IDs from an upload."),
                "poll_options": a("2-4 poll options."),
                "poll_duration_minutes": i("Poll duration (5-10080)."),
                "reply_settings": s("Who can reply.", e=["following", "mentionedUsers", "subscribers", "verified"]),
            },
            TW_POST_OUT,
            imp=True,
        ),
        T(
            "POST_DELETE_BY_POST_ID",
            "Delete a post",
            "Delete one of the user's posts.",
            "posts tweets",
            {"id!": s("ID of the post.")},
            "deleted:b",
        ),
        T(
            "POST_LOOKUP_BY_POST_ID",
            "Get a post",
            "Get a post by ID with metrics and author.",
            "posts tweets",
            {"id!": s("ID of the post."), "tweet_fields": a("Fields, e.g. created_at, public_metrics.")},
            "data:o;includes:o",
        ),
        T(
            "RECENT_SEARCH",
            "Search recent posts",
            "Search posts from the last 7 days with X search operators.",
            "posts search",
            {
                "query!": s("Search query.", ex=["from:composio -is:retweet has:links"]),
                "max_results": i("Results (10-100).", d=10, mn=10, mx=100),
                "start_time": s("Oldest time (ISO 8601).", f="date-time"),
                "next_token": s("Pagination token."),
                "sort_order": s("Sort.", e=["recency", "relevancy"]),
            },
            "data:a;meta:o",
        ),
        T(
            "USER_HOME_TIMELINE_BY_USER_ID",
            "Get home timeline",
            "Get the recent posts of accounts the user follows.",
            "timeline",
            {"id!": TW_USER_ID, "max_results": i("Results (1-100).", d=20), "pagination_token": s("Token.")},
            "data:a;meta:o",
        ),
        T(
            "USER_LOOKUP_BY_USERNAME",
            "Get a user by username",
            "Look up a user by their @handle.",
            "users",
            {
                "username!": s("Handle without @.", ex=["XDevelopers"]),
                "user_fields": a("Fields, e.g. description, public_metrics."),
            },
            "data:o",
        ),
        T("USER_LOOKUP_ME", "Get my user", "Get the authenticated user.", "users", {}, "data:o"),
        T(
            "FOLLOW_USER",
            "Follow a user",
            "Follow a user.",
            "users follows",
            {"id!": TW_USER_ID, "target_user_id!": s("User to follow.")},
            "following:b;pending_follow:b",
        ),
        T(
            "RETWEET_POST",
            "Repost",
            "Repost (retweet) a post.",
            "posts",
            {"id!": TW_USER_ID, "tweet_id!": s("Post to repost.")},
            "retweeted:b",
        ),
        T(
            "USER_LIKE_POST",
            "Like a post",
            "Like a post.",
            "posts likes",
            {"id!": TW_USER_ID, "tweet_id!": s("Post to like.")},
            "liked:b",
        ),
        T(
            "SEND_A_NEW_MESSAGE_TO_A_USER",
            "Send a direct message",
            "Send a direct message to a user.",
            "dm messages",
            {"participant_id!": s("Recipient user ID."), "text!": s("Message text.")},
            "dm_conversation_id:s;dm_event_id:s",
        ),
        T(
            "UPLOAD_MEDIA",
            "Upload media",
            "Upload an image or video to attach to a post.",
            "media",
            {
                "media!": s("Media content, base64."),
                "media_category": s("Category.", e=["tweet_image", "tweet_video", "tweet_gif"], d="tweet_image"),
            },
            "media_id:s;expires_after_secs:i",
        ),
        T(
            "POST_STATUSES_UPDATE_V1",
            "Post a status (v1.1)",
            "Legacy v1.1 statuses/update; X retired it for most apps. Use TWITTER_CREATION_OF_A_POST.",
            "posts tweets",
            {"status!": s("Text of the status.")},
            "id_str:s;text:s",
            dep=True,
        ),
    ],
)

TK(
    "linkedin",
    "LinkedIn",
    "LinkedIn is the professional social network: share posts as a member or company page.",
    "https://www.linkedin.com",
    ["social-media", "marketing"],
    ["OAUTH2"],
    tools=[
        T(
            "CREATE_LINKED_IN_POST",
            "Create a post",
            "Share a text post, optionally with an article link, as the member or an organization.",
            "posts",
            {
                "author!": s("Author URN: urn:li:person:{id} or urn:li:organization:{id}."),
                "commentary!": s("Post text."),
                "visibility": s("Visibility.", e=["PUBLIC", "CONNECTIONS", "LOGGED_IN"], d="PUBLIC"),
                "article_url": s("Link to share as an article."),
                "article_title": s("Article title."),
                "lifecycleState": s("Publish state.", e=["PUBLISHED", "DRAFT"], d="PUBLISHED"),
            },
            "id:s:URN of the post.",
            imp=True,
        ),
        T(
            "GET_MY_INFO",
            "Get my profile",
            "Get the member's name, email and person URN.",
            "profile",
            {},
            "sub:s;name:s;email:s;picture:s;author_id:s",
        ),
        T(
            "DELETE_LINKED_IN_POST",
            "Delete a post",
            "Delete a post.",
            "posts",
            {"share_id!": s("URN of the post.")},
            "ok:b",
        ),
        T(
            "GET_COMPANY_INFO",
            "Get my organizations",
            "List the organizations (company pages) the member administers.",
            "organizations",
            {"role": s("Role.", e=["ADMINISTRATOR", "DIRECT_SPONSORED_CONTENT_POSTER"], d="ADMINISTRATOR")},
            "elements:a",
        ),
        T(
            "CREATE_COMMENT_ON_POST",
            "Comment on a post",
            "Comment on a post.",
            "comments",
            {"post_urn!": s("URN of the post."), "actor!": s("Commenter URN."), "text!": s("Comment text.")},
            "id:s",
        ),
        T(
            "REGISTER_IMAGE_UPLOAD",
            "Upload an image",
            "Initialize an image upload to use in a post.",
            "media",
            {"owner!": s("Owner URN.")},
            "uploadUrl:s;image:s",
        ),
        T(
            "GET_ORGANIZATION_FOLLOWER_STATISTICS",
            "Get follower statistics",
            "Get follower counts of an organization page.",
            "analytics",
            {"organization!": s("Organization URN.")},
            "elements:a",
        ),
    ],
)

FB_PAGE = s("ID of the Facebook Page.", ex=["104123456789012"])
TK(
    "facebook",
    "Facebook Pages",
    "Facebook Pages lets businesses publish posts, photos and videos and manage comments and messages on their Page.",
    "https://www.facebook.com",
    ["social-media", "marketing"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "CREATE_POST",
            "Create a Page post",
            "Publish a post to a Facebook Page, with an optional link or scheduled time.",
            "posts pages",
            {
                "page_id!": FB_PAGE,
                "message!": s("Post text."),
                "link": s("URL to share."),
                "published": b("Publish now; false with scheduled_publish_time to schedule.", d=True),
                "scheduled_publish_time": i("UNIX time to publish (10 minutes to 30 days ahead)."),
            },
            "id:s",
            imp=True,
        ),
        T(
            "CREATE_PHOTO_POST",
            "Post a photo",
            "Publish a photo to a Page.",
            "posts photos",
            {"page_id!": FB_PAGE, "url!": s("Public URL of the image."), "caption": s("Caption.")},
            "id:s;post_id:s",
        ),
        T(
            "GET_PAGE_POSTS",
            "List Page posts",
            "List the posts of a Page.",
            "posts pages",
            {
                "page_id!": FB_PAGE,
                "limit": i("Page size.", d=25),
                "fields": s("Fields.", d="id,message,created_time,permalink_url"),
            },
            "data:a;paging:o",
        ),
        T(
            "GET_POST_COMMENTS",
            "List comments",
            "List the comments on a post.",
            "comments",
            {"post_id!": s("Post ID."), "limit": i("Page size.", d=25)},
            "data:a",
        ),
        T(
            "REPLY_TO_COMMENT",
            "Reply to a comment",
            "Reply to a comment as the Page.",
            "comments",
            {"comment_id!": s("Comment ID."), "message!": s("Reply text.")},
            "id:s",
        ),
        T("DELETE_POST", "Delete a post", "Delete a Page post.", "posts", {"post_id!": s("Post ID.")}, "success:b"),
        T(
            "GET_PAGE_INSIGHTS",
            "Get Page insights",
            "Get Page metrics such as impressions and engaged users.",
            "analytics",
            {
                "page_id!": FB_PAGE,
                "metric!": s("Comma-separated metrics.", ex=["page_impressions,page_post_engagements"]),
                "period": s("Period.", e=["day", "week", "days_28", "lifetime"], d="day"),
            },
            "data:a",
        ),
        T(
            "SEND_MESSAGE",
            "Send a Messenger message",
            "Send a Messenger message from the Page to a user who messaged it.",
            "messages",
            {
                "page_id!": FB_PAGE,
                "recipient_id!": s("Page-scoped user ID."),
                "text!": s("Message text."),
                "messaging_type": s("Type.", e=["RESPONSE", "UPDATE", "MESSAGE_TAG"], d="RESPONSE"),
            },
            "recipient_id:s;message_id:s",
        ),
        T(
            "LIST_MANAGED_PAGES",
            "List my Pages",
            "List the Pages the user manages, with their tokens.",
            "pages",
            {},
            "data:a",
        ),
    ],
)

IG_USER = s("Instagram professional account ID.", ex=["17841400008460056"])
TK(
    "instagram",
    "Instagram",
    "Instagram is Meta's photo and video social network; business "
    "accounts can publish and read insights through the Graph API.",
    "https://www.instagram.com",
    ["social-media", "marketing"],
    ["OAUTH2"],
    tools=[
        T(
            "CREATE_MEDIA_CONTAINER",
            "Create a media container",
            "Step 1 of publishing: create a container for an image, video, reel or carousel.",
            "media posts",
            {
                "ig_user_id!": IG_USER,
                "image_url": s("Public image URL."),
                "video_url": s("Public video URL."),
                "media_type": s("Type.", e=["IMAGE", "VIDEO", "REELS", "CAROUSEL", "STORIES"], d="IMAGE"),
                "caption": s("Caption with hashtags."),
                "children": a("Container IDs for a carousel."),
            },
            "id:s",
        ),
        T(
            "PUBLISH_MEDIA",
            "Publish a post",
            "Step 2 of publishing: publish a media container to the feed.",
            "media posts",
            {"ig_user_id!": IG_USER, "creation_id!": s("Container ID.")},
            "id:s",
            imp=True,
        ),
        T(
            "GET_USER_MEDIA",
            "List my posts",
            "List the account's posts.",
            "media",
            {
                "ig_user_id!": IG_USER,
                "limit": i("Page size.", d=25),
                "fields": s("Fields.", d="id,caption,media_type,media_url,permalink,timestamp"),
            },
            "data:a;paging:o",
        ),
        T(
            "GET_MEDIA_COMMENTS",
            "List comments",
            "List the comments on a post.",
            "comments",
            {"media_id!": s("Media ID.")},
            "data:a",
        ),
        T(
            "REPLY_TO_COMMENT",
            "Reply to a comment",
            "Reply to a comment.",
            "comments",
            {"comment_id!": s("Comment ID."), "message!": s("Reply text.")},
            "id:s",
        ),
        T(
            "GET_USER_INSIGHTS",
            "Get account insights",
            "Get reach, views and follower metrics.",
            "analytics",
            {
                "ig_user_id!": IG_USER,
                "metric!": s("Metrics.", ex=["reach,follower_count"]),
                "period": s("Period.", e=["day", "week", "days_28"], d="day"),
            },
            "data:a",
        ),
        T(
            "GET_USER_INFO",
            "Get account info",
            "Get the account's username, followers and media count.",
            "profile",
            {"ig_user_id!": IG_USER},
            "id:s;username:s;followers_count:i;media_count:i",
        ),
        T(
            "BASIC_DISPLAY_GET_MEDIA",
            "Get media (Basic Display API)",
            "Legacy Basic Display API, shut down by Meta in December 2024; use INSTAGRAM_GET_USER_MEDIA.",
            "media",
            {"user_id": s("User ID.", d="me")},
            "data:a",
            dep=True,
        ),
    ],
)

YT_VIDEO = s("YouTube video ID.", ex=["dQw4w9WgXcQ"])
TK(
    "youtube",
    "YouTube",
    "YouTube is Google's video platform: upload and manage videos, playlists, comments and channel analytics.",
    "https://www.youtube.com",
    ["social-media", "entertainment-media"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "UPLOAD_VIDEO",
            "Upload a video",
            "Upload a video to the channel with title, description, tags and privacy.",
            "videos upload",
            {
                "title!": s("Video title."),
                "description": s("Description."),
                "tags": a("Tags."),
                "categoryId": s("Category ID.", d="22"),
                "privacyStatus": s("Privacy.", e=["public", "unlisted", "private"], d="private"),
                "videoFilePath!": s("File to upload (Composio storage key or URL)."),
            },
            "id:s;status:o;snippet:o",
            imp=True,
        ),
        T(
            "SEARCH_YOU_TUBE",
            "Search YouTube",
            "Search videos, channels and playlists.",
            "search videos",
            {
                "q!": s("Search query."),
                "part": s("Parts.", d="snippet"),
                "type": s("Result type.", e=["video", "channel", "playlist"], d="video"),
                "maxResults": i("Results (0-50).", d=5, mx=50),
                "order": s("Order.", e=["date", "rating", "relevance", "title", "viewCount"], d="relevance"),
                "pageToken": s("Page token."),
            },
            "items:a;nextPageToken:s",
        ),
        T(
            "VIDEO_DETAILS",
            "Get video details",
            "Get a video's snippet, statistics and content details.",
            "videos",
            {"id!": YT_VIDEO, "part": s("Parts.", d="snippet,contentDetails,statistics")},
            "items:a",
        ),
        T(
            "LIST_CAPTION_TRACK",
            "List captions",
            "List the caption tracks of a video.",
            "captions",
            {"videoId!": YT_VIDEO},
            "items:a",
        ),
        T(
            "LIST_USER_PLAYLISTS",
            "List my playlists",
            "List the channel's playlists.",
            "playlists",
            {"maxResults": i("Results.", d=5, mx=50), "pageToken": s("Page token.")},
            "items:a;nextPageToken:s",
        ),
        T(
            "CREATE_PLAYLIST",
            "Create a playlist",
            "Create a playlist.",
            "playlists",
            {
                "title!": s("Title."),
                "description": s("Description."),
                "privacyStatus": s("Privacy.", e=["public", "unlisted", "private"], d="private"),
            },
            "id:s;snippet:o",
        ),
        T(
            "ADD_VIDEO_TO_PLAYLIST",
            "Add a video to a playlist",
            "Insert a video into a playlist.",
            "playlists",
            {"playlistId!": s("Playlist ID."), "videoId!": YT_VIDEO, "position": i("Position in the playlist.")},
            "id:s",
        ),
        T(
            "LIST_COMMENT_THREADS",
            "List comments",
            "List the top-level comments of a video.",
            "comments",
            {
                "videoId!": YT_VIDEO,
                "maxResults": i("Results.", d=20, mx=100),
                "order": s("Order.", e=["time", "relevance"], d="time"),
            },
            "items:a",
        ),
        T(
            "GET_CHANNEL_STATISTICS",
            "Get channel statistics",
            "Get subscriber, view and video counts of a channel.",
            "channels analytics",
            {
                "id": s("Channel ID; the user's channel when omitted."),
                "mine": b("Use the authenticated user's channel.", d=True),
            },
            "items:a",
        ),
    ],
)

# ======================================================================================
# File storage
# ======================================================================================
DB_PATH = s("Path in the user's Dropbox, starting with /.", ex=["/Reports/2025/q3.pdf"])
DB_META_OUT = "id:s;name:s;path_display:s;size:i;server_modified:s;content_hash:s"
TK(
    "dropbox",
    "Dropbox",
    "Dropbox is cloud storage for files and folders with syncing and sharing.",
    "https://www.dropbox.com",
    ["file-storage"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "UPLOAD_FILE",
            "Upload a file",
            "Upload a file (up to 150 MB) to a path in Dropbox.",
            "files upload",
            {
                "path!": DB_PATH,
                "content!": s("File content, base64 encoded."),
                "mode": s("What to do if a file exists.", e=["add", "overwrite", "update"], d="add"),
                "autorename": b("Rename on conflict.", d=False),
                "mute": b("Don't notify desktop clients.", d=False),
            },
            DB_META_OUT,
            imp=True,
        ),
        T(
            "FILES_DOWNLOAD",
            "Download a file",
            "Download a file's content and metadata.",
            "files download",
            {"path!": DB_PATH},
            "content:s:Base64 file content.;metadata:o",
        ),
        T(
            "LIST_FOLDER",
            "List a folder",
            "List the files and folders in a folder.",
            "folders",
            {
                "path!": s("Folder path; empty string for the root.", d=""),
                "recursive": b("Include subfolders.", d=False),
                "limit": i("Max entries per page.", d=500),
                "include_deleted": b("Include deleted entries.", d=False),
            },
            "entries:a;cursor:s;has_more:b",
        ),
        T(
            "LIST_FOLDER_CONTINUE",
            "Continue listing a folder",
            "Get the next page of a folder listing.",
            "folders",
            {"cursor!": s("Cursor from LIST_FOLDER.")},
            "entries:a;cursor:s;has_more:b",
        ),
        T(
            "CREATE_FOLDER",
            "Create a folder",
            "Create a folder.",
            "folders",
            {"path!": s("Folder path.", ex=["/Projects/Apollo"]), "autorename": b("Rename on conflict.", d=False)},
            "metadata:o",
        ),
        T(
            "SEARCH_FILE_OR_FOLDER",
            "Search files",
            "Search files and folders by name or content.",
            "files search",
            {
                "query!": s("Search text."),
                "path": s("Folder to search in."),
                "max_results": i("Max results.", d=100, mx=1000),
                "file_extensions": a("Only these extensions, e.g. pdf."),
            },
            "matches:a;has_more:b;cursor:s",
        ),
        T(
            "MOVE_FILE_OR_FOLDER",
            "Move or rename",
            "Move or rename a file or folder.",
            "files folders",
            {"from_path!": DB_PATH, "to_path!": s("New path."), "autorename": b("Rename on conflict.", d=False)},
            "metadata:o",
        ),
        T(
            "COPY_FILE_OR_FOLDER",
            "Copy a file or folder",
            "Copy a file or folder to a new path.",
            "files folders",
            {"from_path!": DB_PATH, "to_path!": s("Destination path.")},
            "metadata:o",
        ),
        T(
            "DELETE_FILE_OR_FOLDER",
            "Delete a file or folder",
            "Delete a file or folder (recoverable for a while).",
            "files folders",
            {"path!": DB_PATH},
            "metadata:o",
        ),
        T(
            "CREATE_SHARED_LINK",
            "Create a shared link",
            "Create a shared link to a file or folder.",
            "sharing links",
            {
                "path!": DB_PATH,
                "requested_visibility": s("Visibility.", e=["public", "team_only", "password"], d="public"),
                "expires": s("Expiry (ISO 8601).", f="date-time"),
            },
            "url:s;name:s;expires:s",
        ),
        T(
            "GET_SPACE_USAGE",
            "Get space usage",
            "Get used and allocated storage.",
            "account",
            {},
            "used:i;allocation:o",
        ),
        T(
            "SEARCH_V1",
            "Search (API v1)",
            "Legacy search on the retired v1 API; use DROPBOX_SEARCH_FILE_OR_FOLDER.",
            "files search",
            {"query!": s("Search text."), "path": s("Folder.")},
            "matches:a",
            dep=True,
        ),
    ],
)

BX_FOLDER = s("Folder ID; 0 is the root folder.", d="0")
BX_FILE = s("ID of the Box file.", ex=["12345678901"])
TK(
    "box",
    "Box",
    "Box is enterprise content management and cloud file sharing.",
    "https://www.box.com",
    ["file-storage", "documents"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "UPLOAD_FILE",
            "Upload a file",
            "Upload a file to a Box folder.",
            "files upload",
            {"name!": s("File name."), "parent_id!": BX_FOLDER, "content!": s("File content, base64.")},
            "entries:a",
            imp=True,
        ),
        T(
            "DOWNLOAD_FILE",
            "Download a file",
            "Download a file's content.",
            "files download",
            {"file_id!": BX_FILE},
            "content:s;name:s",
        ),
        T(
            "LIST_ITEMS_IN_FOLDER",
            "List folder items",
            "List files and folders in a folder.",
            "folders",
            {
                "folder_id!": BX_FOLDER,
                "limit": i("Page size.", d=100, mx=1000),
                "offset": i("Offset.", d=0),
                "sort": s("Sort.", e=["id", "name", "date", "size"]),
            },
            "entries:a;total_count:i",
        ),
        T(
            "CREATE_FOLDER",
            "Create a folder",
            "Create a folder.",
            "folders",
            {"name!": s("Folder name."), "parent_id!": BX_FOLDER},
            "id:s;name:s",
        ),
        T(
            "SEARCH_FOR_CONTENT",
            "Search content",
            "Search files, folders and web links.",
            "search",
            {
                "query!": s("Search text."),
                "type": s("Item type.", e=["file", "folder", "web_link"]),
                "file_extensions": s("Comma-separated extensions."),
                "ancestor_folder_ids": s("Folders to search in."),
                "limit": i("Max.", d=30),
            },
            "entries:a;total_count:i",
        ),
        T(
            "GET_FILE_INFORMATION",
            "Get file info",
            "Get a file's metadata.",
            "files",
            {"file_id!": BX_FILE},
            "id:s;name:s;size:i;modified_at:s;shared_link:o",
        ),
        T(
            "CREATE_SHARED_LINK_FOR_FILE",
            "Create a shared link",
            "Create or update a shared link for a file.",
            "sharing",
            {
                "file_id!": BX_FILE,
                "access": s("Who can access.", e=["open", "company", "collaborators"], d="open"),
                "unshared_at": s("Expiry.", f="date-time"),
            },
            "shared_link:o",
        ),
        T(
            "ADD_COLLABORATION",
            "Share with a user",
            "Invite a user or group to collaborate on a file or folder.",
            "sharing collaborations",
            {
                "item_type!": s("Item type.", e=["file", "folder"]),
                "item_id!": s("Item ID."),
                "login": s("Email of the user."),
                "role!": s(
                    "Role.",
                    e=[
                        "editor",
                        "viewer",
                        "previewer",
                        "uploader",
                        "previewer uploader",
                        "viewer uploader",
                        "co-owner",
                    ],
                ),
            },
            "id:s;status:s",
        ),
        T("DELETE_FILE", "Delete a file", "Move a file to the trash.", "files", {"file_id!": BX_FILE}, "ok:b"),
    ],
)

OD_ITEM = s("ID of the drive item.")
OD_ITEM_OUT = "id:s;name:s;size:i;webUrl:s;lastModifiedDateTime:s;parentReference:o"
TK(
    "one_drive",
    "OneDrive",
    "Microsoft OneDrive is cloud file storage for Microsoft 365, including SharePoint document libraries.",
    "https://onedrive.live.com",
    ["file-storage"],
    ["OAUTH2"],
    triggers=1,
    tools=[
        T(
            "ONEDRIVE_UPLOAD_FILE",
            "Upload a file",
            "Upload a file to a folder in OneDrive.",
            "files upload",
            {
                "folder": s("Destination folder path.", d="/"),
                "file_name!": s("File name."),
                "content!": s("File content, base64."),
                "conflict_behavior": s("On conflict.", e=["fail", "replace", "rename"], d="rename"),
            },
            OD_ITEM_OUT,
            imp=True,
        ),
        T(
            "DOWNLOAD_FILE",
            "Download a file",
            "Download a file's content.",
            "files download",
            {"item_id!": OD_ITEM},
            "content:s;name:s",
        ),
        T(
            "ONEDRIVE_LIST_ITEMS",
            "List items",
            "List the children of a folder.",
            "folders",
            {"folder_id": s("Folder ID; the root when omitted."), "top": i("Page size.", d=100)},
            "value:a;next_link:s",
        ),
        T(
            "ONEDRIVE_CREATE_FOLDER",
            "Create a folder",
            "Create a folder.",
            "folders",
            {"name!": s("Folder name."), "parent_id": s("Parent folder ID; the root when omitted.")},
            OD_ITEM_OUT,
        ),
        T(
            "SEARCH_ITEMS",
            "Search items",
            "Search the drive by file name and content.",
            "search",
            {"q!": s("Search text."), "top": i("Max.", d=50)},
            "value:a",
        ),
        T(
            "GET_ITEM",
            "Get item metadata",
            "Get a file or folder's metadata.",
            "files",
            {"item_id!": OD_ITEM},
            OD_ITEM_OUT,
        ),
        T(
            "MOVE_ITEM",
            "Move or rename an item",
            "Move an item to another folder or rename it.",
            "files",
            {"item_id!": OD_ITEM, "parent_id": s("New parent folder ID."), "name": s("New name.")},
            OD_ITEM_OUT,
        ),
        T("DELETE_ITEM", "Delete an item", "Move an item to the recycle bin.", "files", {"item_id!": OD_ITEM}, "ok:b"),
        T(
            "CREATE_LINK",
            "Create a sharing link",
            "Create a view or edit link for an item.",
            "sharing",
            {
                "item_id!": OD_ITEM,
                "type!": s("Link type.", e=["view", "edit", "embed"]),
                "scope": s("Who can use it.", e=["anonymous", "organization", "users"], d="anonymous"),
            },
            "link:o",
        ),
    ],
)

# ======================================================================================
# Media, design, AI, data
# ======================================================================================
TK(
    "spotify",
    "Spotify",
    "Spotify is a music and podcast streaming service; the Web API manages playback, playlists and the library.",
    "https://open.spotify.com",
    ["entertainment-media"],
    ["OAUTH2"],
    tools=[
        T(
            "SEARCH_FOR_ITEM",
            "Search Spotify",
            "Search tracks, albums, artists, playlists, shows and episodes.",
            "search music",
            {
                "q!": s("Search query with field filters.", ex=["track:Yesterday artist:Beatles"]),
                "type!": a(
                    "Item types.",
                    items=s("Type.", e=["album", "artist", "playlist", "track", "show", "episode", "audiobook"]),
                ),
                "limit": i("Max results (0-50).", d=20, mx=50),
                "market": s("ISO country code."),
            },
            "tracks:o;albums:o;artists:o;playlists:o",
            imp=True,
        ),
        T(
            "START_RESUME_PLAYBACK",
            "Start or resume playback",
            "Play a track, album or playlist on the user's active device (Premium).",
            "playback",
            {
                "device_id": s("Device to play on."),
                "context_uri": s("Album, artist or playlist URI."),
                "uris": a("Track URIs to play."),
                "position_ms": i("Start position."),
            },
            "ok:b",
        ),
        T(
            "PAUSE_PLAYBACK",
            "Pause playback",
            "Pause playback on the user's device.",
            "playback",
            {"device_id": s("Device ID.")},
            "ok:b",
        ),
        T(
            "SKIP_TO_NEXT",
            "Skip to next",
            "Skip to the next track.",
            "playback",
            {"device_id": s("Device ID.")},
            "ok:b",
        ),
        T(
            "GET_CURRENTLY_PLAYING_TRACK",
            "Get the current track",
            "Get what the user is playing now.",
            "playback",
            {"market": s("ISO country.")},
            "is_playing:b;item:o;progress_ms:i",
        ),
        T(
            "CREATE_PLAYLIST",
            "Create a playlist",
            "Create a playlist for the user.",
            "playlists",
            {
                "user_id!": s("Spotify user ID."),
                "name!": s("Playlist name."),
                "description": s("Description."),
                "public": b("Public playlist.", d=True),
            },
            "id:s;uri:s;external_urls:o",
        ),
        T(
            "ADD_ITEMS_TO_PLAYLIST",
            "Add tracks to a playlist",
            "Add tracks or episodes to a playlist.",
            "playlists",
            {
                "playlist_id!": s("Playlist ID."),
                "uris!": a("Track or episode URIs (max 100).", ex=[["spotify:track:4iV5W9uYEdYUVa79Axb7Rh"]]),
                "position": i("Insert position."),
            },
            "snapshot_id:s",
        ),
        T(
            "GET_CURRENT_USER_S_PLAYLISTS",
            "List my playlists",
            "List the user's playlists.",
            "playlists",
            {"limit": i("Page size.", d=20, mx=50), "offset": i("Offset.", d=0)},
            "items:a;total:i",
        ),
        T(
            "GET_USER_S_TOP_ITEMS",
            "Get top artists or tracks",
            "Get the user's top artists or tracks.",
            "personalization",
            {
                "type!": s("Type.", e=["artists", "tracks"]),
                "time_range": s("Range.", e=["short_term", "medium_term", "long_term"], d="medium_term"),
                "limit": i("Page size.", d=20),
            },
            "items:a",
        ),
    ],
)

FG_FILE = s("File key from the Figma URL: figma.com/file/<key>/....", ex=["FigmaFileKey123"])
TK(
    "figma",
    "Figma",
    "Figma is a collaborative interface design tool; the REST "
    "API reads files, comments, components and exports images.",
    "https://www.figma.com",
    ["design", "developer-tools"],
    ["OAUTH2", "API_KEY"],
    triggers=2,
    tools=[
        T(
            "GET_FILE_JSON",
            "Get a file",
            "Get a Figma file's document tree, components and styles.",
            "files",
            {
                "file_key!": FG_FILE,
                "depth": i("How deep to traverse the tree."),
                "ids": s("Comma-separated node IDs to include."),
            },
            "name:s;lastModified:s;document:o;components:o;styles:o",
            imp=True,
        ),
        T(
            "GET_FILE_NODES",
            "Get file nodes",
            "Get specific nodes of a file.",
            "files",
            {"file_key!": FG_FILE, "ids!": s("Comma-separated node IDs.")},
            "nodes:o",
        ),
        T(
            "RENDER_IMAGES_OF_FILE_NODES",
            "Export images",
            "Render nodes of a file as PNG, JPG, SVG or PDF.",
            "images export",
            {
                "file_key!": FG_FILE,
                "ids!": s("Comma-separated node IDs."),
                "format": s("Format.", e=["jpg", "png", "svg", "pdf"], d="png"),
                "scale": n("Scale (0.01-4).", d=1),
            },
            "images:o:Node ID to image URL.",
        ),
        T(
            "GET_COMMENTS_IN_A_FILE",
            "List comments",
            "List the comments of a file.",
            "comments",
            {"file_key!": FG_FILE},
            "comments:a",
        ),
        T(
            "ADD_A_COMMENT_TO_A_FILE",
            "Comment on a file",
            "Post a comment on a file, optionally pinned to a node.",
            "comments",
            {
                "file_key!": FG_FILE,
                "message!": s("Comment text."),
                "comment_id": s("Comment to reply to."),
                "client_meta": o("Position, e.g. {node_id, node_offset}."),
            },
            "id:s;message:s",
        ),
        T(
            "GET_PROJECTS_IN_A_TEAM",
            "List team projects",
            "List the projects of a team.",
            "projects",
            {"team_id!": s("Team ID.")},
            "projects:a",
        ),
        T(
            "GET_FILES_IN_A_PROJECT",
            "List project files",
            "List the files of a project.",
            "files projects",
            {"project_id!": s("Project ID.")},
            "files:a",
        ),
        T(
            "GET_TEAM_COMPONENTS",
            "List team components",
            "List the published components of a team library.",
            "components",
            {"team_id!": s("Team ID."), "page_size": i("Page size.", d=30)},
            "meta:o",
        ),
    ],
)

TK(
    "openai",
    "OpenAI",
    "OpenAI provides GPT models for text generation, embeddings, image generation, speech and moderation.",
    "https://platform.openai.com",
    ["ai-ml"],
    ["API_KEY"],
    tools=[
        T(
            "CREATE_RESPONSE",
            "Generate text",
            "Generate text or structured output with a GPT model from instructions and input.",
            "llm text",
            {
                "model!": s("Model ID.", ex=["gpt-4.1-mini"]),
                "input!": s("The prompt or input text."),
                "instructions": s("System instructions."),
                "temperature": n("Sampling temperature (0-2).", d=1, mn=0, mx=2),
                "max_output_tokens": i("Maximum tokens to generate."),
                "text_format": o("Structured output format, e.g. a JSON schema."),
            },
            "id:s;output_text:s;usage:o",
            imp=True,
        ),
        T(
            "CREATE_CHAT_COMPLETION",
            "Create a chat completion",
            "Generate a reply to a list of chat messages.",
            "llm chat",
            {
                "model!": s("Model ID."),
                "messages!": a(
                    "Messages as {role, content}.",
                    items=o(
                        "Message.",
                        {
                            "role!": s("Role.", e=["system", "user", "assistant", "developer"]),
                            "content!": s("Content."),
                        },
                    ),
                ),
                "temperature": n("Temperature.", d=1),
                "max_tokens": i("Max tokens."),
                "response_format": o("Response format."),
            },
            "id:s;choices:a;usage:o",
        ),
        T(
            "CREATE_EMBEDDINGS",
            "Create embeddings",
            "Turn text into embedding vectors for search and clustering.",
            "embeddings",
            {
                "model!": s("Embedding model.", d="text-embedding-3-small"),
                "input!": a("Texts to embed."),
                "dimensions": i("Number of dimensions of the output."),
            },
            "data:a;usage:o",
        ),
        T(
            "CREATE_IMAGE",
            "Generate an image",
            "Generate images from a text prompt.",
            "images",
            {
                "prompt!": s("Description of the image."),
                "model": s("Model.", d="gpt-image-1"),
                "size": s("Size.", e=["1024x1024", "1536x1024", "1024x1536", "auto"], d="1024x1024"),
                "n": i("Number of images.", d=1, mx=10),
            },
            "data:a",
        ),
        T(
            "CREATE_TRANSCRIPTION",
            "Transcribe audio",
            "Transcribe an audio file to text.",
            "audio speech",
            {
                "file!": s("Audio file (storage key or URL)."),
                "model": s("Model.", d="gpt-4o-mini-transcribe"),
                "language": s("ISO-639-1 language."),
            },
            "text:s",
        ),
        T(
            "CREATE_SPEECH",
            "Text to speech",
            "Generate spoken audio from text.",
            "audio speech",
            {
                "input!": s("Text to speak."),
                "model": s("Model.", d="gpt-4o-mini-tts"),
                "voice": s(
                    "Voice.", e=["alloy", "ash", "coral", "echo", "fable", "nova", "onyx", "sage", "shimmer"], d="alloy"
                ),
                "response_format": s("Audio format.", e=["mp3", "opus", "aac", "flac", "wav"], d="mp3"),
            },
            "file:o",
        ),
        T(
            "CREATE_MODERATION",
            "Moderate content",
            "Classify whether text or images are harmful.",
            "moderation",
            {"input!": s("Text to classify."), "model": s("Model.", d="omni-moderation-latest")},
            "results:a",
        ),
        T("LIST_MODELS", "List models", "List the models available to the API key.", "models", {}, "data:a"),
    ],
)

TK(
    "openweathermap",
    "OpenWeather",
    "OpenWeather provides current weather, forecasts, air pollution and geocoding data.",
    "https://openweathermap.org",
    ["data-utilities"],
    ["API_KEY"],
    tools=[
        T(
            "GET_CURRENT_WEATHER",
            "Get current weather",
            "Get the current weather for a city or coordinates.",
            "weather",
            {
                "q": s("City name, optionally with country: London,uk."),
                "lat": n("Latitude."),
                "lon": n("Longitude."),
                "units": s("Units.", e=["standard", "metric", "imperial"], d="metric"),
                "lang": s("Language code."),
            },
            "name:s;weather:a;main:o:Temperature, pressure, humidity.;wind:o;dt:i",
            imp=True,
        ),
        T(
            "GET_5_DAY_FORECAST",
            "Get a 5-day forecast",
            "Get a 5-day forecast in 3-hour steps.",
            "weather forecast",
            {
                "q": s("City name."),
                "lat": n("Latitude."),
                "lon": n("Longitude."),
                "units": s("Units.", e=["standard", "metric", "imperial"], d="metric"),
                "cnt": i("Number of timestamps."),
            },
            "list:a;city:o",
        ),
        T(
            "GET_AIR_POLLUTION",
            "Get air pollution",
            "Get the current air quality index and pollutant concentrations.",
            "air quality",
            {"lat!": n("Latitude."), "lon!": n("Longitude.")},
            "list:a",
        ),
        T(
            "GEOCODE_LOCATION",
            "Geocode a place",
            "Get coordinates for a city name.",
            "geocoding",
            {"q!": s("City name, state and country.", ex=["Paris,FR"]), "limit": i("Max results.", d=5)},
            "locations:a",
        ),
        T(
            "REVERSE_GEOCODE",
            "Reverse geocode",
            "Get place names for coordinates.",
            "geocoding",
            {"lat!": n("Latitude."), "lon!": n("Longitude."), "limit": i("Max results.", d=5)},
            "locations:a",
        ),
    ],
)

TK(
    "hackernews",
    "Hacker News",
    "Hacker News is Y Combinator's social news site for technology and startups; its API is public.",
    "https://news.ycombinator.com",
    ["entertainment-media", "data-utilities"],
    [],
    tools=[
        T(
            "GET_FRONTPAGE",
            "Get front page stories",
            "Get the current front page stories with titles, links and points.",
            "news stories",
            {"min_points": i("Only stories with at least this many points."), "limit": i("Max stories.", d=30)},
            "stories:a",
            imp=True,
        ),
        T(
            "GET_ITEM_WITH_ID",
            "Get an item",
            "Get a story, comment, job or poll by ID.",
            "news",
            {"id!": i("Item ID.", ex=[8863])},
            "id:i;type:s;by:s;title:s;url:s;score:i;time:i;kids:a",
        ),
        T(
            "SEARCH_POSTS",
            "Search posts",
            "Search stories and comments through the Algolia HN API.",
            "news search",
            {
                "query!": s("Search text."),
                "tags": s("Filter tags, e.g. story or comment.", d="story"),
                "numericFilters": s("Numeric filters, e.g. points>100."),
                "hitsPerPage": i("Page size.", d=20),
            },
            "hits:a;nbHits:i",
        ),
        T(
            "GET_USER",
            "Get a user",
            "Get a user's karma, about text and submissions.",
            "users",
            {"username!": s("Username.")},
            "id:s;karma:i;about:s;created:i",
        ),
        T(
            "GET_LATEST_POSTS",
            "Get latest stories",
            "Get the newest stories.",
            "news stories",
            {"limit": i("Max stories.", d=30)},
            "stories:a",
        ),
    ],
)

# ======================================================================================
# Legacy (deprecated) tools kept so that old workflows still resolve
# ======================================================================================


def extend(slug: str, *tools: T) -> None:
    next(tk for tk in TOOLKITS if tk["slug"] == slug)["tools"].extend(tools)


extend(
    "googlesheets",
    T(
        "CREATE_GOOGLE_SHEET",
        "Create a spreadsheet (legacy)",
        "Older version of spreadsheet creation; use GOOGLESHEETS_CREATE_GOOGLE_SHEET1.",
        "spreadsheets",
        {"title!": s("Title of the spreadsheet.")},
        "spreadsheetId:s;spreadsheetUrl:s",
        dep=True,
    ),
)
extend(
    "googlecalendar",
    T(
        "FIND_EVENT",
        "Find events (legacy)",
        "Legacy event finder; use GOOGLECALENDAR_EVENTS_LIST with q, timeMin and timeMax.",
        "events",
        {
            "query": s("Text to search."),
            "timeMin": s("Window start.", f="date-time"),
            "timeMax": s("Window end.", f="date-time"),
            "calendar_id": GC_CAL,
        },
        "event_data:o",
        dep=True,
    ),
)
extend(
    "hubspot",
    T(
        "CREATE_OR_UPDATE_CONTACT_BY_EMAIL_V1",
        "Create or update a contact by email (v1)",
        "Uses the sunset Contacts v1 API; use HUBSPOT_CREATE_CONTACT or HUBSPOT_UPDATE_CONTACT.",
        "contacts crm",
        {"email!": s("Contact email."), "properties": a("Properties as {property, value}.", items="object")},
        "vid:i;isNew:b",
        dep=True,
    ),
)
extend(
    "asana",
    T(
        "CREATE_TASK",
        "Create task (legacy)",
        "Legacy alias of ASANA_CREATE_A_TASK.",
        "tasks",
        {"name!": s("Task name."), "workspace!": s("Workspace gid.")},
        AS_TASK_OUT,
        dep=True,
    ),
)
extend(
    "mailchimp",
    T(
        "ADD_SUBSCRIBER_V2",
        "Add a subscriber (API 2.0)",
        "Targets Mailchimp API 2.0, which is retired; use MAILCHIMP_ADD_MEMBER_TO_LIST.",
        "subscribers",
        {"id!": MC_LIST, "email!": s("Email.")},
        "euid:s;leid:s",
        dep=True,
    ),
)
extend(
    "linkedin",
    T(
        "CREATE_UGC_POST",
        "Create a UGC post (legacy)",
        "Uses the legacy ugcPosts API; use LINKEDIN_CREATE_LINKED_IN_POST (Posts API).",
        "posts",
        {"author!": s("Author URN."), "text!": s("Post text.")},
        "id:s",
        dep=True,
    ),
)
extend(
    "openai",
    T(
        "CREATE_COMPLETION",
        "Create a completion (legacy)",
        "Legacy /v1/completions endpoint for older models; use OPENAI_CREATE_RESPONSE.",
        "llm text",
        {
            "model!": s("Model ID.", ex=["gpt-3.5-turbo-instruct"]),
            "prompt!": s("Prompt."),
            "max_tokens": i("Max tokens.", d=16),
        },
        "id:s;choices:a",
        dep=True,
    ),
)
extend(
    "sendgrid",
    T(
        "SEND_EMAIL_V2",
        "Send an email (v2 API)",
        "Uses the retired v2 mail.send endpoint; use SENDGRID_SEND_EMAIL.",
        "email send",
        {"to!": s("Recipient."), "from!": s("Sender."), "subject!": s("Subject."), "text": s("Body.")},
        "message:s",
        dep=True,
    ),
)
extend(
    "shopify",
    T(
        "CREATE_CHECKOUT",
        "Create a checkout (legacy)",
        "Checkout REST API deprecated by Shopify; use SHOPIFY_CREATE_ORDER or the Storefront cart API.",
        "orders checkout",
        {"line_items!": a("Items as {variant_id, quantity}.", items="object"), "email": s("Email.")},
        "token:s;web_url:s",
        dep=True,
    ),
)
extend(
    "pagerduty",
    T(
        "SEND_EVENT_V1",
        "Send an event (Events API v1)",
        "Legacy Events API v1; use PAGERDUTY_SEND_AN_EVENT (v2).",
        "events alerts",
        {
            "service_key!": s("Integration key."),
            "event_type!": s("Type.", e=["trigger", "acknowledge", "resolve"]),
            "description": s("Description."),
            "incident_key": s("Dedup key."),
        },
        "status:s;incident_key:s",
        dep=True,
        no_auth=True,
    ),
)


# ======================================================================================
# Output and validation
# ======================================================================================


def validate(data: dict) -> list[str]:
    """Return a list of problems (empty when the catalog is consistent)."""
    import jsonschema

    problems = []
    toolkit_slugs = [tk["slug"] for tk in data["toolkits"]]
    tool_slugs = [t["slug"] for t in data["tools"]]
    category_slugs = {c["slug"] for c in data["categories"]}
    if len(set(toolkit_slugs)) != len(toolkit_slugs):
        problems.append("duplicate toolkit slugs")
    if len(set(tool_slugs)) != len(tool_slugs):
        dups = sorted({x for x in tool_slugs if tool_slugs.count(x) > 1})
        problems.append(f"duplicate tool slugs: {dups}")
    counts = {}
    for t in data["tools"]:
        tk = t["toolkit"]["slug"]
        counts[tk] = counts.get(tk, 0) + 1
        if tk not in toolkit_slugs:
            problems.append(f"{t['slug']}: unknown toolkit {tk}")
        if not t["slug"].startswith(tk.upper() + "_") or not re.fullmatch(r"[A-Z0-9_]+", t["slug"]):
            problems.append(f"{t['slug']}: slug is not UPPER_SNAKE prefixed with {tk.upper()}_")
        for key in ("input_parameters", "output_parameters"):
            schema = t[key]
            try:
                jsonschema.Draft202012Validator.check_schema(schema)
            except jsonschema.SchemaError as exc:
                problems.append(f"{t['slug']}.{key}: {exc.message}")
            missing = [r for r in schema.get("required", []) if r not in schema.get("properties", {})]
            if missing:
                problems.append(f"{t['slug']}.{key}: required not in properties: {missing}")
            for name, prop in schema.get("properties", {}).items():
                if prop.get("type") == "object":
                    miss = [r for r in prop.get("required", []) if r not in prop.get("properties", {})]
                    if miss:
                        problems.append(f"{t['slug']}.{key}.{name}: required not in properties: {miss}")
                if "default" in prop and "enum" in prop and prop["default"] not in prop["enum"]:
                    problems.append(f"{t['slug']}.{key}.{name}: default not in enum")
        if not t["tags"] or any(tag != tag.lower() or " " in tag for tag in t["tags"]):
            problems.append(f"{t['slug']}: bad tags {t['tags']}")
    for tk in data["toolkits"]:
        if tk["meta"]["tools_count"] != counts.get(tk["slug"], 0):
            problems.append(f"{tk['slug']}: tools_count {tk['meta']['tools_count']} != {counts.get(tk['slug'], 0)}")
        cats = tk["meta"]["categories"]
        if not 1 <= len(cats) <= 3 or any(c["slug"] not in category_slugs for c in cats):
            problems.append(f"{tk['slug']}: bad categories {cats}")
    return problems


def main() -> None:
    data = build()
    problems = validate(data)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    OUT.write_text(text, encoding="utf-8")
    deprecated = sum(t["is_deprecated"] for t in data["tools"])
    print(
        f"wrote {OUT} ({len(text.encode()) / 1e6:.2f} MB): {len(data['categories'])} categories, "
        f"{len(data['toolkits'])} toolkits, {len(data['tools'])} tools ({deprecated} deprecated, "
        f"{100 * deprecated / len(data['tools']):.1f}%)"
    )
    if problems:
        raise SystemExit("problems:\n  " + "\n  ".join(problems))
    print("valid")


if __name__ == "__main__":
    main()
