"""A small app on flash's generated code: sqlite3, typed rows, no ORM."""

from __future__ import annotations

import datetime
import os
import sqlite3
import sys
from decimal import Decimal

from library.db import library


def main() -> int:
    path = os.environ.get("LIBRARY_DB", "library.db")
    conn = sqlite3.connect(path)
    with conn:
        ada = library.create_author(conn, name="Ada Lovelace", bio="Wrote the first program.")
        assert ada is not None
        grace = library.create_author(conn, name="Grace Hopper", bio=None)
        assert grace is not None
        library.create_author(conn, name="Nobody Yet", bio=None)
        library.add_book(
            conn,
            author_id=ada.id,
            title="Notes on the Analytical Engine",
            published=datetime.date(1843, 9, 1),
            price=Decimal("12.50"),
        )
        library.add_book(conn, author_id=grace.id, title="COBOL Manual", published=None, price=Decimal("30"))
        renamed = library.rename_author(conn, name="Rear Admiral Grace Hopper", id=grace.id)
        assert renamed == 1

    for s in library.author_stats(conn):
        cheapest = "-" if s.cheapest is None else f"{s.cheapest:.2f}"
        print(f"{s.name:<28} books={s.books} cheapest={cheapest} bio={s.bio!r}")
    for b in library.books_by_authors(conn, ids=[ada.id, grace.id]):
        print(f"{b.title} by {b.author} ({b.published or 'unpublished'})")
    # An empty list is fine too: no rows, no SQL error.
    assert library.books_by_authors(conn, ids=[]) == []
    return 0


if __name__ == "__main__":
    sys.exit(main())
