import Foundation
import GRDB

/// What can go wrong with the database, in words a user can act on.
///
/// Store maps every SQLite failure to one of these cases at its boundary, so
/// App and the command line print one clear line and never a raw
/// `SQLite error 8: attempt to write a readonly database`.
public enum StoreError: Error, CustomStringConvertible, Equatable, Sendable {
    /// No row of `kind` ("contact", "promise", …) has this id.
    case notFound(kind: String, id: Int64)
    /// The file was migrated by a newer rapport; `unknownMigrations` are the ids this build lacks.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but is not an SQLite database.
    case notADatabase(path: String)
    /// The file is an SQLite database with tables, but not one rapport made.
    case notARapportDatabase(path: String)
    /// The folder or file cannot be created or opened.
    case unwritableLocation(path: String, reason: String)
    /// The file or its folder is read-only.
    case readOnly(path: String)
    /// The disk (or quota) is full: the transaction was rolled back.
    case diskFull(path: String)
    /// Another process held the write lock longer than the busy timeout.
    case locked(path: String)
    /// The file is damaged.
    case corrupt(path: String)
    /// The data broke a rule of the schema (a CHECK, NOT NULL, UNIQUE or foreign key).
    case invalidData(String)
    /// Anything else the database reported.
    case database(String)
    /// A `postgres://` URL that cannot be read.
    case invalidLocation(url: String, reason: String)
    /// No connection to the PostgreSQL server; `reason` says what failed and what to check.
    case cannotConnect(server: String, reason: String)
    /// The connection to the server broke during a statement: nothing of that transaction was saved.
    case connectionLost(server: String)
    /// The connection broke while the server was committing: the change may or may not be saved.
    case commitUnknown(server: String)

    public var description: String {
        switch self {
        case let .notFound(kind, id):
            return "no \(kind) with id \(id)"
        case let .newerSchema(path, unknown):
            return "\(path) was written by a newer version of rapport (schema \(unknown.joined(separator: ", "))); upgrade rapport to open it"
        case let .notADatabase(path):
            return "\(path) is not a rapport database (not an SQLite file)"
        case let .notARapportDatabase(path):
            return "\(path) is an SQLite database made by another program, not rapport"
        case let .unwritableLocation(path, reason):
            return "cannot create or open \(path): \(reason)"
        case let .readOnly(path):
            return "\(path) is read-only: check the permissions of the file and its folder"
        case let .diskFull(path):
            return "the disk holding \(path) is full: nothing was saved"
        case let .locked(path):
            return "\(path) is busy: another rapport process kept it locked too long; try again"
        case let .corrupt(path):
            return "\(path) is damaged; restore it from a backup (\(path).backup-…)"
        case let .invalidData(message):
            return "invalid data: \(message)"
        case let .database(message):
            return "database error: \(message)"
        case let .invalidLocation(url, reason):
            return "\(url) is not a PostgreSQL URL rapport can use: \(reason)"
        case let .cannotConnect(server, reason):
            return "cannot connect to the PostgreSQL server at \(server): \(reason)"
        case let .commitUnknown(server):
            return "the connection to the PostgreSQL server at \(server) was lost while saving: "
                + "the change may have been saved; look before making it again"
        case let .connectionLost(server):
            return "the connection to the PostgreSQL server at \(server) was lost: nothing of the change was saved; try again"
        }
    }
}

extension StoreError {
    /// Whether the server of a team's book could not be reached: worth trying again later.
    public var isConnectionProblem: Bool {
        switch self {
        case .cannotConnect, .connectionLost, .commitUnknown: return true
        default: return false
        }
    }

    /// Maps any error thrown inside Store to a StoreError; StoreErrors pass through.
    static func wrap(_ error: any Error, path: String) -> any Error {
        if error is StoreError { return error }
        guard let dbError = error as? DatabaseError else { return error }
        switch dbError.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM:
            return StoreError.readOnly(path: path)
        case .SQLITE_FULL:
            return StoreError.diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return StoreError.locked(path: path)
        case .SQLITE_NOTADB:
            return StoreError.notADatabase(path: path)
        case .SQLITE_CORRUPT:
            return StoreError.corrupt(path: path)
        case .SQLITE_CANTOPEN, .SQLITE_IOERR:
            return StoreError.unwritableLocation(path: path, reason: dbError.message ?? "I/O error")
        case .SQLITE_CONSTRAINT:
            return StoreError.invalidData(constraintMessage(dbError))
        default:
            return StoreError.database(dbError.message ?? "\(dbError)")
        }
    }

    private static func constraintMessage(_ error: DatabaseError) -> String {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_FOREIGNKEY: return "it refers to a row that does not exist"
        default: return error.message ?? "constraint failed"
        }
    }
}

/// Runs `body`, turning any SQLite error into a StoreError for `path`.
func mappingErrors<T>(path: String, _ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch {
        throw StoreError.wrap(error, path: path)
    }
}
