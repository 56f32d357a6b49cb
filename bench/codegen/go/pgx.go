package main

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"flashbench/internal/pgxdb"
)

// pgxBackend is pgx/v5's native interface on one *pgx.Conn.
type pgxBackend struct{ conn *pgx.Conn }

func openPgx(ctx context.Context, url string) (backend, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, err
	}
	return pgxBackend{conn}, nil
}

func (b pgxBackend) label() string { return "pgx/v5 (native, *pgx.Conn)" }
func (b pgxBackend) exec(ctx context.Context, q string) error {
	_, err := b.conn.Exec(ctx, q)
	return err
}
func (b pgxBackend) hand() api      { return pgxHand{b.conn} }
func (b pgxBackend) generated() api { return pgxGen{pgxdb.New(b.conn)} }
func (b pgxBackend) close()         { b.conn.Close(context.Background()) }

// ---- generated ----

type pgxGen struct{ q *pgxdb.Queries }

func (g pgxGen) CreateUser(ctx context.Context, u *user) (int64, error) {
	r, err := g.q.CreateUser(ctx, pgxdb.CreateUserParams{Email: u.email, Name: u.name, Bio: pgtype.Text{String: u.bio, Valid: u.bioValid}})
	return r.ID + int64(len(r.Name)) + b2i(r.Bio.Valid), err
}

func (g pgxGen) CreateCategory(ctx context.Context, name, slug string) (int32, error) {
	return g.q.CreateCategory(ctx, pgxdb.CreateCategoryParams{Name: name, Slug: slug})
}

func (g pgxGen) CreatePost(ctx context.Context, categoryID int32, p *post) (int64, error) {
	return g.q.CreatePost(ctx, pgxdb.CreatePostParams{AuthorID: p.authorID, CategoryID: categoryID, Title: p.title, Body: p.body,
		PublishedAt: pgtype.Timestamptz{Time: p.publishedAt, Valid: p.publishedAtValid}})
}

func (g pgxGen) CreateComment(ctx context.Context, postID int64, c *comment) error {
	return g.q.CreateComment(ctx, pgxdb.CreateCommentParams{PostID: postID, AuthorID: pgtype.Int8{Int64: c.authorID, Valid: c.authorIDValid}, Body: c.body})
}

func (g pgxGen) GetPost(ctx context.Context, id int64) (int64, error) {
	r, err := g.q.GetPost(ctx, id)
	return r.ID + int64(r.Views) + int64(len(r.Title)) + b2i(r.PublishedAt.Valid), err
}

func (g pgxGen) ListCommentsByPost(ctx context.Context, postID int64) (int64, error) {
	rows, err := g.q.ListCommentsByPost(ctx, postID)
	var sum int64
	for _, r := range rows {
		sum += r.ID + b2i(r.AuthorID.Valid)
	}
	return sum, err
}

func (g pgxGen) AddPostView(ctx context.Context, id int64) (int64, error) {
	return g.q.AddPostView(ctx, id)
}

func (g pgxGen) GetUser(ctx context.Context, id int64) (int64, error) {
	r, err := g.q.GetUser(ctx, id)
	return r.ID + int64(len(r.Email)) + b2i(r.Bio.Valid), err
}

func (g pgxGen) CategoryAuthorStats(ctx context.Context, categoryID int32, lim int64) (int64, error) {
	rows, err := g.q.CategoryAuthorStats(ctx, pgxdb.CategoryAuthorStatsParams{CategoryID: categoryID, Lim: lim})
	var sum int64
	for _, r := range rows {
		sum += r.Posts + r.Comments + r.TotalViews + b2i(r.LastCommentAt.Valid)
	}
	return sum, err
}

// ---- hand-written ----

type pgxHand struct{ conn *pgx.Conn }

type pgxUser struct {
	ID        int64
	Email     string
	Name      string
	Bio       pgtype.Text
	Active    bool
	CreatedAt time.Time
}

type pgxPost struct {
	ID          int64
	AuthorID    int64
	CategoryID  int32
	Title       string
	Body        string
	Views       int32
	PublishedAt pgtype.Timestamptz
	CreatedAt   time.Time
}

type pgxComment struct {
	ID        int64
	AuthorID  pgtype.Int8
	Body      string
	CreatedAt time.Time
}

type pgxStats struct {
	CategoryID    int32
	CategoryName  string
	AuthorID      int64
	AuthorName    string
	Posts         int64
	Comments      int64
	LastCommentAt pgtype.Timestamptz
	TotalViews    int64
}

func (h pgxHand) CreateUser(ctx context.Context, u *user) (int64, error) {
	var r pgxUser
	err := h.conn.QueryRow(ctx, sqlCreateUser, u.email, u.name, pgtype.Text{String: u.bio, Valid: u.bioValid}).
		Scan(&r.ID, &r.Email, &r.Name, &r.Bio, &r.Active, &r.CreatedAt)
	return r.ID + int64(len(r.Name)) + b2i(r.Bio.Valid), err
}

func (h pgxHand) CreateCategory(ctx context.Context, name, slug string) (int32, error) {
	var id int32
	err := h.conn.QueryRow(ctx, sqlCreateCategory, name, slug).Scan(&id)
	return id, err
}

func (h pgxHand) CreatePost(ctx context.Context, categoryID int32, p *post) (int64, error) {
	var id int64
	err := h.conn.QueryRow(ctx, sqlCreatePost, p.authorID, categoryID, p.title, p.body,
		pgtype.Timestamptz{Time: p.publishedAt, Valid: p.publishedAtValid}).Scan(&id)
	return id, err
}

func (h pgxHand) CreateComment(ctx context.Context, postID int64, c *comment) error {
	_, err := h.conn.Exec(ctx, sqlCreateComment, postID, pgtype.Int8{Int64: c.authorID, Valid: c.authorIDValid}, c.body)
	return err
}

func (h pgxHand) GetPost(ctx context.Context, id int64) (int64, error) {
	var r pgxPost
	err := h.conn.QueryRow(ctx, sqlGetPost, id).
		Scan(&r.ID, &r.AuthorID, &r.CategoryID, &r.Title, &r.Body, &r.Views, &r.PublishedAt, &r.CreatedAt)
	return r.ID + int64(r.Views) + int64(len(r.Title)) + b2i(r.PublishedAt.Valid), err
}

func (h pgxHand) ListCommentsByPost(ctx context.Context, postID int64) (int64, error) {
	rows, err := h.conn.Query(ctx, sqlListCommentsByPost, postID)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var items []pgxComment
	for rows.Next() {
		var r pgxComment
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

func (h pgxHand) AddPostView(ctx context.Context, id int64) (int64, error) {
	tag, err := h.conn.Exec(ctx, sqlAddPostView, id)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (h pgxHand) GetUser(ctx context.Context, id int64) (int64, error) {
	var r pgxUser
	err := h.conn.QueryRow(ctx, sqlGetUser, id).Scan(&r.ID, &r.Email, &r.Name, &r.Bio, &r.Active, &r.CreatedAt)
	return r.ID + int64(len(r.Email)) + b2i(r.Bio.Valid), err
}

func (h pgxHand) CategoryAuthorStats(ctx context.Context, categoryID int32, lim int64) (int64, error) {
	rows, err := h.conn.Query(ctx, sqlCategoryAuthorStats, categoryID, lim)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var items []pgxStats
	for rows.Next() {
		var r pgxStats
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
