// A small app on flash's generated code: database/sql with the pure-Go SQLite driver, typed
// rows and parameters, no ORM.
package main

import (
	"context"
	"database/sql"
	"fmt"
	"log"
	"os"
	"time"

	_ "modernc.org/sqlite"

	"example.com/library/internal/db"
)

func main() {
	ctx := context.Background()
	path := os.Getenv("LIBRARY_DB")
	if path == "" {
		path = "library.db"
	}
	conn, err := sql.Open("sqlite", path)
	if err != nil {
		log.Fatal(err)
	}
	defer conn.Close()

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		log.Fatal(err)
	}
	q := db.New(conn).WithTx(tx)
	ada, err := q.CreateAuthor(ctx, db.CreateAuthorParams{
		Name: "Ada Lovelace",
		Bio:  sql.NullString{String: "Wrote the first program.", Valid: true},
	})
	check(err)
	grace, err := q.CreateAuthor(ctx, db.CreateAuthorParams{Name: "Grace Hopper"})
	check(err)
	_, err = q.CreateAuthor(ctx, db.CreateAuthorParams{Name: "Nobody Yet"})
	check(err)
	_, err = q.AddBook(ctx, db.AddBookParams{
		AuthorID:  ada.ID,
		Title:     "Notes on the Analytical Engine",
		Published: sql.NullTime{Time: time.Date(1843, 9, 1, 0, 0, 0, 0, time.UTC), Valid: true},
		Price:     "12.50",
	})
	check(err)
	_, err = q.AddBook(ctx, db.AddBookParams{AuthorID: grace.ID, Title: "COBOL Manual", Price: "30"})
	check(err)
	n, err := q.RenameAuthor(ctx, db.RenameAuthorParams{Name: "Rear Admiral Grace Hopper", ID: grace.ID})
	check(err)
	if n != 1 {
		log.Fatalf("rename changed %d rows", n)
	}
	check(tx.Commit())

	q = db.New(conn)
	stats, err := q.AuthorStats(ctx)
	check(err)
	for _, s := range stats {
		// Cheapest is a sql.NullString: an author without books has none.
		cheapest := "-"
		if s.Cheapest.Valid {
			cheapest = s.Cheapest.String
		}
		fmt.Printf("%-28s books=%d cheapest=%s bio=%q\n", s.Name, s.Books, cheapest, s.Bio.String)
	}
	books, err := q.BooksByAuthors(ctx, []int64{ada.ID, grace.ID})
	check(err)
	for _, b := range books {
		when := "unpublished"
		if b.Published.Valid {
			when = b.Published.Time.Format("2006-01-02")
		}
		fmt.Printf("%s by %s (%s)\n", b.Title, b.Author, when)
	}
	none, err := q.BooksByAuthors(ctx, nil)
	check(err)
	if len(none) != 0 {
		log.Fatal("an empty list matched rows")
	}
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
