"""Isolates a host through the EDR API when auto-containment is enabled (critical incidents only)."""
import json
import os
import sys

import requests

EDR_URL = "https://edr.acme.ai/api/v1/hosts/{host}/isolate"


def main() -> None:
    for line in sys.stdin:
        incident = json.loads(line)
        if incident["severity"] != "critical":
            continue
        for host in incident["hosts"]:
            requests.post(EDR_URL.format(host=host), headers={"Authorization": f"Bearer {os.environ['EDR_TOKEN']}"}, timeout=15).raise_for_status()
            print(json.dumps({"isolated": host, "incident": incident["id"]}), flush=True)


if __name__ == "__main__":
    main()
