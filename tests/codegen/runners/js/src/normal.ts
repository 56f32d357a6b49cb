// Values in a form every variant of a corpus shares, to compare what the variants read: the
// same calls on the same seeded data must give the same values whatever the options
// (64-bit integers as strings or bigints, TypeScript or JavaScript) and the time zone.

import type { TypeKind } from "./ir.js";
import type { Variant } from "./settings.js";

/** Timestamps this close to the run were written by the calls (`DEFAULT CURRENT_TIMESTAMP`):
 * they differ between variants run seconds apart. */
const RECENT_MS = 24 * 3600 * 1000;

/** `value` (already checked against `ty`) as text equal across variants. */
export function normal(value: unknown, ty: TypeKind, v: Variant): string {
  if (value === null || value === undefined) {
    return "NULL";
  }
  switch (ty.type) {
    case "int":
      return String(value);
    case "float":
      // Not compared: MySQL's full-text relevance differs between two databases of the
      // same rows, and a float of the wrong type is already a failure.
      return "<float>";
    case "date":
      return value instanceof Date ? wall(value, false).slice(0, 10) : String(value);
    case "timestamp":
      if (!(value instanceof Date)) {
        return String(value);
      }
      if (Math.abs(value.getTime() - Date.now()) < RECENT_MS) {
        return "<recent>";
      }
      // A naive timestamp is a wall time: local in pg's and mysql2's `Date`s, UTC in the
      // better-sqlite3 code's.
      return ty.tz === true ? value.toISOString() : wall(value, v.provider === "sqlite");
    case "bytes":
      return Buffer.isBuffer(value) ? `\\x${value.toString("hex")}` : String(value);
    case "array":
      return Array.isArray(value) ? `[${value.map((x: unknown) => normal(x, ty.element, v)).join(",")}]` : String(value);
    case "json":
      // Keys sorted: MariaDB's JSON_OBJECTAGG gives them in any order.
      return JSON.stringify(sortKeys(value)) ?? String(value);
    default:
      return JSON.stringify(value) ?? String(value);
  }
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.map(sortKeys);
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, x]) => [k, sortKeys(x)]));
  }
  return value;
}

/** `2024-03-05 13:04:05.123` in local time (or UTC). */
function wall(d: Date, utc: boolean): string {
  const parts = utc
    ? [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()]
    : [d.getFullYear(), d.getMonth() + 1, d.getDate(), d.getHours(), d.getMinutes(), d.getSeconds(), d.getMilliseconds()];
  const [y, mo, da, h, mi, s, ms] = parts.map((n, i) => String(n).padStart(i === 0 ? 4 : i === 6 ? 3 : 2, "0"));
  return `${y}-${mo}-${da} ${h}:${mi}:${s}.${ms}`;
}
