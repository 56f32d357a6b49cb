// Each call through the generated function of its query, and what it returned per command.

import { argsObject } from "./args.js";
import type { Call, Field, Query } from "./ir.js";
import { functionNames } from "./names.js";
import type { Variant } from "./settings.js";

/** What a call gave: the rows to check against the query's columns, the row count (or
 * affected rows) when the command tells it, and single values to check (`:execlastid`). */
export interface Outcome {
  rows: unknown[];
  count: number | null;
  values: { value: unknown; field: Field }[];
}

type QueryFunction = (db: unknown, args?: unknown) => unknown;

/** The generated function of a query (`GetUserByID` -> `getUserById`). */
export function lookup(module: Record<string, unknown>, q: Query): QueryFunction {
  for (const name of functionNames(q.query.name)) {
    const fn = module[name];
    if (typeof fn === "function") {
      return fn as QueryFunction;
    }
  }
  throw new Error(`no function ${functionNames(q.query.name)[0]} in the generated code`);
}

export async function run(
  module: Record<string, unknown>,
  q: Query,
  call: Call,
  db: unknown,
  v: Variant,
): Promise<Outcome> {
  const fn = lookup(module, q);
  const command = q.query.command;
  const many = ["copyfrom", "batchexec", "batchmany", "batchone"].includes(command);
  let pending: unknown;
  if (many) {
    const items = call.args.map((list, i) => {
      if (!Array.isArray(list)) {
        throw new Error(`args[${i}] is not a list of arguments`);
      }
      return argsObject(q.params, list, v);
    });
    pending = fn(db, items);
  } else if (q.params.length === 0) {
    if (call.args.length !== 0) {
      throw new Error(`${call.args.length} arguments for a query without parameters`);
    }
    pending = fn(db);
  } else {
    pending = fn(db, argsObject(q.params, call.args, v));
  }
  // better-sqlite3 is synchronous, and so are its functions; the others return promises.
  const isPromise = pending instanceof Promise;
  if (isPromise !== (v.provider !== "sqlite")) {
    throw new Error(isPromise ? "returned a Promise (better-sqlite3 is synchronous)" : "did not return a Promise");
  }
  const result: unknown = await pending;
  return outcome(q, result, v);
}

function outcome(q: Query, result: unknown, v: Variant): Outcome {
  const none: Outcome = { rows: [], count: null, values: [] };
  switch (q.query.command) {
    case "one":
      return result === null ? { ...none, count: 0 } : { ...none, rows: [result], count: 1 };
    case "many": {
      const rows = array(result, "rows");
      return { ...none, rows, count: rows.length };
    }
    case "exec":
    case "batchexec":
      if (result !== undefined) {
        throw new Error(`returned ${typeof result}, expected nothing`);
      }
      return none;
    case "execrows":
    case "copyfrom":
      return { ...none, count: count(result) };
    case "execresult":
      return { ...none, count: affected(result) };
    case "execlastid": {
      const [first] = q.columns;
      if (v.provider === "postgresql" && first !== undefined) {
        // The RETURNING column, `null` without a row.
        return { ...none, count: result === null ? 0 : 1, values: [{ value: result, field: { ...first, nullable: true } }] };
      }
      const id: Field = { name: "last insert id", type: { type: "int", bits: 64 }, nullable: false };
      if (!(typeof result === "bigint" ? result > 0n : typeof result === "string" && /^[1-9]\d*$/.test(result))) {
        throw new Error(`returned ${String(result)}, expected a positive id`);
      }
      return { ...none, values: [{ value: result, field: id }] };
    }
    case "batchmany": {
      const runs = array(result, "runs").map((r) => array(r, "rows"));
      const rows = runs.flat();
      return { ...none, rows, count: rows.length };
    }
    case "batchone": {
      const rows = array(result, "items").filter((r) => r !== null);
      return { ...none, rows, count: rows.length };
    }
  }
}

function array(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) {
    throw new Error(`expected an array of ${what}, got ${typeof value}`);
  }
  return value;
}

function count(value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value)) {
    throw new Error(`expected a count, got ${String(value)}`);
  }
  return value;
}

/** The affected rows of an `ExecResult`: pg's `rowCount`, mysql2's `affectedRows`,
 * better-sqlite3's `changes`. */
function affected(result: unknown): number {
  if (typeof result !== "object" || result === null) {
    throw new Error(`expected a result object, got ${String(result)}`);
  }
  for (const key of ["rowCount", "affectedRows", "changes"]) {
    if (key in result) {
      return count((result as Record<string, unknown>)[key]);
    }
  }
  throw new Error(`the result has no affected row count: ${Object.keys(result).join(", ")}`);
}
