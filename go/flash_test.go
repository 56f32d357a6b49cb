package flash_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	flash "github.com/flash-orm/flash-orm/go"
)

// project makes a flash project in a temp dir whose DATABASE_URL is url.
func project(t *testing.T, provider, url, schema string) flash.Options {
	t.Helper()
	dir := t.TempDir()
	if _, err := flash.Init(context.Background(), flash.InitOptions{ProjectDir: dir, Provider: provider}); err != nil {
		t.Fatalf("init: %v", err)
	}
	write(t, filepath.Join(dir, ".env"), "DATABASE_URL="+url+"\n")
	write(t, filepath.Join(dir, "db/schema/schema.sql"), schema)
	return flash.Options{ProjectDir: dir}
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// postgres returns the URL of a fresh database on FLASH_TEST_POSTGRES_URL's server, dropped at
// the end of the test. Without the variable the test is skipped, except with CI=true.
func postgres(t *testing.T) string {
	t.Helper()
	server := os.Getenv("FLASH_TEST_POSTGRES_URL")
	if server == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("FLASH_TEST_POSTGRES_URL is not set, and CI=true: database tests must not be skipped")
		}
		t.Skip("FLASH_TEST_POSTGRES_URL is not set")
	}
	admin := project(t, "postgresql", server, "")
	name := fmt.Sprintf("flash_go_%d_%d", os.Getpid(), time.Now().UnixNano())
	ctx := context.Background()
	if _, err := flash.Raw(ctx, "CREATE DATABASE "+name, admin); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		_, _ = flash.Raw(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)", admin)
	})
	base, query, _ := strings.Cut(server, "?")
	i := strings.LastIndex(base, "/")
	url := base[:i+1] + name
	if query != "" {
		url += "?" + query
	}
	return url
}

func kindOf(t *testing.T, err error) flash.Kind {
	t.Helper()
	var fe *flash.Error
	if !errors.As(err, &fe) {
		t.Fatalf("not a *flash.Error: %v", err)
	}
	return fe.Kind
}

func scenario(t *testing.T, provider, url, schema string) {
	ctx := context.Background()
	opts := project(t, provider, url, schema)

	plan, err := flash.Plan(ctx, flash.PlanOptions{Options: opts})
	if err != nil || !plan.HasChanges || !strings.Contains(plan.Up, "CREATE TABLE") {
		t.Fatalf("plan: %+v %v", plan, err)
	}
	if entries, _ := os.ReadDir(filepath.Join(opts.ProjectDir, "db/migrations")); len(entries) != 0 {
		t.Fatalf("plan wrote %d files", len(entries))
	}
	m, err := flash.Migrate(ctx, flash.MigrateOptions{Options: opts, Name: "create users"})
	if err != nil || m.Outcome != "written" || m.ID == "" {
		t.Fatalf("migrate: %+v %v", m, err)
	}
	applied, err := flash.Apply(ctx, flash.ApplyOptions{Options: opts})
	if err != nil || len(applied.Applied) != 1 {
		t.Fatalf("apply: %+v %v", applied, err)
	}
	st, err := flash.Status(ctx, opts)
	if err != nil || st.Applied != 1 || st.Pending != 0 || st.Migrations[0].State != flash.StateApplied {
		t.Fatalf("status: %+v %v", st, err)
	}
	rows, err := flash.Raw(ctx, "INSERT INTO users (email) VALUES ('a@x'); SELECT email FROM users", opts)
	if err != nil || len(rows) != 2 || *rows[1].Rows[0][0] != "a@x" {
		t.Fatalf("raw: %+v %v", rows, err)
	}
	dbs, err := flash.Databases(ctx, opts)
	if err != nil || len(dbs) != 1 || !dbs[0].Default || dbs[0].Provider != provider {
		t.Fatalf("databases: %+v %v", dbs, err)
	}

	if _, err := flash.Raw(ctx, "SELECT nope FROM users", opts); kindOf(t, err) != flash.KindDatabase {
		t.Fatalf("bad SQL: %v", err)
	}
	if _, err := flash.Down(ctx, flash.DownOptions{Options: opts}); kindOf(t, err) != flash.KindNeedsConfirmation {
		t.Fatalf("down without yes: %v", err)
	}
	if _, err := flash.Down(ctx, flash.DownOptions{Options: opts, Steps: 1, To: "x", Yes: true}); kindOf(t, err) != flash.KindInvalidRequest {
		t.Fatalf("steps and to: %v", err)
	}
	down, err := flash.Down(ctx, flash.DownOptions{Options: opts, Yes: true})
	if err != nil || len(down.Reverted) != 1 {
		t.Fatalf("down: %+v %v", down, err)
	}

	// Editing an applied migration is a checksum mismatch on the next apply.
	if _, err := flash.Apply(ctx, flash.ApplyOptions{Options: opts}); err != nil {
		t.Fatal(err)
	}
	path := m.Path
	if !filepath.IsAbs(path) {
		path = filepath.Join(opts.ProjectDir, path)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, strings.Replace(string(text), "-- +migrate Up\n", "-- +migrate Up\n-- edited\nSELECT 1;\n", 1))
	if _, err := flash.Apply(ctx, flash.ApplyOptions{Options: opts}); kindOf(t, err) != flash.KindChecksumMismatch {
		t.Fatalf("edited migration: %v", err)
	}

	// A broken schema is a parse error with its place.
	write(t, filepath.Join(opts.ProjectDir, "db/schema/schema.sql"), "CREATE TABLE (;\n")
	_, err = flash.Plan(ctx, flash.PlanOptions{Options: opts})
	var fe *flash.Error
	if !errors.As(err, &fe) || fe.Kind != flash.KindParse || !strings.Contains(fe.Place, "schema.sql:1:") {
		t.Fatalf("broken schema: %#v", err)
	}
}

func TestSQLite(t *testing.T) {
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	scenario(t, "sqlite", url, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n")
}

func TestPostgres(t *testing.T) {
	scenario(t, "postgresql", postgres(t), "CREATE TABLE users (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL);\n")
}

func TestConfigError(t *testing.T) {
	_, err := flash.Status(context.Background(), flash.Options{ProjectDir: t.TempDir()})
	var fe *flash.Error
	if !errors.As(err, &fe) || fe.Kind != flash.KindConfig || !strings.Contains(fe.Help, "`init`") {
		t.Fatalf("no flash.toml: %#v", err)
	}
}

func TestVersion(t *testing.T) {
	if flash.Version() == "" {
		t.Fatal("no version")
	}
}

// Cancelling the context stops a running statement within a moment and says so.
func TestCancel(t *testing.T) {
	opts := project(t, "postgresql", postgres(t), "")
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := flash.Raw(ctx, "SELECT pg_sleep(30)", opts)
	if !errors.Is(err, context.DeadlineExceeded) || kindOf(t, err) != flash.KindCancelled {
		t.Fatalf("cancel: %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Fatalf("cancel took %v", d)
	}
	// The server stops the statement too (PostgreSQL 14+ checks for the closed connection),
	// so nothing keeps running, or keeps holding the migration lock, after a cancel.
	deadline := time.Now().Add(5 * time.Second)
	for {
		rows, err := flash.Raw(context.Background(), "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(30)'", opts)
		if err != nil {
			t.Fatal(err)
		}
		if *rows[0].Rows[0][0] == "0" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the cancelled statement still runs on the server after 5 s")
		}
		time.Sleep(100 * time.Millisecond)
	}
	// An already-cancelled context never starts the call.
	_, err = flash.Status(ctx, opts)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("done context: %v", err)
	}
}

// Calls from many goroutines at once are safe.
func TestConcurrentCalls(t *testing.T) {
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	opts := project(t, "sqlite", url, "CREATE TABLE t (id INTEGER PRIMARY KEY);\n")
	ctx := context.Background()
	if _, err := flash.Migrate(ctx, flash.MigrateOptions{Options: opts, Name: "t"}); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for i := 0; i < 8; i++ {
		go func() {
			_, err := flash.Apply(ctx, flash.ApplyOptions{Options: opts})
			errs <- err
		}()
	}
	for i := 0; i < 8; i++ {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	st, err := flash.Status(ctx, opts)
	if err != nil || st.Applied != 1 {
		t.Fatalf("status: %+v %v", st, err)
	}
}

func TestRunCLI(t *testing.T) {
	ctx := context.Background()
	if code := flash.RunCLI(ctx, []string{"flash", "--version"}); code != 0 {
		t.Fatalf("--version: %d", code)
	}
	if code := flash.RunCLI(ctx, []string{"flash", "no-such-command"}); code != 2 {
		t.Fatalf("usage: %d", code)
	}
	if code := flash.RunCLI(ctx, []string{"flash", "status", "--config", filepath.Join(t.TempDir(), "flash.toml")}); code != 1 {
		t.Fatalf("missing config: %d", code)
	}
}

// A LockTimeout gives up on the lock another apply holds, with KindLockTimeout.
func TestLockTimeout(t *testing.T) {
	ctx := context.Background()
	opts := project(t, "postgresql", postgres(t), "CREATE TABLE t (id BIGINT PRIMARY KEY);\n")
	m, err := flash.Migrate(ctx, flash.MigrateOptions{Options: opts, Name: "slow"})
	if err != nil {
		t.Fatal(err)
	}
	text, err := os.ReadFile(m.Path)
	if err != nil {
		t.Fatal(err)
	}
	write(t, m.Path, strings.Replace(string(text), "-- +migrate Up\n", "-- +migrate Up\nSELECT pg_sleep(2);\n", 1))
	done := make(chan error, 1)
	go func() {
		_, err := flash.Apply(ctx, flash.ApplyOptions{Options: opts})
		done <- err
	}()
	time.Sleep(500 * time.Millisecond)
	_, err = flash.Apply(ctx, flash.ApplyOptions{Options: opts, LockTimeout: 300 * time.Millisecond})
	if kindOf(t, err) != flash.KindLockTimeout {
		t.Fatalf("second apply: %v", err)
	}
	if err := <-done; err != nil {
		t.Fatalf("first apply: %v", err)
	}
}

// TestGenerate: Generate writes typed Go from the queries Init wrote, then reports it up to
// date; a query error is a *flash.Error of kind "parse" naming its place, and writes nothing.
func TestGenerate(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	opts := project(t, "sqlite", url, "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);\n")
	tomlPath := filepath.Join(opts.ProjectDir, "flash.toml")
	toml, err := os.ReadFile(tomlPath)
	if err != nil {
		t.Fatal(err)
	}
	write(t, tomlPath, strings.Replace(string(toml), "[gen.go]\nenabled = false", "[gen.go]\nenabled = true", 1))

	first, err := flash.Generate(ctx, flash.GenerateOptions{Options: opts})
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	if !first.Changed || first.UpToDate || first.Queries != 2 || len(first.Languages) != 1 {
		t.Fatalf("first run: %+v", first)
	}
	goOut := first.Languages[0]
	if goOut.Language != "go" || goOut.Options["driver"] != "database_sql" {
		t.Fatalf("language: %+v", goOut)
	}
	for _, f := range goOut.Files {
		if f.Status != "created" {
			t.Fatalf("%s: %s", f.Path, f.Status)
		}
		if _, err := os.Stat(f.Path); err != nil {
			t.Fatal(err)
		}
	}
	again, err := flash.Generate(ctx, flash.GenerateOptions{Options: opts, Languages: []string{"go"}})
	if err != nil || !again.UpToDate {
		t.Fatalf("second run: %+v, %v", again, err)
	}

	write(t, filepath.Join(opts.ProjectDir, "db/queries/broken.sql"), "-- name: Broken :one\nSELECT nope FROM users;\n")
	_, err = flash.Generate(ctx, flash.GenerateOptions{Options: opts})
	if kindOf(t, err) != flash.KindParse {
		t.Fatalf("kind: %v", err)
	}
	var fe *flash.Error
	errors.As(err, &fe)
	found := false
	for _, d := range fe.Details {
		found = found || strings.Contains(d, "broken.sql:2:8")
	}
	if !found {
		t.Fatalf("details: %v", fe.Details)
	}
}

func TestBaselineDriftAndPull(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	opts := project(t, "sqlite", url, "")
	if err := os.Remove(filepath.Join(opts.ProjectDir, "db/schema/schema.sql")); err != nil {
		t.Fatal(err)
	}
	if _, err := flash.Raw(ctx, "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", opts); err != nil {
		t.Fatalf("raw: %v", err)
	}
	adopted, err := flash.Baseline(ctx, flash.BaselineOptions{Options: opts})
	if err != nil {
		t.Fatalf("baseline: %v", err)
	}
	if len(adopted.Changes) == 0 || len(adopted.Pull.Files) != 1 || adopted.Pull.Files[0].Action != "created" {
		t.Fatalf("baseline: %+v", adopted)
	}
	st, err := flash.Status(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Applied != 1 || !st.Drift.Checked || st.Drift.HasDrift() || st.Drift.Source != "database" {
		t.Fatalf("status after baseline: %+v", st)
	}
	var fe *flash.Error
	if _, err := flash.Baseline(ctx, flash.BaselineOptions{Options: opts}); !errors.As(err, &fe) || fe.Kind != flash.KindState {
		t.Fatalf("second baseline: %v", err)
	}

	if _, err := flash.Raw(ctx, "CREATE INDEX people_name ON people (name)", opts); err != nil {
		t.Fatal(err)
	}
	st, err = flash.Status(ctx, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(st.Drift.Changes) != 1 || !strings.Contains(st.Drift.SQL, "people_name") {
		t.Fatalf("drift: %+v", st.Drift)
	}
	absorbed, err := flash.AbsorbDrift(ctx, flash.AbsorbDriftOptions{Options: opts, Name: "add index"})
	if err != nil || absorbed == nil || len(absorbed.Changes) != 1 {
		t.Fatalf("absorb: %+v %v", absorbed, err)
	}
	none, err := flash.AbsorbDrift(ctx, flash.AbsorbDriftOptions{Options: opts, Name: "nothing"})
	if err != nil || none != nil {
		t.Fatalf("absorb again: %+v %v", none, err)
	}

	dry, err := flash.Pull(ctx, flash.PullOptions{Options: opts, DryRun: true})
	if err != nil || !dry.DryRun || len(dry.Files) != 0 || dry.Tables != 1 {
		t.Fatalf("pull --dry-run: %+v %v", dry, err)
	}
	elsewhere, err := flash.Pull(ctx, flash.PullOptions{Options: opts, Output: "pulled"})
	if err != nil || len(elsewhere.Files) != 1 {
		t.Fatalf("pull --output: %+v %v", elsewhere, err)
	}
	if _, err := os.Stat(filepath.Join(opts.ProjectDir, "pulled", "schema.sql")); err != nil {
		t.Fatal(err)
	}
}

func TestExport(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	opts := project(t, "sqlite", url, "")
	for _, sql := range []string{
		"CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
		"INSERT INTO notes VALUES (1, 'x,y'), (2, ''), (3, NULL)",
	} {
		if _, err := flash.Raw(ctx, sql, opts); err != nil {
			t.Fatalf("raw: %v", err)
		}
	}
	report, err := flash.Export(ctx, flash.ExportOptions{Options: opts})
	if err != nil {
		t.Fatalf("export: %v", err)
	}
	if report.Format != "json" || report.Rows != 3 || filepath.Base(filepath.Dir(report.Path)) != "export" {
		t.Fatalf("export: %+v", report)
	}
	var doc struct {
		Data map[string][]map[string]any `json:"data"`
	}
	text, err := os.ReadFile(report.Path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(text, &doc); err != nil {
		t.Fatal(err)
	}
	if got := doc.Data["notes"]; len(got) != 3 || got[1]["body"] != "" || got[2]["body"] != nil {
		t.Fatalf("rows: %v", got)
	}
	csv, err := flash.Export(ctx, flash.ExportOptions{Options: opts, Format: "csv", Tables: []string{"notes"}, Output: "out"})
	if err != nil {
		t.Fatalf("export csv: %v", err)
	}
	body, err := os.ReadFile(filepath.Join(csv.Path, "notes.csv"))
	if err != nil || string(body) != "id,body\n1,\"x,y\"\n2,\"\"\n3,\n" {
		t.Fatalf("csv: %q %v", body, err)
	}
	_, err = flash.Export(ctx, flash.ExportOptions{Options: opts, Tables: []string{"nope"}})
	var fe *flash.Error
	if !errors.As(err, &fe) || fe.Kind != flash.KindNotFound {
		t.Fatalf("unknown table: %v", err)
	}
	if _, err := flash.Raw(ctx, "DELETE FROM notes", opts); err != nil {
		t.Fatal(err)
	}
	loaded, err := flash.Import(ctx, flash.ImportOptions{Options: opts, Path: report.Path, DataOnly: true})
	if err != nil || loaded.Rows != 3 {
		t.Fatalf("import: %+v %v", loaded, err)
	}
	_, err = flash.Import(ctx, flash.ImportOptions{Options: opts, Path: report.Path, DataOnly: true})
	if !errors.As(err, &fe) || fe.Kind != flash.KindState {
		t.Fatalf("conflict: %v", err)
	}
	if _, err := flash.Raw(ctx, "DELETE FROM notes", opts); err != nil {
		t.Fatal(err)
	}
	fromCSV, err := flash.Import(ctx, flash.ImportOptions{Options: opts, Path: "out"})
	if err != nil || fromCSV.Format != "csv" || fromCSV.Rows != 3 {
		t.Fatalf("import csv: %+v %v", fromCSV, err)
	}
	reset, err := flash.Reset(ctx, flash.ResetOptions{Options: opts, Force: true})
	if err != nil || !strings.HasSuffix(reset.Backup, "_reset.json") {
		t.Fatalf("reset: %+v %v", reset, err)
	}
}
