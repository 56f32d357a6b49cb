// What `run` tells the runner about one variant (variants.json).

/** One generated package, how it was generated, and the database it runs against. */
export interface Variant {
  /** `ts`, `ts-bigint`, `js-cjs`: for messages. */
  name: string;
  provider: "postgresql" | "mysql" | "sqlite";
  /** The compiled (or emitted) `index.js` of the generated code. */
  module: string;
  url: string;
  /** `[gen.js] bigint`: 64-bit integers as `string` or as `bigint`. */
  bigint: "string" | "bigint";
}
