extension Command {
    /// What the command does in view 5, where it acts on the selected
    /// suggestion; nil when it does there what it does everywhere. The help
    /// screen and the status line say this, so neither lies about `a` or `x`.
    public var suggestionsLabel: String? {
        switch self {
        case .addContact: return "add as contact"
        case .toggleDone: return "dismiss for good"
        default: return nil
        }
    }

    /// The help screen's section for those commands.
    static let suggestionsSection = "In 5 Suggestions"
}
