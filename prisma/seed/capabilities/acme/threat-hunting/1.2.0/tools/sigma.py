"""Sigma detection rules: draft them from an incident and validate them before review."""
import uuid

import yaml

from quiver import tool


@tool
def build_sigma_rule(title: str, logsource: dict, selection: dict, level: str = "medium") -> str:
    """Drafts a Sigma rule (YAML) for a detection, ready for a pull request to the rules repo."""
    rule = {
        "title": title,
        "id": str(uuid.uuid4()),
        "status": "experimental",
        "logsource": logsource,
        "detection": {"selection": selection, "condition": "selection"},
        "level": level,
    }
    return yaml.safe_dump(rule, sort_keys=False)


@tool
def validate_sigma(rule: str) -> list[str]:
    """Problems found in a Sigma rule; an empty list means it is valid."""
    data = yaml.safe_load(rule)
    missing = [k for k in ("title", "logsource", "detection") if k not in data]
    return [f"missing '{k}'" for k in missing]
