import Domain
import Foundation
import UI

/// One contact in full: who they are, how you met, what drives them, the
/// rhythm of the relationship over the past year (a sparkline of touches
/// per month), why they need attention, and the whole timeline.
struct ContactDetailView {
    let state: AppState
    let library: Library
    let contactID: Int64
    let format: Format

    func render(in area: Rect, to buffer: inout Buffer) {
        guard let c = library.contact(contactID) else { return }
        let a = library.attentionByID[contactID]
        let columns = area.split(.horizontal, [.percentage(40), .fill(1)])
        let about = Block(title: c.name + (c.archived ? " (archived)" : ""), focused: false)
        about.render(in: columns[0], to: &buffer)
        Paragraph(lines: facts(c, a)).render(in: about.inner(columns[0]), to: &buffer)

        let items = library.timeline(of: contactID)
        let right = columns[1]
        let block = Block(title: "Timeline (\(items.count))", focused: true)
        block.render(in: right, to: &buffer)
        let inner = block.inner(right)
        var header: [Line] = []
        let months = library.monthlyInteractions(of: contactID)
        let touches = months.reduce(0, +)
        header.append(Line([Span("rhythm ", .muted)]) + Sparkline(values: months).line()
                      + Line([Span("  past 12 months, \(touches) touch\(touches == 1 ? "" : "es")", .muted)]))
        if let a, !a.reasons.isEmpty {
            for reason in a.reasons.prefix(3) { header.append(Line(reason.text, role: Panes.role(for: reason.level))) }
        }
        for (row, line) in header.enumerated() where row < inner.height {
            buffer.put(line.truncated(to: inner.width), in: inner, row: row)
        }
        let used = min(inner.height, header.count + 1)
        let listArea = Rect(x: inner.x, y: inner.y + used, width: inner.width, height: inner.height - used)
        let marks = CaptureMark.marks(for: items, sources: library.captureSources(of: contactID))
        var table = [TableColumn(.length(6)), TableColumn(.length(9)), TableColumn(.fill(1))]
        if let width = CaptureMark.columnWidth(marks) { table.append(TableColumn(.length(width))) }
        let marked = table.count > 3
        let width = Panes.columnWidth(table, 2, in: listArea)
        let list = ListView(count: items.count, columns: table,
                            focused: true, emptyMessage: "no interactions yet: l logs one") { i in
            let row = Panes.timelineRow(items[i], library: library, format: format, withNames: true, width: width)
            return marked ? TableRow(row.cells + [marks[i].map { Line($0, role: .muted) } ?? Line("")]) : row
        }
        list.render(in: listArea, to: &buffer, state: state.list(.contactDetail).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: listArea)))
    }

    private func facts(_ c: Contact, _ a: Attention?) -> [Line] {
        var lines: [Line] = []
        func add(_ label: String, _ value: String) {
            guard !value.isEmpty else { return }
            lines.append(Line([Span(label.padding(toLength: 10, withPad: " ", startingAt: 0), .muted), Span(value)]))
        }
        add("nickname", c.nickname)
        add("work", [c.title, c.company].filter { !$0.isEmpty }.joined(separator: ", "))
        let cadence = library.attentionByID[contactID]?.cadence.map { " (every \($0.idealDays)–\($0.maximumDays)d)" } ?? ""
        add("circle", c.circle.rawValue + cadence)
        add("email", c.emails.joined(separator: ", "))
        add("phone", c.phones.joined(separator: ", "))
        add("tags", c.tags.joined(separator: ", "))
        add("birthday", c.birthday.map { $0.description } ?? "")
        add("met", EventBrief.howWeMet(c) ?? "")
        if let a {
            let dots = RapportDots(filled: a.touches, of: library.rapportTouches).line
            lines.append(Line([Span("rapport   ", .muted)]) + dots + Line([Span(" \(a.touches) touch\(a.touches == 1 ? "" : "es")", .muted)]))
            if let until = a.snoozedUntil { add("snoozed", "until \(until.iso)") }
        }
        let open = library.openPromises(of: contactID)
        if !open.isEmpty {
            lines.append("")
            lines.append(Line("Open promises", role: .header))
            for p in open {
                let row = Panes.promiseRow(p, library: library)
                lines.append(Line([Span(p.owner == .mine ? "I: " : "they: ", .muted)]) + row.cells[2]
                             + Line([Span(" (\(row.cells[0].text))", .muted)]))
            }
        }
        let known = library.team == nil ? [] : library.knownBy(contactID)
        if !known.isEmpty {
            lines.append("")
            lines.append(Line("Who knows them", role: .header))
            for each in known { lines.append(Line(each.text(today: library.today, calendar: library.calendar))) }
        }
        if !c.drives.isEmpty {
            lines.append("")
            lines.append(Line("What drives them", role: .header))
            lines += Line(c.drives).splitAtNewlines()
        }
        if !c.notes.isEmpty {
            lines.append("")
            lines.append(Line("Notes", role: .header))
            lines += Line(c.notes).splitAtNewlines()
        }
        return lines
    }
}
