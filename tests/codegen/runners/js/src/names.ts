// The names the TypeScript backend gives (core/codegen/src/naming.rs, ts/keywords.rs).

/** The words of a name in any convention (`GetUserByID`, `user_id`), lower-cased. */
export function words(name: string): string[] {
  const out: string[] = [];
  let cur = "";
  const chars = Array.from(name);
  const alnum = /[\p{L}\p{N}]/u;
  const upper = /\p{Lu}/u;
  const lower = /\p{Ll}/u;
  chars.forEach((c, i) => {
    if (!alnum.test(c)) {
      if (cur !== "") {
        out.push(cur);
        cur = "";
      }
      return;
    }
    if (upper.test(c) && cur !== "") {
      const prev = chars[i - 1] ?? "";
      const next = chars[i + 1] ?? "";
      if (lower.test(prev) || /[0-9]/.test(prev) || (upper.test(prev) && lower.test(next))) {
        out.push(cur);
        cur = "";
      }
    }
    cur += c.toLowerCase();
  });
  if (cur !== "") {
    out.push(cur);
  }
  return out;
}

/** camelCase: the names of query functions, argument and row fields. */
export function camel(name: string): string {
  return words(name)
    .map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1)))
    .join("");
}

/** The names a query's function may have: camelCase, with `_` after a reserved word or a
 * global, or before a name that cannot start an identifier. */
export function functionNames(query: string): string[] {
  const base = camel(query);
  return [base, `${base}_`, `_${base}`];
}
