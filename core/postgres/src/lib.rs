//! PostgreSQL support for flash-orm: planner, introspection, history table and lock.
