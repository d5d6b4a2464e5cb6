import Domain
import Foundation

/// Reads a version 2 backup (`BackupLines`) one line at a time, from chunks
/// of bytes handed over by the caller (a file read a megabyte at a time), so
/// that what it holds is one chunk and one line, whatever the size of the book.
///
/// Like the vCard reader it touches no file and reports every problem as an
/// `ImportIssue` on a physical line. The header's counts are checked at the
/// end: a file cut between two lines is refused as truncated.
public struct BackupLineReader {
    /// A longer line is refused: no real record comes near it.
    public static let maximumLineLength = 64 << 20

    private let nextChunk: () throws -> Data?
    private var buffer: [UInt8] = []
    private var start = 0
    private var ended = false
    private let decoder = JSONDecoder()
    /// The physical line last read (1 is the header).
    public private(set) var line = 0
    /// What the header announces; nil until `header()` has read it.
    public private(set) var announced: BackupLines.Counts?
    /// What has been read so far.
    public private(set) var counts = BackupLines.Counts()
    private var order = 0
    private var failedLines = 0
    /// True once the last line has been read (or the file could not be read on):
    /// `next()` has nothing more to give.
    public private(set) var isAtEnd = false

    /// - parameter chunks: the next bytes of the file, nil (or empty) at its end.
    public init(chunks: @escaping () throws -> Data?) {
        nextChunk = chunks
    }

    /// Puts bytes already taken from the file (to tell its format) before the next chunk.
    public mutating func prepend(_ bytes: Data) {
        buffer.insert(contentsOf: bytes, at: start)
    }

    /// Reads line 1: the counts of a version 2 header, or nil when line 1 is
    /// not one (a version 1 backup is one pretty-printed document).
    /// - throws: `ImportIssue` for a header of another version, or without counts.
    public mutating func header() throws(ImportIssue) -> BackupLines.Counts? {
        guard line == 0, let bytes = try nextLine() else { return nil }
        struct Probe: Decodable { var version: Int? }
        struct Header: Decodable {
            var counts: BackupLines.Counts
            var exported_at: Instant?
        }
        guard let probe = try? decoder.decode(Probe.self, from: Data(bytes)), let version = probe.version,
              version != BookBackup.version else { return nil }
        guard version == BackupLines.version else {
            throw ImportIssue(line: 1, reason: "backup version \(version) is not supported (this rapport reads versions 1 and 2)")
        }
        do {
            announced = try decoder.decode(Header.self, from: Data(bytes)).counts
        } catch let error as DecodingError {
            throw ImportIssue(line: 1, reason: "header: " + BookBackup.describe(error))
        } catch {
            throw ImportIssue(line: 1, reason: "header: \(error)")
        }
        return announced
    }

    /// The next record, nil after the last one.
    /// - throws: `ImportIssue` on the line of a record that does not decode,
    ///   comes out of order (contacts, interactions, promises, events,
    ///   snoozes), or, at the end, when the counts differ from the header's.
    public mutating func next() throws(ImportIssue) -> BackupLines.Record? {
        guard let announced else { throw ImportIssue(line: 1, reason: "not a version 2 backup (no header)") }
        guard let bytes = try nextLine() else {
            isAtEnd = true
            // After a line that did not decode the counts differ anyway: that line says why.
            guard counts == announced || failedLines > 0 else {
                throw ImportIssue(line: line + 1, reason: "the file ends early: the header announces \(describe(announced)), "
                    + "the file holds \(describe(counts)) (is it truncated?)")
            }
            return nil
        }
        var record: BackupLines.Record
        failedLines += 1
        do {
            // rapport's own lines take the fast path; anything else, and every error, the decoder's.
            if let fast = BackupLineParser.record(bytes) {
                record = fast
            } else {
                record = try decoder.decode(LineDTO.self, from: Data(bytes)).record
            }
        } catch let error as DecodingError {
            throw ImportIssue(line: line, reason: BookBackup.describe(error))
        } catch let issue as ImportIssue {
            throw ImportIssue(line: line, reason: issue.reason)
        } catch {
            throw ImportIssue(line: line, reason: "\(error)")
        }
        failedLines -= 1
        let rank: Int
        switch record {
        case .contact: rank = 0; counts.contacts += 1
        case .interaction: rank = 1; counts.interactions += 1
        case .promise: rank = 2; counts.promises += 1
        case .event: rank = 3; counts.events += 1
        case .snooze: rank = 4; counts.snoozes += 1
        }
        guard rank >= order else {
            throw ImportIssue(line: line, reason: "records come in the order contacts, interactions, promises, events, snoozes")
        }
        order = rank
        return record
    }

    private func describe(_ c: BackupLines.Counts) -> String {
        "\(c.contacts) contacts, \(c.interactions) interactions, \(c.promises) promises, \(c.events) events, \(c.snoozes) snoozes"
    }

    /// The next non-blank physical line, without its line break.
    private mutating func nextLine() throws(ImportIssue) -> ArraySlice<UInt8>? {
        while true {
            var scan = start
            while true {
                if let newline = buffer[scan...].firstIndex(of: 0x0A) {
                    line += 1
                    var end = newline
                    if end > start, buffer[end - 1] == 0x0D { end -= 1 }
                    let bytes = buffer[start..<end]
                    start = newline + 1
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { break }
                    return bytes
                }
                scan = buffer.count
                guard !ended else {
                    guard start < buffer.count else { return nil }
                    line += 1
                    let bytes = buffer[start...]
                    start = buffer.count
                    if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
                    return bytes
                }
                guard buffer.count - start <= BackupLineReader.maximumLineLength else {
                    isAtEnd = true
                    throw ImportIssue(line: line + 1, reason: "line longer than \(BackupLineReader.maximumLineLength >> 20) MB")
                }
                // Keep only the unread part, then read on.
                if start > 0 {
                    buffer.removeSubrange(0..<start)
                    scan -= start
                    start = 0
                }
                let chunk: Data?
                do {
                    chunk = try nextChunk()
                } catch {
                    isAtEnd = true
                    throw ImportIssue(line: nil, reason: "cannot be read: \(error)")
                }
                if let chunk, !chunk.isEmpty { buffer.append(contentsOf: chunk) } else { ended = true }
            }
        }
    }
}

/// One line: its `type`, then the version 1 record it carries.
private struct LineDTO: Decodable {
    var record: BackupLines.Record

    enum Keys: String, CodingKey { case type }

    init(from decoder: Decoder) throws {
        let type = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .type)
        switch type {
        case "contact": record = .contact(try ContactDTO(from: decoder).imported())
        case "interaction": record = .interaction(try InteractionDTO(from: decoder).interaction)
        case "promise": record = .promise(try PromiseDTO(from: decoder).promise)
        case "event": record = .event(try EventDTO(from: decoder).event)
        case "snooze": record = .snooze(try SnoozeDTO(from: decoder).snooze)
        default:
            throw DecodingError.dataCorrupted(.init(codingPath: [Keys.type], debugDescription:
                "unknown record type \(SafeLine.show(type)) (contact, interaction, promise, event or snooze)"))
        }
    }
}
