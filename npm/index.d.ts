// Types of flash-orm: the flash migration engine, in-process.
// The wire format behind them (shared with the Python and Go packages) is docs/API.md.

// ---------------------------------------------------------------------------------------------
// Options

/** Which project and database an operation works on. */
export interface ProjectOptions {
  /** Where `flash.toml` is searched from (upwards); the current directory by default. */
  projectDir?: string | null;
  /** The `flash.toml` to use; a relative path is taken from `projectDir`. */
  configPath?: string | null;
  /** The database of a multi-database project (`--db`). */
  db?: string | null;
  /** Also read `.env.NAME` (`--env`). */
  env?: string | null;
}

/** What every operation but `version` and `runCli` accepts besides its own options. */
export interface CallOptions {
  /** Aborting it stops the operation within about 50 ms: the promise rejects with a
   * {@link CancelledError}, an open transaction is rolled back and the lock released. */
  signal?: AbortSignal;
}

export type Provider = 'postgresql' | 'mysql' | 'sqlite';

export interface InitOptions extends CallOptions {
  /** The folder to create the project in; the current directory by default. */
  projectDir?: string | null;
  /** `sqlite` by default. */
  provider?: Provider | null;
}

export interface RenameOptions {
  /** Confirmed renames: `"old=new"` (tables) or `"table.old=new"` (columns). */
  renames?: string[];
  /** Treat likely renames as a drop and an add. */
  noRename?: boolean;
}

export interface PlanOptions extends ProjectOptions, RenameOptions, CallOptions {}

export interface MigrateOptions extends ProjectOptions, RenameOptions, CallOptions {
  /** Write an empty template instead of the changes of the schema files. */
  empty?: boolean;
}

export interface ApplyOptions extends ProjectOptions, CallOptions {
  /** Skip the backup export to `export_path` written before data may be lost. */
  noBackup?: boolean;
  /** Confirms destructive migrations; without it they fail with {@link NeedsConfirmationError}. */
  yes?: boolean;
  /** Seconds to wait for another process's migration lock ({@link LockTimeoutError} after). */
  lockTimeout?: number | null;
}

export interface DownOptions extends ProjectOptions, CallOptions {
  /** Skip the backup export to `export_path` written before data may be lost. */
  noBackup?: boolean;
  /** How many migrations to undo (1 when neither `steps` nor `to` is given). */
  steps?: number | null;
  /** Undo every migration applied after this id. Not together with `steps`. */
  to?: string | null;
  /** Required: without it the call fails with {@link NeedsConfirmationError}. */
  yes?: boolean;
  /** Seconds to wait for another process's migration lock ({@link LockTimeoutError} after). */
  lockTimeout?: number | null;
}

export interface StatusOptions extends ProjectOptions, CallOptions {}

export interface ResetOptions extends ProjectOptions, CallOptions {
  /** Skip the backup export to `export_path` written before data may be lost. */
  noBackup?: boolean;
  /** Required: a reset is never done unconfirmed. */
  force?: boolean;
}

export interface RawOptions extends ProjectOptions, CallOptions {}

export interface AcceptOptions extends ProjectOptions, CallOptions {
  /** One migration (an unambiguous id prefix); every modified one when not given. */
  id?: string | null;
}

export interface DatabasesOptions extends ProjectOptions, CallOptions {}

export interface GenerateOptions extends ProjectOptions, CallOptions {
  /** Ignore the cache: analyse every query file. */
  force?: boolean;
  /** Write nothing; `changed` in the report says whether anything would change. */
  check?: boolean;
  /** Some of `go`, `js`, `python`; every enabled `[gen.*]` section when not given. */
  languages?: string[];
}

export interface PullOptions extends ProjectOptions, CallOptions {
  /** Write into this folder (relative to `projectDir`) instead of the schema folder. */
  output?: string;
  /** Copy the files that change to a backup folder first. */
  backup?: boolean;
  /** Write nothing; the report says what would change. */
  dryRun?: boolean;
  /**
   * PostgreSQL: read only these schemas (default: `schemas` of flash.toml, else every
   * non-system schema).
   */
  schemas?: string[];
}

export interface ExportOptions extends ProjectOptions, CallOptions {
  /** `'json'` (the default: the Go Flash ORM's layout), `'csv'` or `'sqlite'`. */
  format?: 'json' | 'csv' | 'sqlite';
  /** Only these tables (by name, or `schema.name`). */
  tables?: string[];
  /** Leave these tables out. */
  exclude?: string[];
  /** The schema without rows. */
  schemaOnly?: boolean;
  /** The rows without the schema. */
  dataOnly?: boolean;
  /** The file (JSON, SQLite) or folder (CSV) to write, relative to `projectDir`; default a new one in `export_path`. */
  output?: string;
}

export interface ImportOptions extends ProjectOptions, CallOptions {
  /** Every table must exist already: rows only. */
  dataOnly?: boolean;
}

export interface SeedOptions extends ProjectOptions, CallOptions {
  /** Rows per table, e.g. `{ users: 100, posts: 500 }`; default every table. */
  tables?: Record<string, number>;
  /** Rows for every table without a count, and for parents added; default 10. */
  count?: number;
  /** The same seed gives the same rows; default a random one (reported). */
  seed?: number;
  /** Delete the seeded tables' rows first; needs `yes: true`. */
  truncate?: boolean;
  /** Plan and generate, write nothing; the report has sample rows. */
  dryRun?: boolean;
  /** Leave these tables out. */
  exclude?: string[];
  /** Confirms `truncate`. */
  yes?: boolean;
}

export interface BaselineOptions extends ProjectOptions, CallOptions {
  /** The first migration's name; "baseline" when not given. */
  name?: string;
}

export interface AbsorbDriftOptions extends ProjectOptions, CallOptions {}

export interface BranchOptions extends ProjectOptions, CallOptions {}

export interface CheckoutOptions extends ProjectOptions, CallOptions {
  /** Create the branch as a copy of the current one first (`flash checkout -b`). */
  create?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Reports (the engine's snake_case keys, camelCased)

/** Something worth a look that does not stop the operation. */
export interface Notice {
  message: string;
  /** `file:line:column`, when it has a place. */
  place?: string;
  help?: string;
}

export interface InitReport {
  provider: Provider;
  /** Absolute paths of the files and folders created. */
  created: string[];
  /** Files that existed already and were left alone. */
  kept: string[];
  /** Languages found by their manifests, whose `[gen.*]` sections the new flash.toml enables. */
  languages: { gen: 'go' | 'js' | 'python'; file: string }[];
}

export interface PlanReport {
  /** False when the schema files match the last migration. */
  hasChanges: boolean;
  /** One line per change (`+ table users`). */
  changes: string[];
  /** Why applying it may lose data. */
  destructive: string[];
  warnings: Notice[];
  /** The Up SQL (empty without changes). */
  up: string;
  /** The Down SQL (empty without changes). */
  down: string;
  /** What the schema files were compared with: `snapshot`, `database` or `empty`; null without changes. */
  baseline: 'snapshot' | 'database' | 'empty' | null;
}

/** `migrate` wrote a migration. */
export interface MigrateWritten {
  outcome: 'written';
  /** The migration's id (`20250101120000_add_users`). */
  id: string;
  /** The absolute path of the migration file. */
  path: string;
  changes: string[];
  destructive: string[];
  warnings: Notice[];
  up: string;
  down: string;
  baseline: 'snapshot' | 'database' | 'empty';
}

/** `migrate` found nothing to write: the schema files match the last migration. */
export interface MigrateNothingToDo {
  outcome: 'nothing_to_do';
  warnings: Notice[];
}

export type MigrateReport = MigrateWritten | MigrateNothingToDo;

export interface ApplyReport {
  /** The export written first because data may be lost (`export_path/backup_*.json`). */
  backup?: string;
  /** Ids applied by this call, in order. */
  applied: string[];
  /** Applied by another process while this one waited for the lock. */
  alreadyApplied: string[];
  waitedForLock: boolean;
  /** Pending migrations whose id sorts before an applied one (made on another branch). */
  outOfOrder: string[];
}

export interface DownReport {
  /** The export written first because data may be lost (`export_path/backup_*.json`). */
  backup?: string;
  /** Ids undone, newest first. */
  reverted: string[];
  waitedForLock: boolean;
}

export type MigrationState = 'applied' | 'pending' | 'modified' | 'missing' | 'failed';

export interface MigrationStatus {
  id: string;
  name: string;
  state: MigrationState;
  appliedAt: string | null;
  startedAt: string | null;
  /** For a failed migration: the statements applied. */
  appliedSteps: number | null;
  /** The error recorded: of a failed migration, or of a failed Down of an applied one. */
  logs: string | null;
  /** Why it may lose data; present only when it may. */
  destructive?: string[];
}

/** An object in the database flash does not model: listed, never compared or dropped. */
export interface UnmanagedObject {
  /** Upper case: `FUNCTION`, `TRIGGER`, `POLICY`, `SEQUENCE`, `GRANT`, `SCHEMA`, ... */
  kind: string;
  name: string;
  /** The table a trigger, policy or grant belongs to. */
  table?: string;
}

/** The live schema against the snapshot recorded with the last applied migration. */
export interface DriftReport {
  /** False when flash cannot tell what the schema should be (see `reason`). */
  checked: boolean;
  /** The last applied migration, whose snapshot the database was compared with. */
  against?: string;
  source?: 'database' | 'snapshot_file';
  reason?: string;
  /** One line per out-of-band change (`+ index users.users_email`); empty: no drift. */
  changes: string[];
  /** The statements that made the expected schema into the live one. */
  sql?: string;
  unmanaged: UnmanagedObject[];
}

export interface StatusReport {
  provider: string;
  migrations: MigrationStatus[];
  applied: number;
  pending: number;
  /** Modified, missing or failed migrations: something needs attention. */
  problems: number;
  drift: DriftReport;
}

/** A schema file {@link pull} wrote (with `dryRun`: would write). */
export interface PulledFile {
  path: string;
  action: 'created' | 'updated' | 'removed';
}

/** What {@link pull} found and did. */
export interface PullReport {
  provider: string;
  output: string;
  tables: number;
  enums: number;
  views: number;
  /** Elements new in the files (`table tags`). */
  added: string[];
  /** Elements rewritten because the database differs from the files. */
  updated: string[];
  /** Elements removed from the files because the database no longer has them. */
  removed: string[];
  files: PulledFile[];
  /** Where the previous files were copied (`backup`). */
  backup: string | null;
  unmanaged: UnmanagedObject[];
  dryRun: boolean;
}

/** One table of an export. */
export interface ExportedTable {
  name: string;
  rows: number;
  /** The table's CSV file (CSV exports only). */
  file?: string;
}

/** What {@link exportData} wrote. */
export interface ExportReport {
  format: 'json' | 'csv' | 'sqlite';
  /** The file (JSON, SQLite) or folder (CSV) written. */
  path: string;
  tables: ExportedTable[];
  rows: number;
}

/** One table of an import. */
export interface ImportedTable {
  name: string;
  rows: number;
  /** Created by the import from the export's schema. */
  created: boolean;
}

/** What {@link importData} loaded. */
export interface ImportReport {
  path: string;
  /** The export's format. */
  format: 'json' | 'csv' | 'sqlite';
  tables: ImportedTable[];
  rows: number;
}

/** Sample rows of a dry {@link seed}: the column names, then each row's values. */
export interface SeedSample {
  columns: string[];
  rows: unknown[][];
}

/** One table of a {@link seed}. */
export interface SeededTable {
  name: string;
  rows: number;
  /** Not asked for: an empty parent a seeded table needs. */
  addedAsParent: boolean;
  /** Foreign keys set after the other tables of their cycle (`column -> table`). */
  deferred?: string[];
  /** Foreign keys left NULL: their table is excluded and empty. */
  nulled?: string[];
  /** CHECK constraints seed could not read (the database still checks them). */
  unchecked?: string[];
  /** The first rows, on a dry run. */
  sample?: SeedSample;
}

/** What {@link seed} wrote (or, on a dry run, would write). */
export interface SeedReport {
  /** The seed used: the same seed gives the same rows. */
  seed: number;
  dryRun: boolean;
  /** In the order they are filled (parents first). */
  tables: SeededTable[];
  /** Tables with rows whose keys the seeded rows reference. */
  reused: string[];
  truncated: string[];
  rows: number;
  elapsedMs: number;
}

/** One branch of {@link branches}. */
export interface Branch {
  name: string;
  current: boolean;
  /** Its PostgreSQL schema, MySQL database or SQLite file. */
  location: string;
}

/** What {@link branches} found: main first. */
export interface BranchList {
  current: string;
  branches: Branch[];
}

/** What creating a branch copied. */
export interface BranchCopy {
  tables: number;
  views: number;
  /** Null for SQLite, whose branch is a file copy that does not count rows. */
  rows: number | null;
  /** Objects flash does not manage (functions, triggers, ...), as `KIND name`. */
  notCopied: string[];
}

/** What {@link createBranch}, {@link checkout}, {@link deleteBranch} or {@link renameBranch} did. */
export interface BranchReport {
  action: 'created' | 'checked_out' | 'deleted' | 'renamed';
  branch: string;
  /** Created: the branch copied; renamed: the old name. */
  from: string | null;
  /** The branch the project is on afterwards. */
  current: string;
  location: string;
  copied: BranchCopy | null;
  /** PostgreSQL schemas of `schemas = [...]` that a branch shares with main. */
  sharedSchemas: string[];
}

/** The schema difference between two branches as a migration ({@link diffBranches}). */
export interface BranchDiffReport {
  from: string;
  to: string;
  hasChanges: boolean;
  changes: string[];
  destructive: string[];
  warnings: string[];
  up: string;
  down: string;
}

/** A migration written and recorded as applied without running ({@link baseline}, {@link absorbDrift}). */
export interface AdoptReport {
  id: string;
  path: string;
  changes: string[];
  /** What the pull did to the schema files. */
  pull: PullReport;
}

export interface ResetReport {
  /** The export written first because data may be lost (`export_path/backup_*.json`). */
  backup?: string;
  /** What was dropped. */
  dropped: string[];
}

/** The result of one statement of `raw`. */
export interface QueryResult {
  columns: string[];
  /** Cells as text; null is SQL NULL. */
  rows: (string | null)[][];
  rowsAffected: number;
}

/** One file {@link generate} wrote (with `check`: would write). */
export interface GeneratedFile {
  path: string;
  status: 'created' | 'updated' | 'unchanged' | 'deleted';
}

/** The output of one language. */
export interface GeneratedLanguage {
  language: 'go' | 'js' | 'python';
  out: string;
  /** The resolved `[gen.*]` options (driver, package, ...), camelCased. */
  options: Record<string, unknown>;
  files: GeneratedFile[];
}

/** What {@link generate} did. */
export interface GenerateReport {
  /** Nothing was analysed or written: the cache matched the project and the files. */
  upToDate: boolean;
  check: boolean;
  /** A file was (with `check`: would be) created, updated or deleted. */
  changed: boolean;
  queryFiles: number;
  queries: number;
  /** Query files analysed in this call; the others came from the cache. */
  analysedFiles: number;
  languages: GeneratedLanguage[];
  warnings: string[];
}

export interface AcceptReport {
  /** Ids whose new checksum was stored. */
  accepted: string[];
}

export interface Database {
  name: string;
  provider: Provider;
  /** The database picked when `db` is not given. */
  default: boolean;
  /** The environment variable holding its URL. */
  urlEnv: string;
  /** The URL with its password masked; null when the variable is unset. */
  url: string | null;
  schemaDir: string;
  migrationsPath: string;
}

// ---------------------------------------------------------------------------------------------
// Errors

export type ErrorKind =
  | 'config'
  | 'parse'
  | 'checksum_mismatch'
  | 'connection'
  | 'database'
  | 'migration_failed'
  | 'needs_confirmation'
  | 'lock_timeout'
  | 'state'
  | 'not_found'
  | 'invalid_request'
  | 'io'
  | 'cancelled'
  | 'internal';

export interface FlashErrorFields {
  kind?: ErrorKind | string;
  help?: string | null;
  place?: string | null;
  details?: string[];
}

/** An error of a flash operation; a subclass per kind. */
export class FlashError extends Error {
  constructor(message: string, fields?: FlashErrorFields);
  /** What went wrong, in a word (the wire name). */
  readonly kind: ErrorKind;
  /** What the user can do about it. */
  readonly help: string | null;
  /** `file:line[:column]` when the error has a place. */
  readonly place: string | null;
  /** More lines: each schema error, the statements needing confirmation, ... */
  readonly details: string[];
}

/** flash.toml is missing or wrong, an env file is unreadable, the URL is unset or wrong. */
export class ConfigError extends FlashError {
  readonly kind: 'config';
}
/** The schema files or a migration file do not parse (`place` says where). */
export class ParseError extends FlashError {
  readonly kind: 'parse';
}
/** An applied migration's file changed (or is gone) since it was applied. */
export class ChecksumMismatchError extends FlashError {
  readonly kind: 'checksum_mismatch';
}
/** Connecting to the database failed. */
export class ConnectionError extends FlashError {
  readonly kind: 'connection';
}
/** The database refused a statement (outside a migration). */
export class DatabaseError extends FlashError {
  readonly kind: 'database';
}
/** A migration (or its Down section) failed; `details` holds the statement. */
export class MigrationFailedError extends FlashError {
  readonly kind: 'migration_failed';
}
/** The operation needs `yes`, `force` or `renames`; `details` lists what needs it. */
export class NeedsConfirmationError extends FlashError {
  readonly kind: 'needs_confirmation';
}
/** Another process held the migration lock for longer than `lockTimeout`. */
export class LockTimeoutError extends FlashError {
  readonly kind: 'lock_timeout';
}
/** The migrations folder or snapshot is inconsistent. */
export class StateError extends FlashError {
  readonly kind: 'state';
}
/** A request names something that does not exist (a migration id). */
export class NotFoundError extends FlashError {
  readonly kind: 'not_found';
}
/** The request is malformed: an unknown option, a bad value, `steps` with `to`. */
export class InvalidRequestError extends FlashError {
  readonly kind: 'invalid_request';
}
/** Reading or writing a file failed. */
export class IOError extends FlashError {
  readonly kind: 'io';
}
/** The `signal` was aborted. `cause` is the signal's reason. */
export class CancelledError extends FlashError {
  readonly kind: 'cancelled';
  /** `'ABORT_ERR'`, as Node's own AbortError. */
  readonly code: 'ABORT_ERR';
}
/** A bug in flash: please report it. */
export class InternalError extends FlashError {
  readonly kind: 'internal';
}

// ---------------------------------------------------------------------------------------------
// Operations

/** The engine's version, e.g. `"0.1.0"`. */
export function version(): string;

/** Creates a project: flash.toml, .env, db/schema, db/queries, db/migrations. Existing files are kept. */
export function init(options?: InitOptions): Promise<InitReport>;

/** What `migrate` would write now, without writing anything. */
export function plan(options?: PlanOptions): Promise<PlanReport>;

/** Writes a migration named `name` for the changes of the schema files (and the new snapshot). */
export function migrate(name: string, options?: MigrateOptions): Promise<MigrateReport>;

/** Applies the pending migrations. */
export function apply(options?: ApplyOptions): Promise<ApplyReport>;

/** Undoes applied migrations: the last one, the last `steps`, or all after `to`. Needs `yes`. */
export function down(options?: DownOptions): Promise<DownReport>;

/** Every migration with its state. */
export function status(options?: StatusOptions): Promise<StatusReport>;

/** Drops every table, view and type of the database, and the history. Needs `force`. */
export function reset(options?: ResetOptions): Promise<ResetReport>;

/** Runs SQL (one or more statements): one result per statement. */
export function raw(sql: string, options?: RawOptions): Promise<QueryResult[]>;

/** Stores the new checksums of edited applied migrations: the one `id` names, or all. */
export function accept(options?: AcceptOptions): Promise<AcceptReport>;

/** Generates typed query code (`flash gen`). Query errors reject with {@link ParseError}. */
export function generate(options?: GenerateOptions): Promise<GenerateReport>;

/** Writes the live schema into the schema files (`flash pull`), element by element. */
export function pull(options?: PullOptions): Promise<PullReport>;

/**
 * Exports the data and schema (`flash export`) as JSON, CSV files or a SQLite file, streamed
 * with flat memory, every value exact. Named `exportData` because `export` is reserved.
 */
export function exportData(options?: ExportOptions): Promise<ExportReport>;

/**
 * Loads an export (a JSON file, a CSV folder or a SQLite file) into the database (`flash
 * import`) in one transaction, by the bulk path; tables it lacks are created from the export
 * (retyped for another kind of database) unless `dataOnly`. A conflicting row or a value that
 * does not fit rejects with {@link StateError} and nothing is imported. Named `importData` because `import`
 * is reserved.
 */
export function importData(path: string, options?: ImportOptions): Promise<ImportReport>;

/**
 * Fills tables with believable rows (`flash seed`), parents first, in one transaction; the
 * same `seed` gives the same rows. `truncate` needs `yes` (else {@link NeedsConfirmationError}).
 */
export function seed(options?: SeedOptions): Promise<SeedReport>;

/** The schema branches (`flash branch`): main (the database the URL names) first. */
export function branches(options?: BranchOptions): Promise<BranchList>;

/** Creates branch `name` as a copy of the current one, schema and rows; the project stays. */
export function createBranch(name: string, options?: BranchOptions): Promise<BranchReport>;

/**
 * Switches the project to branch `name`: every operation then works on it. `create` copies
 * the current branch first. Rejects with {@link NotFoundError} for an unknown branch.
 */
export function checkout(name: string, options?: CheckoutOptions): Promise<BranchReport>;

/** Deletes branch `name`; rejects with {@link StateError} for main or the current branch. */
export function deleteBranch(name: string, options?: BranchOptions): Promise<BranchReport>;

/** Renames branch `from` to `to`. */
export function renameBranch(from: string, to: string, options?: BranchOptions): Promise<BranchReport>;

/** The migration (Up and Down SQL) from branch `from`'s schema to branch `to`'s. */
export function diffBranches(from: string, to: string, options?: BranchOptions): Promise<BranchDiffReport>;

/** Adopts a database flash never managed: pull, a first migration, recorded as applied. */
export function baseline(options?: BaselineOptions): Promise<AdoptReport>;

/**
 * Records the database's out-of-band changes as a migration marked applied and pulls them into
 * the schema files; null when there is no drift. Rejects with {@link StateError} while the
 * schema files hold changes no migration captures.
 */
export function absorbDrift(name: string, options?: AbsorbDriftOptions): Promise<AdoptReport | null>;

/** The databases of the project. */
export function databases(options?: DatabasesOptions): Promise<Database[]>;

/**
 * Runs the `flash` command line in this process and returns its exit code (0 ok, 1 error,
 * 2 usage, 3 a `--check` found something, 130 interrupted). `argv` includes the program name:
 * `runCli(['flash', 'status'])`. It blocks the event loop until the command ends and prints
 * straight to file descriptors 1 and 2. It installs no signal handler (the `flash` bin does:
 * there Ctrl-C stops the command with 130).
 */
export function runCli(argv: string[]): number;

declare const flash: {
  version: typeof version;
  init: typeof init;
  plan: typeof plan;
  migrate: typeof migrate;
  apply: typeof apply;
  down: typeof down;
  status: typeof status;
  reset: typeof reset;
  raw: typeof raw;
  accept: typeof accept;
  databases: typeof databases;
  generate: typeof generate;
  pull: typeof pull;
  exportData: typeof exportData;
  importData: typeof importData;
  seed: typeof seed;
  branches: typeof branches;
  createBranch: typeof createBranch;
  checkout: typeof checkout;
  deleteBranch: typeof deleteBranch;
  renameBranch: typeof renameBranch;
  diffBranches: typeof diffBranches;
  baseline: typeof baseline;
  absorbDrift: typeof absorbDrift;
  runCli: typeof runCli;
  FlashError: typeof FlashError;
  ConfigError: typeof ConfigError;
  ParseError: typeof ParseError;
  ChecksumMismatchError: typeof ChecksumMismatchError;
  ConnectionError: typeof ConnectionError;
  DatabaseError: typeof DatabaseError;
  MigrationFailedError: typeof MigrationFailedError;
  NeedsConfirmationError: typeof NeedsConfirmationError;
  LockTimeoutError: typeof LockTimeoutError;
  StateError: typeof StateError;
  NotFoundError: typeof NotFoundError;
  InvalidRequestError: typeof InvalidRequestError;
  IOError: typeof IOError;
  CancelledError: typeof CancelledError;
  InternalError: typeof InternalError;
};
export default flash;
