package flash_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	flash "github.com/flash-orm/flash-orm/go"
)

func TestBranches(t *testing.T) {
	ctx := context.Background()
	url := "sqlite://" + filepath.Join(t.TempDir(), "app.db")
	opts := project(t, "sqlite", url, "")
	if _, err := flash.Raw(ctx, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)", opts); err != nil {
		t.Fatal(err)
	}
	created, err := flash.CreateBranch(ctx, flash.BranchOptions{Options: opts, Name: "feature"})
	if err != nil || created.Action != "created" || created.Current != "main" || created.Copied == nil || created.Copied.Tables != 1 {
		t.Fatalf("create: %+v %v", created, err)
	}
	switched, err := flash.Checkout(ctx, flash.CheckoutOptions{Options: opts, Name: "feature"})
	if err != nil || switched.Current != "feature" {
		t.Fatalf("checkout: %+v %v", switched, err)
	}
	if _, err := flash.Raw(ctx, "CREATE TABLE tags (id INTEGER PRIMARY KEY)", opts); err != nil {
		t.Fatal(err)
	}
	list, err := flash.Branches(ctx, opts)
	if err != nil || list.Current != "feature" || len(list.Branches) != 2 || list.Branches[0].Name != "main" || !list.Branches[1].Current {
		t.Fatalf("branches: %+v %v", list, err)
	}
	diff, err := flash.DiffBranches(ctx, flash.BranchPairOptions{Options: opts, From: "main", To: "feature"})
	if err != nil || !diff.HasChanges || len(diff.Changes) != 1 || diff.Changes[0] != "+ table tags" ||
		!strings.Contains(diff.Up, "CREATE TABLE \"tags\"") || !strings.Contains(diff.Down, "DROP TABLE \"tags\"") {
		t.Fatalf("diff: %+v %v", diff, err)
	}
	_, err = flash.DeleteBranch(ctx, flash.BranchOptions{Options: opts, Name: "feature"})
	if k := kindOf(t, err); k != flash.KindState {
		t.Fatalf("deleting the current branch: %v", err)
	}
	_, err = flash.CreateBranch(ctx, flash.BranchOptions{Options: opts, Name: "Bad Name"})
	if k := kindOf(t, err); k != flash.KindInvalidRequest {
		t.Fatalf("bad name: %v", err)
	}
	if _, err := flash.Checkout(ctx, flash.CheckoutOptions{Options: opts, Name: "main"}); err != nil {
		t.Fatal(err)
	}
	renamed, err := flash.RenameBranch(ctx, flash.BranchPairOptions{Options: opts, From: "feature", To: "done"})
	if err != nil || renamed.From == nil || *renamed.From != "feature" || renamed.Branch != "done" {
		t.Fatalf("rename: %+v %v", renamed, err)
	}
	if deleted, err := flash.DeleteBranch(ctx, flash.BranchOptions{Options: opts, Name: "done"}); err != nil || deleted.Action != "deleted" {
		t.Fatalf("delete: %+v %v", deleted, err)
	}
	_, err = flash.Checkout(ctx, flash.CheckoutOptions{Options: opts, Name: "done"})
	if k := kindOf(t, err); k != flash.KindNotFound {
		t.Fatalf("unknown branch: %v", err)
	}
	made, err := flash.Checkout(ctx, flash.CheckoutOptions{Options: opts, Name: "again", Create: true})
	if err != nil || made.Current != "again" || made.Copied == nil {
		t.Fatalf("checkout -b: %+v %v", made, err)
	}
}
