package main

import (
	"context"
	"fmt"
	"time"
)

// sizes of one run: the numbers, or a tenth of them with -quick.
type sizes struct {
	users, categories, posts, comments int
	joins, mixed, selects              int
}

var fullSizes = sizes{users: 1000, categories: 10, posts: 5000, comments: 15000, joins: 500, mixed: 1000, selects: 2000}

func (s sizes) scaled(by int) sizes {
	return sizes{users: s.users / by, categories: s.categories, posts: s.posts / by, comments: s.comments / by,
		joins: s.joins / by, mixed: s.mixed / by, selects: s.selects / by}
}

type user struct {
	email, name, bio string
	bioValid         bool
}

type post struct {
	authorID         int64
	title, body      string
	publishedAt      time.Time
	publishedAtValid bool
}

type comment struct {
	authorID      int64
	authorIDValid bool
	body          string
}

// op of the mixed workload: kind 0-2 GetPost, 3-4 ListCommentsByPost, 5 GetUser (75% reads),
// 6 CreateComment, 7 AddPostView (25% writes).
type op struct {
	kind   int
	target int64
	body   string // of the comment a kind-6 op writes
}

// data is every argument of every workload, made before any timing, the same for both sides.
// The values match db/seed.sql (README.md, "Data").
type data struct {
	users    []user
	posts    []post
	comments []comment
	ops      []op
}

func makeData(sz sizes) data {
	var d data
	for i := 1; i <= sz.users; i++ {
		u := user{email: fmt.Sprintf("user%d@example.com", i), name: fmt.Sprintf("User %d", i)}
		if i%3 != 0 {
			u.bio, u.bioValid = fmt.Sprintf("Bio of user %d, who writes about things.", i), true
		}
		d.users = append(d.users, u)
	}
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for j := 1; j <= sz.posts; j++ {
		p := post{
			authorID: int64((j*7919)%sz.users + 1),
			title:    fmt.Sprintf("Post %d", j),
			body:     fmt.Sprintf("Body of post %d. A few sentences of text, as a blog post would have at the start.", j),
		}
		if j%4 != 0 {
			p.publishedAt, p.publishedAtValid = base.Add(time.Duration(j)*time.Minute), true
		}
		d.posts = append(d.posts, p)
	}
	for k := 1; k <= sz.comments; k++ {
		c := comment{body: fmt.Sprintf("Comment %d on a post.", k)}
		if k%5 != 0 {
			c.authorID, c.authorIDValid = int64((k*31)%sz.users+1), true
		}
		d.comments = append(d.comments, c)
	}
	// Park-Miller: the same sequence in every language (no product exceeds 2^53).
	x := int64(42)
	for n := 0; n < sz.mixed; n++ {
		x = x * 48271 % 2147483647
		d.ops = append(d.ops, op{kind: int(x % 8), target: (x/8)%int64(sz.posts) + 1, body: fmt.Sprintf("Mixed comment %d", n)})
	}
	return d
}

// api is one side of the comparison. Each method makes one call and returns a checksum of
// what it read, so that nothing is optimised away and both sides are seen to read the same.
type api interface {
	CreateUser(ctx context.Context, u *user) (int64, error)
	CreateCategory(ctx context.Context, name, slug string) (int32, error)
	CreatePost(ctx context.Context, categoryID int32, p *post) (int64, error)
	CreateComment(ctx context.Context, postID int64, c *comment) error
	GetPost(ctx context.Context, id int64) (int64, error)
	ListCommentsByPost(ctx context.Context, postID int64) (int64, error)
	AddPostView(ctx context.Context, id int64) (int64, error)
	GetUser(ctx context.Context, id int64) (int64, error)
	CategoryAuthorStats(ctx context.Context, categoryID int32, lim int64) (int64, error)
}

type setupKind int

const (
	empty     setupKind = iota // truncated tables
	seedUsers                  // the users of seed.sql
	seedAll                    // all of seed.sql
)

type workload struct {
	name  string
	setup setupKind
	run   func(context.Context, api) (int64, error)
}

func workloads(sz sizes, d data) []workload {
	return []workload{
		{fmt.Sprintf("insert %s users", thousands(sz.users)), empty, func(ctx context.Context, a api) (int64, error) {
			var sum int64
			for i := range d.users {
				s, err := a.CreateUser(ctx, &d.users[i])
				if err != nil {
					return 0, err
				}
				sum += s
			}
			return sum, nil
		}},
		{fmt.Sprintf("insert %d categories + %s posts + %s comments", sz.categories, thousands(sz.posts), thousands(sz.comments)), seedUsers,
			func(ctx context.Context, a api) (int64, error) {
				var sum int64
				cats := make([]int32, 0, sz.categories)
				for c := 1; c <= sz.categories; c++ {
					id, err := a.CreateCategory(ctx, fmt.Sprintf("Category %d", c), fmt.Sprintf("category-%d", c))
					if err != nil {
						return 0, err
					}
					cats = append(cats, id)
					sum += int64(id)
				}
				postIDs := make([]int64, 0, len(d.posts))
				for j := range d.posts {
					id, err := a.CreatePost(ctx, cats[(j+1)%len(cats)], &d.posts[j])
					if err != nil {
						return 0, err
					}
					postIDs = append(postIDs, id)
					sum += id
				}
				for k := range d.comments {
					if err := a.CreateComment(ctx, postIDs[(k+1)%len(postIDs)], &d.comments[k]); err != nil {
						return 0, err
					}
					sum++
				}
				return sum, nil
			}},
		{fmt.Sprintf("4-table join with aggregates x%s", thousands(sz.joins)), seedAll, func(ctx context.Context, a api) (int64, error) {
			var sum int64
			for n := 0; n < sz.joins; n++ {
				s, err := a.CategoryAuthorStats(ctx, int32(n%sz.categories+1), 50)
				if err != nil {
					return 0, err
				}
				sum += s
			}
			return sum, nil
		}},
		{fmt.Sprintf("mixed 75%% read / 25%% write x%s", thousands(sz.mixed)), seedAll, func(ctx context.Context, a api) (int64, error) {
			var sum int64
			for _, o := range d.ops {
				var s int64
				var err error
				switch o.kind {
				case 0, 1, 2:
					s, err = a.GetPost(ctx, o.target)
				case 3, 4:
					s, err = a.ListCommentsByPost(ctx, o.target)
				case 5:
					s, err = a.GetUser(ctx, o.target%int64(sz.users)+1)
				case 6:
					c := comment{body: o.body}
					if o.target%5 != 0 {
						c.authorID, c.authorIDValid = o.target%int64(sz.users)+1, true
					}
					err = a.CreateComment(ctx, o.target, &c)
					s = 1
				default:
					s, err = a.AddPostView(ctx, o.target)
				}
				if err != nil {
					return 0, err
				}
				sum += s
			}
			return sum, nil
		}},
		{fmt.Sprintf("select by primary key x%s", thousands(sz.selects)), seedAll, func(ctx context.Context, a api) (int64, error) {
			var sum int64
			for n := 0; n < sz.selects; n++ {
				s, err := a.GetUser(ctx, int64((n*7)%sz.users+1))
				if err != nil {
					return 0, err
				}
				sum += s
			}
			return sum, nil
		}},
	}
}

// thousands writes 15000 as 15,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// backend is a driver's connection with its two sides.
type backend interface {
	label() string
	exec(ctx context.Context, sql string) error
	hand() api
	generated() api
	close()
}
