import Foundation
import Interop

/// A version 2 backup read and parsed on a thread of its own while the
/// restore writes what it has read: the two halves of a restore take about
/// as long as each other, and a machine has two cores.
///
/// The reader hands over batches of records through a queue of at most
/// `capacity` batches, so memory stays bounded however far it is ahead;
/// `cancel()` stops it when the writer gives up early.
final class BackupPipe: @unchecked Sendable {
    /// One line's worth: a record on its line, or the problem found there.
    enum Item: Sendable {
        case record(BackupLines.Record, line: Int)
        case problem(ImportIssue)
    }

    private let condition = NSCondition()
    private var batches: [[Item]] = []
    private var finished = false
    private var cancelled = false
    private let capacity = 4
    static let batchSize = 2000

    /// Starts reading `file` (its header already checked) on a new thread.
    init(file: String) {
        let thread = Thread { [self] in self.produce(file: file) }
        thread.name = "rapport.restore-reader"
        thread.start()
    }

    private func produce(file: String) {
        defer { finish() }
        guard let handle = FileHandle(forReadingAtPath: file) else {
            _ = put([.problem(ImportIssue(line: nil, reason: "cannot be read"))])
            return
        }
        defer { try? handle.close() }
        // A megabyte at a time: the reader holds one chunk and one line.
        var reader = BackupLineReader(chunks: { try handle.read(upToCount: 1 << 20) })
        do {
            _ = try reader.header()
        } catch {
            _ = put([.problem(error)])
            return
        }
        var batch: [Item] = []
        batch.reserveCapacity(BackupPipe.batchSize)
        while true {
            do throws(ImportIssue) {
                guard let record = try reader.next() else { break }
                batch.append(.record(record, line: reader.line))
            } catch {
                batch.append(.problem(error))
                if reader.isAtEnd { break }
            }
            if batch.count == BackupPipe.batchSize {
                guard put(batch) else { return }
                batch.removeAll(keepingCapacity: true)
            }
        }
        _ = put(batch)
    }

    /// Queues a batch, waiting while the queue is full; false once cancelled.
    private func put(_ batch: [Item]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= capacity && !cancelled { condition.wait() }
        guard !cancelled else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    private func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, in file order; nil once the file is read.
    func take() -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty && !finished { condition.wait() }
        guard !batches.isEmpty else { return nil }
        let batch = batches.removeFirst()
        condition.broadcast()
        return batch
    }

    /// Stops the reader (it drops what it has not handed over).
    func cancel() {
        condition.lock()
        cancelled = true
        batches.removeAll()
        condition.broadcast()
        condition.unlock()
    }
}
