import Domain
import Foundation
import Interop
import Store

extension Scripting {
    /// The whole book as a version 2 backup (`BackupLines`), written as it is
    /// read: one read transaction, each table walked by a cursor, each line
    /// going out through a megabyte buffer, so that neither the book nor the
    /// document is ever whole in memory.
    func exportBackup(_ request: ExportRequest) throws -> ExportResult {
        guard request.contacts == nil else {
            throw ScriptingError("--contacts does not apply to JSON: a JSON export is the whole book (a backup)")
        }
        let sink: BackupSink
        if let out = request.out {
            sink = try BackupSink(file: out)
        } else if request.standardOutput {
            sink = BackupSink(handle: FileHandle.standardOutput)
        } else {
            sink = BackupSink()
        }
        var result = ExportResult()
        do {
            try store.read { tx in
                let counts = try tx.bookCounts()
                result.count = counts.contacts
                try sink.write(BackupLines.header(exportedAt: now, counts: BackupLines.Counts(
                    contacts: counts.contacts, interactions: counts.interactions, promises: counts.promises,
                    events: counts.events, snoozes: counts.snoozes)))
                try tx.forEachContact { contact, interop in
                    try sink.write(.contact(ImportedContact(
                        contact: contact, uid: interop.uid, emailTypes: interop.emailTypes, phoneTypes: interop.phoneTypes,
                        extras: interop.extras, line: 0)))
                }
                try tx.forEachInteraction { try sink.write(.interaction($0)) }
                try tx.forEachPromise { try sink.write(.promise($0)) }
                for event in try tx.allEvents() { try sink.write(.event(event)) }
                for snooze in try tx.snoozes() { try sink.write(.snooze(snooze)) }
            }
            try sink.finish()
        } catch {
            sink.abandon()
            throw error
        }
        if let out = request.out { result.files = [out] } else if !request.standardOutput { result.text = sink.text }
        return result
    }
}

/// Where a backup's lines go: a file (written 0600 under a temporary name,
/// renamed into place at the end, so a reader never sees half a backup),
/// standard output, or memory.
private final class BackupSink {
    private var buffer: [UInt8] = []
    private let handle: FileHandle?
    private let temporary: String?
    private let path: String?
    private var memory: [UInt8] = []
    private static let flushSize = 1 << 20

    /// In memory: `text` at the end.
    init() {
        handle = nil
        temporary = nil
        path = nil
    }

    init(handle: FileHandle) {
        self.handle = handle
        temporary = nil
        path = nil
        buffer.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    init(file: String) throws {
        let folder = (file as NSString).deletingLastPathComponent
        let temporary = (folder.isEmpty ? "." : folder) + "/.rapport-export-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: temporary, contents: nil, attributes: [.posixPermissions: 0o600]),
              let handle = FileHandle(forWritingAtPath: temporary) else {
            throw ScriptingError("cannot write \(file) (is the folder there and writable?)")
        }
        chmod(temporary, 0o600)
        self.handle = handle
        self.temporary = temporary
        path = file
        buffer.reserveCapacity(Self.flushSize + 64 * 1024)
    }

    func write(_ line: String) throws {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= Self.flushSize { try flush() }
    }

    func write(_ record: BackupLines.Record) throws {
        BackupLines.append(record, to: &buffer)
        buffer.append(0x0A)
        if buffer.count >= Self.flushSize { try flush() }
    }

    var text: String { String(decoding: memory, as: UTF8.self) }

    private func flush() throws {
        if let handle {
            do {
                try handle.write(contentsOf: buffer)
            } catch {
                throw ScriptingError("cannot write \(path ?? "standard output"): \(error.localizedDescription)")
            }
        } else {
            memory += buffer
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func finish() throws {
        try flush()
        guard let temporary, let path, let handle else { return }
        try? handle.close()
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw ScriptingError("cannot write \(path): \(reason)")
        }
    }

    /// Removes the temporary file of a backup that failed half way.
    func abandon() {
        guard let temporary else { return }
        try? handle?.close()
        unlink(temporary)
    }
}
