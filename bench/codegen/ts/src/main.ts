/**
 * The TypeScript half of the runtime-overhead benchmark (../README.md): each workload runs
 * through the code flash generated and through hand-written `pg` calls, on a freshly truncated
 * database, alternating which goes first, and the medians are compared.
 *
 *   node dist/main.js --url postgres://... [--seed ../db/seed.sql] [--quick] [--rounds N]
 */

import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Api, NewComment, NewPost, NewUser } from "./api.js";
import { generated } from "./generated.js";
import { hand } from "./hand.js";

interface Sizes {
  users: number;
  categories: number;
  posts: number;
  comments: number;
  joins: number;
  mixed: number;
  selects: number;
}

const FULL: Sizes = { users: 1000, categories: 10, posts: 5000, comments: 15000, joins: 500, mixed: 1000, selects: 2000 };

/** kind 0-2 getPost, 3-4 listCommentsByPost, 5 getUser (75% reads); 6 createComment, 7 addPostView. */
interface Op {
  kind: number;
  target: number;
  body: string;
}

interface Data {
  users: NewUser[];
  posts: NewPost[];
  comments: NewComment[];
  ops: Op[];
}

/** Every argument of every workload, made before any timing; the values of db/seed.sql. */
function makeData(sz: Sizes): Data {
  const users: NewUser[] = [];
  for (let i = 1; i <= sz.users; i++) {
    users.push({
      email: `user${i}@example.com`,
      name: `User ${i}`,
      bio: i % 3 === 0 ? null : `Bio of user ${i}, who writes about things.`,
    });
  }
  const base = Date.UTC(2024, 0, 1);
  const posts: NewPost[] = [];
  for (let j = 1; j <= sz.posts; j++) {
    posts.push({
      authorId: String(((j * 7919) % sz.users) + 1),
      title: `Post ${j}`,
      body: `Body of post ${j}. A few sentences of text, as a blog post would have at the start.`,
      publishedAt: j % 4 === 0 ? null : new Date(base + j * 60000),
    });
  }
  const comments: NewComment[] = [];
  for (let k = 1; k <= sz.comments; k++) {
    comments.push({ authorId: k % 5 === 0 ? null : String(((k * 31) % sz.users) + 1), body: `Comment ${k} on a post.` });
  }
  // Park-Miller: the same sequence in every language (no product exceeds 2^53).
  const ops: Op[] = [];
  let x = 42;
  for (let n = 0; n < sz.mixed; n++) {
    x = (x * 48271) % 2147483647;
    ops.push({ kind: x % 8, target: (Math.floor(x / 8) % sz.posts) + 1, body: `Mixed comment ${n}` });
  }
  return { users, posts, comments, ops };
}

type Setup = "empty" | "users" | "all";

interface Workload {
  name: string;
  setup: Setup;
  run(api: Api): Promise<number>;
}

function thousands(n: number): string {
  return n.toLocaleString("en-US");
}

function workloads(sz: Sizes, d: Data): Workload[] {
  return [
    {
      name: `insert ${thousands(sz.users)} users`,
      setup: "empty",
      async run(api) {
        let sum = 0;
        for (const u of d.users) sum += await api.createUser(u);
        return sum;
      },
    },
    {
      name: `insert ${sz.categories} categories + ${thousands(sz.posts)} posts + ${thousands(sz.comments)} comments`,
      setup: "users",
      async run(api) {
        let sum = 0;
        const cats: number[] = [];
        for (let c = 1; c <= sz.categories; c++) {
          const id = await api.createCategory(`Category ${c}`, `category-${c}`);
          cats.push(id);
          sum += id;
        }
        const postIds: string[] = [];
        for (let j = 0; j < d.posts.length; j++) {
          const id = await api.createPost(cats[(j + 1) % cats.length]!, d.posts[j]!);
          postIds.push(id);
          sum += Number(id);
        }
        for (let k = 0; k < d.comments.length; k++) {
          await api.createComment(postIds[(k + 1) % postIds.length]!, d.comments[k]!);
          sum += 1;
        }
        return sum;
      },
    },
    {
      name: `4-table join with aggregates x${thousands(sz.joins)}`,
      setup: "all",
      async run(api) {
        let sum = 0;
        for (let n = 0; n < sz.joins; n++) sum += await api.categoryAuthorStats((n % sz.categories) + 1, "50");
        return sum;
      },
    },
    {
      name: `mixed 75% read / 25% write x${thousands(sz.mixed)}`,
      setup: "all",
      async run(api) {
        let sum = 0;
        for (const o of d.ops) {
          const id = String(o.target);
          switch (o.kind) {
            case 0:
            case 1:
            case 2:
              sum += await api.getPost(id);
              break;
            case 3:
            case 4:
              sum += await api.listCommentsByPost(id);
              break;
            case 5:
              sum += await api.getUser(String((o.target % sz.users) + 1));
              break;
            case 6:
              await api.createComment(id, {
                authorId: o.target % 5 === 0 ? null : String((o.target % sz.users) + 1),
                body: o.body,
              });
              sum += 1;
              break;
            default:
              sum += await api.addPostView(id);
          }
        }
        return sum;
      },
    },
    {
      name: `select by primary key x${thousands(sz.selects)}`,
      setup: "all",
      async run(api) {
        let sum = 0;
        for (let n = 0; n < sz.selects; n++) sum += await api.getUser(String(((n * 7) % sz.users) + 1));
        return sum;
      },
    },
  ];
}

/** seed.sql as statements, sizes filled in, comments dropped. */
function seedStatements(text: string, sz: Sizes): string[] {
  const filled = text
    .replaceAll("{users}", String(sz.users))
    .replaceAll("{posts}", String(sz.posts))
    .replaceAll("{comments}", String(sz.comments));
  const out: string[] = [];
  let cur: string[] = [];
  for (const line of filled.split("\n")) {
    const t = line.trim();
    if (t === "" || t.startsWith("--")) continue;
    cur.push(line);
    if (t.endsWith(";")) {
      out.push(cur.join("\n").replace(/;\s*$/, ""));
      cur = [];
    }
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 === 1 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const quick = process.argv.includes("--quick");
  const url = arg("--url") ?? process.env.DATABASE_URL;
  if (url === undefined) throw new Error("--url or DATABASE_URL is needed");
  const seedPath = arg("--seed") ?? "../db/seed.sql";
  const rounds = Number(arg("--rounds") ?? (quick ? 3 : 9));
  const scale = quick ? 10 : 1;
  const sz: Sizes = {
    users: FULL.users / scale,
    categories: FULL.categories,
    posts: FULL.posts / scale,
    comments: FULL.comments / scale,
    joins: FULL.joins / scale,
    mixed: FULL.mixed / scale,
    selects: FULL.selects / scale,
  };
  const seed = seedStatements(readFileSync(seedPath, "utf8"), sz);
  // One connection: both sides share it.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const impls: [Api, Api] = [hand(client), generated(client)];
    const ws = workloads(sz, makeData(sz));
    const times: [number[], number[]][] = ws.map(() => [[], []]);
    const cpus: [number[], number[]][] = ws.map(() => [[], []]);
    // Round 0 warms up the connection and the JIT; it is not counted.
    for (let round = 0; round <= rounds; round++) {
      for (let wi = 0; wi < ws.length; wi++) {
        const w = ws[wi]!;
        const sums: [number, number] = [0, 0];
        for (let k = 0; k < 2; k++) {
          // Even rounds: hand-written first; odd rounds: generated first.
          const which = round % 2 === 1 ? 1 - k : k;
          await client.query("TRUNCATE users, categories, posts, comments RESTART IDENTITY CASCADE");
          const stmts = w.setup === "users" ? seed.slice(0, 1) : w.setup === "all" ? seed : [];
          for (const s of stmts) await client.query(s);
          const cpu0 = process.cpuUsage();
          const start = performance.now();
          sums[which] = await w.run(impls[which]!);
          const elapsed = performance.now() - start;
          const cpu = process.cpuUsage(cpu0);
          if (round > 0) {
            times[wi]![which]!.push(elapsed);
            cpus[wi]![which]!.push((cpu.user + cpu.system) / 1000);
          }
        }
        if (sums[0] !== sums[1]) {
          throw new Error(`${w.name}: hand-written and generated code read different data (checksums ${sums[0]} and ${sums[1]})`);
        }
      }
    }
    console.log(`\nTypeScript, pg ${pgVersion()}: ${rounds} rounds (+1 warm-up), median per workload\n`);
    console.log(
      "workload | hand-written ms | generated ms | overhead % | per-round overhead % (min .. max) | client CPU ms (hand / generated)",
    );
    console.log("---|---:|---:|---:|---|---");
    ws.forEach((w, wi) => {
      const [h, g] = times[wi]!;
      const hm = median(h);
      const gm = median(g);
      const per = h.map((hv, i) => (100 * (g[i]! - hv)) / hv);
      const sign = (v: number) => (v >= 0 ? "+" : "") + v.toFixed(1);
      console.log(
        `${w.name} | ${hm.toFixed(1)} | ${gm.toFixed(1)} | ${sign((100 * (gm - hm)) / hm)} | ` +
          `${sign(Math.min(...per))} .. ${sign(Math.max(...per))} | ` +
          `${median(cpus[wi]![0]!).toFixed(1)} / ${median(cpus[wi]![1]!).toFixed(1)}`,
      );
    });
  } finally {
    await client.end();
  }
}

function pgVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL("../node_modules/pg/package.json", import.meta.url), "utf8")) as { version: string };
  return pkg.version;
}

main().catch((e: unknown) => {
  console.error("error:", e);
  process.exit(1);
});
