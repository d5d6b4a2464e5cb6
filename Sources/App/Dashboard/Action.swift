import Domain
import UI

/// Something that happened: a command from the keymap, typing in a form or
/// the search field, or a result coming back from the runtime (past tense).
public enum Action: Sendable {
    case command(Command)
    case searchInput(TextInput)
    case formInput(TextInput)
    case resized(Size)
    case libraryLoaded(Library)
    case writeFinished(description: String, undo: UndoStep?, isUndo: Bool)
    case writeFailed(String)
    case notice(String)
    /// A history read in the background is in: only a redraw.
    case historyRead
    /// A background problem that is no write's (a capture source gone).
    case alert(String)
}

/// Editing keys inside a text field, decoded by the key router.
public enum TextInput: Hashable, Sendable {
    case insert(Character)
    case backspace, delete, left, right, home, end
    case next, previous
    case submit, cancel
    /// Up and Down while searching still move the selection.
    case move(ListState.Move)
}
