/// Colour pair numbers for (foreground, background), allocated on first use.
///
/// ncurses styles text by pair number, and a terminal has a limited number of
/// pairs; a theme uses a few dozen. Pair 0 is the terminal's default colours
/// and is also the answer when every pair is taken.
public struct ColorPairCache: Sendable {
    /// Pairs 1...capacity may be allocated.
    public let capacity: Int
    private var numbers: [Colors: Int16] = [:]

    private struct Colors: Hashable, Sendable {
        var foreground: Int32
        var background: Int32
    }

    public init(capacity: Int) {
        self.capacity = max(0, min(capacity, Int(Int16.max)))
    }

    public var count: Int { numbers.count }

    /// The pair for these colours; `isNew` when the caller must `init_pair` it.
    public mutating func pair(foreground: Int32, background: Int32) -> (number: Int16, isNew: Bool) {
        if foreground == -1, background == -1 { return (0, false) }
        let colors = Colors(foreground: foreground, background: background)
        if let number = numbers[colors] { return (number, false) }
        guard numbers.count < capacity else { return (0, false) }
        let number = Int16(numbers.count + 1)
        numbers[colors] = number
        return (number, true)
    }

    /// Forgets every pair (after a theme change).
    public mutating func removeAll() { numbers.removeAll() }
}
