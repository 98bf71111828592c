"""The 校历 (school calendar) data file: terms and breaks, for lines open only in term time."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from ...model import Strict, Text


class Term(Strict):
    """A term or a break of the 校历."""

    name: Text
    start: dt.date
    end: dt.date

    @model_validator(mode="after")
    def _order(self) -> Term:
        if self.end < self.start:
            raise ValueError(f"“{self.name}”的结束日期早于开始日期")
        return self


class SchoolYear(Strict):
    """One school year: its terms (上课期) and breaks (寒假、暑假)."""

    name: Text
    terms: list[Term] = Field(min_length=1)
    breaks: list[Term] = Field(default_factory=list)


class SchoolCalendar(Strict):
    """The 校历 data file."""

    example: bool = False
    source: Text
    years: list[SchoolYear] = Field(min_length=1)

    def status(self, day: dt.date) -> tuple[bool | None, str | None]:
        """(in session?, name of the term or break); (None, None) when the 校历 does not cover `day`."""
        for year in self.years:
            for b in year.breaks:
                if b.start <= day <= b.end:
                    return False, b.name
            for t in year.terms:
                if t.start <= day <= t.end:
                    return True, t.name
        first = min(t.start for y in self.years for t in y.terms)
        last = max(max([t.end for t in y.terms] + [b.end for b in y.breaks]) for y in self.years)
        if first <= day <= last:
            return False, "假期"
        return None, None

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day the 校历 covers."""
        days = [d for y in self.years for t in [*y.terms, *y.breaks] for d in (t.start, t.end)]
        return min(days), max(days)
