"""Where the events section's pages live; imports nothing of the kind, so every module of it can."""


def event_uri(event_id: str) -> str:
    """The generated page of an event."""
    return f"events/{event_id}.md"


def series_uri(series_id: str) -> str:
    """The generated page of a series."""
    return f"events/series/{series_id}.md"
