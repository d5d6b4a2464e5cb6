import Foundation

/// `(0..<count).map(transform)` on every core, in order: for independent
/// items such as many small files or the parts of a big one. Below
/// `splittingFrom` items, threads cost more than they save.
func parallelMap<T: Sendable>(_ count: Int, splittingFrom minimum: Int = 64,
                              _ transform: @Sendable (Int) -> T) -> [T] {
    let cores = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8))
    guard cores > 1, count >= minimum else { return (0..<count).map(transform) }
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
