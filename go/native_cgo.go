//go:build cgo

package flash

/*
#cgo CFLAGS: -I${SRCDIR}/lib/include
#cgo linux,amd64 LDFLAGS: -L${SRCDIR}/lib/linux_amd64 -lflash -ldl -lm -lpthread
#cgo linux,arm64 LDFLAGS: -L${SRCDIR}/lib/linux_arm64 -lflash -ldl -lm -lpthread
#cgo darwin,amd64 LDFLAGS: -L${SRCDIR}/lib/darwin_amd64 -lflash -framework CoreFoundation -framework Security -framework SystemConfiguration
#cgo darwin,arm64 LDFLAGS: -L${SRCDIR}/lib/darwin_arm64 -lflash -framework CoreFoundation -framework Security -framework SystemConfiguration
#cgo windows,amd64 LDFLAGS: -L${SRCDIR}/lib/windows_amd64 -lflash -lws2_32 -luserenv -lbcrypt -lntdll
#include <stdlib.h>
#include "flash.h"
*/
import "C"

import (
	"context"
	"unsafe"
)

// watch cancels token when ctx is done, until stop is called.
func watch(ctx context.Context, token C.uint64_t) (stop func()) {
	done := make(chan struct{})
	go func() {
		select {
		case <-ctx.Done():
			C.flash_cancel(token)
		case <-done:
		}
	}()
	return func() { close(done) }
}

func nativeCall(ctx context.Context, op, request string) (string, error) {
	cop := C.CString(op)
	defer C.free(unsafe.Pointer(cop))
	creq := C.CString(request)
	defer C.free(unsafe.Pointer(creq))
	token := C.flash_cancel_token_new()
	defer C.flash_cancel_token_free(token)
	stop := watch(ctx, token)
	res := C.flash_call(cop, creq, token)
	stop()
	if res == nil {
		return "", &Error{Kind: KindInternal, Message: op + ": the engine returned no result (out of memory?)"}
	}
	defer C.flash_free(res)
	return C.GoString(res), nil
}

func nativeVersion() string {
	v := C.flash_version()
	if v == nil {
		return ""
	}
	defer C.flash_free(v)
	return C.GoString(v)
}

func nativeRunCLI(ctx context.Context, args []string) int {
	cargs := make([]*C.char, len(args))
	for i, a := range args {
		cargs[i] = C.CString(a)
	}
	defer func() {
		for _, p := range cargs {
			C.free(unsafe.Pointer(p))
		}
	}()
	var argv **C.char
	if len(cargs) > 0 {
		argv = &cargs[0]
	}
	token := C.flash_cancel_token_new()
	defer C.flash_cancel_token_free(token)
	stop := watch(ctx, token)
	defer stop()
	return int(C.flash_run_cli(C.int(len(cargs)), argv, token))
}
