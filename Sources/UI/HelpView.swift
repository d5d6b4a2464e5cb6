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

    /// One block of lines per section: its header, then its entries.
    private var sections: [[Line]] {
        var order: [String] = []
        for entry in entries where !order.contains(entry.section) { order.append(entry.section) }
        return order.map { section in
            [Line(section, role: .header)] + entries.filter { $0.section == section }.map { entry in
                Line([Span(entry.key, .statusKey)]).padded(to: keyWidth) + Line("  " + entry.label)
            }
        }
    }

    /// The sections packed into at most `maxColumns` columns, never splitting
    /// a section (a header alone at the foot of a column reads as a bug), as
    /// short as possible; sections in a column are a blank line apart.
    private func columns(maxColumns: Int) -> [[Line]] {
        let blocks = sections
        guard !blocks.isEmpty else { return [[]] }
        let total = blocks.reduce(0) { $0 + $1.count + 1 } - 1
        for target in max(1, (total + maxColumns - 1) / maxColumns)...max(1, total) {
            var packed: [[Line]] = [[]]
            for block in blocks {
                let current = packed[packed.count - 1]
                let needed = current.isEmpty ? block.count : current.count + 1 + block.count
                if needed > target, !current.isEmpty {
                    packed.append(block)
                } else {
                    packed[packed.count - 1] += (current.isEmpty ? [] : [Line.empty]) + block
                }
            }
            if packed.count <= maxColumns { return packed }
        }
        return [Array(blocks.joined(separator: [Line.empty]))]
    }

    /// How many columns fit in content `innerWidth` wide (at most 3).
    private func columnCount(innerWidth: Int) -> Int {
        max(1, min(3, (innerWidth + 3) / (columnWidth + 3)))
    }

    /// The popup for `screen`: as many columns as fit, as tall as needed.
    public func overlay(in screen: Rect) -> Overlay {
        let packed = columns(maxColumns: columnCount(innerWidth: max(0, screen.width - 4)))
        let width = packed.count * columnWidth + (packed.count - 1) * 3 + 4
        let height = packed.map(\.count).max() ?? 0
        return Overlay(title: title, footer: footer, width: width, height: height + 2)
    }

    /// The content rectangle inside the popup: one blank column each side.
    private func content(of inner: Rect) -> Rect {
        Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
    }

    /// The largest useful `scroll` on `screen`.
    public func maxScroll(in screen: Rect) -> Int {
        let content = content(of: overlay(in: screen).area(in: screen).inset(by: 1))
        let packed = columns(maxColumns: columnCount(innerWidth: content.width))
        return max(0, (packed.map(\.count).max() ?? 0) - content.height)
    }

    public func render(in screen: Rect, to buffer: inout Buffer) {
        let inner = overlay(in: screen).render(in: screen, to: &buffer)
        let content = content(of: inner)
        guard !content.isEmpty else { return }
        let packed = columns(maxColumns: columnCount(innerWidth: content.width))
        let tallest = packed.map(\.count).max() ?? 0
        let start = min(max(0, scroll), max(0, tallest - content.height))
        let widths = Array(repeating: Constraint.length(columnWidth), count: packed.count)
        let columnRects = packed.count == 1 ? [content] : content.split(.horizontal, widths, spacing: 3)
        for (lines, rect) in zip(packed, columnRects) {
            for (row, line) in lines.dropFirst(start).prefix(content.height).enumerated() {
                buffer.put(line.truncated(to: rect.width), in: rect, row: row)
            }
        }
        buffer.replaceRole(.text, with: .overlay, in: inner)
    }
}
