import Domain
import Store

extension AppState {
    /// View 5's rows: the library's suggestions in the store's order (two-way
    /// correspondence first), narrowed by the search to names and addresses
    /// holding every word. At most a few hundred rows, so no memo.
    public var suggestionItems: [MailSuggestion] {
        let all = library?.suggestions ?? []
        guard view == .suggestions, !search.query.isEmpty else { return all }
        let words = search.query.folded.split(separator: " ")
        return all.filter { suggestion in
            let text = (suggestion.name + " " + suggestion.email).folded
            return words.allSatisfy { text.contains($0) }
        }
    }
}
