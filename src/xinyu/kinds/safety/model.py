"""Schemas of the safety data: the `risk` flag editors write on pages and entries, and the rules file."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from ...model import Slug, Strict, Text


class Accept(Strict):
    """A reviewer's decision to keep text a safe-messaging rule flags: the rule, why, and who decided."""

    rule: Slug
    reason: Text
    reviewer: Text


class RiskFlag(Strict):
    """``risk:`` on a page or entry that speaks of suicide, self-harm, abuse or bullying.

    ``box: false`` (with a reason and a reviewer) says the page was reviewed and needs no crisis box;
    ``accept`` keeps text a safe-messaging rule flags, each with a reason and the reviewer's name.
    """

    box: bool = True
    reason: str | None = None
    reviewed_by: str | None = None
    reviewed_on: dt.date | None = None
    accept: list[Accept] = Field(default_factory=list)

    @model_validator(mode="after")
    def _reason_for_no_box(self) -> RiskFlag:
        if not self.box and not (self.reason or "").strip():
            raise ValueError("写了 box: false 时必须用 reason 说明为什么这一页不需要求助热线框")
        return self


def shows_box(risk: bool | RiskFlag | None) -> bool:
    """Whether a declared `risk` value asks for the crisis box (``risk: true`` or a flag without ``box: false``)."""
    return risk is True or (isinstance(risk, RiskFlag) and risk.box)


class Rule(Strict):
    """One safe-messaging rule of ``content/vocab/safe-messaging.yml``."""

    id: Slug
    pattern: Text
    exclude: str | None = None
    scope: Literal["title", "all"] = "all"
    message: Text
    suggestion: Text
    source: Text


class RuleFile(Strict):
    """The rules file: ``rules:`` and nothing else."""

    rules: list[Rule] = Field(min_length=1)
