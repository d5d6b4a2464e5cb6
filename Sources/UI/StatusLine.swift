/// The bottom row: key hints or a message on the left, a note on the right
/// (e.g. "scored 11:42").
///
/// Space goes first to the right note, then to the message, then to hints.
/// Hints are whole or absent: a hint cut in half ("q qu") reads as a wrong
/// key, so the ones that do not fit are dropped.
public struct StatusLine: Hashable, Sendable {
    public struct Hint: Hashable, Sendable {
        public var key: String
        public var label: String

        public init(key: String, label: String) {
            self.key = key
            self.label = label
        }
    }

    public enum Message: Hashable, Sendable {
        case info(String)
        case error(String)
    }

    public var hints: [Hint]
    /// Replaces the hints while shown.
    public var message: Message?
    public var right: String?

    public init(hints: [Hint] = [], message: Message? = nil, right: String? = nil) {
        self.hints = hints
        self.message = message
        self.right = right
    }

    public func render(in area: Rect, to buffer: inout Buffer) {
        let row = Rect(x: area.x, y: area.y, width: area.width, height: min(1, area.height))
        let clip = row.intersection(buffer.area)
        guard !clip.isEmpty else { return }
        buffer.fill(clip, role: .statusBar)
        var limit = row.maxX
        if let right, !right.isEmpty {
            let note = Line(right, role: .statusBar)
            // Keep at least a little room on the left; otherwise drop the note.
            if note.width + 2 <= row.width {
                buffer.put(note, x: row.maxX - 1 - note.width, y: row.y, clip: clip)
                limit = row.maxX - note.width - 2
            }
        }
        let left = Rect(x: row.x + 1, y: row.y, width: limit - row.x - 2, height: 1).intersection(clip)
        guard !left.isEmpty else { return }
        switch message {
        case .info(let text):
            buffer.put(Line(text, role: .statusMessage).truncated(to: left.width), x: left.x, y: left.y, clip: left)
        case .error(let text):
            buffer.put(Line(text, role: .statusError).truncated(to: left.width), x: left.x, y: left.y, clip: left)
        case nil:
            var x = left.x
            for hint in hints {
                let line = Line([Span(hint.key, .statusKey), Span(" " + hint.label, .statusBar)])
                let gap = x == left.x ? 0 : 2
                if x + gap + line.width > left.maxX { break }
                x = buffer.put(line, x: x + gap, y: left.y, clip: left)
            }
        }
    }
}
