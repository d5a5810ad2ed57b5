// The replayed operations and their path templates: included by build.rs
// (which generates a client for them) and by src/main.rs (which calls them).

const OPERATIONS: &[(&str, &str)] = &[
    ("gists/get", "/gists/{gist_id}"),
    ("orgs/get", "/orgs/{org}"),
    ("repos/get", "/repos/{owner}/{repo}"),
    (
        "repos/get-branch",
        "/repos/{owner}/{repo}/branches/{branch}",
    ),
    ("repos/list-commits", "/repos/{owner}/{repo}/commits"),
    ("repos/get-commit", "/repos/{owner}/{repo}/commits/{ref}"),
    ("repos/get-content", "/repos/{owner}/{repo}/contents/{path}"),
    (
        "git/get-commit",
        "/repos/{owner}/{repo}/git/commits/{commit_sha}",
    ),
    ("git/get-tree", "/repos/{owner}/{repo}/git/trees/{tree_sha}"),
    ("issues/list-for-repo", "/repos/{owner}/{repo}/issues"),
    (
        "issues/get-event",
        "/repos/{owner}/{repo}/issues/events/{event_id}",
    ),
    ("issues/get", "/repos/{owner}/{repo}/issues/{issue_number}"),
    (
        "issues/list-comments",
        "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    ),
    (
        "issues/list-labels-on-issue",
        "/repos/{owner}/{repo}/issues/{issue_number}/labels",
    ),
    ("issues/get-label", "/repos/{owner}/{repo}/labels/{name}"),
    (
        "issues/get-milestone",
        "/repos/{owner}/{repo}/milestones/{milestone_number}",
    ),
    ("pulls/get", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    (
        "pulls/list-commits",
        "/repos/{owner}/{repo}/pulls/{pull_number}/commits",
    ),
    (
        "repos/get-release",
        "/repos/{owner}/{repo}/releases/{release_id}",
    ),
    (
        "repos/list-release-assets",
        "/repos/{owner}/{repo}/releases/{release_id}/assets",
    ),
    ("users/get-authenticated", "/user"),
    ("users/get-by-username", "/users/{username}"),
];
