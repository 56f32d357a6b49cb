// Package flash is flash-orm for Go: SQL-first schema migrations, run by the flash engine
// in-process through cgo.
//
// Every operation takes a context.Context (cancelling it stops the operation: an open migration
// transaction rolls back and the migration lock is released) and Options that say which project
// and database to use:
//
//	report, err := flash.Apply(ctx, flash.ApplyOptions{Options: flash.Options{ProjectDir: "."}})
//	var ferr *flash.Error
//	if errors.As(err, &ferr) && ferr.Kind == flash.KindNeedsConfirmation { ... }
//
// The package links the static library libflash.a built from the Rust sources (bash
// go/build-lib.sh); cgo must be enabled. `go run <module>/cmd/flash` is the flash command line.
package flash
