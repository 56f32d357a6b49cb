package flash

import "fmt"

// Kind says what went wrong; see docs/API.md.
type Kind string

// The error kinds.
const (
	KindConfig            Kind = "config"
	KindParse             Kind = "parse"
	KindChecksumMismatch  Kind = "checksum_mismatch"
	KindConnection        Kind = "connection"
	KindDatabase          Kind = "database"
	KindMigrationFailed   Kind = "migration_failed"
	KindNeedsConfirmation Kind = "needs_confirmation"
	KindLockTimeout       Kind = "lock_timeout"
	KindState             Kind = "state"
	KindNotFound          Kind = "not_found"
	KindInvalidRequest    Kind = "invalid_request"
	KindIO                Kind = "io"
	KindCancelled         Kind = "cancelled"
	KindInternal          Kind = "internal"
)

// Error is an error of a flash operation. Inspect it with errors.As; a cancelled operation's
// Error also matches errors.Is(err, context.Canceled) (or DeadlineExceeded).
type Error struct {
	Kind    Kind     `json:"kind"`
	Message string   `json:"message"`
	Help    string   `json:"help"`
	Place   string   `json:"place"`
	Details []string `json:"details"`
	cause   error
}

// Error renders the place, the message and the help.
func (e *Error) Error() string {
	msg := e.Message
	if e.Place != "" {
		msg = e.Place + ": " + msg
	}
	if e.Help != "" {
		msg = fmt.Sprintf("%s (help: %s)", msg, e.Help)
	}
	return msg
}

// Unwrap returns the context's error for a cancelled operation.
func (e *Error) Unwrap() error { return e.cause }
