"""Shared schema pieces: the strict pydantic base, review fields, and pydantic errors as diagnostics."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .diagnostics import Diagnostics, Loc
from .text.yamlio import PathKey, YamlDoc

Slug = Annotated[str, Field(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", min_length=1, max_length=80)]
Text = Annotated[str, Field(min_length=1)]
# 学段 a teacher event or a resource serves (the lessons' five plus the broader 幼儿园 / 小学 / 全学段).
ServedStage = Literal["幼儿园", "小学", "小学低段", "小学中段", "小学高段", "初中", "高中", "全学段"]


class Strict(BaseModel):
    """Base for every schema: unknown keys are errors, numbers may stand where text is expected."""

    model_config = ConfigDict(extra="forbid", coerce_numbers_to_str=True, frozen=False)


class Review(Strict):
    """A named professional's review of sensitive or sample text."""

    reviewer: Text
    reviewed_on: dt.date
    role: str | None = None  # e.g. 心理健康教育专职教师（B证）


class Entry(Strict):
    """Fields every content entry may carry (PRODUCT.md, rule 2)."""

    id: Slug
    example: bool = False  # sample content: shown in preview builds only
    review: Review | None = None


M = TypeVar("M", bound=BaseModel)

_FIELD_NAMES = {
    "missing": "缺少必填字段",
}


# The shape of a mapping editors most often write wrongly, as one line of YAML to copy.
_SHAPES = {
    "hours": "24 小时服务写 hours: {always: true}；每周固定时间写 hours: {weekly: [{days: 一至五, opens: \"08:30\", "
             "closes: \"17:00\"}]}；各地自定的写 hours: {local: true, note: 以当地公布为准}",
    "verification": "verification: {verified_on: 2026-11-20, verified_by: 姓名, method: 拨打核实, source: 拨打的号码}",
    "review": "review: {reviewer: 姓名, reviewed_on: 2026-11-20}",
    "ages": "ages: {min: 6, max: 18}",
}


def choices(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" as Chinese: ‘a’、‘b’或‘c’."""
    items = re.findall(r"'((?:[^'\\]|\\.)*)'", expected)
    if not items:
        return expected
    quoted = [f"‘{item}’" for item in items]
    return quoted[0] if len(quoted) == 1 else "、".join(quoted[:-1]) + "或" + quoted[-1]


def what_it_is(value: Any) -> str:
    """What an editor wrote where a mapping belongs, in words (for messages)."""
    if value is None:
        return "这里却什么也没写"
    if isinstance(value, list):
        return "这里却是以“- ”开头的列表"
    if isinstance(value, str):
        return f"这里却写的是文字“{value[:30]}”"
    return f"这里却写的是 {value!r}"


def _mapping_message(err: dict[str, Any], field: str, fields: list[str]) -> tuple[str, str | None]:
    what = what_it_is(err.get("input"))
    if not err["loc"]:  # the whole file
        lists = ", ".join(f"{name}:" for name in fields)
        first = fields[0] if fields else "services"
        return (f"文件内容应为“键: 值”形式，最外层是 {lists}；{what}",
                f"第一行写 {first}:，下一行起每一项以“  - ”开头（例如“  - id: …”）；"
                "不用的空文件请删除，新文件可用 xinyu new 生成模板")
    shape = _SHAPES.get(field)
    hint = shape or (f"可用字段：{'、'.join(fields)}" if fields else None)
    return f"“{field}”应为“键: 值”形式的一组字段；{what}", hint


def _message(err: dict[str, Any], model: type[BaseModel], allowed: list[str]) -> tuple[str, str | None]:
    kind = err["type"]
    field = str(err["loc"][-1]) if err["loc"] else ""
    ctx = err.get("ctx") or {}
    if kind == "missing":
        return f"缺少必填字段“{field}”", None
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, allowed, n=1, cutoff=0.6)
        hint = f"你是不是想写“{close[0]}”？" if close else f"可用字段：{'、'.join(allowed)}"
        return f"未知字段“{field}”", hint
    if kind == "string_pattern_mismatch" and field == "ext":
        return "“ext”只写分机号的数字（1 到 6 位）", "例如 ext: \"801\""
    if kind == "string_pattern_mismatch":
        return f"“{field}”格式不对：只能用小写英文字母、数字和连字符（-），例如 xinli-fudao", None
    if kind in ("string_type", "string_too_short"):
        return f"“{field}”应为非空文字", None
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"“{field}”应为整数", None
    if kind in ("bool_parsing", "bool_type"):
        return f"“{field}”应为 true 或 false", None
    if kind.startswith("date") or kind.startswith("datetime"):
        return f"“{field}”应为日期（YYYY-MM-DD）或日期时间（YYYY-MM-DD HH:MM），且这个日期必须存在", None
    if kind in ("literal_error", "enum"):
        return f"“{field}”只能是以下之一：{choices(str(ctx.get('expected', '')))}", None
    if kind in ("list_type", "tuple_type"):
        return f"“{field}”应为列表（每行以“- ”开头）", None
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return _mapping_message(err, field, allowed)
    if kind in ("too_short",):
        return f"“{field}”至少需要 {ctx.get('min_length', 1)} 项", None
    if kind == "value_error":
        return str(ctx.get("error", err["msg"])), None
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"“{field}”超出允许范围：{err['msg']}", None
    return f"“{field}”的值不对：{err['msg']}", None


def _allowed_fields(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int) or current is None:
            continue
        fields = getattr(current, "model_fields", {})
        info = fields.get(part)
        if info is None:
            return []
        ann = info.annotation
        current = _model_in(ann)
    return list(getattr(current, "model_fields", {}).keys())


def _model_in(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


# Dates that record something already done: later than the build date, they cannot be true.
DONE_DATES = {
    "verified_on": ("核实日期", "核实", "计划下次复核的日期写在 next_review"),
    "reviewed_on": ("审核日期", "审核", "还没审核的内容先不写 review"),
}


def future_dates(item: BaseModel, doc: YamlDoc, diags: Diagnostics, today: dt.date, base: PathKey = ()) -> None:
    """An error at the line of each ``verified_on`` / ``reviewed_on`` in `item` later than `today`."""
    for name in type(item).model_fields:
        value = getattr(item, name)
        if name in DONE_DATES and isinstance(value, dt.date) and value > today:
            what, verb, later = DONE_DATES[name]
            diags.error(
                doc.loc((*base, name)), "safety.future-date",
                f"{what} {name}: {value.isoformat()} 晚于构建日期 {today.isoformat()}：还没到的日期不能算作已经{verb}",
                f"写实际{verb}的日期（不晚于 {today.isoformat()}）；{later}",
            )
        elif isinstance(value, BaseModel):
            future_dates(value, doc, diags, today, (*base, name))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                if isinstance(v, BaseModel):
                    future_dates(v, doc, diags, today, (*base, name, i))


def validate(model: type[M], data: Any, doc: YamlDoc, diags: Diagnostics, base: PathKey = (), *,
             today: dt.date | None = None) -> M | None:
    """Validate `data` (found at `base` in `doc`) against `model`; errors become diagnostics at their line.

    With `today` (the build date), verification and review dates after it are errors too.
    """
    try:
        item = model.model_validate(data)
        if today is not None:
            future_dates(item, doc, diags, today, base)
        return item
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
            where = doc.loc((*base, *loc))
            if err["type"] == "missing":
                where = doc.loc((*base, *loc[:-1]))
            elif err["type"] == "extra_forbidden":
                where = doc.key_loc((*base, *loc))
            inner = err["type"] in ("dict_type", "model_type", "model_attributes_type")
            message, hint = _message(dict(err), model, _allowed_fields(model, (*loc, "") if inner else loc))
            diags.error(where, "schema." + err["type"].replace("_", "-"), message, hint)
        return None


def loc_of(doc: YamlDoc, *key: str | int) -> Loc:
    """Shorthand for `doc.loc(key)`."""
    return doc.loc(tuple(key))
