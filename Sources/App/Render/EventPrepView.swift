import Domain
import UI

/// The event prep sheet: every attendee with how you met, what drives
/// them, open promises both ways and the last interactions. Scrolls with
/// j/k; `rapport brief` prints the same sheet.
struct EventPrepView {
    let brief: EventBrief
    let format: Format
    let scroll: Int

    func render(in area: Rect, to buffer: inout Buffer) {
        let e = brief.event
        let block = Block(title: "Prep: \(e.name)", focused: true)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let paragraph = Paragraph(lines: lines())
        var shown = paragraph
        shown.scroll = min(scroll, paragraph.maxScroll(in: inner))
        shown.render(in: inner, to: &buffer)
    }

    func lines() -> [Line] {
        let e = brief.event
        let days = brief.today.days(until: Day(e.start, in: format.calendar))
        var lines: [Line] = [
            Line([Span(format.dayAndTime(e.start), .header), Span(" (\(Format.relative(days: days)))", .muted),
                  Span(e.location.isEmpty ? "" : " · \(e.location)"), Span(" · \(brief.attendees.count) attendee\(brief.attendees.count == 1 ? "" : "s")", .muted)]),
        ]
        if !e.notes.isEmpty { lines += Line(e.notes, role: .muted).splitAtNewlines() }
        for a in brief.attendees {
            lines.append("")
            let level = a.attention.map { Panes.role(for: $0.level) } ?? .text
            lines.append(Line([Span("● ", level), Span(a.contact.name, .title),
                               Span("  " + EventBrief.headline(a.contact), .muted)]))
            if let met = EventBrief.howWeMet(a.contact) { lines.append(Line([Span("  met      ", .muted), Span(met)])) }
            if !a.contact.drives.isEmpty {
                lines.append(Line([Span("  drives   ", .muted), Span(a.contact.drives)]))
            }
            if let attention = a.attention, !attention.reasons.isEmpty {
                lines.append(Line([Span("  needs    ", .muted), Span(attention.explanation, level)]))
            }
            for p in a.mine {
                lines.append(Line([Span("  I owe    ", .muted), Span(p.text, p.daysOverdue(on: brief.today) > 0 ? .promiseOverdue : .text),
                                   Span(" (\(Format.due(p, today: brief.today)))", .muted)]))
            }
            for p in a.theirs {
                lines.append(Line([Span("  they owe ", .muted), Span(p.text),
                                   Span(" (\(Format.due(p, today: brief.today)))", .muted)]))
            }
            for i in a.recent {
                lines.append(Line([Span("  \(format.day(i.occurredAt).padding(toLength: 7, withPad: " ", startingAt: 0))", .muted),
                                   Span(i.kind.rawValue.padding(toLength: 13, withPad: " ", startingAt: 0), .muted), Span(i.summary)]))
            }
            if a.recent.isEmpty { lines.append(Line("  no interactions yet", role: .muted)) }
        }
        return lines
    }
}
