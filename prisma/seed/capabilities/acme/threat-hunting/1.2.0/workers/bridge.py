"""Forwards confirmed findings to the legacy ArcSight SIEM as CEF over syslog."""
import logging
import socket

from quiver import worker

log = logging.getLogger(__name__)
ARCSIGHT = ("arcsight-collector.sec.acme.ai", 6514)


@worker
def run(findings):
    with socket.create_connection(ARCSIGHT, timeout=5) as sock:
        for f in findings:
            line = f"CEF:0|Acme|threat-hunting|1|{f['rule']}|{f['title']}|{f['severity']}|src={f['src']}\n"
            sock.sendall(line.encode())
            log.info("forwarded %s", f["id"])
