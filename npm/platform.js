'use strict';
// The napi-rs name of the running platform, shared by the loader (index.js) and the prepack
// build (scripts/build-addon.js): the addon is `flash-orm.<name>.node`, its package
// `flash-orm-<name>`.

const fs = require('node:fs');

/** True on a Linux whose C library is musl (Alpine), false on glibc. */
function isMusl() {
  try {
    // glibc's ldd is a shell script naming GNU libc; musl's is a link to the musl loader.
    return fs.readFileSync('/usr/bin/ldd', 'latin1').includes('musl');
  } catch {
    // No ldd: ask Node what it was started with.
  }
  try {
    const report = process.report && process.report.getReport();
    const header = report && (typeof report === 'string' ? JSON.parse(report) : report).header;
    return !(header && header.glibcVersionRuntime);
  } catch {
    return false;
  }
}

/** The napi-rs name of this platform: `linux-x64-gnu`, `darwin-arm64`, `win32-x64-msvc`, ... */
function platformName() {
  const { platform, arch } = process;
  switch (platform) {
    case 'linux':
      if (arch === 'arm') return 'linux-arm-gnueabihf';
      return `linux-${arch}-${isMusl() ? 'musl' : 'gnu'}`;
    case 'win32':
      return `win32-${arch}-msvc`;
    default:
      return `${platform}-${arch}`;
  }
}

module.exports = { isMusl, platformName };
