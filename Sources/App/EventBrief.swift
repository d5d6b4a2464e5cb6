import Domain
import Foundation

/// What to know before an event, attendee by attendee: who they are, how
/// you met, what drives them, the last interactions, and open promises in
/// both directions. The dashboard shows it on Enter in the Events view;
/// `rapport brief` prints it as text or Markdown.
public struct EventBrief: Sendable {
    public struct Attendee: Sendable {
        public var contact: Contact
        public var attention: Attention?
        public var recent: [Interaction]
        public var mine: [Promise]
        public var theirs: [Promise]
    }

    public let event: Event
    public let attendees: [Attendee]
    public let today: Day

    /// Interactions shown per attendee.
    public static let recentCount = 3

    public init(event: Event, library: Library) {
        self.event = event
        self.today = library.today
        self.attendees = event.attendeeIDs.compactMap { id in
            guard let contact = library.contact(id) else { return nil }
            let open = library.openPromises(of: id)
            return Attendee(contact: contact, attention: library.attentionByID[id],
                            recent: library.recentInteractions(of: id, limit: EventBrief.recentCount),
                            mine: open.filter { $0.owner == .mine }, theirs: open.filter { $0.owner == .theirs })
        }.sorted { $0.contact.name.localizedStandardCompare($1.contact.name) == .orderedAscending }
    }

    /// One attendee's headline: "CTO, Northwind · inner".
    public static func headline(_ c: Contact) -> String {
        let job = [c.title, c.company].filter { !$0.isEmpty }.joined(separator: ", ")
        return [job, c.circle.rawValue].filter { !$0.isEmpty }.joined(separator: " · ")
    }

    /// "Web Summit, 2026-03-02, via Ana"; nil when nothing is known.
    public static func howWeMet(_ c: Contact) -> String? {
        let parts = [c.metAt, c.metOn?.iso ?? "", c.metVia.isEmpty ? "" : "via \(c.metVia)"].filter { !$0.isEmpty }
        return parts.isEmpty ? nil : parts.joined(separator: ", ")
    }

    /// The brief as plain text or Markdown, for a print-out.
    public func text(format: Format, markdown: Bool) -> String {
        var out: [String] = []
        let when = format.dayAndTime(event.start)
        let place = event.location.isEmpty ? "" : " · \(event.location)"
        let inDays = Format.relative(days: today.days(until: Day(event.start, in: format.calendar)))
        if markdown {
            out.append("# \(event.name)")
            out.append("")
            out.append("\(when)\(place) (\(inDays)) · \(attendees.count) attendee\(attendees.count == 1 ? "" : "s")")
        } else {
            out.append("\(event.name)")
            out.append("\(when)\(place) (\(inDays)) · \(attendees.count) attendee\(attendees.count == 1 ? "" : "s")")
        }
        if !event.notes.isEmpty { out.append(""); out.append(event.notes) }
        for a in attendees {
            out.append("")
            let heading = a.contact.name + (EventBrief.headline(a.contact).isEmpty ? "" : " — " + EventBrief.headline(a.contact))
            out.append(markdown ? "## \(heading)" : heading)
            if !markdown { out.append(String(repeating: "-", count: min(60, heading.count))) }
            let bullet = markdown ? "- " : "  "
            if let met = EventBrief.howWeMet(a.contact) { out.append("\(bullet)How we met: \(met)") }
            if !a.contact.drives.isEmpty { out.append("\(bullet)What drives them: \(a.contact.drives)") }
            if let attention = a.attention, !attention.reasons.isEmpty {
                out.append("\(bullet)Needs: \(attention.explanation)")
            }
            for p in a.mine {
                out.append("\(bullet)I promised: \(p.text) (\(Format.due(p, today: today)))")
            }
            for p in a.theirs {
                out.append("\(bullet)They promised: \(p.text) (\(Format.due(p, today: today)))")
            }
            if a.recent.isEmpty {
                out.append("\(bullet)No interactions yet")
            } else {
                out.append("\(bullet)Last interactions:")
                for i in a.recent {
                    let summary = i.summary.isEmpty ? "" : ": \(i.summary)"
                    out.append("\(markdown ? "  - " : "    ")\(format.day(i.occurredAt)) \(i.kind.rawValue)\(summary)")
                }
            }
            if !a.contact.notes.isEmpty { out.append("\(bullet)Notes: \(a.contact.notes)") }
        }
        return out.joined(separator: "\n") + "\n"
    }
}
