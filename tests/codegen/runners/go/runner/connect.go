package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-sql-driver/mysql"
	"github.com/jackc/pgx/v5"

	// The database/sql drivers: "pgx" (pgx's stdlib) and "sqlite" (modernc); "mysql" comes
	// with the import above.
	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

// connection is what a variant's New takes (*sql.DB or *pgx.Conn), and how to close it.
type connection struct {
	dbtx  any
	close func()
}

// connect opens the database of url with the variant's driver, set up as the calls expect:
// MySQL in UTC with parseTime, SQLite with foreign keys on.
func connect(ctx context.Context, provider, driver, rawURL string) (connection, error) {
	if driver == "pgx" {
		c, err := pgx.Connect(ctx, rawURL)
		if err != nil {
			return connection{}, err
		}
		return connection{dbtx: c, close: func() { _ = c.Close(context.Background()) }}, nil
	}
	var name, dsn string
	switch provider {
	case "postgresql":
		name, dsn = "pgx", rawURL
	case "mysql":
		d, err := mysqlDSN(rawURL)
		if err != nil {
			return connection{}, err
		}
		name, dsn = "mysql", d
	case "sqlite":
		name, dsn = "sqlite", sqliteDSN(rawURL)
	default:
		return connection{}, fmt.Errorf("unknown provider %q", provider)
	}
	db, err := sql.Open(name, dsn)
	if err != nil {
		return connection{}, err
	}
	if err := db.PingContext(ctx); err != nil {
		_ = db.Close()
		return connection{}, err
	}
	return connection{dbtx: db, close: func() { _ = db.Close() }}, nil
}

// mysqlDSN turns mysql://user:pass@host:port/db into go-sql-driver's DSN, with what the
// generated code needs (parseTime, so DATE and DATETIME scan into time.Time) and the
// corpus's UTC session.
func mysqlDSN(rawURL string) (string, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", err
	}
	cfg := mysql.NewConfig()
	cfg.User = u.User.Username()
	cfg.Passwd, _ = u.User.Password()
	cfg.Net = "tcp"
	cfg.Addr = u.Host
	cfg.DBName = strings.TrimPrefix(u.Path, "/")
	cfg.ParseTime = true
	cfg.Loc = time.UTC
	cfg.Params = map[string]string{"time_zone": "'+00:00'"}
	return cfg.FormatDSN(), nil
}

// sqliteDSN turns sqlite://path (flash's form) into modernc's file: DSN.
func sqliteDSN(rawURL string) string {
	path := strings.TrimPrefix(strings.TrimPrefix(rawURL, "sqlite://"), "sqlite:")
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
}
