// The runner: every call of calls.json, in order, through the generated code of one variant,
// each result checked; one line per failure on stdout, a summary on stderr.
//
//     node main.js --variant variant.json --ir ir.json --calls calls.json [--dump out.jsonl]
//
// --dump writes what each call read, one JSON line per call, in the form normal.ts gives, for
// `run` to compare the variants of a corpus.

import { readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { problem } from "./check.js";
import { connect } from "./connect.js";
import { run } from "./dispatch.js";
import type { Call, Field, GenRequest, Query } from "./ir.js";
import { queriesByName } from "./ir.js";
import { camel } from "./names.js";
import { normal } from "./normal.js";
import type { Variant } from "./settings.js";

/** Failure lines kept per call: one wrong column usually repeats on every row. */
const PER_CALL = 5;

function flags(argv: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < argv.length; i += 2) {
    out.set(argv[i] ?? "", argv[i + 1] ?? "");
  }
  return out;
}

function readJson<T>(path: string | undefined, what: string): T {
  if (path === undefined) {
    throw new Error(`--${what} is required`);
  }
  return JSON.parse(readFileSync(path, "utf8")) as T;
}

/** The problems of one row: an object with one field per column, in column order, each value
 * of its column's type. */
function rowProblems(row: unknown, columns: readonly Field[], v: Variant): string[] {
  if (typeof row !== "object" || row === null || Array.isArray(row)) {
    return [`a row is ${Array.isArray(row) ? "an array" : String(row)}, expected an object`];
  }
  const keys = Object.keys(row);
  const out: string[] = [];
  if (keys.length !== columns.length) {
    out.push(`a row has ${keys.length} fields (${keys.join(", ")}), expected ${columns.length}`);
  }
  columns.forEach((c, i) => {
    const key = camel(c.name);
    if (keys[i] !== key) {
      out.push(`field ${i + 1} is ${keys[i] ?? "missing"}, expected ${key}`);
    }
    const p = problem(field(row, c), c.type, c.nullable, v);
    if (p !== null) {
      out.push(`column ${c.name}: ${p}`);
    }
  });
  return out;
}

/** The value of a column in a row object (`undefined` when it is not one). */
function field(row: unknown, c: Field): unknown {
  return typeof row === "object" && row !== null ? (row as Record<string, unknown>)[camel(c.name)] : undefined;
}

/** What one call gave: its problems, its line of the dump, and how many values were checked. */
interface Checked {
  problems: string[];
  dump: string;
  values: number;
}

async function check(module: Record<string, unknown>, q: Query, call: Call, db: unknown, v: Variant): Promise<Checked> {
  let out;
  try {
    out = await run(module, q, call, db, v);
  } catch (e) {
    const what = `threw ${e instanceof Error ? e.message : String(e)}`;
    return { problems: [what], dump: JSON.stringify({ error: what }), values: 0 };
  }
  const problems: string[] = [];
  let values = 0;
  if (call.rows !== undefined && out.count !== null && out.count !== call.rows) {
    problems.push(`${out.count} rows, expected ${call.rows}`);
  }
  for (const row of out.rows) {
    problems.push(...rowProblems(row, q.columns, v));
    values += q.columns.length;
  }
  for (const { value, field: f } of out.values) {
    const p = problem(value, f.type, f.nullable, v);
    if (p !== null) {
      problems.push(`${f.name}: ${p}`);
    }
    values += 1;
  }
  const dump = JSON.stringify({
    count: out.count,
    rows: out.rows.map((row) => q.columns.map((c) => normal(field(row, c), c.type, v))),
    values: out.values.map(({ value, field: f }) => normal(value, f.type, v)),
  });
  return { problems: [...new Set(problems)], dump, values };
}

async function main(): Promise<number> {
  const f = flags(process.argv.slice(2));
  const v = readJson<Variant>(f.get("--variant"), "variant");
  const req = readJson<GenRequest>(f.get("--ir"), "ir");
  const calls = readJson<Call[]>(f.get("--calls"), "calls");
  const queries = queriesByName(req);
  const module = (await import(pathToFileURL(v.module).href)) as Record<string, unknown>;
  const conn = await connect(v);
  const failures: string[] = [];
  const dump: string[] = [];
  let values = 0;
  try {
    for (const [i, call] of calls.entries()) {
      const q = queries.get(call.query);
      const c: Checked =
        q === undefined
          ? { problems: ["no such query in ir.json"], dump: JSON.stringify({ error: "no such query" }), values: 0 }
          : await check(module, q, call, conn.db, v);
      dump.push(c.dump);
      values += c.values;
      const lines = c.problems.length > PER_CALL ? [...c.problems.slice(0, PER_CALL), `... and ${c.problems.length - PER_CALL} more`] : c.problems;
      for (const what of lines) {
        failures.push(`${v.provider} ${call.query}: ${v.name} call #${i + 1}: ${what}`);
      }
    }
  } finally {
    await conn.close();
  }
  const dumpPath = f.get("--dump");
  if (dumpPath !== undefined) {
    writeFileSync(dumpPath, dump.map((line) => `${line}\n`).join(""));
  }
  for (const line of failures) {
    console.log(line);
  }
  const called = new Set(calls.map((c) => c.query));
  const uncalled = [...queries.keys()].filter((n) => !called.has(n));
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  console.error(
    `js runner: ${v.provider} ${v.name} (TZ ${zone}): ${calls.length} calls, ${values} values checked, ${failures.length} failures` +
      (uncalled.length > 0 ? `; never called: ${uncalled.join(", ")}` : ""),
  );
  return failures.length > 0 ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.log(`js runner crashed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
