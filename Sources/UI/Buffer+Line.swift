extension Buffer {
    /// Draws `line` from column `x` on row `y`, writing only inside `clip`
    /// (and the buffer). Unlike `put(_:x:y:role:maxX:)` it also clips on the
    /// left, which horizontal scrolling needs: a wide glyph cut by the left
    /// edge becomes a space. Returns the column after the line.
    @discardableResult
    public mutating func put(_ line: Line, x: Int, y: Int, clip: Rect) -> Int {
        let clip = clip.intersection(area)
        var column = x
        guard y >= clip.y, y < clip.maxY, !clip.isEmpty else { return x + line.width }
        for span in line.spans {
            if column >= clip.maxX { break }
            if column >= clip.x {
                column = put(span.text, x: column, y: y, role: span.role, maxX: clip.maxX)
                continue
            }
            // Walk the part left of the clip without drawing it.
            var rest = Substring(span.text)
            while let character = rest.first, column < clip.x {
                let w = DisplayWidth.drawn(character)
                if column + w > clip.x {
                    // Straddles the left edge: show a blank for the visible half.
                    for c in clip.x..<min(column + w, clip.maxX) { put(" ", x: c, y: y, role: span.role, maxX: clip.maxX) }
                }
                column += w
                rest = rest.dropFirst()
            }
            if !rest.isEmpty, column < clip.maxX {
                column = put(String(rest), x: column, y: y, role: span.role, maxX: clip.maxX)
            }
        }
        return column
    }

    /// Draws `line` at the left of `row` within `rect`.
    @discardableResult
    public mutating func put(_ line: Line, in rect: Rect, row: Int) -> Int {
        put(line, x: rect.x, y: rect.y + row, clip: rect)
    }

    /// Gives every cell of `rect` the role `role`, text unchanged, except
    /// stand-ins for control characters, which stay visibly distinct.
    public mutating func restyle(_ rect: Rect, role: Role) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX where self[x, y].role != .placeholder { self[x, y].role = role }
        }
    }

    /// Sets one cell if it lies inside `clip` and the buffer; for borders.
    mutating func set(_ glyph: String, x: Int, y: Int, role: Role, clip: Rect) {
        let c = clip.intersection(area)
        guard x >= c.x, x < c.maxX, y >= c.y, y < c.maxY else { return }
        put(glyph, x: x, y: y, role: role, maxX: c.maxX)
    }
}

extension Buffer {
    /// Changes cells of role `old` to `new` inside `rect`. Overlays use it so
    /// plain text drawn in them takes the overlay's background, since a cell
    /// carries one role and text is drawn in `text`.
    public mutating func replaceRole(_ old: Role, with new: Role, in rect: Rect) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX where self[x, y].role == old { self[x, y].role = new }
        }
    }
}
