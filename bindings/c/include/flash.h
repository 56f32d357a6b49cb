/*
 * flash.h: the C ABI of flash-orm (libflash.a, built from bindings/c).
 *
 * Requests and results are JSON text; see docs/API.md for the operations and the envelope
 * {"ok": report} / {"error": {"kind", "message", "help", "place", "details"}}.
 *
 * Who frees what: every char* returned by a flash_* function belongs to the caller and must be
 * released with flash_free() (and nothing else). Every pointer passed in is only borrowed for the
 * duration of the call. No function installs a signal handler; no panic crosses into C.
 */
#ifndef FLASH_H
#define FLASH_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The engine's version ("0.1.0"). Free with flash_free. */
char *flash_version(void);

/* Runs operation `op` ("apply", "status", ...) with the JSON request `request_json` (NULL means
 * "{}"). Blocks until done or until `cancel_token` (0: none) is cancelled. Returns the JSON
 * envelope; free with flash_free. */
char *flash_call(const char *op, const char *request_json, uint64_t cancel_token);

/* Runs a flash command line (argv[0] is the program name), printing to stdout/stderr, and returns
 * its exit code (0 ok, 1 error, 2 usage, 3 check found something, 130 cancelled). */
int flash_run_cli(int argc, const char *const *argv, uint64_t cancel_token);

/* Cancel tokens: create, cancel (from any thread; the call stops within 50 ms), release. */
uint64_t flash_cancel_token_new(void);
void flash_cancel(uint64_t token);
void flash_cancel_token_free(uint64_t token);

/* Frees a string returned by a flash_* function. NULL is ignored. */
void flash_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* FLASH_H */
