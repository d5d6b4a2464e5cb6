/// Draws a `FormState`: one row per field (label, then the value box), and
/// under a field with an error, the error in `input.error`.
///
/// Pure rendering: the cursor's cell is drawn in `input.cursor` so goldens
/// show it, and `cursorPosition(in:)` tells the backend where to put the
/// terminal's own cursor. Scrolling (horizontal in a field, vertical over
/// fields) is recomputed here so the cursor and the focused field always show,
/// whatever size the form is drawn at.
public struct FormView: Hashable, Sendable {
    public var state: FormState

    public init(state: FormState) { self.state = state }

    /// Columns given to labels: the widest label, at most a third of the area.
    public func labelWidth(in area: Rect) -> Int {
        let widest = state.fields.map { DisplayWidth.drawn($0.label) }.max() ?? 0
        return min(widest, area.width / 3)
    }

    /// Columns of each value box in `area`; App stores it in `FormState.fieldWidth`.
    public func fieldWidth(in area: Rect) -> Int {
        max(0, area.width - labelWidth(in: area) - 1)
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        let clip = area.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        let labelWidth = labelWidth(in: area)
        let boxWidth = fieldWidth(in: area)
        for (index, y) in rowPositions(in: area) {
            let field = state.fields[index]
            let focused = index == state.focus
            let label = Line(field.label, role: focused ? .header : .text).aligned(.left, in: labelWidth)
            buffer.put(label, x: area.x, y: y, clip: clip)
            let box = Rect(x: area.maxX - boxWidth, y: y, width: boxWidth, height: 1)
            drawValue(field, focused: focused, box: box, clip: box.intersection(clip), to: &buffer)
            if let error = field.error, y + 1 < area.maxY {
                let line = Line(error, role: .inputError).truncated(to: boxWidth)
                buffer.put(line, x: box.x, y: y + 1, clip: clip)
            }
        }
    }

    /// Screen position of the text cursor, when a text field has focus and shows.
    public func cursorPosition(in area: Rect) -> (x: Int, y: Int)? {
        guard let field = state.fields[safe: state.focus], case .text = field.kind else { return nil }
        guard let y = rowPositions(in: area).first(where: { $0.index == state.focus })?.y else { return nil }
        let width = fieldWidth(in: area)
        guard width > 0 else { return nil }
        return (area.maxX - width + field.cursorColumn - field.visibleScroll(width: width), y)
    }

    private func drawValue(_ field: FormField, focused: Bool, box: Rect, clip: Rect, to buffer: inout Buffer) {
        guard !clip.isEmpty else { return }
        let role: Role = focused ? .inputFocused : .input
        buffer.fill(clip, role: role)
        switch field.kind {
        case .text:
            let scroll = field.visibleScroll(width: box.width)
            buffer.put(Line(field.value, role: role), x: box.x - scroll, y: box.y, clip: clip)
            if focused {
                let x = box.x + field.cursorColumn - scroll
                if x >= clip.x, x < clip.maxX {
                    let cell = buffer[x, box.y]
                    buffer[x, box.y].role = .inputCursor
                    if cell.width == 2, x + 1 < clip.maxX { buffer[x + 1, box.y].role = .inputCursor }
                }
            }
        case .choice:
            let marker = Line("▾", role: focused ? role : .muted)
            let text = Line(field.value, role: role).truncated(to: max(0, box.width - 2))
            buffer.put(text, x: box.x, y: box.y, clip: clip)
            if box.width >= 2 { buffer.put(marker, x: box.maxX - 1, y: box.y, clip: clip) }
        }
    }

    /// The screen row of each field shown, scrolled so the focused one shows.
    private func rowPositions(in area: Rect) -> [(index: Int, y: Int)] {
        var tops: [Int] = []
        var row = 0
        for field in state.fields {
            tops.append(row)
            row += field.error == nil ? 1 : 2
        }
        guard let focusTop = tops[safe: state.focus] else { return [] }
        let focusHeight = state.fields[state.focus].error == nil ? 1 : 2
        let offset = max(0, min(focusTop, focusTop + focusHeight - area.height))
        return tops.enumerated().compactMap { index, top in
            let y = top - offset
            return y >= 0 && y < area.height ? (index, area.y + y) : nil
        }
    }
}
