extension Theme {
    /// For `NO_COLOR` and terminals without colours: attributes only (bold,
    /// dim, underline, reverse), every colour the terminal's default.
    /// Themes/mono.toml says the same in a file.
    public static let mono: Theme = {
        var roles: [Role: Appearance] = [:]
        for role in Role.allCases {
            let a: Appearance
            switch role {
            case .text, .border, .overlay, .sparkline, .attentionCalm: a = .plain
            case .muted, .dotEmpty: a = Appearance(dim: true)
            case .title, .header, .borderFocused, .attentionDue, .promiseDue, .dotFilled: a = Appearance(bold: true)
            case .selection: a = Appearance(bold: true, reverse: true)
            case .selectionUnfocused, .input: a = Appearance(underline: true)
            case .statusBar, .statusMessage: a = Appearance(reverse: true)
            case .statusKey, .statusError: a = Appearance(bold: true, reverse: true)
            case .attentionOverdue, .promiseOverdue, .inputError: a = Appearance(bold: true, underline: true)
            case .inputFocused, .placeholder: a = Appearance(reverse: true)
            // Inside a reversed focused field, the cursor is the one cell not reversed.
            case .inputCursor: a = Appearance(underline: true)
            }
            roles[role] = a
        }
        return Theme(name: "mono", palette: Palette(), overrides: roles)
    }()

    /// A built-in fallback using only the 8 ANSI colours, for when no theme
    /// file can be read; it looks right on 8-, 16- and 256-colour terminals.
    public static let ansi: Theme = {
        var p = Palette()
        p.muted = .brightBlack
        p.accent = .cyan
        p.surface = .default
        p.selection = .blue
        p.border = .default
        p.danger = .red
        p.warning = .yellow
        p.success = .green
        return Theme(name: "ansi", palette: p, overrides: [
            .statusBar: Appearance(reverse: true),
            .statusKey: Appearance(foreground: .cyan, bold: true, reverse: true),
            .selectionUnfocused: Appearance(underline: true),
            .input: Appearance(underline: true),
        ])
    }()
}
