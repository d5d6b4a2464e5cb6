import Domain
import Foundation
import Interop
import Store

/// Reads one mail source (a maildir tree, an mbox, an `.eml`, or a folder of
/// mbox and `.eml` files), headers only, and records its messages: touches
/// with contacts, correspondents for suggestions.
///
/// What was read is remembered per file (a maildir message by its unique
/// name, an mbox by size, time and the offset reached), in the same
/// transaction as the messages, so a re-run reads only what is new and a run
/// killed halfway resumes where its last batch committed.
struct MailCapture {
    let rule: MailTouchRule
    let settings: CaptureSettings
    let days: LocalDays
    /// Contacts by lowercased address.
    let contactsByEmail: ContactAddresses
    /// A dry run lists each touch it would add.
    let listsAdditions: Bool
    /// Messages per transaction: each commit refolds the histories of the
    /// contacts it touched, so fewer, larger batches fold each contact fewer times.
    static let batchSize = 10_000

    func capture(path: String, into writer: CaptureWriter, report: inout CaptureReport.Source,
                 lines: inout [String], progress: ImportProgress?) throws {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            report.failure = "no such file or folder"
            return
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            report.failure = "not readable (check its permissions)"
            return
        }
        let source = try writer.batch { try $0.captureSource(kind: .mail, path: path) }
        let known = try writer.batch { try $0.captureFiles(sourceID: source.id) }
        if MailFiles.kind(ofPath: path) == .maildir {
            try captureMaildir(path, source: source, known: known, writer: writer, report: &report, lines: &lines,
                               progress: progress)
        } else if isFolder.boolValue {
            let files: [String]
            do {
                files = try mailFiles(under: path)
            } catch {
                report.failure = "\(error)"
                return
            }
            for file in files {
                try captureFile(path + "/" + file, name: file, source: source, state: known[file], writer: writer,
                                report: &report, lines: &lines, progress: progress)
            }
        } else {
            try captureFile(path, name: "", source: source, state: known[""], writer: writer, report: &report,
                            lines: &lines, progress: progress)
        }
        if !writer.isDryRun { try writer.batch { try $0.markRead(sourceID: source.id, at: Date()) } }
    }

    // MARK: Maildir

    private func captureMaildir(_ root: String, source: CaptureSource, known: [String: CaptureFileState],
                                writer: CaptureWriter, report: inout CaptureReport.Source, lines: inout [String],
                                progress: ImportProgress?) throws {
        let messages: [MaildirMessage]
        do {
            messages = try MailFiles.maildirMessages(under: root, sorted: false)
        } catch {
            report.failure = "cannot be read: \(error)"
            return
        }
        // In path order, so that a thread's first message of the day is read first.
        let fresh = messages.filter { known[$0.uniqueName] == nil }.sorted(by: MaildirMessage.pathOrder)
        let present = Set(messages.map(\.uniqueName))
        let gone = known.keys.filter { !present.contains($0) }
        var done = 0
        let batches = stride(from: 0, to: fresh.count, by: Self.batchSize).map {
            Array(fresh[$0..<min($0 + Self.batchSize, fresh.count)])
        }
        // The next batch is read while this one is written: reading is files
        // and parsing on every core, writing is one SQLite transaction.
        let reading = BatchReading<[ParsedMail]>()
        func read(_ index: Int) {
            guard index < batches.count else { return }
            let batch = batches[index]
            reading.start {
                parallelMap(batch.count) { ParsedMail.read(file: root + "/" + batch[$0].path) }
            }
        }
        read(0)
        for (index, batch) in batches.enumerated() {
            let parsed = reading.wait()
            read(index + 1)
            try writer.batch { tx in
                for (message, mail) in zip(batch, parsed) {
                    try record(mail, file: message.path, source: source, tx: tx, report: &report, lines: &lines)
                    try tx.saveCaptureFile(sourceID: source.id, name: message.uniqueName, CaptureFileState())
                }
            }
            done += batch.count
            progress?(done, fresh.count)
        }
        if !gone.isEmpty {
            try writer.batch { tx in
                for name in gone { try tx.removeCaptureFile(sourceID: source.id, name: name) }
            }
        }
    }

    // MARK: Files

    /// The mbox and `.eml` files of a folder that is no maildir (as
    /// Thunderbird keeps its folders), relative to it, in name order.
    private func mailFiles(under root: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else {
            throw CaptureFailure("cannot be read (check its permissions)")
        }
        var files: [String] = []
        while let name = walker.nextObject() as? String {
            if walker.fileAttributes?[.type] as? FileAttributeType != .typeRegular { continue }
            switch MailFiles.kind(ofPath: root + "/" + name) {
            case .mbox, .eml: files.append(name)
            default: continue
            }
        }
        return files.sorted()
    }

    /// An mbox (read on from where the last run stopped) or a single message.
    private func captureFile(_ path: String, name: String, source: CaptureSource, state: CaptureFileState?,
                             writer: CaptureWriter, report: inout CaptureReport.Source, lines: inout [String],
                             progress: ImportProgress?) throws {
        guard let stat = FileStat(path: path) else {
            report.unreadable.append("\(path): cannot be read")
            return
        }
        if let state, state.size == stat.size, state.modifiedAt == stat.modifiedAt { return }
        let label = name.isEmpty ? (path as NSString).lastPathComponent : name
        switch MailFiles.kind(ofPath: path) {
        case .mbox:
            // A file that shrank was rewritten (expunged): read it again; known messages are skipped.
            let from = state.map { stat.size >= $0.size ? $0.offset : 0 } ?? 0
            var reader: MboxReader
            do {
                reader = try MboxReader(path: path, from: UInt64(from))
            } catch {
                report.unreadable.append("\(error)")
                return
            }
            var ended = false
            while !ended {
                var batch: [(offset: UInt64, mail: ParsedMail)] = []
                while batch.count < Self.batchSize, let message = try reader.next() {
                    batch.append((message.offset, ParsedMail.parse(message.header, fileTime: stat.modified)))
                }
                ended = batch.count < Self.batchSize
                let reached = Int64(reader.endOffset)
                try writer.batch { tx in
                    for entry in batch {
                        try record(entry.mail, file: "\(label)@\(entry.offset)", source: source, tx: tx,
                                   report: &report, lines: &lines)
                    }
                    // Size and time are kept only once the end is reached: until
                    // then the next run sees a change and reads on from the offset.
                    try tx.saveCaptureFile(sourceID: source.id, name: name,
                                           CaptureFileState(size: ended ? stat.size : 0,
                                                            modifiedAt: ended ? stat.modifiedAt : 0, offset: reached))
                }
                progress?(Int(reached), Int(stat.size))
            }
        case .eml:
            let mail = ParsedMail.read(file: path)
            try writer.batch { tx in
                try record(mail, file: label, source: source, tx: tx, report: &report, lines: &lines)
                try tx.saveCaptureFile(sourceID: source.id, name: name,
                                       CaptureFileState(size: stat.size, modifiedAt: stat.modifiedAt))
            }
        default:
            report.unreadable.append("\(path): not a maildir, mbox or .eml message")
        }
    }

    // MARK: One message

    private func record(_ mail: ParsedMail, file: String, source: CaptureSource, tx: StoreTransaction,
                        report: inout CaptureReport.Source, lines: inout [String]) throws {
        let header: MailHeader
        switch mail {
        case .unreadable(let reason):
            report.unreadable.append("\(file): \(reason)")
            return
        case .header(let parsed, _):
            header = parsed
        }
        guard let date = mail.date else {
            report.unreadable.append("\(file): no date")
            return
        }
        let key = MailTouchRule.key(of: header, date: date)
        report.read += 1
        let parties: [(email: String, name: String)]
        let fromMe: Bool
        switch rule.verdict(header) {
        case .skipped(let why):
            report.skipped[why.rawValue, default: 0] += 1
            return
        case .correspondents(let mine, let list):
            fromMe = mine
            parties = list
        }
        let subject = settings.subjects ? header.subject : ""
        let normalised = MailHeaderParser.normalisedSubject(header.subject)
        let thread = try tx.thread(ofMessages: header.references)
            ?? (normalised.isEmpty ? "id:" + (header.references.first ?? key) : "subject:" + normalised)
        let message = CapturedMessage(
            key: key, thread: thread, sentAt: date, subject: subject, fromMe: fromMe,
            parties: try parties.map {
                .init(email: $0.email, name: $0.name, contactID: try contactsByEmail.contact(for: $0.email, in: tx))
            })
        let touchKey = days.mailTouchKey(thread: thread, sentAt: date)
        guard let touched = try tx.insert(message, sourceID: source.id, touchKey: touchKey, summary: subject) else {
            report.read -= 1
            report.known += 1
            return
        }
        report.touches += touched
        if touched > 0, listsAdditions {
            let names = try tx.names(of: message.parties.compactMap(\.contactID)).values.sorted()
            lines.append(Self.line(date: date, kind: "email", summary: subject, names: names))
        }
    }

    static func line(date: Date, kind: String, summary: String, names: [String]) -> String {
        let day = ISO8601DateFormatter.string(from: date, timeZone: .current, formatOptions: [.withFullDate])
        return "would add \(kind) \(day) with \(names.joined(separator: ", "))" + (summary.isEmpty ? "" : ": \(summary)")
    }
}

/// One batch read on a background thread while the caller writes the
/// previous one.
private final class BatchReading<T: Sendable>: @unchecked Sendable {
    private var result: T?
    private let done = DispatchSemaphore(value: 0)

    func start(_ body: @escaping @Sendable () -> T) {
        DispatchQueue.global(qos: .userInitiated).async {
            self.result = body()
            self.done.signal()
        }
    }

    /// The result of the last `start`; the semaphore orders the write before this read.
    func wait() -> T {
        done.wait()
        defer { result = nil }
        return result!
    }
}

/// One message's header as read, or why it could not be.
enum ParsedMail: Sendable {
    case header(MailHeader, fileTime: Date?)
    case unreadable(String)

    static func read(file path: String) -> ParsedMail {
        do {
            return parse(try MailFiles.headerBytes(ofFileAt: path), fileTime: nil, path: path)
        } catch {
            // The report names the file; the reason is the system's.
            return .unreadable(error.reason)
        }
    }

    static func parse(_ bytes: [UInt8], fileTime: Date?, path: String? = nil) -> ParsedMail {
        do {
            let header = try MailHeaderParser.parse(bytes)
            // The file's time is only looked up when the header has no date at all.
            let time = header.date == nil ? (fileTime ?? path.flatMap { FileStat(path: $0)?.modified }) : nil
            return .header(header, fileTime: time)
        } catch {
            return .unreadable(error.description)
        }
    }

    /// Date, else the first Received, else the file's time.
    var date: Date? {
        guard case .header(let header, let fileTime) = self else { return nil }
        return header.date ?? fileTime
    }
}

/// A file's size and modification time, as capture compares them.
struct FileStat {
    var size: Int64
    var modifiedAt: Int64
    var modified: Date { Date(timeIntervalSince1970: Double(modifiedAt) / 1_000_000_000) }

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        size = Int64(info.st_size)
        modifiedAt = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }
}

/// A source that cannot be captured at all, in one line.
struct CaptureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
