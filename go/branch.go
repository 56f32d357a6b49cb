package flash

import "context"

// BranchOptions are the options of CreateBranch and DeleteBranch.
type BranchOptions struct {
	Options `json:"-"`
	// Name is the branch (lower-case letters, digits, "_" and "-").
	Name string `json:"name"`
}

// CheckoutOptions are the options of Checkout.
type CheckoutOptions struct {
	Options `json:"-"`
	// Name is the branch to switch to; "main" is the database the URL names.
	Name string `json:"name"`
	// Create copies the current branch under Name first (flash checkout -b).
	Create bool `json:"create,omitempty"`
}

// BranchPairOptions are the options of RenameBranch (From becomes To) and DiffBranches (the
// migration from From's schema to To's).
type BranchPairOptions struct {
	Options `json:"-"`
	From    string `json:"from"`
	To      string `json:"to"`
}

// Branch is one branch of a BranchList.
type Branch struct {
	Name    string `json:"name"`
	Current bool   `json:"current"`
	// Location is the branch's PostgreSQL schema, MySQL database or SQLite file.
	Location string `json:"location"`
}

// BranchList is what Branches found: main first, the current one marked.
type BranchList struct {
	Current  string   `json:"current"`
	Branches []Branch `json:"branches"`
}

// BranchCopy is what creating a branch copied.
type BranchCopy struct {
	Tables int `json:"tables"`
	Views  int `json:"views"`
	// Rows is nil for SQLite, whose branch is a file copy that does not count rows.
	Rows *int64 `json:"rows"`
	// NotCopied lists objects flash does not manage (functions, triggers, ...) as "KIND name".
	NotCopied []string `json:"not_copied"`
}

// BranchReport is what CreateBranch, Checkout, DeleteBranch or RenameBranch did.
type BranchReport struct {
	// Action is "created", "checked_out", "deleted" or "renamed".
	Action string `json:"action"`
	Branch string `json:"branch"`
	// From is the branch copied (created) or the old name (renamed); nil otherwise.
	From *string `json:"from"`
	// Current is the branch the project is on afterwards.
	Current  string      `json:"current"`
	Location string      `json:"location"`
	Copied   *BranchCopy `json:"copied"`
	// SharedSchemas are PostgreSQL schemas of `schemas = [...]` a branch shares with main.
	SharedSchemas []string `json:"shared_schemas"`
}

// BranchDiffReport is the schema difference between two branches as a migration.
type BranchDiffReport struct {
	From        string   `json:"from"`
	To          string   `json:"to"`
	HasChanges  bool     `json:"has_changes"`
	Changes     []string `json:"changes"`
	Destructive []string `json:"destructive"`
	Warnings    []string `json:"warnings"`
	Up          string   `json:"up"`
	Down        string   `json:"down"`
}

// Branches lists the schema branches (flash branch): main first, the current one marked.
func Branches(ctx context.Context, opts Options) (*BranchList, error) {
	return run[BranchList](ctx, "branches", opts, nil)
}

// CreateBranch copies the current branch, schema and rows, under a new name (flash branch
// NAME); the project stays on its branch. A bad name gives a *Error of kind
// "invalid_request", an existing one kind "state".
func CreateBranch(ctx context.Context, opts BranchOptions) (*BranchReport, error) {
	return run[BranchReport](ctx, "create_branch", opts.Options, opts)
}

// Checkout switches the project to a branch (flash checkout [-b] NAME): every call then works
// on it. An unknown branch gives a *Error of kind "not_found".
func Checkout(ctx context.Context, opts CheckoutOptions) (*BranchReport, error) {
	return run[BranchReport](ctx, "checkout", opts.Options, opts)
}

// DeleteBranch deletes a branch with everything in it (flash branch --delete NAME). Main and
// the current branch give a *Error of kind "state".
func DeleteBranch(ctx context.Context, opts BranchOptions) (*BranchReport, error) {
	return run[BranchReport](ctx, "delete_branch", opts.Options, opts)
}

// RenameBranch renames branch From to To (flash branch --move FROM TO).
func RenameBranch(ctx context.Context, opts BranchPairOptions) (*BranchReport, error) {
	return run[BranchReport](ctx, "rename_branch", opts.Options, opts)
}

// DiffBranches returns the migration (Up and Down SQL) from branch From's schema to branch
// To's (flash branch diff FROM TO).
func DiffBranches(ctx context.Context, opts BranchPairOptions) (*BranchDiffReport, error) {
	return run[BranchDiffReport](ctx, "diff_branches", opts.Options, opts)
}
