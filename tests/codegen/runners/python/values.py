"""Values and their declared types (a TypeKind of the IR, as JSON: `{"type": "int", "bits": 64}`).

- `argument`: a calls.json value as the Python value the generated function takes for it
  (tests/codegen/README.md gives the JSON encodings).
- `problem`: what is wrong with a value read back, given its IR type and nullability (None
  when it is of the promised Python type).

The generated annotation of a value names its enum class (`models.UserRole | None`): `enum_in`
finds it, so enums are built and checked with the class the code really uses.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime
import decimal
import enum
import re
import uuid
from types import ModuleType
from typing import Any

TypeKind = dict[str, Any]


def enum_in(annotation: object, models: ModuleType) -> type[enum.Enum] | None:
    """The enum class of `models` that an annotation (a string: the generated modules use
    `from __future__ import annotations`) names, if any."""
    for name in re.findall(r"[A-Za-z_]\w*", str(annotation)):
        cls = getattr(models, name, None)
        if isinstance(cls, type) and issubclass(cls, enum.Enum):
            return cls
    return None


def argument(value: Any, ty: TypeKind, enum_cls: type[enum.Enum] | None) -> Any:
    """The Python value of a JSON argument of type `ty` (a list for a slice is converted per
    element by the caller)."""
    if value is None:
        return None
    kind = ty["type"]
    if kind == "array":
        return [argument(e, ty["element"], enum_cls) for e in value]
    if kind == "bool":
        return bool(value)
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    if kind == "decimal":
        return decimal.Decimal(str(value))
    if kind == "bytes":
        return base64.b64decode(value["$bytes"])
    if kind == "date":
        return datetime.date.fromisoformat(value)
    if kind == "time":
        return datetime.time.fromisoformat(value)
    if kind == "timestamp":
        ts = datetime.datetime.fromisoformat(value)
        if ty.get("tz") and ts.tzinfo is None:
            ts = ts.replace(tzinfo=datetime.timezone.utc)
        return ts
    if kind == "interval":
        return interval(value)
    if kind == "uuid":
        return uuid.UUID(value)
    if kind == "enum" and enum_cls is not None:
        return enum_cls(value)
    # json: the value itself (the generated code serialises it); strings, sets, enums as
    # Literal aliases, other: as they are.
    return value


def interval(value: Any) -> datetime.timedelta:
    """A number of seconds, or an ISO 8601 duration of days and time (`P1DT2H30M`)."""
    if isinstance(value, (int, float)):
        return datetime.timedelta(seconds=value)
    m = re.fullmatch(r"P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?", value)
    if m is None:
        raise ValueError(f"interval {value!r}: expected seconds or PnDTnHnMnS")
    d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return datetime.timedelta(days=d, hours=h, minutes=mi, seconds=s)


def type_name(ty: TypeKind) -> str:
    """`int64`, `timestamp with tz`, `array of text`: for messages."""
    kind = ty["type"]
    if kind == "array":
        return f"array of {type_name(ty['element'])}"
    if kind == "int":
        return f"{'u' if ty.get('unsigned') else ''}int{ty.get('bits', 64)}"
    if kind in ("timestamp", "time"):
        return f"{kind}{' with tz' if ty.get('tz') else ''}"
    if kind == "enum":
        return f"enum {ty.get('name')}"
    return kind


def show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def problem(value: Any, ty: TypeKind, nullable: bool,
            enum_cls: type[enum.Enum] | None) -> str | None:
    """What is wrong with `value` as a value of `ty`, or None."""
    if value is None:
        return None if nullable else f"NULL, but the {type_name(ty)} is declared NOT NULL"
    expected = f"a {type_name(ty)}"
    wrong = f"{type(value).__name__} {show(value)} where {expected} was promised"
    kind = ty["type"]
    if kind == "bool":
        return None if type(value) is bool else wrong
    if kind == "int":
        if type(value) is not int:
            return wrong
        bits = ty.get("bits", 64)
        lo, hi = (0, 2**bits - 1) if ty.get("unsigned") else (-(2 ** (bits - 1)), 2 ** (bits - 1) - 1)
        return None if lo <= value <= hi else f"{value} is out of the range of {expected}"
    if kind == "float":
        return None if type(value) is float else wrong
    if kind == "decimal":
        return None if isinstance(value, decimal.Decimal) else wrong
    if kind in ("string", "set", "other"):
        return None if isinstance(value, str) else wrong
    if kind == "bytes":
        return None if type(value) is bytes else wrong
    if kind == "date":
        # A datetime is a date too, but not what the annotation promises.
        return None if type(value) is datetime.date else wrong
    if kind in ("time", "timestamp"):
        cls = datetime.time if kind == "time" else datetime.datetime
        if type(value) is not cls:
            return wrong
        if bool(ty.get("tz")) != (value.tzinfo is not None):
            return f"{show(value)}: {expected} must {'' if ty.get('tz') else 'not '}have a tzinfo"
        return None
    if kind == "interval":
        return None if type(value) is datetime.timedelta else wrong
    if kind == "uuid":
        return None if isinstance(value, uuid.UUID) else wrong
    if kind == "json":
        return None if is_json(value) else wrong
    if kind == "enum":
        if enum_cls is not None and not isinstance(value, enum_cls):
            return f"{wrong} ({enum_cls.__name__})"
        raw = value.value if isinstance(value, enum.Enum) else value
        values = ty.get("values") or []
        if not isinstance(raw, str) or (values and raw not in values):
            return f"{show(value)} is not one of {expected}: {values}"
        return None
    if kind == "array":
        if type(value) is not list:
            return wrong
        for i, e in enumerate(value):
            p = problem(e, ty["element"], False, enum_cls)
            if p is not None:
                return f"element {i}: {p}"
        return None
    return f"unknown IR type {kind}"


def is_json(value: Any) -> bool:
    """Whether `value` is what json.loads gives (the `JsonValue` alias); None is JSON null."""
    if value is None or type(value) in (bool, int, float, str):
        return True
    if type(value) is list:
        return all(is_json(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and is_json(v) for k, v in value.items())
    return False


def row_problems(row: Any, columns: list[dict[str, Any]], models: ModuleType) -> list[str]:
    """Every wrong value of one result row (a generated dataclass), read by position."""
    if not dataclasses.is_dataclass(row) or isinstance(row, type):
        return [f"{type(row).__name__} {show(row)} is not a row dataclass"]
    fields = dataclasses.fields(row)
    if len(fields) != len(columns):
        return [f"{type(row).__name__} has {len(fields)} fields, the IR {len(columns)} columns"]
    out = []
    for f, c in zip(fields, columns):
        p = problem(getattr(row, f.name), c["type"], c["nullable"], enum_in(f.type, models))
        if p is not None:
            out.append(f"column {c['name']}: {p}")
    return out
