"""The value mapping of one import (值对应): every distinct word of every choice column, with
its count and the value it becomes — proposed (see :mod:`studio_desk.importing.words`), then
what the studio chose before, then what the user chooses now.

Overrides are written as ``word=value`` or ``column:word=value`` lines (``--map`` and
``--map-file`` on the command line, the same text the command prints), so a studio can keep a
mapping file beside its old registers.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from studio_desk import settings
from studio_desk.errors import DomainError
from studio_desk.exports.register_columns import BY_KEY
from studio_desk.importing.words import (
    NAME_FIELDS,
    NEW_PREFIX,
    VALUE_FIELDS,
    Proposal,
    label_of,
    options,
    propose,
)
from studio_desk.models import Category, Department
from studio_desk.validation import clean_text

FALLBACK = {"category": "其他"}  # a category is required: a word matching none becomes 其他
NEW_WORDS = ("新建", "new")


def word_of(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(value)


def catalog_names() -> dict[str, list[str]]:
    """The studio's active categories and departments, in their list order."""
    return {
        key: [m.name for m in model.select().where(model.active).order_by(model.sort_order, model.id)]
        for key, model in (("category", Category), ("department", Department))
    }


def propose_all(rows: list[dict[str, Any]], chosen: dict[str, dict[str, str]] | None = None) -> list[Proposal]:
    """A proposal for every distinct word of every choice column in ``rows`` (raw values),
    most frequent first; ``chosen`` (field → word → value) is what the user picked."""
    counts: dict[str, Counter] = {f: Counter() for f in VALUE_FIELDS}
    for values in rows:
        for field in VALUE_FIELDS:
            word = word_of(values.get(field))
            if word:
                counts[field][word] += 1
    names = catalog_names()
    remembered = settings.get("import_values") or {}
    out = []
    for field in VALUE_FIELDS:
        for word, count in counts[field].most_common():
            if chosen and word in chosen.get(field, {}):
                value, how = chosen[field][word], "chosen"
            else:
                value, how = propose(field, word, names, remembered.get(field, {}))
                if not value and field in FALLBACK:
                    value = FALLBACK[field]
            out.append(Proposal(field, word, count, value, how))
    return out


def as_table(proposals: list[Proposal]) -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for p in proposals:
        table.setdefault(p.field, {})[p.word] = p.value
    return table


def describe(p: Proposal) -> str:
    """One line, in the form an override takes: ``投诉渠道:大众点评=网络/在线``."""
    how = {"remembered": "（上次的选择）", "close": "（相近）", "none": "（未识别）", "chosen": "（指定）"}.get(
        p.how, ""
    )
    return f"{BY_KEY[p.field].header}:{p.word}={label_of(p.field, p.value)}  ×{p.count}{how}"


def parse_overrides(lines: list[str], proposals: list[Proposal]) -> dict[str, dict[str, str]]:
    """``[column:]word=value`` lines → field → word → value. The column may be left out when
    the word is in one column only; the value is our label (网络/在线), a category or department
    name, 新建 (create it under the word's own name) or nothing (leave it empty)."""
    by_header = {BY_KEY[f].header: f for f in VALUE_FIELDS} | {f: f for f in VALUE_FIELDS}
    fields_of: dict[str, list[str]] = {}
    for p in proposals:
        fields_of.setdefault(p.word, []).append(p.field)
    names = catalog_names()
    out: dict[str, dict[str, str]] = {}
    for raw in lines:
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if "=" not in line:
            raise DomainError(f"对应“{line[:30]}”应写成 词=值，或 列名:词=值（如 投诉渠道:大众点评=网络/在线）。")
        left, value = (part.strip() for part in line.split("=", 1))
        value = value.split("  ×")[0].strip()  # a line as printed: its count and note follow two spaces
        column, _, word = left.rpartition(":")
        if column:
            if column not in by_header:
                raise DomainError(f"对应“{line[:30]}”中的列“{column}”不是可对应的列。")
            fields = [by_header[column]]
        else:
            fields = fields_of.get(word, [])
            if len(fields) != 1:
                where = "、".join(BY_KEY[f].header for f in fields) or "没有一列"
                raise DomainError(f"对应“{line[:30]}”：词“{word}”出现在{where}中，请写成 列名:词=值。")
        field = fields[0]
        out.setdefault(field, {})[word] = _value(field, word, value, names, line)
    return out


def _value(field: str, word: str, value: str, names: dict[str, list[str]], line: str) -> str:
    if value in ("", "留空", "（留空）"):
        return ""
    if field in NAME_FIELDS and value in NEW_WORDS:
        return NEW_PREFIX + word
    if field in NAME_FIELDS and value.startswith(("新建“", "新建:")):
        return NEW_PREFIX + value[3:].rstrip("”")
    for code, text in options(field, names):
        if value in (code, text):
            return code
    choices = "、".join(text for _code, text in options(field, names))
    raise DomainError(
        f"对应“{line[:30]}”：“{value}”不是{BY_KEY[field].header}的可选值（可选：{choices}"
        + ("；或写 新建" if field in NAME_FIELDS else "")
        + "）。"
    )
