import Domain
import Foundation
import UI

/// The top-level views, on keys 1–5.
public enum View: Int, CaseIterable, Sendable {
    case dashboard = 1, contacts, promises, events, suggestions

    public var title: String {
        switch self {
        case .dashboard: return "Dashboard"
        case .contacts: return "Contacts"
        case .promises: return "Promises"
        case .events: return "Events"
        case .suggestions: return "Suggestions"
        }
    }
}

/// The dashboard's panes, in Tab order.
public enum Pane: Int, CaseIterable, Sendable {
    case attention, timeline, promises
}

/// A screen opened on top of a view with Enter, closed with Esc.
public enum Screen: Hashable, Sendable {
    case contact(Int64)
    case eventPrep(Int64)
}

/// Every scrollable list, each with its own selection and scroll offset.
public enum ListID: Hashable, Sendable {
    case attention, timeline, promisePane, contacts, promises, events, suggestions, contactDetail, eventPrep, help
}

public enum ContactSort: String, CaseIterable, Sendable {
    case name, lastTouch = "last touch", score
}

public enum PromiseFilter: String, CaseIterable, Sendable {
    case open = "open", mine = "open, mine", theirs = "open, theirs", done = "done"
}

/// Search as you type over the current list; Esc clears it.
public struct SearchState: Hashable, Sendable {
    public var query = ""
    public var typing = false
}

public struct StatusMessage: Hashable, Sendable {
    public var text: String
    public var isError: Bool
}

/// What a form will do once it validates.
public enum FormPurpose: Hashable, Sendable {
    case addContact
    case editContact(Int64)
    case logInteraction(Int64)
    case addPromise(Int64)
    case snooze(Int64)
    case importFile
}

/// An edit in progress: lives in state, so it survives redraws and resizes.
public struct FormSession: Hashable, Sendable {
    public var purpose: FormPurpose
    public var title: String
    public var form: FormState
}

/// A change that can be taken back with `u`: the write that undoes it.
public struct UndoStep: Hashable, Sendable {
    public var write: Write
    public var description: String
}

/// The whole state of the dashboard. `reduce` is the only thing that changes it.
public struct AppState: Sendable {
    /// Nil until the first snapshot has been scored.
    public var library: Library?
    public var view: View = .dashboard
    public var stack: [Screen] = []
    public var focus: Pane = .attention
    public var lists: [ListID: ListState] = [:]
    public var search = SearchState()
    public var form: FormSession?
    public var helpVisible = false
    public var message: StatusMessage?
    public var contactSort: ContactSort = .score
    public var circleFilter: Circle?
    public var promiseFilter: PromiseFilter = .open
    public var undo: [UndoStep] = []
    public var size: Size
    public var keymap: Keymap
    public var running = true
    /// Writes sent to the store and not yet confirmed.
    public var pendingWrites = 0
    /// Search results kept between reads (see `SearchMemo`).
    let memo = SearchMemo()

    public init(size: Size, keymap: Keymap = .standard) {
        self.size = size
        self.keymap = keymap
    }

    public func list(_ id: ListID) -> ListState { lists[id] ?? ListState(selected: 0) }

    public var screen: Screen? { stack.last }

    /// Rows a list can show at the current size: the reducer pages by it, the
    /// views draw with it.
    public func visibleRows(_ id: ListID) -> Int {
        let body = max(1, size.height - 4)
        switch id {
        case .timeline, .promisePane: return max(1, body / 2 - 2)
        default: return max(1, body - 2)
        }
    }
}
