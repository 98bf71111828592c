"""The schema of hotlines and services (热线与服务): services, channels, clinics, verification."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from ...model import Entry, Strict, Text
from ..safety.model import RiskFlag
from .hours import Hours, _check_time, parse_days
from .phones import Phone, PhoneError, parse_phone

ServiceType = Literal["心理援助", "家庭教育指导", "青少年服务", "医院门诊", "应急"]
Level = Literal["全国", "市", "镇街道", "村社区", "学校"]
LEVELS: tuple[str, ...] = ("全国", "市", "镇街道", "村社区")  # the network, top down


class Channel(Strict):
    """One way to reach a service: a number with its own hours."""

    type: Literal["电话", "热线", "手机"] = "电话"
    area: str | None = None  # set for a landline outside the city's area code: where it is
    number: Text
    ext: str | None = Field(default=None, pattern=r"^[0-9]{1,6}$")  # 分机号: shown 转801, dialled tel:…,801
    label: str | None = None
    hours: Hours

    @field_validator("number")
    @classmethod
    def _valid_number(cls, value: str, info: ValidationInfo) -> str:
        try:
            parse_phone(value, area_code=None if info.data.get("area") else "0574")
        except PhoneError as exc:
            raise ValueError(str(exc)) from None
        return value

    @property
    def phone(self) -> Phone:
        """The checked number (with its extension, if any)."""
        return parse_phone(self.number, area_code=None if self.area else "0574").with_ext(self.ext)


class Verification(Strict):
    """Who checked the entry, when, how, and where it comes from.

    Without `verified_on` / `verified_by` it only names the source (e.g. a national notice): nobody
    has confirmed the entry yet, so it is 待核实 and a publishing build asks a local editor to.
    """

    verified_on: dt.date | None = None
    verified_by: str | None = None
    method: Text  # e.g. 拨打核实 / 官方网站 / 来函
    source: Text
    next_review: dt.date | None = None

    @model_validator(mode="after")
    def _both(self) -> Verification:
        if (self.verified_on is None) != (self.verified_by is None):
            raise ValueError("verified_on（核实日期）和 verified_by（核实人）要一起写；"
                             "还没有人核实时两个都不写，只写 method 和 source")
        return self

    @property
    def confirmed(self) -> bool:
        """True when someone has checked the entry (not just named its source)."""
        return self.verified_on is not None


class Ages(Strict):
    """The ages a service is for (either bound may be open)."""

    min: int | None = Field(default=None, ge=0, le=120)
    max: int | None = Field(default=None, ge=0, le=120)


class Session(Strict):
    """One weekly clinic session (坐诊)."""

    day: Text  # 一 … 日
    opens: Text
    closes: Text
    doctor: str | None = None  # e.g. 精神科副主任医师（示例）
    note: str | None = None

    @field_validator("day")
    @classmethod
    def _day(cls, value: str) -> str:
        if len(parse_days(value)) != 1:
            raise ValueError(f"坐诊日“{value}”只能写一天，例如 二")
        return value

    @field_validator("opens", "closes")
    @classmethod
    def _time(cls, value: str) -> str:
        return _check_time(value)


class Clinic(Strict):
    """A clinic (分诊点 / 专家工作室): where, when the experts see patients, how to book, 医保."""

    hospital: Text  # the hospital whose experts come
    address: Text
    sessions: list[Session] = Field(min_length=1)
    booking: Text
    insurance: Text  # 医保
    green_channel: str | None = None  # 绿色诊疗通道


class Service(Entry):
    """A hotline or service."""

    name: Text
    operator: str | None = None
    level: Level = "全国"
    parent: str | None = None  # id of the service one level up (service:<id>)
    area: str | None = None  # area served, e.g. 慈溪市 / 浒山街道
    type: ServiceType
    audience: list[str] = Field(default_factory=list)
    ages: Ages | None = None
    topics: list[str] = Field(default_factory=list)
    summary: str | None = None
    address: str | None = None
    url: str | None = None
    crisis: int | None = Field(default=None, ge=1)  # position in the crisis line on every page
    channels: list[Channel] = Field(min_length=1)
    clinic: Clinic | None = None
    verification: Verification | None = None
    risk: RiskFlag | None = None  # a reviewer's `accept` of a safe-messaging finding (no box: the page is help)

    @field_validator("url")
    @classmethod
    def _https(cls, value: str | None) -> str | None:
        # A field validator, so the error is reported at the `url:` line, not at the entry.
        if value is not None and not value.startswith("https://"):
            raise ValueError(f"url “{value[:40]}”必须以 https:// 开头：只写服务方网站的完整地址，例如 https://www.example.gov.cn/")
        return value

    @model_validator(mode="after")
    def _levels(self) -> Service:
        if self.level in ("镇街道", "村社区") and not self.parent:
            raise ValueError(f"{self.level}级的服务要写 parent（上一级服务的 id）")
        return self


class File(Strict):
    """A services file."""

    services: list[dict[str, Any]] = Field(min_length=1)
