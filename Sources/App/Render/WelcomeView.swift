import UI

/// The first screen on an empty database: what rapport is, and the two
/// ways to start (load the demo, or add a first contact).
struct WelcomeView {
    let keymap: Keymap

    func render(in area: Rect, to buffer: inout Buffer) {
        let lines: [Line] = [
            Line("Welcome to rapport", role: .title),
            "",
            Line("Your relationship book is empty. rapport tells you who needs", role: .text),
            Line("attention and why, and keeps your promises from slipping.", role: .text),
            "",
            Line([Span(pad(keymap.shortKey(.loadDemo)), .statusKey), Span("load the demo data: 40 people, six months of history")]),
            Line([Span(pad(keymap.shortKey(.addContact)), .statusKey), Span("add your first contact")]),
            Line([Span(pad(keymap.shortKey(.help)), .statusKey), Span("all keys")]),
            Line([Span(pad(keymap.shortKey(.quit)), .statusKey), Span("quit")]),
        ]
        let width = min(area.width - 2, (lines.map(\.width).max() ?? 0) + 4)
        let box = area.centered(width: width, height: lines.count + 2)
        Block(title: "rapport", focused: true).render(in: box, to: &buffer)
        let inner = box.inset(by: 1)
        for (row, line) in lines.enumerated() {
            buffer.put(Line([Span(" ")]) + line, in: inner, row: row)
        }
    }

    private func pad(_ key: String) -> String { " " + key + String(repeating: " ", count: max(1, 4 - key.count)) }
}
