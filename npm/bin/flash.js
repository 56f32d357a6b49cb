#!/usr/bin/env node
'use strict';
// The `flash` command: the Rust command line, run in this process. It prints straight to file
// descriptors 1 and 2, byte for byte what the Rust binary prints; nothing is printed from here
// (but for a missing native addon, which the Rust side cannot report).
let flash;
try {
  flash = require('../index.js');
} catch (e) {
  process.stderr.write(`error: ${e && e.message ? e.message : e}\n`);
  process.exit(1);
}

process.exitCode = flash._runConsole(['flash', ...process.argv.slice(2)]);
