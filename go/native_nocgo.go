//go:build !cgo

package flash

import (
	"context"
	"fmt"
	"os"
)

const noCgo = "flash-orm for Go runs the flash engine through cgo, and cgo is disabled: " +
	"build with CGO_ENABLED=1 and a C compiler (and the static library: bash go/build-lib.sh)"

func nativeCall(_ context.Context, op, _ string) (string, error) {
	return "", &Error{Kind: KindInternal, Message: op + ": " + noCgo}
}

func nativeVersion() string { return "" }

func nativeRunCLI(_ context.Context, _ []string) int {
	fmt.Fprintln(os.Stderr, "flash: "+noCgo)
	return 1
}
