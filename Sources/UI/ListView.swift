/// A scrolling list or table with one selected row.
///
/// Rows come from a closure asked only for the rows on screen, so moving the
/// selection in a list of 100 000 contacts costs as much as in one of 10.
/// The selected row is highlighted across the whole width; its text takes the
/// selection role (a cell has one role), stand-ins for control characters
/// stay distinct.
public struct ListView {
    public var count: Int
    public var columns: [TableColumn]
    public var header: TableRow?
    public var focused: Bool
    /// Shown (muted) when there are no rows, e.g. "nobody needs attention".
    public var emptyMessage: String?
    /// Cells between columns.
    public var columnSpacing: Int
    public var row: (Int) -> TableRow

    /// A table: `row(i)` gives row `i`'s cells, one per column.
    public init(count: Int, columns: [TableColumn], header: TableRow? = nil, focused: Bool = true,
                emptyMessage: String? = nil, columnSpacing: Int = 1, row: @escaping (Int) -> TableRow) {
        self.count = max(0, count)
        self.columns = columns
        self.header = header
        self.focused = focused
        self.emptyMessage = emptyMessage
        self.columnSpacing = columnSpacing
        self.row = row
    }

    /// A plain list: one line per row, as wide as the pane.
    public init(count: Int, focused: Bool = true, emptyMessage: String? = nil, line: @escaping (Int) -> Line) {
        self.init(count: count, columns: [TableColumn(.fill(1))], focused: focused, emptyMessage: emptyMessage) {
            TableRow([line($0)])
        }
    }

    /// A plain list of lines already built.
    public init(lines: [Line], focused: Bool = true, emptyMessage: String? = nil) {
        self.init(count: lines.count, focused: focused, emptyMessage: emptyMessage) { lines[$0] }
    }

    /// Rows of items that fit in `area` (the header takes one); the height
    /// App passes to `ListState.select` for paging.
    public func visibleRows(in area: Rect) -> Int {
        max(0, area.height - (header == nil ? 0 : 1))
    }

    /// The x range of each column within `area`.
    public func columnRects(in area: Rect) -> [Rect] {
        Rect(x: area.x, y: area.y, width: area.width, height: 1)
            .split(.horizontal, columns.map(\.width), spacing: columnSpacing)
    }

    public func render(in area: Rect, to buffer: inout Buffer, state: ListState) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        buffer.fill(clip, role: .text)
        let columnRects = columnRects(in: area)
        var top = area.y
        if let header {
            draw(header, y: top, columnRects: columnRects, clip: clip, to: &buffer)
            buffer.restyle(Rect(x: area.x, y: top, width: area.width, height: 1), role: .header)
            top += 1
        }
        let height = visibleRows(in: area)
        guard count > 0 else {
            if let emptyMessage, height > 0 {
                buffer.put(Line(emptyMessage, role: .muted).truncated(to: area.width), x: area.x, y: top, clip: clip)
            }
            return
        }
        guard height > 0 else { return }
        let state = state.keptVisible(count: count, visibleHeight: height)
        let last = min(count, state.offset + height)
        for index in state.offset..<last {
            let y = top + index - state.offset
            draw(row(index), y: y, columnRects: columnRects, clip: clip, to: &buffer)
            if index == state.selected {
                buffer.restyle(Rect(x: area.x, y: y, width: area.width, height: 1),
                               role: focused ? .selection : .selectionUnfocused)
            }
        }
    }

    private func draw(_ row: TableRow, y: Int, columnRects: [Rect], clip: Rect, to buffer: inout Buffer) {
        for (i, rect) in columnRects.enumerated() where i < row.cells.count && rect.width > 0 {
            let cell = row.cells[i].aligned(columns[i].alignment, in: rect.width)
            let cellClip = Rect(x: rect.x, y: y, width: rect.width, height: 1).intersection(clip)
            buffer.put(cell, x: rect.x, y: y, clip: cellClip)
        }
    }
}
