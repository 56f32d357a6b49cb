// flash-orm as an ES module: the same functions and classes as the CommonJS entry (one copy of
// the addon and of the error classes, so `instanceof` works across both), as named exports and
// as the default export.
import flash from './index.js';

export const {
  version,
  init,
  plan,
  migrate,
  apply,
  down,
  status,
  reset,
  raw,
  accept,
  databases,
  generate,
  pull,
  exportData,
  importData,
  seed,
  branches,
  createBranch,
  checkout,
  deleteBranch,
  renameBranch,
  diffBranches,
  baseline,
  absorbDrift,
  runCli,
  FlashError,
  ConfigError,
  ParseError,
  ChecksumMismatchError,
  ConnectionError,
  DatabaseError,
  MigrationFailedError,
  NeedsConfirmationError,
  LockTimeoutError,
  StateError,
  NotFoundError,
  InvalidRequestError,
  IOError,
  CancelledError,
  InternalError,
} = flash;

export default flash;
