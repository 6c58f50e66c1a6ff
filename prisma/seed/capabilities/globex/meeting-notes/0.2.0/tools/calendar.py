"""Google Calendar: the meetings to take notes for."""
from googleapiclient.discovery import build

from quiver import tool

calendar = build("calendar", "v3")


@tool
def upcoming_meetings(hours: int = 24) -> list[dict]:
    """Meetings in the next `hours` hours with at least two attendees."""
    import datetime as dt

    now = dt.datetime.now(dt.timezone.utc)
    events = calendar.events().list(calendarId="primary", timeMin=now.isoformat(), timeMax=(now + dt.timedelta(hours=hours)).isoformat(), singleEvents=True).execute()
    return [e for e in events.get("items", []) if len(e.get("attendees", [])) >= 2]
