// ir.json (flash_codegen::GenRequest) and calls.json, as far as the runner reads them.

/** flash_schema::TypeKind, tagged by `type`. */
export type TypeKind =
  | { type: "bool" }
  | { type: "int"; bits: number; unsigned?: boolean }
  | { type: "float"; bits: number }
  | { type: "decimal"; precision?: number; scale?: number }
  | { type: "string"; len?: number; fixed?: boolean }
  | { type: "bytes"; len?: number; fixed?: boolean }
  | { type: "date" }
  | { type: "time"; tz?: boolean }
  | { type: "timestamp"; tz?: boolean }
  | { type: "interval" }
  | { type: "uuid" }
  | { type: "json"; binary?: boolean }
  | { type: "enum"; name?: string; values?: string[] }
  | { type: "set"; values: string[] }
  | { type: "array"; element: TypeKind }
  | { type: "other"; name: string };

/** A result column. */
export interface Field {
  name: string;
  type: TypeKind;
  nullable: boolean;
}

/** A parameter: a `slice` one takes a list of its type. */
export interface Param extends Field {
  slice?: boolean;
}

export type Command =
  | "one"
  | "many"
  | "exec"
  | "execrows"
  | "execresult"
  | "execlastid"
  | "copyfrom"
  | "batchexec"
  | "batchmany"
  | "batchone";

/** flash_codegen::IrQuery. */
export interface Query {
  query: { name: string; command: Command; file: string; line: number };
  params: Param[];
  columns: Field[];
  model?: string | null;
}

export interface GenRequest {
  provider: string;
  files: { path: string; queries: Query[] }[];
}

/** One entry of calls.json: `args` in parameter order (a list of such lists for
 * `:copyfrom` and the batch commands), `rows` the expected count when given. */
export interface Call {
  query: string;
  args: unknown[];
  rows?: number;
}

/** Every query of the request, by name. */
export function queriesByName(req: GenRequest): Map<string, Query> {
  const out = new Map<string, Query>();
  for (const file of req.files) {
    for (const q of file.queries) {
      out.set(q.query.name, q);
    }
  }
  return out;
}
