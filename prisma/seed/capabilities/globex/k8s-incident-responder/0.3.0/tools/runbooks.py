"""Runbook lookup in the SRE handbook, keyed by alert name."""
import httpx

from quiver import tool

HANDBOOK = "https://handbook.globex.dev/api/runbooks"


@tool
def find_runbook(alertname: str) -> str | None:
    """The runbook for an alert (Markdown), or None if there is none yet."""
    r = httpx.get(f"{HANDBOOK}/{alertname}", timeout=5)
    return r.text if r.status_code == 200 else None
