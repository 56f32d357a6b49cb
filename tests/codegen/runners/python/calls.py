"""Calling the generated functions: each call of calls.json through the function the backend
wrote for its query, with its arguments converted to the declared types, and its result
checked (row count, and every value of every row against the IR column).

Naming convention of the backend: the function of query `GetUserByID` is `get_user_by_id`
(snake_case of its words, `_` appended while the name is a keyword or shadows an import),
re-exported by the package; it takes the connection, then the parameters as keywords in IR
order, or for `:copyfrom` and the batch commands `items`, a list of `<Query>Params`
dataclasses whose fields are the parameters in IR order.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from types import ModuleType
from typing import Any, Callable

from values import argument, enum_in, problem, row_problems, show

ROWS_PER_ITEM = {"copyfrom", "batchexec", "batchmany", "batchone"}


def words(name: str) -> list[str]:
    """flash's `naming::words`: split at non-alphanumerics and case changes."""
    out: list[str] = []
    cur = ""
    for i, c in enumerate(name):
        if not c.isalnum():
            if cur:
                out.append(cur)
                cur = ""
            continue
        if c.isupper() and cur:
            prev = name[i - 1]
            next_lower = i + 1 < len(name) and name[i + 1].islower()
            if prev.islower() or prev.isdigit() or (prev.isupper() and next_lower):
                out.append(cur)
                cur = ""
        cur += c.lower()
    if cur:
        out.append(cur)
    return out


def function_of(package: ModuleType, query: str) -> Callable[..., Any] | None:
    base = "_".join(words(query))
    for name in (base, base + "_", base + "__"):
        f = getattr(package, name, None)
        if inspect.isfunction(f):
            return f
    return None


def params_class(func: Callable[..., Any]) -> type:
    """The `<Query>Params` dataclass of a batch function's `items: Sequence[...]`."""
    ann = str(inspect.signature(func).parameters["items"].annotation)
    m = re.fullmatch(r"Sequence\[(\w+)\]", ann)
    cls = func.__globals__.get(m.group(1)) if m else None
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise TypeError(f"`items: {ann}` does not name a params dataclass")
    return cls


def arguments(values: list[Any], params: list[dict[str, Any]], names: list[str],
              annotations: list[object], models: ModuleType) -> dict[str, Any]:
    """The keyword arguments of one call (or the fields of one Params item)."""
    if len(values) != len(params) or len(names) != len(params):
        raise TypeError(f"{len(values)} arguments for {len(params)} IR parameters "
                        f"and {len(names)} Python parameters")
    out = {}
    for v, p, n, ann in zip(values, params, names, annotations):
        cls = enum_in(ann, models)
        if p.get("slice") and v is not None:
            out[n] = [argument(e, p["type"], cls) for e in v]
        else:
            out[n] = argument(v, p["type"], cls)
    return out


class Caller:
    """Runs calls for one driver's package on one connection."""

    def __init__(self, provider: str, package: ModuleType, queries: dict[str, dict[str, Any]],
                 conn: Any):
        self.provider = provider
        self.package = package
        self.models: ModuleType = package.models
        self.queries = queries
        self.conn = conn

    async def call(self, call: dict[str, Any]) -> list[str]:
        """Runs one call; the problems found (empty when it passed)."""
        q = self.queries.get(call["query"])
        if q is None:
            return ["the IR has no such query"]
        func = function_of(self.package, call["query"])
        if func is None:
            return [f"the package has no function {'_'.join(words(call['query']))}"]
        command = q["query"]["command"]
        params = q["params"]
        args = call.get("args", [])
        if command in ROWS_PER_ITEM:
            cls = params_class(func)
            fields = dataclasses.fields(cls)
            names = [f.name for f in fields]
            anns = [f.type for f in fields]
            items = [cls(**arguments(a, params, names, anns, self.models)) for a in args]
            result = func(self.conn, items=items)
        else:
            sig = list(inspect.signature(func).parameters.values())[1:]
            kwargs = arguments(args, params, [p.name for p in sig],
                               [p.annotation for p in sig], self.models)
            result = func(self.conn, **kwargs)
        if inspect.isawaitable(result):
            result = await result
        return self.check(q, func, command, result, call.get("rows"))

    def check(self, q: dict[str, Any], func: Callable[..., Any], command: str, result: Any,
              rows: int | None) -> list[str]:
        """The problems of one result: its count against `rows`, then its values."""
        columns = q["columns"]
        out: list[str] = []
        count: int | None = None
        if command == "one":
            count = 0 if result is None else 1
            out += self.rows_problems([] if result is None else [result], columns)
        elif command == "many":
            out += self.list_problems(result, columns)
            count = len(result) if isinstance(result, list) else None
        elif command == "batchmany":
            batches = result if isinstance(result, list) else []
            out += [] if isinstance(result, list) else [f"{show(result)} is not a list"]
            for b in batches:
                out += self.list_problems(b, columns)
            count = sum(len(b) for b in batches if isinstance(b, list))
        elif command == "batchone":
            found = [r for r in result if r is not None] if isinstance(result, list) else []
            out += [] if isinstance(result, list) else [f"{show(result)} is not a list"]
            out += self.rows_problems(found, columns)
            count = len(found)
        elif command in ("exec", "batchexec"):
            # The function returns nothing: the affected rows cannot be seen.
            if result is not None:
                out.append(f"returned {show(result)}, expected None")
        elif command in ("execrows", "copyfrom"):
            if type(result) is not int:
                out.append(f"returned {show(result)}, expected the affected rows (int)")
            else:
                count = result
        elif command == "execresult":
            count = affected(result)
            if count is None:
                out.append(f"returned {show(result)}: no row count in it")
        elif command == "execlastid":
            out += self.last_id_problems(func, columns, result)
        if rows is not None and count is not None and count != rows:
            out.insert(0, f"{count} rows, expected {rows}")
        return out

    def list_problems(self, result: Any, columns: list[dict[str, Any]]) -> list[str]:
        if not isinstance(result, list):
            return [f"{show(result)} is not a list"]
        return self.rows_problems(result, columns)

    def rows_problems(self, rows: list[Any], columns: list[dict[str, Any]]) -> list[str]:
        out = []
        for i, r in enumerate(rows):
            out += [f"row {i}: {p}" for p in row_problems(r, columns, self.models)]
        return out

    def last_id_problems(self, func: Callable[..., Any], columns: list[dict[str, Any]],
                         result: Any) -> list[str]:
        """PostgreSQL returns the RETURNING column; MySQL and SQLite the new row's id."""
        if self.provider == "postgresql" and columns:
            c = columns[0]
            cls = enum_in(inspect.signature(func).return_annotation, self.models)
            p = problem(result, c["type"], c["nullable"], cls)
            return [] if p is None else [f"returned id: {p}"]
        if type(result) is not int or result <= 0:
            return [f"returned {show(result)}, expected the new row's id (int > 0)"]
        return []


def affected(result: Any) -> int | None:
    """The row count of an `:execresult` result: a cursor's rowcount, or asyncpg's status."""
    if isinstance(result, str):
        tail = result.rpartition(" ")[2]
        return int(tail) if tail.isdigit() else None
    count = getattr(result, "rowcount", None)
    return count if isinstance(count, int) and count >= 0 else None
