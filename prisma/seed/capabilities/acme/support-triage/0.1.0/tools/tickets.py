"""Zendesk ticket helpers used by the triage agent."""
import os

from zenpy import Zenpy

from quiver import tool

client = Zenpy(subdomain="acme", email=os.environ["ZENDESK_EMAIL"], token=os.environ["ZENDESK_TOKEN"])


@tool
def search_tickets(requester_email: str, limit: int = 3) -> list[dict]:
    """The requester's most recent tickets, newest first."""
    results = client.search(type="ticket", requester=requester_email, sort_by="created_at", sort_order="desc")
    return [{"id": t.id, "subject": t.subject, "status": t.status} for t in list(results)[:limit]]


@tool
def tag_ticket(ticket_id: int, queue: str, priority: str) -> None:
    """Sets the ticket's group tag and priority."""
    ticket = client.tickets(id=ticket_id)
    ticket.tags.extend([f"queue:{queue}", f"prio:{priority.lower()}"])
    client.tickets.update(ticket)
