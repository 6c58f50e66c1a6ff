"""Host inventory and patch levels of the legacy datacentre, from the CMDB export."""
import csv

from quiver import tool

CMDB_EXPORT = "/srv/cmdb/hosts.csv"


@tool
def list_hosts(role: str | None = None) -> list[dict]:
    """Hosts of DC1, optionally filtered by role (web, app, db, batch)."""
    with open(CMDB_EXPORT, newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if role is None or r["role"] == role]


@tool
def patch_status(hostname: str) -> dict:
    """Kernel version, pending updates and days since the last patch window."""
    host = next(r for r in list_hosts() if r["hostname"] == hostname)
    return {"kernel": host["kernel"], "pending": int(host["pending_updates"]), "days_since_patch": int(host["days_since_patch"])}
