/// A centred popup over the screen (help, forms, confirmations).
///
/// It clears its whole area first: whatever panes were drawn below must not
/// show through, including half of a wide glyph cut by the popup's edge.
public struct Overlay: Hashable, Sendable {
    public var title: String?
    public var footer: String?
    /// Wanted size including the border; shrunk to the screen.
    public var width: Int
    public var height: Int

    public init(title: String? = nil, footer: String? = nil, width: Int, height: Int) {
        self.title = title
        self.footer = footer
        self.width = width
        self.height = height
    }

    /// Where the popup goes on `screen`: centred, and at least one cell in
    /// from each edge when the screen allows, so it reads as a popup.
    public func area(in screen: Rect) -> Rect {
        let room = screen.width > width + 1 && screen.height > height + 1 ? screen.inset(by: 1) : screen
        return room.centered(width: width, height: height)
    }

    /// Draws the popup frame and returns the inside, for the content. Plain
    /// text drawn there is in role `text`; call
    /// `buffer.replaceRole(.text, with: .overlay, in: inside)` after drawing
    /// it so a theme giving overlays their own background shows no patches.
    @discardableResult
    public func render(in screen: Rect, to buffer: inout Buffer) -> Rect {
        let box = area(in: screen)
        buffer.fill(box, role: .overlay)
        Block(title: title, footer: footer, focused: true, fill: .overlay).render(in: box, to: &buffer)
        return box.inset(by: 1)
    }
}
