// Command flash is the flash-orm command line, running the engine in-process.
package main

import (
	"context"
	"os"
	"os/signal"

	flash "github.com/flash-orm/flash-orm/go"
)

func main() {
	// Go owns the signals: Ctrl-C cancels the context, which stops the command (exit 130).
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := flash.RunCLI(ctx, append([]string{"flash"}, os.Args[1:]...))
	stop()
	os.Exit(code)
}
