"""Warns when a hand-written SQL string is no longer byte for byte in the generated code.

    python check_sql.py WORK_DIR

The comparison is only fair while both sides send the same statements; when the generator
changes the SQL it writes, copy the new text into the hand-written side (README.md).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

work = Path(sys.argv[1])
# (hand-written source, how its SQL strings are written, generated files they must appear in)
pairs = [
    (work / "go/sql.go", r"const sql\w+ = `([^`]*)`", [work / "go/internal/stddb/blog.sql.go", work / "go/internal/pgxdb/blog.sql.go"]),
    (work / "ts/src/hand.ts", r"const sql\w+ = `([^`]*)`", [work / "ts/src/db/blog.ts"]),
    (work / "python/bench_psycopg.py", r'SQL_\w+ = """(.*?)"""', [work / "python/psycopgdb/blog.py"]),
    (work / "python/bench_asyncpg.py", r'SQL_\w+ = """(.*?)"""', [work / "python/asyncpgdb/blog.py"]),
]
stale = 0
for hand, pattern, generated in pairs:
    strings = re.findall(pattern, hand.read_text(), re.S)
    for gen in generated:
        text = gen.read_text()
        for s in strings:
            if s not in text:
                stale += 1
                first = s.strip().splitlines()[0]
                print(f"warning: {hand.relative_to(work)}: not in {gen.relative_to(work)}: {first}", file=sys.stderr)
if stale:
    print(
        f"warning: {stale} hand-written SQL strings differ from the generated code: the two sides"
        " send different statements; copy the generated text into bench/codegen (README.md)",
        file=sys.stderr,
    )
