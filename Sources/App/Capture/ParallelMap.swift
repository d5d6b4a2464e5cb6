import Foundation

/// `(0..<count).map(transform)` on every core, in order: for reading many
/// small files, where each item is independent and the disk waits dominate.
func parallelMap<T: Sendable>(_ count: Int, _ transform: @Sendable (Int) -> T) -> [T] {
    let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    guard cores > 1, count > 64 else { return (0..<count).map(transform) }
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: cores) { part in
        var index = part
        while index < count {
            slots.set(index, transform(index))
            index += cores
        }
    }
    return slots.values
}

private final class Slots<T: Sendable>: @unchecked Sendable {
    private var items: [T?]
    private let lock = NSLock()

    init(count: Int) { items = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ value: T) {
        lock.lock()
        items[index] = value
        lock.unlock()
    }

    var values: [T] {
        lock.lock()
        defer { lock.unlock() }
        return items.map { $0! }
    }
}
