//! SQLite support for flash-orm: planner (with table rebuilds), introspection, history table and lock.
