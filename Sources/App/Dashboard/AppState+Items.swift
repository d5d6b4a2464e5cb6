import Domain
import UI

/// The rows of each list as the views show them, filtered by the search.
/// Reducer and views both read these, so a selection index always means
/// the same row in both.
extension AppState {
    public var attentionItems: [Attention] {
        guard let library else { return [] }
        guard !search.query.isEmpty, view == .dashboard else { return library.attention }
        return library.attention.filter { matches($0.contactID) }
    }

    public var contactItems: [Contact] {
        guard let library else { return [] }
        var contacts = library.snapshot.contacts.filter { contact in
            (circleFilter == nil || contact.circle == circleFilter) && (search.query.isEmpty || matches(contact.id ?? -1))
        }
        switch contactSort {
        case .name:
            contacts.sort { $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        case .lastTouch:
            let touched = { (c: Contact) in library.attentionByID[c.id ?? -1]?.lastTouch ?? .distantPast }
            contacts.sort { touched($0) > touched($1) }
        case .score:
            let score = { (c: Contact) in library.attentionByID[c.id ?? -1]?.score ?? -1 }
            contacts.sort { score($0) != score($1) ? score($0) > score($1)
                : $0.name.localizedStandardCompare($1.name) == .orderedAscending }
        }
        return contacts
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
        }
    }

    private func selected<T>(_ items: [T], _ id: ListID) -> T? {
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
        case .contacts: return selected(contactItems, .contacts)?.id
        case .promises: return selected(promiseItems, .promises)?.contactID
        case .events: return nil
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

    /// Search: every word of the query in the contact's name, company, tags
    /// or notes, or the query as a subsequence of the name ("jal" finds José Álvarez).
    func matches(_ contactID: Int64) -> Bool {
        guard let key = library?.searchKeys[contactID] else { return false }
        let query = search.query.folded
        let words = query.split(separator: " ")
        if words.allSatisfy({ key.all.contains($0) }) { return true }
        var name = key.name[...]
        for character in query where character != " " {
            guard let found = name.firstIndex(of: character) else { return false }
            name = name[name.index(after: found)...]
        }
        return true
    }
}
