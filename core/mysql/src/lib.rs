//! MySQL and MariaDB support for flash-orm: planner, introspection, history table and lock.
