/// The value of a form being edited, and the editing operations on it.
///
/// Plain data with mutating methods, so App keeps it in its state and the
/// reducer edits it; `FormView` only draws it. `fieldWidth` is the width the
/// fields were last drawn at (App copies it from `FormView.fieldWidth(in:)`),
/// used to keep each field's scroll such that the cursor stays visible.
public struct FormState: Hashable, Sendable {
    public var fields: [FormField]
    public var focus: Int
    public var fieldWidth: Int

    public init(fields: [FormField], focus: Int = 0, fieldWidth: Int = 40) {
        self.fields = fields
        self.focus = fields.isEmpty ? 0 : min(max(0, focus), fields.count - 1)
        self.fieldWidth = fieldWidth
    }

    public var values: [String] { fields.map(\.value) }

    /// Inserts `character` at the cursor of a text field. Newlines and
    /// control characters are refused: a field is one line, and a control
    /// character is never wanted in a name.
    public mutating func insert(_ character: Character) {
        guard case .text = fields[safe: focus]?.kind else { return }
        guard !character.unicodeScalars.contains(where: { SafeText.placeholder(for: $0) != nil }) else { return }
        edit { field in
            let index = field.value.index(field.value.startIndex, offsetBy: field.cursor)
            let before = field.value.count
            field.value.insert(character, at: index)
            // A combining mark merges with the character before: the count
            // may not grow, and the cursor must not pass the next character.
            field.cursor += field.value.count - before
        }
    }

    public mutating func insert(_ text: String) {
        for character in text { insert(character) }
    }

    /// Deletes the character before the cursor.
    public mutating func backspace() {
        edit { field in
            guard field.cursor > 0 else { return }
            let index = field.value.index(field.value.startIndex, offsetBy: field.cursor - 1)
            field.value.remove(at: index)
            field.cursor -= 1
        }
    }

    /// Deletes the character under the cursor.
    public mutating func delete() {
        edit { field in
            guard field.cursor < field.value.count else { return }
            field.value.remove(at: field.value.index(field.value.startIndex, offsetBy: field.cursor))
        }
    }

    public mutating func moveLeft() { edit { $0.cursor = max(0, $0.cursor - 1) } }
    public mutating func moveRight() { edit { $0.cursor = min($0.value.count, $0.cursor + 1) } }
    public mutating func moveHome() { edit { $0.cursor = 0 } }
    public mutating func moveEnd() { edit { $0.cursor = $0.value.count } }

    /// Focuses the next field, wrapping around.
    public mutating func focusNext() {
        guard !fields.isEmpty else { return }
        focus = (focus + 1) % fields.count
    }

    public mutating func focusPrevious() {
        guard !fields.isEmpty else { return }
        focus = (focus + fields.count - 1) % fields.count
    }

    /// Steps a choice field to its next (or previous) option, wrapping; a
    /// value not among the options steps to the first.
    public mutating func cycleChoice(forward: Bool = true) {
        guard case .choice(let options)? = fields[safe: focus]?.kind, !options.isEmpty else { return }
        edit { field in
            let next: Int
            if let current = options.firstIndex(of: field.value) {
                next = (current + (forward ? 1 : options.count - 1)) % options.count
            } else {
                next = 0
            }
            field.value = options[next]
            field.cursor = field.value.count
        }
    }

    /// Sets or clears a field's inline error (App does so after validating).
    public mutating func setError(_ error: String?, at index: Int) {
        guard fields.indices.contains(index) else { return }
        fields[index].error = error
    }

    private mutating func edit(_ change: (inout FormField) -> Void) {
        guard fields.indices.contains(focus) else { return }
        change(&fields[focus])
        fields[focus].scroll = fields[focus].visibleScroll(width: fieldWidth)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
