"""Picks invoices up from the AP inbox folder and queues them for extraction."""
import pathlib
import time

from quiver import worker

INBOX = pathlib.Path("/srv/ap-inbox")


@worker
def run(queue):
    seen: set[str] = set()
    while True:
        for pdf in sorted(INBOX.glob("*.pdf")):
            if pdf.name not in seen:
                queue.put({"pdf_path": str(pdf)})
                seen.add(pdf.name)
        time.sleep(30)
