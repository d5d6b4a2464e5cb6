import UI

/// The bottom line: the hints for what the current screen can do (from the
/// keymap, so they are always true), the last message, and when attention
/// was last scored.
struct StatusBar {
    let state: AppState
    let format: Format

    var hintCommands: [Command] {
        if state.form != nil { return [] }
        if state.helpVisible { return [.back, .moveDown] }
        if state.search.typing { return [] }
        if state.library?.isEmpty == true && state.view != .suggestions { return [.loadDemo, .addContact, .help, .quit] }
        switch state.screen {
        case .contact?: return [.back, .logInteraction, .addPromise, .toggleDone, .edit, .snooze, .help]
        case .eventPrep?: return [.back, .moveDown, .help]
        case nil: break
        }
        switch state.view {
        case .dashboard:
            return [.moveDown, .toggleDone, .logInteraction, .addPromise, .open, .nextPane, .search, .undo, .help, .quit]
        case .contacts:
            return [.open, .search, .sort, .filter, .addContact, .logInteraction, .archive, .help, .quit]
        case .promises:
            return [.toggleDone, .filter, .search, .open, .undo, .help, .quit]
        case .events:
            return [.open, .search, .help, .quit]
        case .suggestions:
            return [.moveDown, .addContact, .toggleDone, .search, .help, .quit]
        }
    }

    /// In view 5, a and x act on the selected suggestion, and say so.
    private func label(_ command: Command) -> String {
        guard state.view == .suggestions, state.screen == nil else { return command.label }
        return command.suggestionsLabel ?? command.label
    }

    func render(in area: Rect, to buffer: inout Buffer) {
        var hints = hintCommands.map { command -> StatusLine.Hint in
            // Up and down read as one hint: "j/k move".
            if command == .moveDown {
                return StatusLine.Hint(key: state.keymap.shortKey(.moveDown) + "/" + state.keymap.shortKey(.moveUp),
                                       label: "move")
            }
            return StatusLine.Hint(key: state.keymap.shortKey(command), label: label(command))
        }
        if state.search.typing {
            hints = [StatusLine.Hint(key: "Enter", label: "keep filter"), StatusLine.Hint(key: "Esc", label: "clear"),
                     StatusLine.Hint(key: "↑↓", label: "move")]
        }
        let message: StatusLine.Message? = state.message.map { $0.isError ? .error($0.text) : .info($0.text) }
        var right = state.library.map { "scored \(format.time($0.scoredAt))" } ?? "loading"
        if state.pendingWrites > 0 { right = "saving… · " + right }
        StatusLine(hints: hints, message: message, right: right).render(in: area, to: &buffer)
    }
}
