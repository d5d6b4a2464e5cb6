/// A grid of cells that widgets draw into and the backend shows.
///
/// Writing clips at the edges and never splits a wide glyph: one that would
/// straddle the right edge of the clip area is replaced by a space.
public struct Buffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        size = Size(width: max(0, width), height: max(0, height))
        cells = Array(repeating: .blank, count: size.width * size.height)
    }

    public init(size: Size) { self.init(width: size.width, height: size.height) }

    public var area: Rect { Rect(x: 0, y: 0, width: size.width, height: size.height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * size.width + x] }
        set { cells[y * size.width + x] = newValue }
    }

    /// Fills `rect` with blanks of `role`. A wide glyph cut by the left or
    /// right edge loses its outer half too (blanked in its own role), so no
    /// half glyph is left orphaned.
    public mutating func fill(_ rect: Rect, role: Role) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            if self[r.x, y].isContinuation, r.x > 0 {
                self[r.x - 1, y] = Cell(text: " ", width: 1, role: self[r.x - 1, y].role)
            }
            if r.maxX < size.width, self[r.maxX, y].isContinuation {
                self[r.maxX, y] = Cell(text: " ", width: 1, role: self[r.maxX, y].role)
            }
            for x in r.x..<r.maxX { self[x, y] = Cell(text: " ", width: 1, role: role) }
        }
    }

    /// Writes `text` from (x, y), never past `maxX` (default: the right edge),
    /// with control characters shown as stand-ins. Returns the column after
    /// the last cell written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, role: Role, maxX: Int? = nil) -> Int {
        guard y >= 0, y < size.height else { return x }
        let limit = min(maxX ?? size.width, size.width)
        var column = x
        for character in text {
            if column >= limit { break }
            if let stand = character.unicodeScalars.lazy.compactMap(SafeText.placeholder(for:)).first {
                column = putGlyph(stand, width: 1, x: column, y: y, role: .placeholder, limit: limit)
                continue
            }
            let width = DisplayWidth.of(character)
            if width == 0 {
                // A lone combining mark joins the previous cell's grapheme.
                continue
            }
            column = putGlyph(String(character), width: width, x: column, y: y, role: role, limit: limit)
        }
        return column
    }

    private mutating func putGlyph(_ glyph: String, width: Int, x: Int, y: Int, role: Role, limit: Int) -> Int {
        if x < 0 { return x + width }
        if x + width > limit {
            // A wide glyph that does not fit is never split.
            self[x, y] = Cell(text: " ", width: 1, role: role)
            return limit
        }
        clearWideNeighbours(x: x, width: width, y: y)
        self[x, y] = Cell(text: glyph, width: UInt8(width), role: role)
        if width == 2 { self[x + 1, y] = Cell(text: "", width: 0, role: role) }
        return x + width
    }

    /// Overwriting half of a wide glyph blanks its other half.
    private mutating func clearWideNeighbours(x: Int, width: Int, y: Int) {
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(text: " ", width: 1, role: self[x - 1, y].role)
        }
        let after = x + width
        if after < size.width, self[after, y].isContinuation {
            self[after, y] = Cell(text: " ", width: 1, role: self[after, y].role)
        }
    }

    /// The text of row `y`, continuation cells skipped.
    public func line(_ y: Int) -> String {
        var s = ""
        for x in 0..<size.width where !self[x, y].isContinuation { s += self[x, y].text }
        return s
    }

    public var lines: [String] { (0..<size.height).map(line) }
}

/// A rectangle of cells.
public struct Rect: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }

    public func intersection(_ other: Rect) -> Rect {
        let x0 = max(x, other.x), y0 = max(y, other.y)
        let x1 = min(maxX, other.maxX), y1 = min(maxY, other.maxY)
        return Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
    }

    /// This rectangle shrunk by `margin` on every side.
    public func inset(by margin: Int) -> Rect {
        Rect(x: x + margin, y: y + margin, width: width - 2 * margin, height: height - 2 * margin)
    }
}
