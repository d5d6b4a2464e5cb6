import Domain
import Foundation
import Store
import UI

/// View 5: people the user corresponds with who are not contacts, in the
/// store's order (two-way correspondence first), with the keys that act
/// on them. Empty, it says how to fill it rather than showing nothing.
struct SuggestionsView {
    let state: AppState
    let library: Library

    func render(in area: Rect, to buffer: inout Buffer) {
        let items = state.suggestionItems
        let keys = state.keymap
        var title = "Suggestions from mail (\(items.count))"
        if !state.search.query.isEmpty { title += " · search: \(state.search.query)\(state.search.typing ? "▏" : "")" }
        // The keys in the title too: a narrow status line drops hints.
        if !items.isEmpty { title += " · \(keys.shortKey(.addContact)): add · \(keys.shortKey(.toggleDone)): dismiss" }
        let block = Block(title: title, focused: true)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        guard let all = library.suggestions, !all.isEmpty else {
            let lines = library.suggestions == nil ? [Line("reading suggestions…", role: .muted)] : emptyState
            Paragraph(lines: lines.map { Line([Span(" ")]) + $0 }).render(in: inner, to: &buffer)
            return
        }
        let mail = items.map(Self.counts)
        let mailWidth = max(4, mail.prefix(200).map { DisplayWidth.drawn($0) }.max() ?? 0)
        let header = TableRow([Line(" "), Line("Name"), Line("Address"), Line("Mail"), Line("Last")])
        let list = ListView(count: items.count,
                            columns: [TableColumn(.length(1)), TableColumn(.fill(3)), TableColumn(.fill(3)),
                                      TableColumn(.length(mailWidth)), TableColumn(.length(9))],
                            header: header, focused: true, emptyMessage: "no match") { i in
            let s = items[i]
            let days = library.days.day(s.last).days(until: library.today)
            return TableRow([Line(s.isTwoWay ? "⇄" : " ", role: .attentionCalm),
                             Line(s.name.isEmpty ? s.email : s.name), Line(s.email, role: .muted),
                             Line(mail[i], role: .muted), Line(Format.relative(days: -days), role: .muted)])
        }
        list.render(in: inner, to: &buffer, state: state.list(.suggestions).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }

    /// "3 sent · 5 received": messages the user sent them, and they sent.
    static func counts(_ s: MailSuggestion) -> String { "\(s.sent) sent · \(s.received) received" }

    /// How to fill the view, then what it is for: the how comes first, so a
    /// small terminal still shows it.
    private var emptyState: [Line] {
        [
            Line("No suggestions yet.", role: .header),
            "",
            Line("To fill this list, add to ~/.config/rapport/config.toml"),
            Line("    [capture]", role: .muted),
            Line("    mail = [\"~/Mail\"]", role: .muted),
            Line("    [me]", role: .muted),
            Line("    emails = [\"you@example.com\"]", role: .muted),
            Line([Span("and run "), Span("rapport capture", .statusKey), Span(" (it reads headers only).")]),
            "",
            Line("People you write to or hear from who are not contacts", role: .muted),
            Line("show up here, two-way correspondence first.", role: .muted),
        ]
    }
}
