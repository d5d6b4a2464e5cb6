/// Consecutive changed cells of one row that share a role: what a backend
/// writes with one style change and one string.
public struct BufferRun: Hashable, Sendable {
    /// Column of the first cell; never the continuation half of a wide glyph.
    public var x: Int
    public var y: Int
    /// The cells' text, continuation cells contributing nothing.
    public var text: String
    public var role: Role
    /// Columns covered, wide glyphs counting two.
    public var width: Int

    public init(x: Int, y: Int, text: String, role: Role, width: Int) {
        self.x = x
        self.y = y
        self.text = text
        self.role = role
        self.width = width
    }
}

extension Buffer {
    /// The runs to write to turn the screen showing `previous` into this buffer.
    ///
    /// Every cell when `previous` is nil or of another size (a resize, or the
    /// first frame after a suspend). A wide glyph is always sent whole: if
    /// either half changed, the run starts at its first half, even when only
    /// the continuation differs; a continuation whose role differs from its
    /// glyph's stays in the glyph's run. Any other zero-width cell (an orphan
    /// continuation, which `put` never makes) is sent as a space.
    public func changes(since previous: Buffer?) -> [BufferRun] {
        let width = size.width
        let full = previous == nil || previous?.size != size
        var runs: [BufferRun] = []
        for y in 0..<size.height {
            let row = y * width
            var dirty = [Bool](repeating: full, count: width)
            if !full, let previous {
                for x in 0..<width where cells[row + x] != previous.cells[row + x] { dirty[x] = true }
            }
            // Widen dirtiness to whole wide glyphs.
            for x in 0..<width where dirty[x] {
                if isWideLead(x: x, row: row), x + 1 < width { dirty[x + 1] = true }
                if x > 0, cells[row + x].isContinuation, isWideLead(x: x - 1, row: row) { dirty[x - 1] = true }
            }
            var current: BufferRun?
            for x in 0..<width {
                guard dirty[x] else {
                    if let run = current { runs.append(run); current = nil }
                    continue
                }
                let cell = cells[row + x]
                let joinsGlyph = cell.isContinuation && x > 0 && isWideLead(x: x - 1, row: row)
                if joinsGlyph, current != nil { continue }
                let text = cell.width == 0 ? " " : cell.text
                let cellWidth = cell.width == 0 ? 1 : Int(cell.width)
                if var run = current, run.role == cell.role {
                    run.text += text
                    run.width += cellWidth
                    current = run
                } else {
                    if let run = current { runs.append(run) }
                    current = BufferRun(x: x, y: y, text: text, role: cell.role, width: cellWidth)
                }
            }
            if let run = current { runs.append(run) }
        }
        return runs
    }

    private func isWideLead(x: Int, row: Int) -> Bool {
        let cell = cells[row + x]
        return cell.width == 2 && !cell.text.isEmpty
    }
}
