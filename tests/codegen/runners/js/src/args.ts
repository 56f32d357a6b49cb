// calls.json arguments as the values the generated functions take.

import type { Param, TypeKind } from "./ir.js";
import { camel } from "./names.js";
import type { Variant } from "./settings.js";

/** A query's `Args` object from one list of JSON arguments (in parameter order). */
export function argsObject(params: readonly Param[], json: readonly unknown[], v: Variant): Record<string, unknown> {
  if (json.length !== params.length) {
    throw new Error(`${json.length} arguments for ${params.length} parameters`);
  }
  const out: Record<string, unknown> = {};
  params.forEach((p, i) => {
    const value = json[i];
    out[camel(p.name)] = p.slice ? list(value, p.type, v, p.name) : argValue(value, p.type, v, p.name);
  });
  return out;
}

function list(json: unknown, element: TypeKind, v: Variant, what: string): unknown[] {
  if (!Array.isArray(json)) {
    throw new Error(`${what}: expected a list, got ${JSON.stringify(json)}`);
  }
  return json.map((x: unknown) => argValue(x, element, v, what));
}

/** One JSON value as the TypeScript type the backend gives `ty`. */
export function argValue(json: unknown, ty: TypeKind, v: Variant, what: string): unknown {
  if (json === null) {
    return null;
  }
  const bad = (): Error => new Error(`${what}: cannot pass ${JSON.stringify(json)} as ${ty.type}`);
  switch (ty.type) {
    case "bool":
      if (typeof json === "boolean") {
        return json;
      }
      if (json === 0 || json === 1) {
        return json === 1;
      }
      throw bad();
    case "int":
      if (typeof json !== "number" && typeof json !== "string") {
        throw bad();
      }
      if (ty.bits <= 32) {
        return Number(json);
      }
      return v.bigint === "bigint" ? BigInt(json) : String(json);
    case "float":
      if (typeof json !== "number" && typeof json !== "string") {
        throw bad();
      }
      return Number(json);
    case "decimal":
      if (typeof json !== "number" && typeof json !== "string") {
        throw bad();
      }
      return String(json);
    case "bytes":
      if (typeof json === "object" && "$bytes" in json && typeof json.$bytes === "string") {
        return Buffer.from(json.$bytes, "base64");
      }
      throw bad();
    case "date":
      return date(json, bad);
    case "timestamp":
      return timestamp(json, v, bad);
    case "json":
      // The generated code serialises it.
      return json;
    case "array":
      return list(json, ty.element, v, what);
    case "string":
    case "time":
    case "interval":
    case "uuid":
    case "enum":
    case "set":
    case "other":
      if (typeof json === "string") {
        return json;
      }
      // A JSON document passed to a text parameter.
      if (typeof json === "object") {
        return JSON.stringify(json);
      }
      return String(json);
  }
}

/** `2024-03-01` as local midnight of that day (what the backend reads a DATE as). */
function date(json: unknown, bad: () => Error): Date {
  const m = typeof json === "string" ? /^(\d{4})-(\d\d)-(\d\d)$/.exec(json) : null;
  if (m === null) {
    throw bad();
  }
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

/** An ISO timestamp: its instant when it has an offset; without one, the wall time in the
 * driver's convention (pg and mysql2 send a `Date` as local time, the better-sqlite3 code
 * writes UTC). */
function timestamp(json: unknown, v: Variant, bad: () => Error): Date {
  if (typeof json !== "string") {
    throw bad();
  }
  const text = json.replace(" ", "T");
  const hasOffset = /(Z|[+-]\d\d(:?\d\d)?)$/i.test(text.slice(10));
  const d = new Date(!hasOffset && v.provider === "sqlite" ? `${text}Z` : text);
  if (Number.isNaN(d.getTime())) {
    throw bad();
  }
  return d;
}
