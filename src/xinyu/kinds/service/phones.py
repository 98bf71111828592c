"""Phone numbers: national short numbers from our allow-list, the rest checked by `phonenumbers`."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from importlib import resources

import phonenumbers
import yaml

DEFAULT_AREA = "0574"
# An extension written into the number: 转801, 分机801, ext. 801, x801.
_EXTENSION = re.compile(r"^(?P<number>.*?\d)\s*[,，;；]?\s*(?:转|分机|ext\.?|x)\s*(?P<ext>\d{1,6})$", re.I)


@dataclass(frozen=True)
class Phone:
    """A checked number: how to show it and how to dial it."""

    raw: str
    kind: str  # short | landline | mobile
    display: str
    tel: str  # the href, e.g. "tel:12356" or "tel:+86-574-8765-4321"

    @property
    def digits(self) -> str:
        """The digits a caller dials inside China (without an extension)."""
        return re.sub(r"\D", "", self.display.split("转")[0])

    def with_ext(self, ext: str | None) -> Phone:
        """The same number with an extension: shown as ``转801``, dialled after a pause (``tel:…,801``)."""
        if not ext:
            return self
        return Phone(self.raw, self.kind, f"{self.display} 转{ext}", f"{self.tel},{ext}")


@functools.cache
def short_numbers() -> dict[str, str]:
    """The allow-list of national short numbers: number → name."""
    text = resources.files("xinyu.data").joinpath("short_numbers.yml").read_text("utf-8")
    return {str(n["number"]): n["name"] for n in yaml.safe_load(text)["numbers"]}


class PhoneError(ValueError):
    """A number that cannot be published, with a Chinese explanation."""


def parse_phone(raw: str, *, area_code: str | None = DEFAULT_AREA) -> Phone:
    """Check `raw` and return its display form and `tel:` link, or raise `PhoneError`.

    Landlines must carry the area code; `area_code` None means "any area code is fine" (an
    entry that says where it is), otherwise the number's area code must equal it.
    """
    text = str(raw).strip()
    # Full-width digits and punctuation typed with a Chinese input method count as the plain ones.
    digits = re.sub(r"[\s\-()–—]", "", unicodedata.normalize("NFKC", text))
    if not re.fullmatch(r"\+?[0-9]+", digits):
        ext = _EXTENSION.match(unicodedata.normalize("NFKC", text))
        if ext:
            raise PhoneError(
                f"号码“{text}”里写了分机号：number 只写总机号码，分机号另写一行 ext，"
                f"例如 number: \"{ext.group('number').strip()}\" 和 ext: \"{ext.group('ext')}\""
                f"（页面显示为“转{ext.group('ext')}”，手机上点击后自动拨分机）"
            )
        raise PhoneError(f"号码“{text}”含有数字、空格和连字符以外的字符：只写数字，区号和号码之间可用连字符或空格，"
                         f"例如 {DEFAULT_AREA}-6300 0101")
    if len(digits) <= 5:
        names = short_numbers()
        if digits not in names:
            raise PhoneError(
                f"“{digits}”不在全国短号码白名单中（src/xinyu/data/short_numbers.yml）；"
                "请核对号码，确属全国统一短号码的，先把它加入白名单并注明来源"
            )
        return Phone(text, "short", digits, f"tel:{digits}")
    if digits.startswith("+86"):
        digits = "0" + digits[3:] if not digits[3:].startswith("1") else digits[3:]
    if re.fullmatch(r"1\d{10}", digits):
        parsed = phonenumbers.parse(digits, "CN")
        if not phonenumbers.is_valid_number(parsed):
            raise PhoneError(f"手机号“{text}”无效")
        display = f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return Phone(text, "mobile", display, f"tel:+86-{digits[:3]}-{digits[3:7]}-{digits[7:]}")
    if re.fullmatch(r"400\d{7}", digits):
        display = f"{digits[:3]}-{digits[3:6]}-{digits[6:]}"
        return Phone(text, "landline", display, f"tel:{digits}")
    if not digits.startswith("0"):
        raise PhoneError(
            f"座机号“{text}”缺少区号：请写成 {DEFAULT_AREA}-xxxx xxxx 的形式"
            if len(digits) in (7, 8)
            else f"号码“{text}”位数不对"
        )
    parsed = phonenumbers.parse(digits, "CN")
    if not phonenumbers.is_valid_number(parsed):
        raise PhoneError(f"座机号“{text}”无效：请核对区号和位数（本地号码为 8 位）")
    national = str(parsed.national_number)
    area_len = 2 if national[:1] in "2" or national[:2] == "10" else 3
    area, local = "0" + national[:area_len], national[area_len:]
    if area_code is not None and area != area_code:
        raise PhoneError(
            f"座机号“{text}”的区号是 {area}，不是本市的 {area_code}；"
            "如果确实是外地号码，请在该号码下写 area: 外地 说明"
        )
    local_display = f"{local[:4]} {local[4:]}" if len(local) == 8 else local
    return Phone(text, "landline", f"{area}-{local_display}", f"tel:+86-{area[1:]}-{local[:4]}-{local[4:]}")
