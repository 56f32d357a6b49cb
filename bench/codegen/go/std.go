package main

import (
	"context"
	"database/sql"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"flashbench/internal/stddb"
)

// stdBackend is database/sql over pgx/v5/stdlib, one connection.
type stdBackend struct{ db *sql.DB }

func openStd(ctx context.Context, url string) (backend, error) {
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, err
	}
	// One connection: both sides share it, and its prepared-statement cache.
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	if err := db.PingContext(ctx); err != nil {
		return nil, err
	}
	return stdBackend{db}, nil
}

func (b stdBackend) label() string { return "database/sql + pgx/v5/stdlib" }
func (b stdBackend) exec(ctx context.Context, q string) error {
	_, err := b.db.ExecContext(ctx, q)
	return err
}
func (b stdBackend) hand() api      { return stdHand{b.db} }
func (b stdBackend) generated() api { return stdGen{stddb.New(b.db)} }
func (b stdBackend) close()         { b.db.Close() }

// ---- generated: the calls an application makes on the generated package ----

type stdGen struct{ q *stddb.Queries }

func (g stdGen) CreateUser(ctx context.Context, u *user) (int64, error) {
	r, err := g.q.CreateUser(ctx, stddb.CreateUserParams{Email: u.email, Name: u.name, Bio: sql.NullString{String: u.bio, Valid: u.bioValid}})
	return r.ID + int64(len(r.Name)) + b2i(r.Bio.Valid), err
}

func (g stdGen) CreateCategory(ctx context.Context, name, slug string) (int32, error) {
	return g.q.CreateCategory(ctx, stddb.CreateCategoryParams{Name: name, Slug: slug})
}

func (g stdGen) CreatePost(ctx context.Context, categoryID int32, p *post) (int64, error) {
	return g.q.CreatePost(ctx, stddb.CreatePostParams{AuthorID: p.authorID, CategoryID: categoryID, Title: p.title, Body: p.body,
		PublishedAt: sql.NullTime{Time: p.publishedAt, Valid: p.publishedAtValid}})
}

func (g stdGen) CreateComment(ctx context.Context, postID int64, c *comment) error {
	return g.q.CreateComment(ctx, stddb.CreateCommentParams{PostID: postID, AuthorID: sql.NullInt64{Int64: c.authorID, Valid: c.authorIDValid}, Body: c.body})
}

func (g stdGen) GetPost(ctx context.Context, id int64) (int64, error) {
	r, err := g.q.GetPost(ctx, id)
	return r.ID + int64(r.Views) + int64(len(r.Title)) + b2i(r.PublishedAt.Valid), err
}

func (g stdGen) ListCommentsByPost(ctx context.Context, postID int64) (int64, error) {
	rows, err := g.q.ListCommentsByPost(ctx, postID)
	var sum int64
	for _, r := range rows {
		sum += r.ID + b2i(r.AuthorID.Valid)
	}
	return sum, err
}

func (g stdGen) AddPostView(ctx context.Context, id int64) (int64, error) {
	return g.q.AddPostView(ctx, id)
}

func (g stdGen) GetUser(ctx context.Context, id int64) (int64, error) {
	r, err := g.q.GetUser(ctx, id)
	return r.ID + int64(len(r.Email)) + b2i(r.Bio.Valid), err
}

func (g stdGen) CategoryAuthorStats(ctx context.Context, categoryID int32, lim int64) (int64, error) {
	rows, err := g.q.CategoryAuthorStats(ctx, stddb.CategoryAuthorStatsParams{CategoryID: categoryID, Lim: lim})
	var sum int64
	for _, r := range rows {
		sum += r.Posts + r.Comments + r.TotalViews + b2i(r.LastCommentAt.Valid)
	}
	return sum, err
}

// ---- hand-written: the same SQL text, the same calls and types, written by hand ----

type stdHand struct{ db *sql.DB }

type handUser struct {
	ID        int64
	Email     string
	Name      string
	Bio       sql.NullString
	Active    bool
	CreatedAt time.Time
}

type handPost struct {
	ID          int64
	AuthorID    int64
	CategoryID  int32
	Title       string
	Body        string
	Views       int32
	PublishedAt sql.NullTime
	CreatedAt   time.Time
}

type handComment struct {
	ID        int64
	AuthorID  sql.NullInt64
	Body      string
	CreatedAt time.Time
}

type handStats struct {
	CategoryID    int32
	CategoryName  string
	AuthorID      int64
	AuthorName    string
	Posts         int64
	Comments      int64
	LastCommentAt sql.NullTime
	TotalViews    int64
}

func (h stdHand) CreateUser(ctx context.Context, u *user) (int64, error) {
	var r handUser
	err := h.db.QueryRowContext(ctx, sqlCreateUser, u.email, u.name, sql.NullString{String: u.bio, Valid: u.bioValid}).
		Scan(&r.ID, &r.Email, &r.Name, &r.Bio, &r.Active, &r.CreatedAt)
	return r.ID + int64(len(r.Name)) + b2i(r.Bio.Valid), err
}

func (h stdHand) CreateCategory(ctx context.Context, name, slug string) (int32, error) {
	var id int32
	err := h.db.QueryRowContext(ctx, sqlCreateCategory, name, slug).Scan(&id)
	return id, err
}

func (h stdHand) CreatePost(ctx context.Context, categoryID int32, p *post) (int64, error) {
	var id int64
	err := h.db.QueryRowContext(ctx, sqlCreatePost, p.authorID, categoryID, p.title, p.body,
		sql.NullTime{Time: p.publishedAt, Valid: p.publishedAtValid}).Scan(&id)
	return id, err
}

func (h stdHand) CreateComment(ctx context.Context, postID int64, c *comment) error {
	_, err := h.db.ExecContext(ctx, sqlCreateComment, postID, sql.NullInt64{Int64: c.authorID, Valid: c.authorIDValid}, c.body)
	return err
}

func (h stdHand) GetPost(ctx context.Context, id int64) (int64, error) {
	var r handPost
	err := h.db.QueryRowContext(ctx, sqlGetPost, id).
		Scan(&r.ID, &r.AuthorID, &r.CategoryID, &r.Title, &r.Body, &r.Views, &r.PublishedAt, &r.CreatedAt)
	return r.ID + int64(r.Views) + int64(len(r.Title)) + b2i(r.PublishedAt.Valid), err
}

func (h stdHand) ListCommentsByPost(ctx context.Context, postID int64) (int64, error) {
	rows, err := h.db.QueryContext(ctx, sqlListCommentsByPost, postID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var items []handComment
	for rows.Next() {
		var r handComment
		if err := rows.Scan(&r.ID, &r.AuthorID, &r.Body, &r.CreatedAt); err != nil {
			return 0, err
		}
		items = append(items, r)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var sum int64
	for _, r := range items {
		sum += r.ID + b2i(r.AuthorID.Valid)
	}
	return sum, nil
}

func (h stdHand) AddPostView(ctx context.Context, id int64) (int64, error) {
	res, err := h.db.ExecContext(ctx, sqlAddPostView, id)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (h stdHand) GetUser(ctx context.Context, id int64) (int64, error) {
	var r handUser
	err := h.db.QueryRowContext(ctx, sqlGetUser, id).Scan(&r.ID, &r.Email, &r.Name, &r.Bio, &r.Active, &r.CreatedAt)
	return r.ID + int64(len(r.Email)) + b2i(r.Bio.Valid), err
}

func (h stdHand) CategoryAuthorStats(ctx context.Context, categoryID int32, lim int64) (int64, error) {
	rows, err := h.db.QueryContext(ctx, sqlCategoryAuthorStats, categoryID, lim)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var items []handStats
	for rows.Next() {
		var r handStats
		if err := rows.Scan(&r.CategoryID, &r.CategoryName, &r.AuthorID, &r.AuthorName, &r.Posts, &r.Comments, &r.LastCommentAt, &r.TotalViews); err != nil {
			return 0, err
		}
		items = append(items, r)
	}
	if err := rows.Err(); err != nil {
		return 0, err
	}
	var sum int64
	for _, r := range items {
		sum += r.Posts + r.Comments + r.TotalViews + b2i(r.LastCommentAt.Valid)
	}
	return sum, nil
}

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}
