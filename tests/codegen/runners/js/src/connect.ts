// A connection per driver, set up as the calls expect.

import Database from "better-sqlite3";
import mysql from "mysql2/promise";
import pg from "pg";
import type { Variant } from "./settings.js";

/** What the generated functions take as `db`, and how to close it. */
export interface Connection {
  db: unknown;
  close(): Promise<void>;
}

export async function connect(v: Variant): Promise<Connection> {
  switch (v.provider) {
    case "postgresql": {
      // A pool, as most applications pass.
      const pool = new pg.Pool({ connectionString: v.url, max: 2 });
      return { db: pool, close: () => pool.end() };
    }
    case "mysql": {
      const conn = await mysql.createConnection(v.url);
      // The session in the process's time zone (UTC: variants.py), so that mysql2, which
      // sends and reads a `Date` as local time, and TIMESTAMP agree.
      await conn.query("SET time_zone = ?", [utcOffset()]);
      return { db: conn, close: () => conn.end() };
    }
    case "sqlite": {
      const db = new Database(v.url.replace(/^sqlite:(\/\/)?/, ""));
      db.pragma("foreign_keys = ON");
      return {
        db,
        close: async () => {
          db.close();
        },
      };
    }
  }
}

/** The local time zone's offset now, `+05:30`. */
function utcOffset(): string {
  const minutes = -new Date().getTimezoneOffset();
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}
