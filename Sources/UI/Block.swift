/// A bordered box with a title, around a pane or an overlay.
///
/// The border is drawn with box-drawing characters directly rather than
/// curses ACS symbols: UI knows nothing of curses, and in a UTF-8 locale the
/// two look the same (../shared/TERMINAL-NOTES.md). Focus shows as a border
/// role, so a monochrome theme can make it bold.
public struct Block: Hashable, Sendable {
    public var title: String?
    /// A hint drawn in the bottom border, e.g. "Enter open · Esc back".
    public var footer: String?
    public var focused: Bool
    /// Role of the area inside the border (cleared when drawing).
    public var fill: Role?

    public init(title: String? = nil, footer: String? = nil, focused: Bool = false, fill: Role? = nil) {
        self.title = title
        self.footer = footer
        self.focused = focused
        self.fill = fill
    }

    /// The area left for content inside the border.
    public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

    public func render(in area: Rect, to buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        if let fill { buffer.fill(inner(area), role: fill) }
        let role: Role = focused ? .borderFocused : .border
        let right = area.maxX - 1, bottom = area.maxY - 1
        // A box one cell thin degrades to a single line, not to crossed edges.
        if area.height == 1 || area.width >= 2 {
            for x in area.x...right {
                buffer.set("─", x: x, y: area.y, role: role, clip: clip)
                buffer.set("─", x: x, y: bottom, role: role, clip: clip)
            }
        }
        if area.width == 1 || area.height >= 2 {
            for y in area.y...bottom {
                buffer.set("│", x: area.x, y: y, role: role, clip: clip)
                buffer.set("│", x: right, y: y, role: role, clip: clip)
            }
        }
        if area.width >= 2, area.height >= 2 {
            buffer.set("┌", x: area.x, y: area.y, role: role, clip: clip)
            buffer.set("┐", x: right, y: area.y, role: role, clip: clip)
            buffer.set("└", x: area.x, y: bottom, role: role, clip: clip)
            buffer.set("┘", x: right, y: bottom, role: role, clip: clip)
        }
        // Labels sit after "┌─" and keep one "─" before the corner.
        let labelRoom = Rect(x: area.x + 2, y: area.y, width: area.width - 4, height: area.height)
        if let title, !title.isEmpty, labelRoom.width > 2 {
            let line = Line(" \(title) ", role: focused ? .title : .header).truncated(to: labelRoom.width)
            buffer.put(line, x: labelRoom.x, y: area.y, clip: labelRoom.intersection(clip))
        }
        if let footer, !footer.isEmpty, labelRoom.width > 2, area.height >= 2 {
            let line = Line(" \(footer) ", role: .muted).truncated(to: labelRoom.width)
            let row = Rect(x: labelRoom.x, y: bottom, width: labelRoom.width, height: 1)
            buffer.put(line, x: labelRoom.maxX - line.width, y: bottom, clip: row.intersection(clip))
        }
    }
}
