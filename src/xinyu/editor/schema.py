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
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import create_model

from ..model import Strict
from . import titles as schema_text

if TYPE_CHECKING:
    from ..kinds.base import Kind
    from ..kinds.editorspec import EditorSpec, Shape

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


def _specs(kinds: Sequence[Kind] | None) -> list[EditorSpec]:
    from ..kinds import KINDS  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not
    from ..kinds.editorspec import specs_of  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not

    return specs_of(KINDS if kinds is None else kinds)


def _checks(specs: Sequence[EditorSpec]) -> dict[str, dict[str, Any]]:
    """What the validators and reference checks enforce beyond the field types (``Model.field``)."""
    schemes = tuple(dict.fromkeys(s.scheme for s in specs))
    return {key: kw for spec in specs for key, kw in spec.check_keywords(schemes).items()}


def _file_model(name: str, file_model: Any, entries: dict[str, Any], only: set[str] | None = None) -> Any:
    """`file_model` with its ``list[dict]`` fields typed as lists of the entry models the loader applies."""
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


def _synonyms() -> dict[str, Any]:
    # search/vocab.py load_vocab: a list of groups, each a list of at least two words
    return {"type": "array", "items": {"title": "一组同义词", "description": "例如 [焦虑, 紧张]",
                                       "type": "array", "minItems": 2, "items": {"type": "string"}}}


def shapes(kinds: Sequence[Kind] | None = None) -> list[Shape]:
    """Every schema shape: those of the kinds' specs (`kinds`, default `KINDS`), then the search synonyms."""
    from ..kinds.editorspec import Shape  # lazy: startup, xinyu.kinds loads every kind; `xinyu --help` must not

    return [*(shape for spec in _specs(kinds) for shape in spec.shapes),
            Shape("vocab-synonyms", "搜索同义词", "content/vocab/synonyms.yml：每项一组同义词",
                  ("vocab/synonyms.yml",), raw=_synonyms)]


def _build(shape: Shape, checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The schema body of `shape`: its hand-written schema, or its model shaped like the file the loader reads."""
    if shape.raw is not None:
        return shape.raw()
    assert shape.model is not None, shape.name
    model: Any = shape.model
    if shape.entries:
        model = _file_model(shape.file_name or model.__name__, model, dict(shape.entries),
                            {shape.only} if shape.only else None)
    return _model(model, checks)


def _model(model: Any, checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A model's JSON Schema, post-processed for editors."""
    raw = model.model_json_schema()
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


def shape_schema(shape: Shape, checks: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The complete schema document of one shape (`checks`: what `_checks` gives for the kinds)."""
    body = _build(shape, checks)
    body.pop("title", None)
    body.pop("description", None)
    return {"$schema": DRAFT, "title": shape.title, "description": shape.description, **body}


def dumps(data: Any, indent: int = 2) -> str:
    """Deterministic JSON text (sorted keys, trailing newline)."""
    return json.dumps(data, ensure_ascii=False, indent=indent, sort_keys=True) + "\n"


def render(docs_rel: str, out_rel: str = OUT_DIR,
           kinds: Sequence[Kind] | None = None) -> tuple[dict[str, str], dict[str, list[str]]]:
    """({file name: schema text}, yaml.schemas mapping) for a project whose docs dir is `docs_rel`."""
    files: dict[str, str] = {}
    mapping: dict[str, list[str]] = {}
    checks = _checks(_specs(kinds))
    for shape in shapes(kinds):
        name = f"{shape.name}.schema.json"
        files[name] = dumps(shape_schema(shape, checks))
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


def schema_for(name: str, kinds: Sequence[Kind] | None = None) -> dict[str, Any]:
    """The schema of the shape called `name` (e.g. ``service-file``)."""
    for shape in shapes(kinds):
        if shape.name == name:
            return shape_schema(shape, _checks(_specs(kinds)))
    raise KeyError(name)

