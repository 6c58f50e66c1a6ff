"""Reads commit history from the local clone."""
import subprocess

from quiver import tool


@tool
def commits_between(base: str, head: str = "HEAD") -> list[dict]:
    """Commits in base..head, oldest first, as {sha, subject, author}."""
    out = subprocess.run(
        ["git", "log", "--reverse", "--format=%H%x09%s%x09%an", f"{base}..{head}"],
        check=True, capture_output=True, text=True,
    ).stdout
    return [dict(zip(("sha", "subject", "author"), line.split("\t"))) for line in out.splitlines()]
@tool
def merged_prs(base: str, head: str = "HEAD") -> list[int]:
    """Numbers of the PRs merged in base..head (from merge commit subjects)."""
    return [int(c["subject"].split("#")[1].split()[0]) for c in commits_between(base, head) if c["subject"].startswith("Merge pull request #")]
