/**
 * The hand-written side: what a careful developer writes with `pg` for the same queries: the
 * same SQL text and parameters, `pg`'s own row objects and type parsers, mapped to plain
 * objects of the same types as the generated ones.
 */

import type pg from "pg";
import { minutes, type Api, type NewComment, type NewPost, type NewUser } from "./api.js";

interface User {
  id: string;
  email: string;
  name: string;
  bio: string | null;
  active: boolean;
  createdAt: Date;
}

interface Post {
  id: string;
  authorId: string;
  categoryId: number;
  title: string;
  body: string;
  views: number;
  publishedAt: Date | null;
  createdAt: Date;
}

interface CommentRow {
  id: string;
  authorId: string | null;
  body: string;
  createdAt: Date;
}

interface StatsRow {
  categoryId: number;
  categoryName: string;
  authorId: string;
  authorName: string;
  posts: string;
  comments: string;
  lastCommentAt: Date | null;
  totalViews: string;
}

// The SQL text the generated code sends, byte for byte.
const sqlCreateUser = `INSERT INTO users (email, name, bio) VALUES ($1, $2, $3)
RETURNING id, email, name, bio, active, created_at`;
const sqlGetUser = `SELECT users.id, users.email, users.name, users.bio, users.active, users.created_at FROM users WHERE id = $1`;
const sqlCreateCategory = `INSERT INTO categories (name, slug) VALUES ($1, $2)
RETURNING id`;
const sqlCreatePost = `INSERT INTO posts (author_id, category_id, title, body, published_at)
VALUES ($1, $2, $3, $4, $5)
RETURNING id`;
const sqlCreateComment = `INSERT INTO comments (post_id, author_id, body) VALUES ($1, $2, $3)`;
const sqlGetPost = `SELECT posts.id, posts.author_id, posts.category_id, posts.title, posts.body, posts.views, posts.published_at, posts.created_at FROM posts WHERE id = $1`;
const sqlListCommentsByPost = `SELECT id, author_id, body, created_at FROM comments
WHERE post_id = $1
ORDER BY id`;
const sqlAddPostView = `UPDATE posts SET views = views + 1 WHERE id = $1`;
const sqlCategoryAuthorStats = `SELECT c.id AS category_id,
       c.name AS category_name,
       u.id AS author_id,
       u.name AS author_name,
       count(DISTINCT p.id) AS posts,
       count(cm.id) AS comments,
       max(cm.created_at) AS last_comment_at,
       sum(p.views) AS total_views
FROM categories c
JOIN posts p ON p.category_id = c.id
JOIN users u ON u.id = p.author_id
LEFT JOIN comments cm ON cm.post_id = p.id
WHERE c.id = $1
GROUP BY c.id, c.name, u.id, u.name
ORDER BY posts DESC, u.id
LIMIT $2`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = any;

function toUser(r: Row): User {
  return { id: r.id, email: r.email, name: r.name, bio: r.bio, active: r.active, createdAt: r.created_at };
}

function toPost(r: Row): Post {
  return {
    id: r.id,
    authorId: r.author_id,
    categoryId: r.category_id,
    title: r.title,
    body: r.body,
    views: r.views,
    publishedAt: r.published_at,
    createdAt: r.created_at,
  };
}

function toComment(r: Row): CommentRow {
  return { id: r.id, authorId: r.author_id, body: r.body, createdAt: r.created_at };
}

function toStats(r: Row): StatsRow {
  return {
    categoryId: r.category_id,
    categoryName: r.category_name,
    authorId: r.author_id,
    authorName: r.author_name,
    posts: r.posts,
    comments: r.comments,
    lastCommentAt: r.last_comment_at,
    totalViews: r.total_views,
  };
}

export function hand(client: pg.Client): Api {
  return {
    async createUser(u: NewUser): Promise<number> {
      const res = await client.query(sqlCreateUser, [u.email, u.name, u.bio]);
      const r = toUser(res.rows[0]);
      return Number(r.id) + r.name.length + (r.bio === null ? 0 : 1);
    },
    async createCategory(name: string, slug: string): Promise<number> {
      const res = await client.query(sqlCreateCategory, [name, slug]);
      return res.rows[0].id as number;
    },
    async createPost(categoryId: number, p: NewPost): Promise<string> {
      const res = await client.query(sqlCreatePost, [p.authorId, categoryId, p.title, p.body, p.publishedAt]);
      return res.rows[0].id as string;
    },
    async createComment(postId: string, c: NewComment): Promise<void> {
      await client.query(sqlCreateComment, [postId, c.authorId, c.body]);
    },
    async getPost(id: string): Promise<number> {
      const res = await client.query(sqlGetPost, [id]);
      if (res.rows.length === 0) return 0;
      const r = toPost(res.rows[0]);
      return Number(r.id) + r.views + r.title.length + (r.publishedAt === null ? 0 : minutes(r.publishedAt));
    },
    async listCommentsByPost(postId: string): Promise<number> {
      const res = await client.query(sqlListCommentsByPost, [postId]);
      let sum = 0;
      for (const r of res.rows.map(toComment)) {
        sum += Number(r.id) + (r.authorId === null ? 0 : 1);
      }
      return sum;
    },
    async addPostView(id: string): Promise<number> {
      const res = await client.query(sqlAddPostView, [id]);
      return res.rowCount ?? 0;
    },
    async getUser(id: string): Promise<number> {
      const res = await client.query(sqlGetUser, [id]);
      if (res.rows.length === 0) return 0;
      const r = toUser(res.rows[0]);
      return Number(r.id) + r.email.length + (r.bio === null ? 0 : 1);
    },
    async categoryAuthorStats(categoryId: number, lim: string): Promise<number> {
      const res = await client.query(sqlCategoryAuthorStats, [categoryId, lim]);
      let sum = 0;
      for (const r of res.rows.map(toStats)) {
        sum += Number(r.posts) + Number(r.comments) + Number(r.totalViews) + (r.lastCommentAt === null ? 0 : 1);
      }
      return sum;
    },
  };
}
