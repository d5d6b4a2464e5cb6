import Foundation

/// Which engine the Store contract tests run on this time: SQLite files, or,
/// with `RAPPORT_TEST_STORE=postgres` (`scripts/run-tests.sh`' second pass), a
/// fresh database on the run's PostgreSQL server for each book.
public enum TestEngine {
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment["RAPPORT_TEST_STORE"] == "postgres" }
}
