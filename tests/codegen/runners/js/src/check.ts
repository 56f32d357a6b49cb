// What a value read back must be, per IR type: the runtime type the backend's TypeScript
// type promises (core/codegen/src/ts/types.rs), and a value that fits the column.

import type { TypeKind } from "./ir.js";
import type { Variant } from "./settings.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIME = /^\d\d:\d\d(:\d\d(\.\d+)?)?([+-]\d\d(:?\d\d)?)?$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const INTEGER = /^-?\d+$/;

/** What is wrong with `value` as a value of a column of type `ty`, or `null`. */
export function problem(value: unknown, ty: TypeKind, nullable: boolean, v: Variant): string | null {
  if (value === null) {
    return nullable ? null : "NULL in a column typed non-null";
  }
  if (value === undefined) {
    return "undefined (no value read)";
  }
  // Described only for a failure: showing every value would cost more than checking it.
  const got = (): string => `${describe(value)} ${show(value)}`;
  const expect = (ok: boolean, what: string): string | null => (ok ? null : `expected ${what}, got ${got()}`);
  switch (ty.type) {
    case "bool":
      return expect(typeof value === "boolean", "a boolean");
    case "int":
      return integer(value, ty.bits, ty.unsigned ?? false, v, got);
    case "float":
      return expect(typeof value === "number", "a number");
    case "decimal":
      return expect(typeof value === "string" && DECIMAL.test(value), "a decimal as a string");
    case "string":
    case "interval":
    case "set":
    case "other":
      return expect(typeof value === "string", "a string");
    case "uuid":
      return expect(typeof value === "string" && UUID.test(value), "a UUID string");
    case "time":
      return expect(typeof value === "string" && TIME.test(value), "a time of day as a string");
    case "bytes":
      return expect(Buffer.isBuffer(value), "a Buffer");
    case "date":
      if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
        return `expected a valid Date, got ${got()}`;
      }
      return expect(
        value.getHours() === 0 && value.getMinutes() === 0 && value.getSeconds() === 0 && value.getMilliseconds() === 0,
        "a Date at local midnight",
      );
    case "timestamp":
      return expect(value instanceof Date && !Number.isNaN(value.getTime()), "a valid Date");
    case "json":
      return json(value, got);
    case "enum": {
      const values = ty.values ?? [];
      return expect(typeof value === "string" && values.includes(value), `one of ${values.join("|")}`);
    }
    case "array": {
      if (!Array.isArray(value)) {
        return `expected an array, got ${got()}`;
      }
      for (const [i, item] of value.entries()) {
        // The element types the backend writes (`string[]`) hold no NULL.
        const p = problem(item, ty.element, false, v);
        if (p !== null) {
          return `element ${i}: ${p}`;
        }
      }
      return null;
    }
  }
}

/** Integers: a `number` up to 32 bits, a 64-bit one as a decimal string or a `bigint`; in
 * the range of its bits and sign. */
function integer(value: unknown, bits: number, unsigned: boolean, v: Variant, got: () => string): string | null {
  let n: bigint;
  if (bits <= 32) {
    if (typeof value !== "number" || !Number.isInteger(value)) {
      return `expected an integer number, got ${got()}`;
    }
    n = BigInt(value);
  } else if (v.bigint === "bigint") {
    if (typeof value !== "bigint") {
      return `expected a bigint, got ${got()}`;
    }
    n = value;
  } else {
    if (typeof value !== "string" || !INTEGER.test(value)) {
      return `expected a 64-bit integer as a string, got ${got()}`;
    }
    n = BigInt(value);
  }
  const min = unsigned ? 0n : -(1n << BigInt(bits - 1));
  const max = unsigned ? (1n << BigInt(bits)) - 1n : (1n << BigInt(bits - 1)) - 1n;
  return n < min || n > max ? `${n} is out of the range of ${unsigned ? "u" : ""}int${bits}` : null;
}

/** A parsed JSON value: a JSON column read as its unparsed text (a string holding an object
 * or an array) is a failure. */
function json(value: unknown, got: () => string): string | null {
  if (typeof value === "string" && /^\s*[[{]/.test(value)) {
    try {
      JSON.parse(value);
      return `expected a parsed JSON value, got its text ${got()}`;
    } catch {
      return null;
    }
  }
  const ok = ["string", "number", "boolean", "object"].includes(typeof value);
  return ok ? null : `expected a JSON value, got ${got()}`;
}

function describe(value: unknown): string {
  if (value instanceof Date) {
    return "Date";
  }
  if (Buffer.isBuffer(value)) {
    return "Buffer";
  }
  if (Array.isArray(value)) {
    return "array";
  }
  return typeof value;
}

function show(value: unknown): string {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  }
  if (typeof value === "bigint") {
    return `${value}n`;
  }
  if (Buffer.isBuffer(value)) {
    return `<${value.length} bytes>`;
  }
  const text = JSON.stringify(value, (_, x: unknown) => (typeof x === "bigint" ? `${x}n` : x)) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
