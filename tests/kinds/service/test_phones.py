"""Phone numbers: the short-number allow-list, landlines with area code, mobiles, display and tel:."""

from __future__ import annotations

import re

import pytest

from xinyu.kinds.service.phones import PhoneError, parse_phone, short_numbers


def dialled(tel: str) -> str:
    """The digits a `tel:` link dials, written as a caller in China dials them."""
    digits = re.sub(r"[^\d+]", "", tel.removeprefix("tel:"))
    if digits.startswith("+86"):
        rest = digits[3:]
        return rest if rest.startswith("1") and len(rest) == 11 else "0" + rest
    return digits


@pytest.mark.parametrize(("raw", "area", "display", "tel"), [
    ("12356", "0574", "12356", "tel:12356"),
    ("110", "0574", "110", "tel:110"),
    ("0574-87654321", "0574", "0574-8765 4321", "tel:+86-574-8765-4321"),
    ("0574 8765 4321", "0574", "0574-8765 4321", "tel:+86-574-8765-4321"),
    ("+86 574 8765 4321", "0574", "0574-8765 4321", "tel:+86-574-8765-4321"),
    ("0571-8765 4321", None, "0571-8765 4321", "tel:+86-571-8765-4321"),
    ("010-6512 3456", None, "010-6512 3456", "tel:+86-10-6512-3456"),
    ("138 0013 8000", "0574", "138 0013 8000", "tel:+86-138-0013-8000"),
    ("０５７４－８７６５　４３２１", "0574", "0574-8765 4321", "tel:+86-574-8765-4321"),  # full-width input
])
def test_display_form_and_tel_link(raw: str, area: str | None, display: str, tel: str) -> None:
    phone = parse_phone(raw, area_code=area)
    assert (phone.display, phone.tel) == (display, tel)
    assert dialled(phone.tel) == re.sub(r"\D", "", phone.display)


@pytest.mark.parametrize(("raw", "message"), [
    ("0574-876 5432", "无效"),  # a 7-digit local number
    ("8765 4321", "缺少区号"),  # no area code
    ("876 5432", "缺少区号"),
    ("12365", "白名单"),  # phonenumbers would accept any 123xx
    ("12399", "白名单"),
    ("0571-8765 4321", "不是本市的 0574"),  # another city's landline without saying where it is
    ("0574-8765 432x", "字符"),
    ("٠٥٧٤٨٧٦٥٤٣٢١", "字符"),  # digits, but not ones a caller in China dials
])
def test_bad_numbers_are_refused(raw: str, message: str) -> None:
    with pytest.raises(PhoneError, match=message):
        parse_phone(raw)


def test_allow_list_is_the_authority_on_short_numbers() -> None:
    names = short_numbers()
    assert {"12356", "12355", "110", "120", "119", "12345", "12320"} <= set(names)
    assert "12365" not in names

