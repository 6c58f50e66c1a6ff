"""Meeting transcripts from Google Meet recordings."""
from googleapiclient.discovery import build

from quiver import tool

meet = build("meet", "v2")


@tool
def fetch_transcript(conference_record: str) -> str:
    """The full transcript of a conference, as "Speaker: text" lines."""
    entries = meet.conferenceRecords().transcripts().entries().list(parent=conference_record).execute()
    return "\n".join(f"{e['participant']}: {e['text']}" for e in entries.get("transcriptEntries", []))
