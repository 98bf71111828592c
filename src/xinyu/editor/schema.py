"""``xinyu schema``: JSON Schemas for the YAML editors write, and VS Code's ``yaml.schemas`` setting.

Each schema is made from the kind's own pydantic models (``model_json_schema``), shaped like the
file as its loader reads it (a services file is a mapping with a ``services`` list …), then
post-processed for editors: Chinese titles and descriptions (`schema_text`), dates and times as
the text an editor types (YAML 1.2 keeps ``17:00`` as a string), numbers allowed where the models
accept them as text, and the patterns the checks apply to ids, times and typed references.
Only keywords shared by draft 2020-12 and draft-07 are used, so older YAML language servers read
the schemas too. Top-level imports stay light: the CLI imports this module on every command.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DRAFT = "https://json-schema.org/draft/2020-12/schema"
OUT_DIR = "schemas"
SETTINGS = ".vscode/settings.json"
EXTENSION = "redhat.vscode-yaml"
DATE = r"^\d{4}-\d{2}-\d{2}$"
DATETIME = r"^\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?$"
TIME = r"^\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?$"
_FORMATS = {
    "date": (DATE, "日期，写成 YYYY-MM-DD，例如 2026-10-17"),
    "date-time": (DATETIME, "日期和时间，写成 YYYY-MM-DD HH:MM，例如 2026-10-17 09:30"),
    "time": (TIME, "时间，24 小时制 HH:MM，例如 09:30"),
}


@dataclass(frozen=True)
class Shape:
    """One kind of YAML an editor writes, and the files it applies to."""

    name: str  # schemas/<name>.schema.json
    title: str
    description: str
    globs: tuple[str, ...]  # relative to the docs dir; empty for front matter and guide blocks
    build: Callable[[], dict[str, Any]]


def _ref_pattern(scheme: str | None) -> str:
    from ..refs import SCHEMES

    head = scheme or "(" + "|".join(SCHEMES) + ")"
    return rf"^{head}:[a-z0-9][a-z0-9-]*(#[a-z0-9][a-z0-9-]*)?$"


def _checks() -> dict[str, dict[str, Any]]:
    """What the validators and reference checks enforce beyond the field types (``Model.field``)."""
    from ..kinds.service.hours import _TIME

    clock = {"pattern": _TIME.pattern}
    out: dict[str, dict[str, Any]] = {f"{m}.{f}": clock for m in ("WeeklyRule", "DateException", "Session")
                                      for f in ("opens", "closes")}
    out["Service.url"] = {"pattern": r"^https://"}
    out["Service.parent"] = {"pattern": r"^[a-z0-9][a-z0-9-]*$"}
    out["EventIn.topic"] = {"pattern": _ref_pattern("menu")}
    for field, scheme in (("related_guides", "guide"), ("related_services", "service"), ("related_lessons", "lesson")):
        out[f"Lesson.{field}[]"] = {"pattern": _ref_pattern(scheme)}
    out["QuestionMeta.policies[]"] = {"pattern": _ref_pattern("policy")}
    out["QuestionMeta.related[]"] = {"pattern": _ref_pattern(None)}
    out["Story.related[]"] = {"pattern": _ref_pattern(None)}
    return out


def _file_model(name: str, file_model: Any, entries: dict[str, Any], only: set[str] | None = None) -> Any:
    """`file_model` with its ``list[dict]`` fields typed as lists of the entry models the loader applies."""
    from pydantic import create_model

    from ..model import Strict

    fields: dict[str, Any] = {}
    for fname, info in file_model.model_fields.items():
        if only is not None and fname not in only:
            continue
        info = copy.copy(info)
        if fname in entries:
            optional = type(None) in getattr(info.annotation, "__args__", ())
            items: Any = list.__class_getitem__(entries[fname])
            info.annotation = items | None if optional else items
        fields[fname] = (info.annotation, info)
    return create_model(name, __base__=Strict, **fields)


def _from(module: str, model: str, name: str = "", only: str = "", **entries: str) -> Callable[[], dict[str, Any]]:
    """A builder for `module.model`; `entries` type its ``list[dict]`` fields as the loader does
    (``services="Service"``), `only` keeps one key of a shared file model, `name` names the result."""

    def build() -> dict[str, Any]:
        import importlib

        def find(where: str) -> Any:  # "Class" in `module`, or "other.module:Class"
            mod, _, cls = where.rpartition(":")
            return getattr(importlib.import_module(f"..{mod or module}", __package__), cls)

        found = find(model)
        if entries:
            found = _file_model(name or model, found, {k: find(v) for k, v in entries.items()},
                                {only} if only else None)
        return _model(found)

    return build


def _tags() -> dict[str, Any]:
    # kinds/guide.py load_tags: exactly one key, `tags`, a mapping 标签 → 说明 (any scalar, kept as text)
    return {"type": "object", "additionalProperties": False, "required": ["tags"], "properties": {"tags": {
        "title": "标签", "description": "每行一个“标签: 说明”；实操指南各问的 tags 只能用这里的标签",
        "type": "object", "additionalProperties": {"type": ["string", "number", "boolean", "null"]}}}}


def _synonyms() -> dict[str, Any]:
    # search/vocab.py load_vocab: a list of groups, each a list of at least two words
    return {"type": "array", "items": {"title": "一组同义词", "description": "例如 [焦虑, 紧张]",
                                       "type": "array", "minItems": 2, "items": {"type": "string"}}}


_EV, _EM = "kinds.event.load", "kinds.event.model:"
SHAPES: tuple[Shape, ...] = (
    Shape("service-file", "热线与服务文件", "content/services/ 中的文件：services 列表，每项一条热线或服务",
          ("services/*.yml", "services/*.yaml"),
          _from("kinds.service.model", "File", "ServiceFile", services="Service")),
    Shape("school-calendar", "校历", "content/school-calendar.yml：学年、学期和寒暑假",
          ("school-calendar.yml",), _from("kinds.service.hours", "SchoolCalendar")),
    Shape("policies-file", "政策文件", "content/policies.yml：policies 列表，每项一份法律法规或政策文件",
          ("policies.yml",), _from("kinds.policy", "File", "PolicyFile", policies="Policy")),
    Shape("event-venues", "活动地点", "content/events/venues.yml：venues 列表",
          ("events/venues.yml",), _from(_EV, "_ListFile", "VenuesFile", "venues", venues=_EM + "Venue")),
    Shape("event-speakers", "主讲人", "content/events/speakers.yml：speakers 列表",
          ("events/speakers.yml",), _from(_EV, "_ListFile", "SpeakersFile", "speakers", speakers=_EM + "Speaker")),
    Shape("event-series", "活动系列", "content/events/series.yml：series 列表",
          ("events/series.yml",), _from(_EV, "_ListFile", "SeriesFile", "series", series=_EM + "Series")),
    Shape("event-file", "活动", "content/events/events*.yml：events 列表，每项一场活动",
          ("events/events*.yml", "events/events*.yaml"),
          _from(_EV, "_ListFile", "EventsFile", "events", events=_EM + "EventIn")),
    Shape("lecture-menu", "点单式讲座菜单", "content/events/menu.yml：how_to_order 和 topics",
          ("events/menu.yml",), _from("kinds.menu", "MenuFile", topics="Topic")),
    Shape("releases-file", "系列微课", "content/events/weike.yml：series 和按月发布的 releases",
          ("events/weike.yml",), _from("kinds.release", "ReleaseFile", releases="Release")),
    Shape("resources-file", "资源库", "content/ 下任一文件夹的 resources.yml：resources 列表，每项一个可下载的文件",
          ("**/resources.yml",), _from("kinds.resource.kind", "ResourceFile", resources="Resource")),
    Shape("vocab-tags", "共享标签词表", "content/vocab/tags.yml", ("vocab/tags.yml",), _tags),
    Shape("vocab-synonyms", "搜索同义词", "content/vocab/synonyms.yml：每项一组同义词",
          ("vocab/synonyms.yml",), _synonyms),
    Shape("lesson-front-matter", "教案信息块", "content/lessons/*.md 开头 --- 之间的 YAML", (),
          _from("kinds.lesson.kind", "Lesson")),
    Shape("story-front-matter", "家长故事信息块", "content/stories/*.md 开头 --- 之间的 YAML", (),
          _from("kinds.story", "Story")),
    Shape("guide-header", "实操指南信息块", "guides/*.md 开头 --- 之间的 YAML", (),
          _from("kinds.guide.source", "Guide")),
    Shape("guide-question", "问题字段块", "guides/*.md 每一问标题下 ```yaml 字段块中的 YAML", (),
          _from("kinds.guide.source", "QuestionMeta")),
)


def _model(model: Any) -> dict[str, Any]:
    """A model's JSON Schema, post-processed for editors."""
    from . import titles as schema_text

    raw = model.model_json_schema()
    checks = _checks()
    defs = raw.pop("$defs", {})
    for name, sub in [*defs.items(), (model.__name__, raw)]:
        title, desc = schema_text.MODELS.get(name, ("", ""))
        sub.pop("title", None)
        sub.pop("description", None)
        if title:
            sub["title"], sub["description"] = title, desc
        for field, prop in sub.get("properties", {}).items():
            key = f"{name}.{field}"
            title, desc = schema_text.OVERRIDES.get(key) or schema_text.FIELDS.get(field, (field, ""))
            prop["title"] = title
            if desc:
                prop["description"] = desc
            if key in checks:
                _first(prop).update(checks[key])
            item = checks.get(key + "[]")
            if item:
                _first(prop)["items"].update(item)
    if defs:
        raw["$defs"] = defs
    return _walk(raw)


def _first(prop: dict[str, Any]) -> dict[str, Any]:
    """The non-null branch of an optional field."""
    return next((b for b in prop.get("anyOf", []) if b.get("type") != "null"), prop)


def _walk(node: Any) -> Any:
    """Dates and times as text, numbers where the models take them as text, optional fields flattened."""
    if isinstance(node, list):
        return [_walk(x) for x in node]
    if not isinstance(node, dict):
        return node
    node = {k: _walk(v) for k, v in node.items() if not (k == "default" and v is None)}
    fmt = node.get("format")
    if fmt in _FORMATS:
        node.pop("format")
        node["pattern"], node["description"] = _FORMATS[fmt][0], node.get("description", _FORMATS[fmt][1])
    elif node.get("type") == "string" and "enum" not in node and "const" not in node:
        # model.Strict coerces numbers to text: `grade: 3` and `id: 12356` load; a pattern still applies
        pattern = node.get("pattern")
        if pattern is None:
            node["type"] = ["string", "number"]
        elif pattern.startswith("^[a-z0-9]"):
            node["type"], node["minimum"] = ["string", "integer"], 0
    branches = node.get("anyOf")
    if isinstance(branches, list) and len(branches) == 2 and {"type": "null"} in branches:
        other = next(b for b in branches if b != {"type": "null"})
        if "type" in other and "$ref" not in other:
            node.pop("anyOf")
            merged = {**other, **node}
            types = other.get("type", [])
            merged["type"] = [*([types] if isinstance(types, str) else types), "null"]
            if "const" in merged:
                merged["enum"] = [merged.pop("const")]
            if "enum" in merged:
                merged["enum"] = [*merged["enum"], None]
            return merged
    return node


def shape_schema(shape: Shape) -> dict[str, Any]:
    """The complete schema document of one shape."""
    body = shape.build()
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": shape.title, "description": shape.description, **body}


def dumps(data: Any, indent: int = 2) -> str:
    """Deterministic JSON text (sorted keys, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True) + "\n"


def render(docs_rel: str, out_rel: str = OUT_DIR) -> tuple[dict[str, str], dict[str, list[str]]]:
    """({file name: schema text}, yaml.schemas mapping) for a project whose docs dir is `docs_rel`."""
    files: dict[str, str] = {}
    mapping: dict[str, list[str]] = {}
    for shape in SHAPES:
        name = f"{shape.name}.schema.json"
        files[name] = dumps(shape_schema(shape))
        if shape.globs:
            mapping[f"./{out_rel}/{name}"] = [f"{docs_rel}/{g}" for g in shape.globs]
    return files, mapping


class SettingsError(ValueError):
    """An existing VS Code settings file that cannot be merged safely."""


def _read_json(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text("utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise SettingsError(f"{path} 不是有效的 JSON（{exc}）") from None
    if not isinstance(data, dict):
        raise SettingsError(f"{path} 的内容应是一个 {{…}} 对象")
    return data


SLUGIFY_TAG = "tag:yaml.org,2002:python/name:xinyu.mdtext.slugify"


def merge_settings(current: dict[str, Any], mapping: dict[str, list[str]], out_rel: str) -> dict[str, Any]:
    """`current` settings with our ``yaml.schemas`` entries replaced; every other key is kept."""
    merged = dict(current)
    old = merged.get("yaml.schemas")
    if old is not None and not isinstance(old, dict):
        raise SettingsError("其中的 \"yaml.schemas\" 不是 {…} 对象")
    keep = {k: v for k, v in (old or {}).items() if not k.startswith(f"./{out_rel}/")}
    merged["yaml.schemas"] = dict(sorted({**keep, **mapping}.items()))
    # mkdocs.yml names the pinyin slugify with a Python tag; without this the extension flags it.
    tags = merged.get("yaml.customTags", [])
    if not isinstance(tags, list):
        raise SettingsError("其中的 \"yaml.customTags\" 不是列表")
    merged["yaml.customTags"] = tags if SLUGIFY_TAG in tags else [*tags, SLUGIFY_TAG]
    return merged


def merge_extensions(current: dict[str, Any]) -> dict[str, Any]:
    """``.vscode/extensions.json`` recommending the YAML extension, other keys kept."""
    merged = dict(current)
    recs = merged.get("recommendations", [])
    if not isinstance(recs, list):
        raise SettingsError("其中的 \"recommendations\" 不是列表")
    merged["recommendations"] = recs if EXTENSION in recs else [*recs, EXTENSION]
    return merged


def schema_for(name: str) -> dict[str, Any]:
    """The schema of the shape called `name` (e.g. ``service-file``)."""
    for shape in SHAPES:
        if shape.name == name:
            return shape_schema(shape)
    raise KeyError(name)

