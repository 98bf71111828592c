"""How the guide pages are addressed and named: the URLs of a guide, its questions and its PDF
booklet, and a question's label (第12问). Imports nothing of the kind but its source types."""

from __future__ import annotations

from .source import Question


def guide_uri(guide_id: str) -> str:
    """The contents page of a guide."""
    return f"guides/{guide_id}/index.md"


def question_uri(guide_id: str, question_id: str) -> str:
    """The permalink page of a question."""
    return f"guides/{guide_id}/{question_id}.md"


def pdf_uri(guide_id: str) -> str:
    """Where a guide's PDF lives in the site: ``guides/<id>/<id>.pdf``."""
    return f"guides/{guide_id}/{guide_id}.pdf"


def number_label(q: Question) -> str:
    """How a question's number is shown: 第12问."""
    return f"第{q.number}问"
