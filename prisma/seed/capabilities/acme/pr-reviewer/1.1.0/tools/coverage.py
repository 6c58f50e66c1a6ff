"""Coverage change of a pull request, from the Cobertura reports of base and head."""
import xml.etree.ElementTree as ET

from quiver import tool


def _rate(path: str) -> float:
    return float(ET.parse(path).getroot().get("line-rate", "0"))


@tool
def coverage_delta(base_report: str, head_report: str) -> dict:
    """Line coverage of base and head, and the difference in percentage points."""
    base, head = _rate(base_report), _rate(head_report)
    return {"base": round(base * 100, 1), "head": round(head * 100, 1), "delta": round((head - base) * 100, 1)}
