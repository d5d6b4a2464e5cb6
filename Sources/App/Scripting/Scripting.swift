// The scripting commands (`rapport add`, `log`, `due`, …) as functions of
// a store, a playbook and an injected "now", so that each one is tested on a
// real database without spawning a process. The executable only parses
// arguments and prints what these return.
//
// Invariants kept here:
// - Every input is checked (FieldRules, DateExpression, ContactLookup)
//   before the one write transaction starts: bad input changes nothing.
// - Days are counted in `calendar`'s time zone (the user's), instants are stored as UTC.
import Domain
import Foundation
import Store
import UI

/// What a scripting command needs: the book, the rules, and the moment.
public struct Scripting {
    public let store: Store
    public let playbook: Playbook
    public let now: Date
    public let calendar: Calendar

    public init(store: Store, playbook: Playbook = .standard, now: Date, calendar: Calendar) {
        self.store = store
        self.playbook = playbook
        self.now = now
        self.calendar = calendar
    }

    /// Today in the user's time zone: what "tomorrow" and "3d overdue" count from.
    public var today: Day { Day(now, in: calendar) }

    public var scorer: AttentionScorer { AttentionScorer(playbook: playbook, calendar: calendar) }

    /// Everything the dashboard would show now: the book's summaries, scored.
    func library() throws -> Library {
        Library(book: try store.read { try Book.load($0) }, scorer: scorer, now: now, history: StoreHistory(store: store))
    }

    // MARK: Naming contacts

    /// The contact `query` names: an id (`12`, `#12`) or an unambiguous,
    /// case- and accent-insensitive prefix of a name, word or nickname.
    ///
    /// Contacts that are not archived are searched first, so an archived
    /// namesake never makes a prefix ambiguous; archived ones are found too.
    /// Found by index (the id, the name keys), never by reading every contact.
    /// - throws: `ScriptingError` for no match or several (listing them).
    public func contact(named query: String) throws -> Contact {
        try store.read { tx in try Scripting.contact(named: query, in: tx) }
    }

    static func contact(named query: String, in tx: StoreTransaction) throws -> Contact {
        let trimmed = query.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.hasPrefix("#") ? String(trimmed.dropFirst()) : trimmed
        var candidates: [Contact] = []
        if let id = Int64(digits), let contact = try tx.contact(id: id) { candidates.append(contact) }
        if !trimmed.isEmpty { candidates += try tx.contacts(matchingPrefix: trimmed, includeArchived: true) }
        return try contact(named: query, in: candidates)
    }

    static func contact(named query: String, in contacts: [Contact]) throws -> Contact {
        switch ContactLookup.find(query, in: contacts.filter { !$0.archived }) {
        case .found(let contact): return contact
        case .ambiguous(let candidates): throw ScriptingError.ambiguous(query, candidates)
        case .none:
            switch ContactLookup.find(query, in: contacts) {
            case .found(let contact): return contact
            case .ambiguous(let candidates): throw ScriptingError.ambiguous(query, candidates)
            case .none: throw ScriptingError("no contact matches \(SafeLine.show(query))")
            }
        }
    }

    /// Several names, each resolved; a contact named twice counts once.
    func contacts(named queries: [String]) throws -> [Contact] {
        try store.read { tx in
            var found: [Contact] = []
            for query in queries {
                let contact = try Scripting.contact(named: query, in: tx)
                if !found.contains(where: { $0.id == contact.id }) { found.append(contact) }
            }
            return found
        }
    }

    /// A promise or event id as typed: `12` or `#12`.
    static func id(_ raw: String, of kind: String) throws -> Int64 {
        let text = raw.trimmingCharacters(in: .whitespaces)
        let digits = text.hasPrefix("#") ? String(text.dropFirst()) : text
        guard let id = Int64(digits), id > 0 else {
            throw ScriptingError("\(SafeLine.show(raw)) is not a \(kind) id (a number such as 12)")
        }
        return id
    }

    // MARK: Checking input

    /// An optional day typed by the user ("tomorrow", "2026-03-01", "in 3 days").
    func day(_ raw: String?, field: String) throws -> Day? {
        guard let raw else { return nil }
        return try checked { try FieldRules.day(raw, field: field, today: today) }
    }

    /// Runs a FieldRules check, turning its violation into a one-line ScriptingError.
    func checked<T>(_ body: () throws -> T) throws -> T {
        try Scripting.checked(body)
    }

    static func checked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let violation as FieldRules.Violation {
            throw ScriptingError(violation.description)
        }
    }
}

/// A scripting command refused its input: one clear line (and, for an
/// ambiguous name, the candidates) for standard error; exit status 1.
public struct ScriptingError: Error, CustomStringConvertible, Equatable {
    public let message: String
    /// Extra lines after the message: the candidates of an ambiguous name.
    public let details: [String]

    public init(_ message: String, details: [String] = []) {
        self.message = message
        self.details = details
    }

    public var description: String { ([message] + details).joined(separator: "\n") }

    static func ambiguous(_ query: String, _ candidates: [Contact]) -> ScriptingError {
        let lines = candidates.map { c in
            "  #\(c.id ?? 0)  " + SafeText.visible(c.name)
                + (c.company.isEmpty ? "" : " (" + SafeText.visible(c.company) + ")")
                + (c.archived ? " [archived]" : "")
        }
        return ScriptingError("\(SafeLine.show(query)) matches \(candidates.count) contacts; name one by id or a longer prefix:",
                              details: lines)
    }
}
