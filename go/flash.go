package flash

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// envelope is the result of every call: exactly one of Ok and Error is set.
type envelope struct {
	Ok    json.RawMessage `json:"ok"`
	Error *Error          `json:"error"`
}

// call runs operation op with the request req and decodes the report into out.
func call(ctx context.Context, op string, req any, out any) error {
	if err := ctx.Err(); err != nil {
		return &Error{Kind: KindCancelled, Message: op + " was not started: " + err.Error(), cause: err}
	}
	body, err := json.Marshal(req)
	if err != nil {
		return &Error{Kind: KindInvalidRequest, Message: fmt.Sprintf("%s: cannot encode the request: %v", op, err)}
	}
	text, err := nativeCall(ctx, op, string(body))
	if err != nil {
		return err
	}
	var env envelope
	if err := json.Unmarshal([]byte(text), &env); err != nil {
		return &Error{Kind: KindInternal, Message: fmt.Sprintf("%s: cannot decode the result: %v", op, err)}
	}
	if env.Error != nil {
		if env.Error.Kind == KindCancelled && ctx.Err() != nil {
			env.Error.cause = ctx.Err()
		}
		return env.Error
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(env.Ok, out); err != nil {
		return &Error{Kind: KindInternal, Message: fmt.Sprintf("%s: cannot decode the report: %v", op, err)}
	}
	return nil
}

// withProject is the request of an operation: its own fields plus the "project" object.
func withProject(opts Options, args any) (map[string]any, error) {
	m := map[string]any{}
	if args != nil {
		b, err := json.Marshal(args)
		if err != nil {
			return nil, err
		}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, err
		}
	}
	m["project"] = opts
	return m, nil
}

func run[T any](ctx context.Context, op string, opts Options, args any) (*T, error) {
	return runWith[T](ctx, op, opts, args, 0)
}

// runWith is run with a lock timeout (sent in seconds; zero sends none).
func runWith[T any](ctx context.Context, op string, opts Options, args any, lockTimeout time.Duration) (*T, error) {
	req, err := withProject(opts, args)
	if err == nil && lockTimeout > 0 {
		req["lock_timeout"] = lockTimeout.Seconds()
	}
	if err != nil {
		return nil, &Error{Kind: KindInvalidRequest, Message: fmt.Sprintf("%s: cannot encode the request: %v", op, err)}
	}
	out := new(T)
	if err := call(ctx, op, req, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Version returns the engine's version.
func Version() string { return nativeVersion() }

// Init creates a project: flash.toml, an example schema, the folders. Existing files are kept.
func Init(ctx context.Context, opts InitOptions) (*InitReport, error) {
	out := new(InitReport)
	if err := call(ctx, "init", opts, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Plan returns the migration Migrate would write now, without writing anything.
func Plan(ctx context.Context, opts PlanOptions) (*PlanReport, error) {
	return run[PlanReport](ctx, "plan", opts.Options, opts)
}

// Migrate writes a migration for the changes of the schema files (or an empty one).
func Migrate(ctx context.Context, opts MigrateOptions) (*MigrateReport, error) {
	return run[MigrateReport](ctx, "migrate", opts.Options, opts)
}

// Apply runs the pending migrations, one transaction each, under the migration lock.
func Apply(ctx context.Context, opts ApplyOptions) (*ApplyReport, error) {
	return runWith[ApplyReport](ctx, "apply", opts.Options, opts, opts.LockTimeout)
}

// Down undoes applied migrations: the last one, the last Steps, or every one after To.
func Down(ctx context.Context, opts DownOptions) (*DownReport, error) {
	return runWith[DownReport](ctx, "down", opts.Options, opts, opts.LockTimeout)
}

// Status lists every migration with its state.
func Status(ctx context.Context, opts Options) (*StatusReport, error) {
	return run[StatusReport](ctx, "status", opts, nil)
}

// Reset drops every object of the database and the migration history (Force is required).
func Reset(ctx context.Context, opts ResetOptions) (*ResetReport, error) {
	return run[ResetReport](ctx, "reset", opts.Options, opts)
}

// Raw runs SQL (one or more statements) and returns each statement's result.
func Raw(ctx context.Context, sql string, opts Options) ([]QueryResult, error) {
	out, err := run[[]QueryResult](ctx, "raw", opts, map[string]any{"sql": sql})
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// Accept re-accepts edited applied migrations (all modified ones when ID is empty).
func Accept(ctx context.Context, opts AcceptOptions) (*AcceptReport, error) {
	return run[AcceptReport](ctx, "accept", opts.Options, opts)
}

// Generate writes typed query code for the enabled [gen.*] languages (flash gen). Errors in
// query files come back as a *Error of kind "parse" whose Details list each one with its
// file:line:column.
func Generate(ctx context.Context, opts GenerateOptions) (*GenerateReport, error) {
	return run[GenerateReport](ctx, "generate", opts.Options, opts)
}

// Pull writes the live schema into the schema files (flash pull): elements that match keep
// their text, changed ones are rewritten in place, dropped ones removed, new ones appended.
// Objects flash does not model are listed in the report's Unmanaged.
func Pull(ctx context.Context, opts PullOptions) (*PullReport, error) {
	return run[PullReport](ctx, "pull", opts.Options, opts)
}

// Export writes the data and schema (flash export) as JSON (the Go Flash ORM's layout, the
// default), CSV files or a portable SQLite file, streamed with flat memory and every value
// exact. An unknown table gives a *Error of kind "not_found" naming the tables there are.
func Export(ctx context.Context, opts ExportOptions) (*ExportReport, error) {
	return run[ExportReport](ctx, "export", opts.Options, opts)
}

// Import loads an export (a JSON file, a CSV folder or a SQLite file) into the database (flash
// import), parents first, in one transaction, by the bulk path; tables it lacks are created
// from the export (retyped for another kind of database) unless DataOnly. A conflicting row or
// a value that does not fit gives a *Error of kind "state" and nothing is imported.
func Import(ctx context.Context, opts ImportOptions) (*ImportReport, error) {
	return run[ImportReport](ctx, "import", opts.Options, opts)
}

// Baseline adopts a database flash never managed: it pulls the schema, writes a first
// migration and records it as applied. A project with migrations, or a database already
// managed, gives a *Error of kind "state".
func Baseline(ctx context.Context, opts BaselineOptions) (*AdoptReport, error) {
	return run[AdoptReport](ctx, "baseline", opts.Options, opts)
}

// AbsorbDrift records the database's out-of-band changes as a migration marked applied
// (nothing runs) and pulls them into the schema files. The report is nil when there is no
// drift. While the schema files hold changes no migration captures it gives a *Error of kind
// "state" whose Details list them.
func AbsorbDrift(ctx context.Context, opts AbsorbDriftOptions) (*AdoptReport, error) {
	out, err := run[struct {
		Absorbed *AdoptReport `json:"absorbed"`
	}](ctx, "absorb_drift", opts.Options, opts)
	if err != nil {
		return nil, err
	}
	return out.Absorbed, nil
}

// Databases lists the databases of the project.
func Databases(ctx context.Context, opts Options) ([]Database, error) {
	out, err := run[[]Database](ctx, "databases", opts, nil)
	if err != nil {
		return nil, err
	}
	return *out, nil
}

// RunCLI runs a flash command line (args[0] is the program name), printing to the process's
// stdout and stderr, and returns the exit code: 0 ok, 1 error, 2 usage, 3 a --check found
// something, 130 when ctx was cancelled.
func RunCLI(ctx context.Context, args []string) int { return nativeRunCLI(ctx, args) }
