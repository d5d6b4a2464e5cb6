/// What a cell means, not what colour it is. Themes map roles to colours,
/// and golden screens record role names, so a palette change never breaks them.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case text = "text"
    case muted = "text.muted"
    case title = "title"
    case header = "header"
    case border = "border"
    case borderFocused = "border.focused"
    case selection = "list.selection"
    case selectionUnfocused = "list.selection.unfocused"
    case statusBar = "status.bar"
    case statusKey = "status.key"
    case statusMessage = "status.message"
    case statusError = "status.error"
    case attentionOverdue = "attention.overdue"
    case attentionDue = "attention.due"
    case attentionCalm = "attention.calm"
    case promiseOverdue = "promise.overdue"
    case promiseDue = "promise.due"
    case dotFilled = "rapport.dot.filled"
    case dotEmpty = "rapport.dot.empty"
    case sparkline = "sparkline"
    case input = "input"
    case inputFocused = "input.focused"
    case inputError = "input.error"
    /// The cell under the text cursor in the focused form field, drawn in the
    /// buffer so goldens show it and terminals without a visible cursor too.
    case inputCursor = "input.cursor"
    case overlay = "overlay"
    /// A control character from user data, drawn as a visible stand-in.
    case placeholder = "placeholder"
}
