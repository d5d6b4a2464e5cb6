extension DisplayWidth {
    /// Columns `character` takes once `Buffer.put` has drawn it: a character
    /// carrying a control or bidi scalar is drawn as one stand-in cell, which
    /// `of(_:)` (terminal semantics) counts as 0. Layout must use this one, or
    /// a name with an escape in it would push a table column out of line.
    public static func drawn(_ character: Character) -> Int {
        if character.unicodeScalars.contains(where: { SafeText.placeholder(for: $0) != nil }) { return 1 }
        return of(character)
    }

    /// Columns `text` takes once drawn; see `drawn(_:)` for characters.
    public static func drawn(_ text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += drawn(character) }
        return total
    }
}
