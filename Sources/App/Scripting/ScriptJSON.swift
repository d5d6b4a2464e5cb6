import Domain
import Foundation
import Store

/// The `--json` shapes of the scripting commands (docs/scripting.md shows
/// one example of each). Keys are snake_case and always present (null when
/// unset); instants are ISO 8601 in UTC, days `YYYY-MM-DD`. Adding a key is
/// a compatible change; renaming or removing one is not.
public enum ScriptJSON {
    static func instant(_ date: Date) -> JSONValue {
        .string(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).format(date))
    }

    static func instant(_ date: Date?) -> JSONValue { date.map(instant) ?? .null }
    static func day(_ day: Day?) -> JSONValue { .optional(day?.iso) }
    static func ids(_ ids: [Int64]) -> JSONValue { .array(ids.map(JSONValue.int)) }

    static func cadence(_ cadence: Cadence?) -> JSONValue {
        guard let cadence else { return .null }
        return .object(["ideal_days": .int(Int64(cadence.idealDays)), "max_days": .int(Int64(cadence.maximumDays))])
    }

    /// A contact with every field.
    public static func contact(_ c: Contact) -> JSONValue {
        .object([
            "id": .int(c.id ?? 0), "name": .string(c.name), "nickname": .string(c.nickname),
            "company": .string(c.company), "title": .string(c.title),
            "emails": .array(c.emails.map(JSONValue.string)), "phones": .array(c.phones.map(JSONValue.string)),
            "circle": .string(c.circle.rawValue), "cadence_override": cadence(c.cadenceOverride),
            "tags": .array(c.tags.map(JSONValue.string)),
            "birthday": .optional(c.birthday?.description), "anniversary": .optional(c.anniversary?.description),
            "met_at": .string(c.metAt), "met_on": day(c.metOn), "met_via": .string(c.metVia),
            "drives": .string(c.drives), "notes": .string(c.notes), "archived": .bool(c.archived),
            "created_at": instant(c.createdAt), "updated_at": instant(c.updatedAt),
        ])
    }

    /// An id with a name, where a list refers to people.
    static func person(_ id: Int64, names: [Int64: String]) -> JSONValue {
        .object(["id": .int(id), "name": .optional(names[id])])
    }

    /// `source`: the mail or calendar path it was captured from, null when logged by hand.
    public static func interaction(_ i: Interaction, names: [Int64: String], sources: [Int64: String] = [:]) -> JSONValue {
        .object([
            "source": .optional(i.id.flatMap { sources[$0] }),
            "id": .int(i.id ?? 0), "occurred_at": instant(i.occurredAt), "kind": .string(i.kind.rawValue),
            "direction": .string(i.direction.rawValue), "summary": .string(i.summary), "notes": .string(i.notes),
            "with": .array(i.contactIDs.map { person($0, names: names) }),
            "private": .bool(i.isPrivate),
        ])
    }

    public static func promise(_ p: Promise) -> JSONValue {
        .object([
            "id": .int(p.id ?? 0), "contact_id": .int(p.contactID), "text": .string(p.text),
            "owner": .string(p.owner.rawValue), "due": day(p.due), "created_at": instant(p.createdAt),
            "done_at": instant(p.doneAt), "interaction_id": p.interactionID.map(JSONValue.int) ?? .null,
            "open": .bool(p.isOpen),
        ])
    }

    public static func event(_ e: Event, names: [Int64: String]) -> JSONValue {
        .object([
            "id": .int(e.id ?? 0), "name": .string(e.name), "start": instant(e.start),
            "location": .string(e.location), "notes": .string(e.notes),
            "attendees": .array(e.attendeeIDs.map { person($0, names: names) }),
        ])
    }

    public static func attention(_ a: Attention) -> JSONValue {
        .object([
            "score": .double(a.score), "level": .string(level(a.level)),
            "reasons": .array(a.reasons.map { r in
                .object(["kind": .string(r.kind.rawValue), "text": .string(r.text),
                         "weight": .double(r.weight), "level": .string(level(r.level))])
            }),
            "explanation": .string(a.explanation), "last_touch": instant(a.lastTouch),
            "days_since_touch": a.daysSinceTouch.map { .int(Int64($0)) } ?? .null,
            "cadence": cadence(a.cadence), "touches": .int(Int64(a.touches)),
            "snoozed_until": day(a.snoozedUntil),
        ])
    }

    static func level(_ level: AttentionLevel) -> String {
        switch level {
        case .calm: return "calm"
        case .due: return "due"
        case .overdue: return "overdue"
        }
    }

    // MARK: One document per command

    /// `rapport list --json`: an array of contacts.
    public static func list(_ contacts: [Contact]) -> JSONValue { .array(contacts.map(contact)) }

    /// `rapport show --json`: the contact, its attention, promises, recent interactions and upcoming events.
    public static func show(_ d: ContactDetail) -> JSONValue {
        .object([
            "contact": contact(d.contact),
            "attention": d.attention.map(attention) ?? .null,
            "promises": .array(d.promises.map(promise)),
            "recent_interactions": .array(d.recent.map { interaction($0, names: d.names, sources: d.sources) }),
            "upcoming_events": .array(d.upcomingEvents.map { event($0, names: d.names) }),
            "team": .array(d.knownBy.map { known in
                .object(["member": .string(known.member.displayName), "touches": .int(Int64(known.touches)),
                         "last_touch": instant(known.lastTouch)])
            }),
        ])
    }

    /// `rapport timeline --json`: the contact and its entries, newest first.
    public static func timeline(_ t: ContactTimeline) -> JSONValue {
        .object([
            "contact": person(t.contact.id ?? 0, names: [t.contact.id ?? 0: t.contact.name]),
            "entries": .array(t.entries.map { entry in
                switch entry {
                case .interaction(let i):
                    return .object(["type": .string("interaction"), "at": instant(i.occurredAt),
                                    "interaction": interaction(i, names: t.names, sources: t.sources), "promise": .null])
                case .promise(let p):
                    return .object(["type": .string("promise"), "at": instant(p.createdAt),
                                    "interaction": .null, "promise": promise(p)])
                }
            }),
        ])
    }

    /// `rapport suggestions --json`: correspondents who are not contacts, best first.
    public static func suggestions(_ list: [MailSuggestion]) -> JSONValue {
        .array(list.map { s in
            .object(["email": .string(s.email), "name": .string(s.name), "sent": .int(Int64(s.sent)),
                     "received": .int(Int64(s.received)), "last": instant(s.last), "two_way": .bool(s.isTwoWay)])
        })
    }

    /// `rapport due --json`: an array, highest score first.
    public static func due(_ items: [DueItem]) -> JSONValue {
        .array(items.map { item in
            .object(["contact": .object(["id": .int(item.contact.id), "name": .string(item.contact.name),
                                         "company": .string(item.contact.company)]),
                     "attention": attention(item.attention)])
        })
    }

    /// `rapport event list --json`: an array of events, soonest first.
    public static func events(_ events: [Event], names: [Int64: String]) -> JSONValue {
        .array(events.map { event($0, names: names) })
    }
}
