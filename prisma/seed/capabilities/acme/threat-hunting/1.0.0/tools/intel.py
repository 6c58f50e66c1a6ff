"""Threat-intel lookups: VirusTotal and Acme's internal indicator feed."""
import os

import requests

from quiver import tool

INTEL_URL = "https://intel.acme.ai/api/v2"


def _headers() -> dict[str, str]:
    return {"Authorization": f"Bearer {os.environ['ACME_INTEL_TOKEN']}"}


@tool
def lookup_ioc(indicator: str) -> dict:
    """Reputation, first/last seen and related campaigns for an IP, domain, URL or hash."""
    r = requests.get(f"{INTEL_URL}/indicators", params={"q": indicator}, headers=_headers(), timeout=10)
    r.raise_for_status()
    return r.json()


@tool
def enrich_domain(domain: str) -> dict:
    """WHOIS age, registrar, passive DNS and TLS certificate history of a domain."""
    r = requests.get(f"{INTEL_URL}/domains/{domain}", headers=_headers(), timeout=10)
    r.raise_for_status()
    return r.json()
