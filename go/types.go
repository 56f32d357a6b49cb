package flash

import "time"

// Options says which project and database an operation works on.
type Options struct {
	// ProjectDir is where flash.toml is searched from (upwards); the current directory if empty.
	ProjectDir string `json:"project_dir,omitempty"`
	// ConfigPath is the flash.toml to use; relative to ProjectDir.
	ConfigPath string `json:"config_path,omitempty"`
	// DB is the database of a multi-database project (--db).
	DB string `json:"db,omitempty"`
	// Env also reads .env.<Env> (--env).
	Env string `json:"env,omitempty"`
}

// InitOptions are the options of Init.
type InitOptions struct {
	// ProjectDir is the folder to create the project in (the current one if empty).
	ProjectDir string `json:"project_dir,omitempty"`
	// Provider is "sqlite" (the default), "postgresql" or "mysql".
	Provider string `json:"provider,omitempty"`
}

// PlanOptions are the options of Plan.
type PlanOptions struct {
	Options `json:"-"`
	// Renames confirms renames: "old=new" (tables) or "table.old=new" (columns).
	Renames []string `json:"renames,omitempty"`
	// NoRename treats likely renames as drop + add.
	NoRename bool `json:"no_rename,omitempty"`
}

// MigrateOptions are the options of Migrate.
type MigrateOptions struct {
	Options `json:"-"`
	// Name is the migration's name, e.g. "add users" (required).
	Name string `json:"name"`
	// Empty writes an empty template instead of a diff.
	Empty    bool     `json:"empty,omitempty"`
	Renames  []string `json:"renames,omitempty"`
	NoRename bool     `json:"no_rename,omitempty"`
}

// ApplyOptions are the options of Apply.
type ApplyOptions struct {
	Options `json:"-"`
	// NoBackup skips the export to export_path written before data may be lost.
	NoBackup bool `json:"no_backup,omitempty"`
	// Yes confirms destructive migrations.
	Yes bool `json:"yes,omitempty"`
	// LockTimeout limits the wait for another process's migration lock (KindLockTimeout after);
	// zero waits as long as it takes.
	LockTimeout time.Duration `json:"-"`
}

// DownOptions are the options of Down.
type DownOptions struct {
	Options `json:"-"`
	// NoBackup skips the export to export_path written before data may be lost.
	NoBackup bool `json:"no_backup,omitempty"`
	// Steps is how many migrations to undo (1 when neither Steps nor To is set).
	Steps int `json:"steps,omitempty"`
	// To undoes every migration applied after this id.
	To string `json:"to,omitempty"`
	// Yes confirms (required: undoing drops what the migrations created).
	Yes bool `json:"yes,omitempty"`
	// LockTimeout limits the wait for another process's migration lock (KindLockTimeout after);
	// zero waits as long as it takes.
	LockTimeout time.Duration `json:"-"`
}

// ResetOptions are the options of Reset.
type ResetOptions struct {
	Options `json:"-"`
	// Force is required: a reset drops everything.
	Force bool `json:"force,omitempty"`
	// NoBackup skips the export to export_path written before data may be lost.
	NoBackup bool `json:"no_backup,omitempty"`
}

// AcceptOptions are the options of Accept.
type AcceptOptions struct {
	Options `json:"-"`
	// ID selects one migration (an unambiguous prefix); every modified one when empty.
	ID string `json:"id,omitempty"`
}

// GenerateOptions are the options of Generate.
type GenerateOptions struct {
	Options `json:"-"`
	// Force ignores the cache: every query file is analysed again.
	Force bool `json:"force,omitempty"`
	// Check writes nothing; the report's Changed says whether anything would change.
	Check bool `json:"check,omitempty"`
	// Languages picks some of "go", "js", "python"; every enabled [gen.*] section when empty.
	Languages []string `json:"languages,omitempty"`
}

// PullOptions are the options of Pull.
type PullOptions struct {
	Options `json:"-"`
	// Output writes into this folder (relative to ProjectDir) instead of the schema folder.
	Output string `json:"output,omitempty"`
	// Backup copies the files that change to a backup folder first.
	Backup bool `json:"backup,omitempty"`
	// DryRun writes nothing; the report says what would change.
	DryRun bool `json:"dry_run,omitempty"`
	// Schemas (PostgreSQL) reads only these schemas; empty: `schemas` of flash.toml, else
	// every non-system schema.
	Schemas []string `json:"schemas,omitempty"`
}

// ExportOptions are the options of Export.
type ExportOptions struct {
	Options `json:"-"`
	// Format is "json" (the default), "csv" or "sqlite".
	Format string `json:"format,omitempty"`
	// Tables limits the export to these tables; Exclude leaves these out.
	Tables  []string `json:"tables,omitempty"`
	Exclude []string `json:"exclude,omitempty"`
	// SchemaOnly writes the schema without rows; DataOnly the rows without the schema.
	SchemaOnly bool `json:"schema_only,omitempty"`
	DataOnly   bool `json:"data_only,omitempty"`
	// Output is the file (JSON, SQLite) or folder (CSV) to write, relative to ProjectDir;
	// empty: a new one in export_path.
	Output string `json:"output,omitempty"`
}

// ImportOptions are the options of Import.
type ImportOptions struct {
	Options `json:"-"`
	// Path is the JSON export to load (relative to ProjectDir).
	Path string `json:"path"`
	// DataOnly requires every table to exist already.
	DataOnly bool `json:"data_only,omitempty"`
}

// BaselineOptions are the options of Baseline.
type BaselineOptions struct {
	Options `json:"-"`
	// Name is the first migration's name; "baseline" when empty.
	Name string `json:"name,omitempty"`
}

// AbsorbDriftOptions are the options of AbsorbDrift.
type AbsorbDriftOptions struct {
	Options `json:"-"`
	// Name is the migration's name (required).
	Name string `json:"name"`
}

// GeneratedFile is one file Generate wrote (with Check: would write).
type GeneratedFile struct {
	Path string `json:"path"`
	// Status is "created", "updated", "unchanged" or "deleted".
	Status string `json:"status"`
}

// GeneratedLanguage is the output of one language.
type GeneratedLanguage struct {
	Language string `json:"language"`
	Out      string `json:"out"`
	// Options are the resolved [gen.*] options (driver, package, ...).
	Options map[string]any  `json:"options"`
	Files   []GeneratedFile `json:"files"`
}

// GenerateReport is what Generate did.
type GenerateReport struct {
	// UpToDate: nothing was analysed or written (the cache matched the project and the files).
	UpToDate bool `json:"up_to_date"`
	Check    bool `json:"check"`
	// Changed: a file was (with Check: would be) created, updated or deleted.
	Changed    bool `json:"changed"`
	QueryFiles int  `json:"query_files"`
	Queries    int  `json:"queries"`
	// AnalysedFiles counts the query files analysed in this call; the rest came from the cache.
	AnalysedFiles int                 `json:"analysed_files"`
	Languages     []GeneratedLanguage `json:"languages"`
	Warnings      []string            `json:"warnings"`
}

// Notice is a warning that did not stop the operation.
type Notice struct {
	Message string `json:"message"`
	Place   string `json:"place,omitempty"`
	Help    string `json:"help,omitempty"`
}

// InitReport is what Init created.
type InitReport struct {
	Provider string   `json:"provider"`
	Created  []string `json:"created"`
	Kept     []string `json:"kept"`
	// Languages found by their manifests, whose [gen.*] sections the new flash.toml enables.
	Languages []DetectedLanguage `json:"languages"`
}

// DetectedLanguage is a project language found by its manifest file.
type DetectedLanguage struct {
	// Gen is the [gen.*] section: "go", "js" or "python".
	Gen string `json:"gen"`
	// File is the manifest that shows it: "go.mod", "package.json", "pyproject.toml", ...
	File string `json:"file"`
}

// PlanReport is the migration Migrate would write now.
type PlanReport struct {
	HasChanges  bool     `json:"has_changes"`
	Changes     []string `json:"changes"`
	Destructive []string `json:"destructive"`
	Warnings    []Notice `json:"warnings"`
	Up          string   `json:"up"`
	Down        string   `json:"down"`
	Baseline    string   `json:"baseline"`
}

// MigrateReport is what Migrate did: Outcome is "written" or "nothing_to_do".
type MigrateReport struct {
	Outcome     string   `json:"outcome"`
	ID          string   `json:"id"`
	Path        string   `json:"path"`
	Changes     []string `json:"changes"`
	Destructive []string `json:"destructive"`
	Warnings    []Notice `json:"warnings"`
	Up          string   `json:"up"`
	Down        string   `json:"down"`
	Baseline    string   `json:"baseline"`
}

// ApplyReport is what Apply did.
type ApplyReport struct {
	Applied        []string `json:"applied"`
	AlreadyApplied []string `json:"already_applied"`
	WaitedForLock  bool     `json:"waited_for_lock"`
	OutOfOrder     []string `json:"out_of_order"`
	// Backup is the export written first because data may be lost (export_path/backup_*.json).
	Backup string `json:"backup,omitempty"`
}

// DownReport is what Down undid, newest first.
type DownReport struct {
	Reverted      []string `json:"reverted"`
	WaitedForLock bool     `json:"waited_for_lock"`
	// Backup is the export written first because data may be lost (export_path/backup_*.json).
	Backup string `json:"backup,omitempty"`
}

// MigrationState is the state of one migration.
type MigrationState string

// The migration states.
const (
	StateApplied  MigrationState = "applied"
	StatePending  MigrationState = "pending"
	StateModified MigrationState = "modified"
	StateMissing  MigrationState = "missing"
	StateFailed   MigrationState = "failed"
)

// MigrationStatus is one migration in a StatusReport.
type MigrationStatus struct {
	ID           string         `json:"id"`
	Name         string         `json:"name"`
	State        MigrationState `json:"state"`
	AppliedAt    *string        `json:"applied_at"`
	StartedAt    *string        `json:"started_at"`
	AppliedSteps *int64         `json:"applied_steps"`
	Logs         *string        `json:"logs"`
	Destructive  []string       `json:"destructive"`
}

// UnmanagedObject is an object in the database flash does not model (a function, trigger,
// policy, sequence no column owns, grant, other schema, ...): listed, never compared or dropped.
type UnmanagedObject struct {
	// Kind is upper case: FUNCTION, TRIGGER, POLICY, SEQUENCE, GRANT, SCHEMA, ...
	Kind string `json:"kind"`
	Name string `json:"name"`
	// Table is the table a trigger, policy or grant belongs to.
	Table string `json:"table,omitempty"`
}

// DriftReport compares the live schema with the snapshot recorded with the last applied
// migration.
type DriftReport struct {
	// Checked is false when flash cannot tell what the schema should be (see Reason).
	Checked bool `json:"checked"`
	// Against is the last applied migration, whose snapshot the database was compared with.
	Against string `json:"against,omitempty"`
	// Source is "database" (the history table's record) or "snapshot_file".
	Source string `json:"source,omitempty"`
	Reason string `json:"reason,omitempty"`
	// Changes has one line per out-of-band change; empty when there is no drift.
	Changes []string `json:"changes"`
	// SQL holds the statements that made the expected schema into the live one.
	SQL       string            `json:"sql,omitempty"`
	Unmanaged []UnmanagedObject `json:"unmanaged"`
}

// HasDrift reports whether the database differs from what its migrations say.
func (d DriftReport) HasDrift() bool { return len(d.Changes) > 0 }

// StatusReport lists every migration with its state, and the database's drift.
type StatusReport struct {
	Provider   string            `json:"provider"`
	Migrations []MigrationStatus `json:"migrations"`
	Applied    int               `json:"applied"`
	Pending    int               `json:"pending"`
	Problems   int               `json:"problems"`
	Drift      DriftReport       `json:"drift"`
}

// PulledFile is one schema file Pull wrote (with DryRun: would write).
type PulledFile struct {
	Path string `json:"path"`
	// Action is "created", "updated" or "removed".
	Action string `json:"action"`
}

// PullReport is what Pull found in the database and did to the schema files.
type PullReport struct {
	Provider string `json:"provider"`
	Output   string `json:"output"`
	Tables   int    `json:"tables"`
	Enums    int    `json:"enums"`
	Views    int    `json:"views"`
	// Added lists elements new in the files ("table tags").
	Added []string `json:"added"`
	// Updated lists elements rewritten because the database differs from the files.
	Updated []string `json:"updated"`
	// Removed lists elements removed because the database no longer has them.
	Removed []string     `json:"removed"`
	Files   []PulledFile `json:"files"`
	// Backup is where the previous files were copied (Backup option), or nil.
	Backup    *string           `json:"backup"`
	Unmanaged []UnmanagedObject `json:"unmanaged"`
	DryRun    bool              `json:"dry_run"`
}

// ExportedTable is one table of an export.
type ExportedTable struct {
	Name string `json:"name"`
	Rows int64  `json:"rows"`
	// File is the table's CSV file (CSV exports only).
	File string `json:"file,omitempty"`
}

// ExportReport is what Export wrote.
type ExportReport struct {
	// Format is "json", "csv" or "sqlite".
	Format string `json:"format"`
	// Path is the file (JSON, SQLite) or folder (CSV) written.
	Path   string          `json:"path"`
	Tables []ExportedTable `json:"tables"`
	Rows   int64           `json:"rows"`
}

// ImportedTable is one table of an import.
type ImportedTable struct {
	Name string `json:"name"`
	Rows int64  `json:"rows"`
	// Created says the import created the table from the export's schema.
	Created bool `json:"created"`
}

// ImportReport is what Import loaded.
type ImportReport struct {
	Path string `json:"path"`
	// Format is "json", "csv" or "sqlite".
	Format string          `json:"format"`
	Tables []ImportedTable `json:"tables"`
	Rows   int64           `json:"rows"`
}

// AdoptReport is a migration written and recorded as applied without running (Baseline,
// AbsorbDrift), with what the pull did to the schema files.
type AdoptReport struct {
	ID      string     `json:"id"`
	Path    string     `json:"path"`
	Changes []string   `json:"changes"`
	Pull    PullReport `json:"pull"`
}

// ResetReport is what Reset dropped.
type ResetReport struct {
	Dropped []string `json:"dropped"`
	// Backup is the export written first because data may be lost (export_path/backup_*.json).
	Backup string `json:"backup,omitempty"`
}

// QueryResult is the result of one statement run by Raw. A nil cell is SQL NULL.
type QueryResult struct {
	Columns      []string    `json:"columns"`
	Rows         [][]*string `json:"rows"`
	RowsAffected uint64      `json:"rows_affected"`
}

// AcceptReport lists the migrations Accept re-accepted.
type AcceptReport struct {
	Accepted []string `json:"accepted"`
}

// Database is one database of a project.
type Database struct {
	Name           string  `json:"name"`
	Provider       string  `json:"provider"`
	Default        bool    `json:"default"`
	URLEnv         string  `json:"url_env"`
	URL            *string `json:"url"`
	SchemaDir      string  `json:"schema_dir"`
	MigrationsPath string  `json:"migrations_path"`
}
