/// The help overlay: every key binding, grouped by section, in as many
/// columns as fit, scrollable when even that is too tall.
///
/// App generates the entries from its keymap, so help never drifts from
/// what the keys actually do.
public struct HelpView: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var section: String
        public var key: String
        public var label: String

        public init(section: String, key: String, label: String) {
            self.section = section
            self.key = key
            self.label = label
        }
    }

    public var entries: [Entry]
    /// First row shown, in rows of the laid-out columns.
    public var scroll: Int
    public var title: String
    public var footer: String?

    public init(entries: [Entry], scroll: Int = 0, title: String = "Help", footer: String? = nil) {
        self.entries = entries
        self.scroll = scroll
        self.title = title
        self.footer = footer
    }

    private var keyWidth: Int { entries.map { DisplayWidth.drawn($0.key) }.max() ?? 0 }

    private var columnWidth: Int {
        let labels = entries.map { DisplayWidth.drawn($0.label) }.max() ?? 0
        let sections = entries.map { DisplayWidth.drawn($0.section) }.max() ?? 0
        return max(sections, keyWidth + 2 + labels)
    }

    /// Section headers and entries, one line each, sections apart by a blank.
    private var rows: [Line] {
        var lines: [Line] = []
        var order: [String] = []
        for entry in entries where !order.contains(entry.section) { order.append(entry.section) }
        for section in order {
            if !lines.isEmpty { lines.append(.empty) }
            lines.append(Line(section, role: .header))
            for entry in entries where entry.section == section {
                lines.append(Line([Span(entry.key, .statusKey)]).padded(to: keyWidth) + Line("  " + entry.label))
            }
        }
        return lines
    }

    /// The popup for `screen`: as many columns as fit (at most 3), as tall as needed.
    public func overlay(in screen: Rect) -> Overlay {
        let (columns, height) = grid(innerWidth: max(0, screen.width - 4))
        let width = columns * columnWidth + (columns - 1) * 3 + 4
        return Overlay(title: title, footer: footer, width: width, height: height + 2)
    }

    /// Columns and rows per column for content `innerWidth` wide.
    private func grid(innerWidth: Int) -> (columns: Int, rows: Int) {
        let total = rows.count
        let fit = max(1, (innerWidth + 3) / (columnWidth + 3))
        let columns = max(1, min(3, fit, total))
        return (columns, (total + columns - 1) / columns)
    }

    /// The largest useful `scroll` on `screen`.
    public func maxScroll(in screen: Rect) -> Int {
        let inner = overlay(in: screen).area(in: screen).inset(by: 1)
        let inset = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        return max(0, grid(innerWidth: inset.width).rows - inset.height)
    }

    public func render(in screen: Rect, to buffer: inout Buffer) {
        let inner = overlay(in: screen).render(in: screen, to: &buffer)
        // One blank column each side, inside the border.
        let content = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        guard !content.isEmpty else { return }
        let lines = rows
        let (columns, perColumn) = grid(innerWidth: content.width)
        let start = min(max(0, scroll), max(0, perColumn - content.height))
        let widths = Array(repeating: Constraint.length(columnWidth), count: columns)
        let columnRects = columns == 1 ? [content] : content.split(.horizontal, widths, spacing: 3)
        for (c, rect) in columnRects.enumerated() {
            for row in 0..<min(content.height, perColumn - start) {
                let index = c * perColumn + start + row
                guard index < lines.count else { break }
                buffer.put(lines[index].truncated(to: rect.width), in: rect, row: row)
            }
        }
        buffer.replaceRole(.text, with: .overlay, in: inner)
    }
}
