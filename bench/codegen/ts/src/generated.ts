/** The generated side: the calls an application makes on the code `flash gen` wrote in db/. */

import type pg from "pg";
import * as db from "./db/index.js";
import { minutes, type Api, type NewComment, type NewPost, type NewUser } from "./api.js";

export function generated(client: pg.Client): Api {
  return {
    async createUser(u: NewUser): Promise<number> {
      const r = await db.createUser(client, u);
      if (r === null) throw new Error("no row");
      return Number(r.id) + r.name.length + (r.bio === null ? 0 : 1);
    },
    async createCategory(name: string, slug: string): Promise<number> {
      const r = await db.createCategory(client, { name, slug });
      if (r === null) throw new Error("no row");
      return r.id;
    },
    async createPost(categoryId: number, p: NewPost): Promise<string> {
      const r = await db.createPost(client, {
        authorId: p.authorId,
        categoryId,
        title: p.title,
        body: p.body,
        publishedAt: p.publishedAt,
      });
      if (r === null) throw new Error("no row");
      return r.id;
    },
    async createComment(postId: string, c: NewComment): Promise<void> {
      await db.createComment(client, { postId, authorId: c.authorId, body: c.body });
    },
    async getPost(id: string): Promise<number> {
      const r = await db.getPost(client, { id });
      if (r === null) return 0;
      return Number(r.id) + r.views + r.title.length + (r.publishedAt === null ? 0 : minutes(r.publishedAt));
    },
    async listCommentsByPost(postId: string): Promise<number> {
      let sum = 0;
      for (const r of await db.listCommentsByPost(client, { postId })) {
        sum += Number(r.id) + (r.authorId === null ? 0 : 1);
      }
      return sum;
    },
    async addPostView(id: string): Promise<number> {
      return db.addPostView(client, { id });
    },
    async getUser(id: string): Promise<number> {
      const r = await db.getUser(client, { id });
      if (r === null) return 0;
      return Number(r.id) + r.email.length + (r.bio === null ? 0 : 1);
    },
    async categoryAuthorStats(categoryId: number, lim: string): Promise<number> {
      let sum = 0;
      for (const r of await db.categoryAuthorStats(client, { categoryId, lim })) {
        sum += Number(r.posts) + Number(r.comments) + Number(r.totalViews) + (r.lastCommentAt === null ? 0 : 1);
      }
      return sum;
    },
  };
}
