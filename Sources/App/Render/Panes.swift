import Domain
import Foundation
import UI

/// The lists of the four views. Each draws only its visible rows: rows are
/// built on demand by index, so a move costs the same with 40 contacts or
/// 100,000.
enum Panes {
    static func role(for level: AttentionLevel) -> Role {
        switch level {
        case .overdue: return .attentionOverdue
        case .due: return .attentionDue
        case .calm: return .attentionCalm
        }
    }

    /// "47d/45": days since the last touch against the maximum.
    static func since(_ a: Attention?) -> String {
        guard let a else { return "" }
        let days = a.daysSinceTouch.map { "\($0)d" } ?? "never"
        return a.cadence.map { "\(days)/\($0.maximumDays)" } ?? days
    }

    static func marker(_ a: Attention?) -> Span {
        guard let a else { return Span(" ", .muted) }
        if a.snoozedUntil != nil { return Span("z", .muted) }
        return Span(a.score > 0 ? "●" : "·", role(for: a.level))
    }

    static func attention(_ state: AppState, _ library: Library, in area: Rect, to buffer: inout Buffer) {
        let items = state.attentionItems
        let focused = state.focus == .attention
        let title = state.search.query.isEmpty ? "Needs attention (\(library.needingAttentionCount))"
            : "Search: \(state.search.query)\(state.search.typing ? "▏" : "") (\(items.count))"
        let block = Block(title: title, focused: focused)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let wide = inner.width >= 60
        let columns: [TableColumn] = wide
            ? [TableColumn(.length(1)), TableColumn(.fill(3)), TableColumn(.length(8), alignment: .right),
               TableColumn(.length(library.rapportTouches)), TableColumn(.fill(4))]
            : [TableColumn(.length(1)), TableColumn(.fill(3)), TableColumn(.length(8), alignment: .right),
               TableColumn(.fill(3))]
        let list = ListView(count: items.count, columns: columns, focused: focused,
                            emptyMessage: state.search.query.isEmpty ? "nobody needs attention" : "no match") { i in
            let a = items[i]
            let name = library.name(of: a.contactID)
            let reason = a.snoozedUntil.map { Line("snoozed until \($0.iso)", role: .muted) }
                ?? Line(a.reasons.first?.text ?? "", role: a.reasons.first.map { role(for: $0.level) } ?? .muted)
            var cells = [Line([marker(a)]), Line(name), Line(since(a), role: .muted)]
            if wide { cells.append(RapportDots(filled: a.touches, of: library.rapportTouches).line) }
            cells.append(reason)
            return TableRow(cells)
        }
        list.render(in: inner, to: &buffer, state: state.list(.attention).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }

    /// The width of column `index` of a table with `columns` in `area`, as
    /// `ListView` lays it out.
    static func columnWidth(_ columns: [TableColumn], _ index: Int, in area: Rect) -> Int {
        let rects = ListView(count: 0, columns: columns) { _ in TableRow([]) }.columnRects(in: area)
        return rects.indices.contains(index) ? rects[index].width : 0
    }

    /// `text` and then `tail` (" · Ana Lima", " · private") in `width`
    /// columns: the text is cut first, so that who of the team made a row,
    /// and whether it is private, stay on screen in a narrow column. With no
    /// width, or too little room left for the text, the whole is cut as usual.
    static func keepingTail(_ text: String, _ tail: String, role: Role = .text, width: Int?) -> Line {
        let whole = Line(text + tail, role: role)
        let end = Line(tail, role: role)
        guard let width, !tail.isEmpty, whole.width > width, width - end.width >= 4 else { return whole }
        return Line(text, role: role).truncated(to: width - end.width) + end
    }

    /// One row of a timeline; `width`: its summary column's, when known.
    static func timelineRow(_ item: TimelineItem, library: Library, format: Format, withNames: Bool = false,
                            width: Int? = nil) -> TableRow {
        switch item {
        case .interaction(let i):
            var summary = i.summary.isEmpty ? i.notes : i.summary
            if withNames, i.contactIDs.count > 1 {
                summary += " (with " + i.contactIDs.map(library.name(of:)).joined(separator: ", ") + ")"
            }
            var tail = ""
            if let maker = library.team?.maker(i.memberID) { tail += " · \(maker)" }
            if i.isPrivate { tail += " · private" }
            let direction: Role = i.direction == .give ? .attentionCalm : i.direction == .ask ? .attentionDue : .muted
            return TableRow([Line(format.day(i.occurredAt), role: .muted), Line(i.kind.rawValue, role: direction),
                             keepingTail(summary, tail, width: width)])
        case .promise(let p):
            let who = p.owner == .theirs ? "they promised"
                : library.team?.maker(p.memberID).map { "\($0) promised" } ?? "I promised"
            let role: Role
            let status: String
            if let done = p.doneAt {
                role = .muted
                status = "✓ \(format.day(done))"
            } else {
                let late = p.daysOverdue(on: library.today)
                role = late > 0 ? .promiseOverdue : late == 0 && p.due != nil ? .promiseDue : .text
                status = Format.due(p, today: library.today)
            }
            return TableRow([Line(format.day(p.createdAt), role: .muted), Line("promise", role: role),
                             Line([Span("\(who): \(p.text) ", role), Span("(\(status))", .muted)])])
        }
    }

    static func timeline(_ state: AppState, _ library: Library, format: Format, in area: Rect, to buffer: inout Buffer) {
        let focused = state.focus == .timeline
        let items = state.timelineItems
        let title = state.selectedContactID.map { "Timeline · \(library.name(of: $0))" } ?? "Timeline"
        let block = Block(title: title, focused: focused)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        var top = inner
        if let id = state.selectedContactID, let a = library.attentionByID[id], !a.reasons.isEmpty, inner.height > 3 {
            buffer.put(Line(a.explanation, role: role(for: a.level)).truncated(to: inner.width), in: inner, row: 0)
            top = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        }
        let columns = [TableColumn(.length(6)), TableColumn(.length(9)), TableColumn(.fill(1))]
        let width = columnWidth(columns, 2, in: top)
        let list = ListView(count: items.count, columns: columns,
                            focused: focused, emptyMessage: "no interactions yet: l logs one") { i in
            timelineRow(items[i], library: library, format: format, withNames: true, width: width)
        }
        list.render(in: top, to: &buffer, state: state.list(.timeline).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: top)))
    }

    /// One promise; `width`: its text column's, when known.
    static func promiseRow(_ p: Promise, library: Library, width: Int? = nil) -> TableRow {
        let late = p.daysOverdue(on: library.today)
        let role: Role = !p.isOpen ? .muted : late > 0 ? .promiseOverdue : late == 0 && p.due != nil ? .promiseDue : .text
        let arrow = p.owner == .mine ? "→" : "←"
        let due = p.isOpen ? Format.due(p, today: library.today) : "done"
        let tail = library.team?.maker(p.memberID).map { " · \($0)" } ?? ""
        return TableRow([Line(due, role: role), Line("\(arrow) \(library.name(of: p.contactID))"),
                         keepingTail(p.text, tail, role: role, width: width)])
    }

    static func promises(_ state: AppState, _ library: Library, in area: Rect, to buffer: inout Buffer) {
        let focused = state.focus == .promises
        let items = state.promisePaneItems
        // The pane lists exactly the library's open promises, whose overdue count is kept.
        let overdue = library.overdueMinePromiseCount
        let block = Block(title: "Promises (\(items.count) open, \(overdue) overdue)", focused: focused)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let columns = [TableColumn(.length(8)), TableColumn(.fill(2)), TableColumn(.fill(3))]
        let width = columnWidth(columns, 2, in: inner)
        let list = ListView(count: items.count, columns: columns,
                            focused: focused, emptyMessage: "no open promises") { i in
            promiseRow(items[i], library: library, width: width)
        }
        list.render(in: inner, to: &buffer, state: state.list(.promisePane).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }

    static func contacts(_ state: AppState, _ library: Library, format: Format, in area: Rect, to buffer: inout Buffer) {
        let items = state.contactItems
        var title = "Contacts (\(items.count)) · sort: \(state.contactSort.rawValue) · circle: \(state.circleFilter?.label ?? "all")"
        if !state.search.query.isEmpty { title += " · search: \(state.search.query)\(state.search.typing ? "▏" : "")" }
        let block = Block(title: title, focused: true)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let header = TableRow([Line(" "), Line("Name"), Line("Company"), Line("Circle"), Line("Last touch"),
                               Line("Score"), Line("Tags")])
        let list = ListView(count: items.count,
                            columns: [TableColumn(.length(1)), TableColumn(.fill(3)), TableColumn(.fill(2)),
                                      TableColumn(.length(12)), TableColumn(.length(10)),
                                      TableColumn(.length(5), alignment: .right), TableColumn(.fill(2))],
                            header: header, focused: true, emptyMessage: "no contacts match") { i in
            guard let c = library.contactsByID[items[i]] else { return TableRow([]) }
            let a = library.attentionByID[items[i]]
            let last = a?.lastTouch.map { Format.relative(days: -library.days.day($0).days(until: library.today)) } ?? "never"
            return TableRow([Line([c.archived ? Span("a", .muted) : marker(a)]),
                             Line(c.name, role: c.archived ? .muted : .text), Line(c.company, role: .muted),
                             Line(c.archived ? "archived" : c.circle.rawValue, role: .muted), Line(last, role: .muted),
                             Line(a.map { String(Int($0.score.rounded())) } ?? "", role: .muted),
                             Line(c.tags.joined(separator: ", "), role: .muted)])
        }
        list.render(in: inner, to: &buffer, state: state.list(.contacts).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }

    static func promiseList(_ state: AppState, _ library: Library, format: Format, in area: Rect, to buffer: inout Buffer) {
        let items = state.promiseItems
        var title = "Promises (\(items.count)) · showing: \(state.promiseFilter.rawValue)"
        if !state.search.query.isEmpty { title += " · search: \(state.search.query)\(state.search.typing ? "▏" : "")" }
        let block = Block(title: title, focused: true)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let header = TableRow([Line("Due"), Line("Who"), Line("Promise"), Line("Made")])
        let columns = [TableColumn(.length(9)), TableColumn(.fill(2)), TableColumn(.fill(4)), TableColumn(.length(7))]
        let width = columnWidth(columns, 2, in: inner)
        let list = ListView(count: items.count, columns: columns,
                            header: header, focused: true, emptyMessage: "no promises here") { i in
            let row = promiseRow(items[i], library: library, width: width)
            return TableRow(row.cells + [Line(format.day(items[i].createdAt), role: .muted)])
        }
        list.render(in: inner, to: &buffer, state: state.list(.promises).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }

    static func events(_ state: AppState, _ library: Library, format: Format, in area: Rect, to buffer: inout Buffer) {
        let items = state.eventItems
        let block = Block(title: "Upcoming events (\(items.count)) · Enter: prep", focused: true)
        block.render(in: area, to: &buffer)
        let inner = block.inner(area)
        let header = TableRow([Line("When"), Line(""), Line("Event"), Line("Where"), Line("People")])
        let list = ListView(count: items.count,
                            columns: [TableColumn(.length(16)), TableColumn(.length(9)), TableColumn(.fill(3)),
                                      TableColumn(.fill(2)), TableColumn(.length(6), alignment: .right)],
                            header: header, focused: true, emptyMessage: "no upcoming events") { i in
            let e = items[i]
            let days = library.today.days(until: library.days.day(e.start))
            return TableRow([Line(format.dayAndTime(e.start)), Line(Format.relative(days: days), role: .muted),
                             Line(e.name), Line(e.location, role: .muted), Line("\(e.attendeeIDs.count)")])
        }
        list.render(in: inner, to: &buffer, state: state.list(.events).keptVisible(
            count: items.count, visibleHeight: list.visibleRows(in: inner)))
    }
}
