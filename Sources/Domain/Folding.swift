import Foundation

extension String {
    /// Lowercased and stripped of accents and width variants, for matching
    /// what a user types: "jose" matches "José Álvarez".
    public var folded: String {
        folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }
}
