"""Diff statistics for a pull request, to focus the review."""
from unidiff import PatchSet

from quiver import tool


@tool
def summarize_diff(diff: str) -> dict:
    """Files changed, lines added and removed, and the riskiest files (migrations, auth, CI)."""
    patch = PatchSet(diff)
    risky = [f.path for f in patch if any(k in f.path for k in ("migrations/", "auth", ".github/workflows"))]
    return {
        "files": len(patch),
        "added": patch.added,
        "removed": patch.removed,
        "risky": risky,
    }
