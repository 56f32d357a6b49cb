/** The two sides of the comparison and the data they are given (../README.md). */

/** A user to insert. */
export interface NewUser {
  email: string;
  name: string;
  bio: string | null;
}

/** A post to insert (its category is the id CreateCategory returned). */
export interface NewPost {
  authorId: string;
  title: string;
  body: string;
  publishedAt: Date | null;
}

/** A comment to insert. */
export interface NewComment {
  authorId: string | null;
  body: string;
}

/**
 * One side. Each method makes one call and returns a checksum of what it read, so that both
 * sides are seen to read the same values.
 */
export interface Api {
  createUser(u: NewUser): Promise<number>;
  createCategory(name: string, slug: string): Promise<number>;
  createPost(categoryId: number, p: NewPost): Promise<string>;
  createComment(postId: string, c: NewComment): Promise<void>;
  getPost(id: string): Promise<number>;
  listCommentsByPost(postId: string): Promise<number>;
  addPostView(id: string): Promise<number>;
  getUser(id: string): Promise<number>;
  categoryAuthorStats(categoryId: number, lim: string): Promise<number>;
}

/** A timestamp's minutes since the epoch, modulo 1,000: a checksum that a parser got it right. */
export function minutes(d: Date): number {
  return Math.floor(d.getTime() / 60000) % 1000;
}
