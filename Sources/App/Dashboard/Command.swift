/// Everything a key can ask the dashboard to do. The raw value is the stable
/// id used in config.toml's `[keys]` table; the label is what the help
/// screen and the status line show. The keymap, the help and the hints all
/// come from this one table (calcurse's `keydef[]`, gitui's key list).
public enum Command: String, CaseIterable, Sendable {
    case moveUp = "move_up"
    case moveDown = "move_down"
    case top
    case bottom
    case pageUp = "page_up"
    case pageDown = "page_down"
    case nextPane = "next_pane"
    case previousPane = "previous_pane"
    case open
    case back
    case viewDashboard = "view_dashboard"
    case viewContacts = "view_contacts"
    case viewPromises = "view_promises"
    case viewEvents = "view_events"
    case viewSuggestions = "view_suggestions"
    case search
    case addContact = "add_contact"
    case edit
    case logInteraction = "log_interaction"
    case addPromise = "add_promise"
    case toggleDone = "toggle_done"
    case snooze
    case archive
    case delete
    case undo
    case sort
    case filter
    case rescore
    case teamView = "team_view"
    case loadDemo = "load_demo"
    case importFile = "import"
    case help
    case quit
    case suspend

    public var label: String {
        switch self {
        case .moveUp: return "move up"
        case .moveDown: return "move down"
        case .top: return "first"
        case .bottom: return "last"
        case .pageUp: return "page up"
        case .pageDown: return "page down"
        case .nextPane: return "next pane"
        case .previousPane: return "previous pane"
        case .open: return "open"
        case .back: return "back"
        case .viewDashboard: return "dashboard"
        case .viewContacts: return "contacts"
        case .viewPromises: return "promises"
        case .viewEvents: return "events"
        case .viewSuggestions: return "suggestions"
        case .search: return "search"
        case .addContact: return "add contact"
        case .edit: return "edit"
        case .logInteraction: return "log"
        case .addPromise: return "promise"
        case .toggleDone: return "done"
        case .snooze: return "snooze"
        case .archive: return "archive"
        case .delete: return "delete"
        case .undo: return "undo"
        case .sort: return "sort"
        case .filter: return "filter"
        case .rescore: return "rescore"
        case .teamView: return "mine/team"
        case .loadDemo: return "load demo"
        case .importFile: return "import"
        case .help: return "help"
        case .quit: return "quit"
        case .suspend: return "suspend"
        }
    }

    /// The section of the help screen.
    public var section: String {
        switch self {
        case .moveUp, .moveDown, .top, .bottom, .pageUp, .pageDown, .nextPane, .previousPane, .open, .back:
            return "Move"
        case .viewDashboard, .viewContacts, .viewPromises, .viewEvents, .viewSuggestions, .search, .sort, .filter:
            return "Views"
        case .addContact, .edit, .logInteraction, .addPromise, .toggleDone, .snooze, .archive, .delete, .undo:
            return "Change"
        case .rescore, .teamView, .loadDemo, .importFile, .help, .quit, .suspend:
            return "General"
        }
    }

    public var defaultKeys: [String] {
        switch self {
        case .moveUp: return ["Up", "k"]
        case .moveDown: return ["Down", "j"]
        case .top: return ["Home", "g"]
        case .bottom: return ["End", "G"]
        case .pageUp: return ["PgUp"]
        case .pageDown: return ["PgDn"]
        case .nextPane: return ["Tab"]
        case .previousPane: return ["S-Tab"]
        case .open: return ["Enter"]
        case .back: return ["Esc"]
        case .viewDashboard: return ["1"]
        case .viewContacts: return ["2"]
        case .viewPromises: return ["3"]
        case .viewEvents: return ["4"]
        case .viewSuggestions: return ["5"]
        case .search: return ["/"]
        case .addContact: return ["a"]
        case .edit: return ["e"]
        case .logInteraction: return ["l"]
        case .addPromise: return ["p"]
        case .toggleDone: return ["x", "Space"]
        case .snooze: return ["s"]
        case .archive: return ["d"]
        case .delete: return ["X"]
        case .undo: return ["u"]
        case .sort: return ["o"]
        case .filter: return ["f"]
        case .rescore: return ["r"]
        case .teamView: return ["t"]
        case .loadDemo: return ["D"]
        case .importFile: return ["i"]
        case .help: return ["?"]
        case .quit: return ["q", "C-c"]
        case .suspend: return ["C-z"]
        }
    }
}
