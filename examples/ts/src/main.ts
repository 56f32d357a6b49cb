// A small app on flash's generated code: better-sqlite3, typed rows, no ORM.
import Database from "better-sqlite3";
import { addBook, authorStats, booksByAuthors, createAuthor, renameAuthor } from "./db/index.js";

const db = new Database(process.env.LIBRARY_DB ?? "library.db");

const seed = db.transaction(() => {
  const ada = createAuthor(db, { name: "Ada Lovelace", bio: "Wrote the first program." });
  const grace = createAuthor(db, { name: "Grace Hopper", bio: null });
  createAuthor(db, { name: "Nobody Yet", bio: null });
  if (ada === null || grace === null) throw new Error("RETURNING gave no row");
  addBook(db, {
    authorId: ada.id,
    title: "Notes on the Analytical Engine",
    published: new Date(1843, 8, 1),
    price: "12.50",
  });
  addBook(db, { authorId: grace.id, title: "COBOL Manual", published: null, price: "30" });
  if (renameAuthor(db, { name: "Rear Admiral Grace Hopper", id: grace.id }) !== 1) {
    throw new Error("rename changed no row");
  }
  return [ada.id, grace.id];
});
const ids = seed();

for (const s of authorStats(db)) {
  // `cheapest` is `string | null`: the compiler makes us handle authors without books.
  const cheapest = s.cheapest === null ? "-" : Number(s.cheapest).toFixed(2);
  console.log(`${s.name.padEnd(28)} books=${s.books} cheapest=${cheapest} bio=${JSON.stringify(s.bio)}`);
}
for (const b of booksByAuthors(db, { ids })) {
  const when = b.published === null ? "unpublished" : b.published.toDateString();
  console.log(`${b.title} by ${b.author} (${when})`);
}
if (booksByAuthors(db, { ids: [] }).length !== 0) throw new Error("an empty list matched rows");
