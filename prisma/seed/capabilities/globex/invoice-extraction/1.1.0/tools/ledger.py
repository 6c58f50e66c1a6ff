"""Globex's in-house ledger API: vendor lookup and invoice posting."""
import os

import httpx

from quiver import tool

LEDGER = httpx.Client(base_url="https://ledger.globex.dev/api", headers={"Authorization": f"Bearer {os.environ['LEDGER_TOKEN']}"})


@tool
def find_vendor(name: str, vat_number: str | None = None) -> dict | None:
    """The best-matching vendor record, or None."""
    r = LEDGER.get("/vendors/search", params={"name": name, "vat": vat_number})
    r.raise_for_status()
    hits = r.json()["results"]
    return hits[0] if hits else None


@tool
def post_invoice(record: dict) -> str:
    """Posts a validated invoice record; returns the ledger document id."""
    r = LEDGER.post("/invoices", json=record)
    r.raise_for_status()
    return r.json()["id"]
