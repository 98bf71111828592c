"""Editor autocompletion: the JSON Schemas `xinyu schema` writes accept every demo file, reject what
`xinyu check` rejects, stay in step with the models, and merge safely into VS Code's settings."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, Draft202012Validator

from conftest import ROOT, copy_demo, tree
from xinyu.diagnostics import Diagnostics
from xinyu.editor.schema import schema_for, shapes
from xinyu.kinds.guide.source import parse_guide
from xinyu.text.frontmatter import load_markdown
from xinyu.text.yamlio import load_yaml

CONTENT = ROOT / "content"
SHAPES = shapes()  # those of every kind's EditorSpec, and the search synonyms
CJK = re.compile(r"[\u4e00-\u9fff]")


def as_editor_sees(value: Any) -> Any:
    """The loaded YAML as a YAML 1.2 language server sees it: dates and times are text."""
    if isinstance(value, dict):
        return {str(k): as_editor_sees(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_editor_sees(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return value


def problems(shape: str, data: Any) -> list[str]:
    """Every schema error for `data` (draft 2020-12), as `path: message`."""
    validator = Draft202012Validator(schema_for(shape))
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(as_editor_sees(data))]


def demo_documents() -> list[tuple[str, str, Any]]:
    """(shape, file, data) for every YAML document of the demo an editor writes."""
    diags = Diagnostics()
    docs: list[tuple[str, str, Any]] = []
    for shape in SHAPES:
        for pattern in shape.globs:
            for path in sorted(CONTENT.glob(pattern)):
                doc = load_yaml(path, str(path), diags)
                assert doc is not None, path
                docs.append((shape.name, path.name, doc.data))
    for shape, folder in (("lesson-front-matter", "lessons"), ("story-front-matter", "stories")):
        for path in sorted((CONTENT / folder).glob("*.md")):
            if path.name != "index.md":
                md = load_markdown(path, str(path), diags)
                assert md is not None, path
                docs.append((shape, path.name, md.meta.data))
    for path in sorted((ROOT / "guides").glob("*.md")):
        if path.stem.lower() == "readme":
            continue
        md = load_markdown(path, str(path), diags)
        assert md is not None
        guide = parse_guide(path.stem, md, diags)
        assert guide is not None, path
        docs.append(("guide-header", path.name, md.meta.data))
        docs += [("guide-question", f"{path.name}#{q.id}", q.doc.data) for q in guide.questions]
    assert not diags.errors, [d.format() for d in diags.errors]
    return docs


def test_every_demo_file_validates_against_its_schema() -> None:
    docs = demo_documents()
    kinds = {shape for shape, _, _ in docs}
    assert kinds == {s.name for s in SHAPES}, "every schema is exercised by at least one demo file"
    assert len([d for d in docs if d[0] == "guide-question"]) >= 30
    for shape, name, data in docs:
        assert problems(shape, data) == [], (shape, name)
        # only keywords draft-07 also knows: older YAML language servers give the same verdict
        assert not list(Draft7Validator(schema_for(shape)).iter_errors(as_editor_sees(data))), (shape, name)


def test_schemas_are_valid_and_speak_chinese() -> None:
    for shape in SHAPES:
        schema = schema_for(shape.name)
        Draft202012Validator.check_schema(schema)
        Draft7Validator.check_schema(schema)
        assert CJK.search(schema["title"])
        for where in [schema, *schema.get("$defs", {}).values()]:
            for field, prop in where.get("properties", {}).items():
                assert CJK.search(prop.get("title", "")), f"{shape.name}: {field} has no Chinese title"
            if where.get("properties"):
                assert where.get("additionalProperties") is False, shape.name


def test_closed_sets_ids_and_times_in_the_schema() -> None:
    lesson = schema_for("lesson-front-matter")["properties"]
    assert lesson["stage"]["enum"] == ["小学低段", "小学中段", "小学高段", "初中", "高中"]
    assert "升学择业" in lesson["area"]["enum"]
    assert re.search(lesson["id"]["pattern"], "qingxu-tiaoshi")
    assert not re.search(lesson["id"]["pattern"], "Qingxu_tiaoshi")
    assert re.search(lesson["related_lessons"]["items"]["pattern"], "lesson:hezuo-hua")
    assert not re.search(lesson["related_lessons"]["items"]["pattern"], "guide:shicao-30wen")
    rule = schema_for("service-file")["$defs"]["WeeklyRule"]["properties"]
    assert rule["opens"]["type"] == "string" and re.search(rule["opens"]["pattern"], "17:00")
    # A time typed without quotes is text in YAML 1.2 and must pass; a date-time written as editors do too.
    assert problems("service-file", {"services": [{"id": "x", "name": "某热线", "type": "心理援助", "channels": [
        {"number": "12356", "hours": {"weekly": [{"days": "一至五", "opens": "08:30", "closes": "17:00"}]}}]}]}) == []
    assert problems("event-file", {"events": [{"id": "a", "series": "s", "start": "2026-10-17 09:30", "end": "11:00"}]}) == []


BAD_SERVICE = """\
services:
  - id: bad-line
    nmae: 拼错字段名的热线
    type: 心理援助
    example: true
    channels:
      - number: "0574-6300 0999"
        hours: {always: 是}
"""


def _bad_lesson() -> str:
    text = (CONTENT / "lessons" / "qingxu-xiao-guaishou.md").read_text("utf-8")
    assert "stage: 小学中段\n" in text and "duration: 40\n" in text
    return text.replace("stage: 小学中段\n", "stage: 大学\n").replace("duration: 40\n", "duration: 四十分钟\n")


def test_misspelt_field_wrong_enum_and_wrong_type_rejected_by_schema_and_check(
    make_project: Callable[..., Path], xinyu: Callable[..., Any]
) -> None:
    diags = Diagnostics()
    root = make_project({"content/services/bad.yml": BAD_SERVICE, "content/lessons/qingxu-xiao-guaishou.md": _bad_lesson()})
    service = load_yaml(root / "content/services/bad.yml", "bad.yml", diags)
    lesson = load_markdown(root / "content/lessons/qingxu-xiao-guaishou.md", "lesson.md", diags)
    assert service is not None and lesson is not None
    found = "\n".join(problems("service-file", service.data))
    assert "'nmae' was unexpected" in found  # misspelt field
    assert "'是' is not of type 'boolean'" in found  # wrong type
    found = "\n".join(problems("lesson-front-matter", lesson.meta.data))
    assert "'大学' is not one of" in found  # wrong enum value
    assert "'四十分钟' is not of type 'integer'" in found  # wrong type
    proc = xinyu("check", cwd=root)
    assert proc.returncode == 1
    out = proc.stdout
    assert re.search(r"content/services/bad.yml:3:\d+: 错误 schema.extra-forbidden 未知字段“nmae”", out), out
    assert re.search(r"content/services/bad.yml:8:\d+: 错误 schema.bool-parsing", out), out
    assert re.search(r"content/lessons/qingxu-xiao-guaishou.md:5:\d+: 错误 schema.literal-error", out), out
    assert re.search(r"content/lessons/qingxu-xiao-guaishou.md:9:\d+: 错误 schema.int-parsing", out), out
    # and the fixed versions pass the schema
    assert problems("lesson-front-matter", {**lesson.meta.data, "stage": "小学中段", "duration": 40}) == []


def test_committed_schemas_and_settings_match_what_xinyu_schema_generates_now(
    tmp_path: Path, xinyu: Callable[..., Any]
) -> None:
    root = copy_demo(tmp_path / "copy")
    proc = xinyu("schema", cwd=root)
    assert proc.returncode == 0, proc.stderr
    assert "已写入：schemas/service-file.schema.json" in proc.stdout
    assert tree(root / "schemas") == tree(ROOT / "schemas"), "run `xinyu schema` and commit schemas/"
    for name in ("settings.json", "extensions.json"):
        assert (root / ".vscode" / name).read_bytes() == (ROOT / ".vscode" / name).read_bytes(), name
    again = xinyu("schema", cwd=root)
    assert again.returncode == 0 and "已写入" not in again.stdout and "0 个文件有变化" in again.stderr
    assert xinyu("schema", "--check", cwd=root).returncode == 0


def test_existing_settings_keep_their_other_keys(make_project: Callable[..., Path], xinyu: Callable[..., Any]) -> None:
    settings = {
        "editor.tabSize": 2,
        "yaml.schemas": {"https://example.org/mkdocs.json": ["mkdocs.yml"], "./schemas/retired.schema.json": ["x.yml"]},
        "files.eol": "\n",
        "yaml.customTags": ["!ENV scalar"],
    }
    root = make_project({".vscode/settings.json": json.dumps(settings)})
    assert xinyu("schema", "--check", cwd=root).returncode == 1
    proc = xinyu("schema", cwd=root)
    assert proc.returncode == 0, proc.stderr
    merged = json.loads((root / ".vscode/settings.json").read_text("utf-8"))
    assert merged["editor.tabSize"] == 2 and merged["files.eol"] == "\n"
    mapping = merged["yaml.schemas"]
    assert mapping["https://example.org/mkdocs.json"] == ["mkdocs.yml"]
    assert "./schemas/retired.schema.json" not in mapping
    assert mapping["./schemas/service-file.schema.json"] == ["content/services/*.yml", "content/services/*.yaml"]
    assert (root / "schemas" / "lesson-front-matter.schema.json").is_file()
    # mkdocs.yml's !!python/name tag is made known to the YAML extension, next to the editor's own tags
    assert merged["yaml.customTags"] == ["!ENV scalar", "tag:yaml.org,2002:python/name:xinyu.mdtext.slugify"]


@pytest.mark.parametrize("text", ['{\n  // 注释\n  "editor.tabSize": 2\n}\n', '{"a": 1,}', "[1, 2]"])
def test_invalid_settings_are_refused_and_left_alone(
    text: str, make_project: Callable[..., Path], xinyu: Callable[..., Any]
) -> None:
    root = make_project({".vscode/settings.json": text})
    before = (root / ".vscode/settings.json").read_bytes()
    proc = xinyu("schema", cwd=root)
    assert proc.returncode == 2
    assert "没有写入任何文件" in proc.stderr and "settings.json" in proc.stderr
    assert (root / ".vscode/settings.json").read_bytes() == before
    assert not (root / "schemas").exists() and not (root / ".vscode/extensions.json").exists()


def _service(**change: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {"id": "xinli", "name": "某热线", "type": "心理援助", "channels": [
        {"number": "12356", "hours": {"weekly": [{"days": "一至五", "opens": "08:30", "closes": "17:00"}]}}]}
    entry.update(change)
    return entry


def _rule(opens: str, closes: str) -> dict[str, Any]:
    return _service(channels=[{"number": "12356", "hours": {"weekly": [{"days": "一至五", "opens": opens,
                                                                          "closes": closes}]}}])


def accepts(model: Any, entry: dict[str, Any]) -> bool:
    """Whether the pydantic `model` validates `entry`."""
    from pydantic import ValidationError

    try:
        model.model_validate(entry)
    except ValidationError:
        return False
    return True


@pytest.mark.parametrize(("entry", "ok"), [
    (_service(), True),
    (_service(id=12356), True),  # unquoted digits: the model reads them as text
    (_service(summary=2026), True),
    (_rule("00:00", "24:00"), True),
    (_rule("8:30", "17:00"), False),
    (_service(id="Xinli_Line"), False),
    (_service(level="省"), False),
    (_service(crisis=0), False),
    (_service(url="http://example.org"), False),
    (_service(channels=[]), False),
    (_service(ages={"min": "六岁"}), False),
    (_service(verification={"verified_on": "2026-02-30x", "verified_by": "甲", "method": "拨打", "source": "乙"}), False),
])
def test_schema_and_model_agree_on_service_entries(entry: dict[str, Any], ok: bool) -> None:
    from xinyu.kinds.service.model import Service

    assert accepts(Service, entry) is ok
    assert (problems("service-file", {"services": [entry]}) == []) is ok


@pytest.mark.parametrize(("change", "ok"), [
    ({"start": "2026-10-17 09:30", "end": "11:00"}, True),
    ({"start": "2026-10-17", "end": "2026-10-17 11:00:00"}, True),
    ({"start": "2026-10-17 9:30"}, False),
    ({"end": "11点"}, False),
    ({"status": "取消"}, False),
    ({"capacity": 0}, False),
    ({"speakers": ["Li Laoshi"]}, False),
    ({"registration": {"deadline": "2026-10-10", "how": "扫码"}}, True),
    ({"registration": {"dealine": "2026-10-10"}}, False),
])
def test_schema_and_model_agree_on_events(change: dict[str, Any], ok: bool) -> None:
    from xinyu.kinds.event.model import EventIn

    entry = {"id": "shalong-x", "series": "gongchengzhang", **change}
    assert accepts(EventIn, entry) is ok
    assert (problems("event-file", {"events": [entry]}) == []) is ok
