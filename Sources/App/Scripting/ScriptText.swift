import Domain
import Foundation
import Store
import UI

/// The plain-text output of the scripting commands.
///
/// With `safe` (standard output is a terminal), every piece of text that came
/// from the database goes through `visible`, so an escape sequence hidden in
/// a name is shown as `␛` and never acted on by the terminal. Piped output
/// keeps the text as stored, for scripts.
public struct ScriptText {
    public let safe: Bool
    public let format: Format
    public let today: Day

    public init(safe: Bool, calendar: Calendar, today: Day) {
        self.safe = safe
        self.format = Format(calendar: calendar)
        self.today = today
    }

    /// `text` with every control, escape and bidi character replaced by a visible stand-in.
    public static func visible(_ text: String) -> String { SafeText.visible(text) }

    /// A one-line field from the database, as printed.
    func f(_ text: String) -> String { safe ? SafeText.visible(text) : text }

    /// Multi-line text (notes): each line made visible, continuation lines indented.
    func lines(_ text: String, indent: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { f(String($0)) }
            .joined(separator: "\n" + indent)
    }

    /// Text built elsewhere (EventBrief) made safe line by line.
    public func block(_ text: String) -> String {
        guard safe else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { SafeText.visible(String($0)) }
            .joined(separator: "\n")
    }

    func tag(_ c: Contact) -> String { "#\(c.id ?? 0) \(f(c.name))" }

    func tag(_ c: ContactLine) -> String { "#\(c.id) \(f(c.name))" }

    func names(_ contacts: [Contact]) -> String { contacts.map { f($0.name) }.joined(separator: ", ") }

    // MARK: Writes

    public func added(_ c: Contact) -> String { tag(c) + "\n" }

    public func logged(_ i: Interaction, with contacts: [Contact]) -> String {
        "#\(i.id ?? 0) \(i.kind.rawValue) with \(names(contacts)) on \(Day(i.occurredAt, in: format.calendar).iso)\n"
    }

    public func promised(_ p: Promise, to c: Contact) -> String {
        let who = p.owner == .mine ? "I promised \(f(c.name))" : "\(f(c.name)) promised"
        return "#\(p.id ?? 0) \(who): \(f(p.text))" + (p.due.map { " (due \($0.iso))" } ?? "") + "\n"
    }

    public func done(_ p: Promise, contact: Contact?, changed: Bool) -> String {
        let state: String
        if p.isOpen {
            state = changed ? "open again" : "already open"
        } else {
            state = changed ? "done" : "already done " + (p.doneAt.map { "on \(Day($0, in: format.calendar).iso)" } ?? "")
        }
        return "#\(p.id ?? 0) \(state): \(f(p.text))" + (contact.map { " (\(f($0.name)))" } ?? "") + "\n"
    }

    public func snoozed(_ c: Contact, until: Day) -> String { "snoozed \(tag(c)) until \(until.iso)\n" }

    public func unsnoozed(_ c: Contact, was: Day?) -> String {
        was == nil ? "\(tag(c)) was not snoozed\n" : "\(tag(c)) is back on the attention list\n"
    }

    public func eventAdded(_ e: Event, attendees: [Contact]) -> String {
        "#\(e.id ?? 0) \(f(e.name)) on \(format.dayAndTime(e.start))"
            + (attendees.isEmpty ? "" : " with \(names(attendees))") + "\n"
    }

    public func demo(_ s: DemoSeeds.Summary, path: String) -> String {
        "loaded the demo into \(path): \(s.contacts) contacts, \(s.interactions) interactions, "
            + "\(s.promises) promises, \(s.events) events\nrun `rapport due` or `rapport` to see who needs attention\n"
    }

    // MARK: Reads

    /// `#id  name  company  circle`, one contact a line, columns aligned.
    public func list(_ contacts: [Contact]) -> String {
        list(contacts.map { c in
            ContactLine(id: c.id ?? 0, name: c.name, company: c.company, circle: c.circle, archived: c.archived)
        })
    }

    public func list(_ lines: [ContactLine]) -> String {
        table(lines.map { c in
            ["#\(c.id)", f(c.name), f(c.company), c.circle.rawValue + (c.archived && c.circle != .archived ? " (archived)" : "")]
        })
    }

    public func check(_ r: CheckReport) -> String {
        let counted = "\(r.contacts) contacts, \(r.interactions) interactions"
        guard !r.problems.isEmpty else {
            return "ok: \(counted); integrity check passed; every history summary matches its interactions\n"
        }
        return "\(r.problems.count) problem\(r.problems.count == 1 ? "" : "s") in \(counted):\n"
            + r.problems.map { "  " + f($0) + "\n" }.joined()
    }

    public func due(_ items: [DueItem]) -> String {
        guard !items.isEmpty else { return "nobody needs attention today\n" }
        let rows = items.map { item -> [String] in
            let a = item.attention
            let why = a.snoozedUntil.map { "snoozed until \($0.iso)" }
                ?? (a.reasons.isEmpty ? "nothing due" : f(a.explanation))
            return [String(Int(a.score.rounded())), tag(item.contact), why]
        }
        return table(rows, rightAligned: [0])
    }

    public func show(_ d: ContactDetail) -> String {
        let c = d.contact
        var out = [tag(c) + (c.nickname.isEmpty ? "" : " (\(f(c.nickname)))")]
        func line(_ label: String, _ value: String) { if !value.isEmpty { out.append("  \(label): \(value)") } }
        line("work", [c.title, c.company].filter { !$0.isEmpty }.map(f).joined(separator: ", "))
        line("circle", c.circle.rawValue + (c.archived ? " (archived)" : ""))
        line("emails", c.emails.map(f).joined(separator: ", "))
        line("phones", c.phones.map(f).joined(separator: ", "))
        line("tags", c.tags.map(f).joined(separator: ", "))
        line("birthday", c.birthday?.description ?? "")
        line("met", EventBrief.howWeMet(c).map(f) ?? "")
        line("drives", lines(c.drives, indent: "    "))
        line("notes", lines(c.notes, indent: "    "))
        if let a = d.attention {
            let needs = a.snoozedUntil.map { "snoozed until \($0.iso)" } ?? (a.reasons.isEmpty ? "" : f(a.explanation))
            line("needs", needs.isEmpty ? "" : "\(Int(a.score.rounded())) · \(needs)")
            line("last touch", a.lastTouch.map { "\(format.day($0)) (\(a.daysSinceTouch ?? 0)d ago)" } ?? "never")
        }
        if !d.knownBy.isEmpty {
            out.append("  known by:")
            for each in d.knownBy { out.append("    " + f(each.text(today: today, calendar: format.calendar))) }
        }
        if !d.promises.isEmpty {
            out.append("  promises:")
            for p in d.promises { out.append("    " + promiseLine(p, team: d.team)) }
        }
        if !d.recent.isEmpty {
            out.append("  recent:")
            for i in d.recent {
                out.append("    " + interactionLine(i, names: d.names, except: c.id, sources: d.sources, team: d.team))
            }
        }
        if !d.upcomingEvents.isEmpty {
            out.append("  events:")
            for e in d.upcomingEvents { out.append("    #\(e.id ?? 0) \(format.dayAndTime(e.start)) \(f(e.name))") }
        }
        return out.joined(separator: "\n") + "\n"
    }

    public func timeline(_ t: ContactTimeline) -> String {
        guard !t.entries.isEmpty else { return "nothing yet with \(tag(t.contact))\n" }
        return t.entries.map { entry in
            switch entry {
            case .interaction(let i): return interactionLine(i, names: t.names, except: t.contact.id, sources: t.sources)
            case .promise(let p): return "\(Day(p.createdAt, in: format.calendar).iso) " + promiseLine(p)
            }
        }.joined(separator: "\n") + "\n"
    }

    public func events(_ events: [Event], names: [Int64: String]) -> String {
        guard !events.isEmpty else { return "no events\n" }
        let rows = events.map { e in
            ["#\(e.id ?? 0)", format.dayAndTime(e.start), f(e.name), f(e.location),
             "\(e.attendeeIDs.count) attendee\(e.attendeeIDs.count == 1 ? "" : "s")"]
        }
        return table(rows)
    }

    /// `2026-03-02 call ← give: summary (with Bo, Ana)`.
    func interactionLine(_ i: Interaction, names: [Int64: String], except: Int64?, sources: [Int64: String] = [:],
                         team: TeamView? = nil) -> String {
        let others = i.contactIDs.filter { $0 != except }.map { f(names[$0] ?? "#\($0)") }
        return "\(Day(i.occurredAt, in: format.calendar).iso) \(i.kind.rawValue)"
            + (i.direction == i.kind.defaultDirection ? "" : " (\(i.direction.rawValue))")
            + (i.summary.isEmpty ? "" : ": \(f(i.summary))")
            + (others.isEmpty ? "" : " (with \(others.joined(separator: ", ")))")
            + (i.id.flatMap { sources[$0] }.map { " [captured from \(f($0))]" } ?? "")
            + (team?.maker(i.memberID).map { " [by \(f($0))]" } ?? "")
            + (i.isPrivate ? " [private]" : "")
    }

    /// `rapport suggestions`: address, name, sent/received, last day.
    public func suggestions(_ list: [MailSuggestion]) -> String {
        guard !list.isEmpty else { return "no suggestions: everyone you correspond with is a contact\n" }
        return table(list.map { s in
            [f(s.email), f(s.name), "\(s.sent) sent", "\(s.received) received", "last \(Day(s.last, in: format.calendar).iso)"]
        })
    }

    /// `promise #12 mine "send deck" 3d late` / `… done 2026-03-01`.
    /// On a team's book a teammate's promise is theirs by name ("Ana's"), not "mine".
    func promiseLine(_ p: Promise, team: TeamView? = nil) -> String {
        let state = p.doneAt.map { "done \(Day($0, in: format.calendar).iso)" } ?? Format.due(p, today: today)
        let owner = p.owner == .theirs ? "theirs" : team?.maker(p.memberID).map { "\(f($0))'s" } ?? "mine"
        return "promise #\(p.id ?? 0) \(owner) \"\(f(p.text))\" \(state)"
    }

    /// Rows with columns padded to their widest cell (two spaces between), trailing blanks trimmed.
    func table(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        guard let columns = rows.map(\.count).max() else { return "" }
        var widths = Array(repeating: 0, count: columns)
        let cellWidths = rows.map { row in row.map(DisplayWidth.of) }
        for row in cellWidths { for (i, width) in row.enumerated() { widths[i] = max(widths[i], width) } }
        var out = ""
        for (row, rowWidths) in zip(rows, cellWidths) {
            var line = ""
            for (i, cell) in row.enumerated() {
                if i > 0 { line += "  " }
                let pad = widths[i] - rowWidths[i]
                let last = i == row.count - 1
                if rightAligned.contains(i) { line += String(repeating: " ", count: pad) }
                line += cell
                // The last column is not padded: its padding would only be trimmed again.
                if !rightAligned.contains(i) && !last { line += String(repeating: " ", count: pad) }
            }
            // Trailing white space off, as the regex `\s+$` did, without a regex per row.
            while let last = line.unicodeScalars.last, last.properties.isWhitespace { line.unicodeScalars.removeLast() }
            out += line
            out += "\n"
        }
        return out
    }
}
