import Domain
import Foundation
import Store
import Synchronization
import UI

/// The rows of each list as the views show them, filtered by the search.
/// Reducer and views both read these, so a selection index always means
/// the same row in both.
extension AppState {
    public var attentionItems: AttentionRows {
        guard let library else { return AttentionRows(all: [], picked: nil) }
        guard !search.query.isEmpty, view == .dashboard else { return AttentionRows(all: library.attention, picked: nil) }
        let picked = memo.attention(library: library, query: search.query) { previous in
            let ids = library.attentionIDs
            return library.searchIndex.filter(previous ?? Array(0..<Int32(ids.count)), id: { ids[Int($0)] },
                                              SearchQuery(search.query))
        }
        return AttentionRows(all: library.attention, picked: picked)
    }

    /// The contacts view's rows. The orders are kept by the library and the
    /// filtered rows by `memo`, so moving the selection sorts and filters nothing.
    /// Contact ids, not contacts: a list of 100,000 ids is copied and
    /// filtered without touching a name; rows read their contact when drawn.
    public var contactItems: [Int64] {
        guard let library else { return [] }
        let all = library.contacts(sortedBy: contactSort)
        guard circleFilter != nil || !search.query.isEmpty else { return all }
        let key = ContactsKey(generation: library.generation, sort: contactSort, circle: circleFilter)
        return memo.contacts(key: key, query: search.query) { previous in
            var rows = previous ?? all
            if let circleFilter, previous == nil { rows = rows.filter { library.contactsByID[$0]?.circle == circleFilter } }
            return search.query.isEmpty ? rows : library.searchIndex.filter(rows, id: { $0 }, SearchQuery(search.query))
        }
    }

    public var promisePaneItems: [Promise] { library?.openPromises ?? [] }

    public var promiseItems: [Promise] {
        guard let library else { return [] }
        let all: [Promise]
        switch promiseFilter {
        case .open: all = library.openPromises
        case .mine: all = library.openPromises.filter { $0.owner == .mine }
        case .theirs: all = library.openPromises.filter { $0.owner == .theirs }
        case .done: all = library.donePromises
        }
        guard !search.query.isEmpty else { return all }
        let words = search.query.folded.split(separator: " ")
        return all.filter { promise in
            let text = (promise.text + " " + library.name(of: promise.contactID)).folded
            return words.allSatisfy { text.contains($0) }
        }
    }

    public var eventItems: [Event] {
        guard let library else { return [] }
        let upcoming = library.upcomingEvents
        guard !search.query.isEmpty else { return upcoming }
        let words = search.query.folded.split(separator: " ")
        return upcoming.filter { event in
            let text = (event.name + " " + event.location).folded
            return words.allSatisfy { text.contains($0) }
        }
    }

    public var timelineItems: [TimelineItem] {
        guard let library, let id = selectedContactID else { return [] }
        return library.timeline(of: id)
    }

    public var helpRows: [(section: String, keys: String, label: String)] {
        Command.allCases.map { ($0.section, keymap.keyLabel($0), $0.label) }
            + Command.allCases.compactMap { command in
                command.suggestionsLabel.map { (Command.suggestionsSection, keymap.keyLabel(command), $0) }
            }
    }

    /// Rows in a list, for paging and clamping the selection.
    public func count(_ id: ListID) -> Int {
        switch id {
        case .attention: return attentionItems.count
        case .timeline: return timelineItems.count
        case .promisePane: return promisePaneItems.count
        case .contacts: return contactItems.count
        case .promises: return promiseItems.count
        case .events: return eventItems.count
        case .suggestions: return suggestionItems.count
        case .contactDetail:
            if case .contact(let id)? = screen { return library?.timeline(of: id).count ?? 0 }
            return 0
        case .eventPrep: return 1000 // a scrolled text; the view clamps it
        case .help: return helpRows.count
        }
    }

    /// The list that moves with j/k in the current screen.
    public var activeList: ListID {
        if helpVisible { return .help }
        switch screen {
        case .contact?: return .contactDetail
        case .eventPrep?: return .eventPrep
        case nil: break
        }
        switch view {
        case .dashboard:
            switch focus {
            case .attention: return .attention
            case .timeline: return .timeline
            case .promises: return .promisePane
            }
        case .contacts: return .contacts
        case .promises: return .promises
        case .events: return .events
        case .suggestions: return .suggestions
        }
    }

    private func selected<Items: RandomAccessCollection>(_ items: Items, _ id: ListID) -> Items.Element?
    where Items.Index == Int {
        guard let index = list(id).selected, items.indices.contains(index) else { return nil }
        return items[index]
    }

    /// The contact that e, l, p, s and d act on.
    public var selectedContactID: Int64? {
        if case .contact(let id)? = screen { return id }
        switch view {
        case .dashboard:
            if focus == .promises, let promise = selected(promisePaneItems, .promisePane) { return promise.contactID }
            return selected(attentionItems, .attention)?.contactID
        case .contacts: return selected(contactItems, .contacts)
        case .promises: return selected(promiseItems, .promises)?.contactID
        case .events, .suggestions: return nil
        }
    }

    /// The promise that x marks done: the selected one, else the selected
    /// contact's most pressing open promise.
    public var selectedPromise: Promise? {
        guard let library else { return nil }
        if screen == nil {
            if view == .dashboard, focus == .promises { return selected(promisePaneItems, .promisePane) }
            if view == .promises { return selected(promiseItems, .promises) }
            if view == .dashboard, focus == .timeline, case .promise(let p)? = selected(timelineItems, .timeline) {
                return p
            }
        }
        if case .contact(let id)? = screen,
           case .promise(let p)? = selected(library.timeline(of: id), .contactDetail) {
            return p
        }
        guard let contactID = selectedContactID else { return nil }
        return library.openPromises(of: contactID).first
    }

    public var selectedEvent: Event? { selected(eventItems, .events) }

    /// The suggestion that a and x act on in view 5.
    public var selectedSuggestion: MailSuggestion? {
        guard view == .suggestions, screen == nil else { return nil }
        return selected(suggestionItems, .suggestions)
    }
}

/// A search query folded and split once, matched against many contacts.
///
/// When the query and a contact's keys are both ASCII, matching compares
/// bytes, which gives the same answer as comparing Characters (in ASCII
/// each byte is a Character, save "\r\n", which a typed query never holds)
/// at a fraction of the cost; otherwise it compares Characters.
struct SearchQuery {
    let folded: String
    let words: [Substring]
    let asciiWords: [[UInt8]]?
    let asciiLetters: [UInt8]?

    init(_ query: String) {
        folded = query.folded
        words = folded.split(separator: " ")
        let ascii = folded.isASCII && !folded.contains("\r") && !folded.contains("\n")
        asciiWords = ascii ? words.map { Array($0.utf8) } : nil
        asciiLetters = ascii ? folded.utf8.filter { $0 != 0x20 } : nil
    }

    func matches(_ key: SearchKey?) -> Bool {
        guard let key else { return false }
        if key.isASCII, let asciiWords, let asciiLetters {
            var all = key.all
            var name = key.name
            return all.withUTF8 { bytes in asciiWords.allSatisfy { Self.contains(bytes, $0) } }
                || name.withUTF8 { Self.isSubsequence(asciiLetters, of: $0) }
        }
        if words.allSatisfy({ key.all.contains($0) }) { return true }
        var name = key.name[...]
        for character in folded where character != " " {
            guard let found = name.firstIndex(of: character) else { return false }
            name = name[name.index(after: found)...]
        }
        return true
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty else { return true }
        guard needle.count <= haystack.count, let base = haystack.baseAddress else { return false }
        // Glibc's memmem is not visible from Swift; a first-byte scan with
        // memchr, then memcmp, is as fast on keys of a few dozen bytes.
        return needle.withUnsafeBufferPointer { n in
            let first = Int32(n[0])
            var start = 0
            let last = haystack.count - n.count
            while start <= last {
                guard let hit = memchr(base + start, first, last - start + 1) else { return false }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if memcmp(base + at, n.baseAddress!, n.count) == 0 { return true }
                start = at + 1
            }
            return false
        }
    }

    static func isSubsequence(_ letters: [UInt8], of name: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        for byte in name where i < letters.count && byte == letters[i] { i += 1 }
        return i == letters.count
    }
}

/// The attention list's rows: all of it, or the positions a search kept,
/// so that filtering 100,000 rows copies integers, not attentions.
public struct AttentionRows: RandomAccessCollection, Sendable {
    let all: [Attention]
    let picked: [Int32]?

    public var startIndex: Int { 0 }
    public var endIndex: Int { picked?.count ?? all.count }
    public subscript(position: Int) -> Attention { picked.map { all[Int($0[position])] } ?? all[position] }
}

struct ContactsKey: Hashable {
    var generation: UInt64
    var sort: ContactSort
    var circle: Circle?
}

/// The filtered rows of the current search, kept between the many reads
/// of one keystroke (reducer, status line, views) and narrowed as the query
/// grows: a contact that does not match "ana l" cannot match "ana li".
///
/// Shared by copies of a state; every entry is keyed by all that decides
/// its rows, so a copy never sees rows of another query or library.
final class SearchMemo: Sendable {
    private struct Entry<Key: Hashable, Row> {
        var key: Key
        var query: String
        var rows: [Row]
    }
    private struct Entries {
        var attention: Entry<UInt64, Int32>?
        var contacts: Entry<ContactsKey, Int64>?
    }
    private let entries = Mutex(Entries())

    func attention(library: Library, query: String, filter: ([Int32]?) -> [Int32]) -> [Int32] {
        let last = entries.withLock { $0.attention }
        if let last, last.key == library.generation, last.query == query { return last.rows }
        let rows = filter(last.flatMap { Self.narrows($0.key == library.generation, from: $0.query, to: query) ? $0.rows : nil })
        entries.withLock { $0.attention = Entry(key: library.generation, query: query, rows: rows) }
        return rows
    }

    func contacts(key: ContactsKey, query: String, filter: ([Int64]?) -> [Int64]) -> [Int64] {
        let last = entries.withLock { $0.contacts }
        if let last, last.key == key, last.query == query { return last.rows }
        let rows = filter(last.flatMap { Self.narrows($0.key == key, from: $0.query, to: query) ? $0.rows : nil })
        entries.withLock { $0.contacts = Entry(key: key, query: query, rows: rows) }
        return rows
    }

    /// Rows matching `new` are among those matching `old` when `new` only adds
    /// to `old`: a longer last word, or more words, or more letters in order.
    private static func narrows(_ sameKey: Bool, from old: String, to new: String) -> Bool {
        sameKey && !old.isEmpty && new.hasPrefix(old)
    }
}
