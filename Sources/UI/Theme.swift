/// A name and an appearance for every role: what the backend looks up to
/// turn a cell's role into colours.
///
/// Appearances are derived from a `Palette` and then overridden role by role;
/// roles no theme mentions still look sensible, and a theme file only lists
/// what it changes.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var palette: Palette
    public private(set) var appearances: [Role: Appearance]

    public init(name: String, palette: Palette, overrides: [Role: Appearance] = [:]) {
        self.name = name
        self.palette = palette
        self.appearances = Theme.derived(from: palette).merging(overrides) { _, new in new }
    }

    public subscript(role: Role) -> Appearance { appearances[role] ?? .plain }

    /// This theme with one role's look replaced.
    public func overriding(_ role: Role, with appearance: Appearance) -> Theme {
        var copy = self
        copy.appearances[role] = appearance
        return copy
    }

    /// The theme as a terminal with `colors` colours shows it. Below 8
    /// colours App should use `Theme.mono` instead: every colour becomes the
    /// default here and only attributes remain.
    public func downsampled(toColors colors: Int) -> Theme {
        var copy = self
        copy.appearances = appearances.mapValues { $0.downsampled(toColors: colors) }
        return copy
    }

    /// Each role's look from the palette alone.
    public static func derived(from p: Palette) -> [Role: Appearance] {
        func look(_ fg: Color? = nil, _ bg: Color? = nil, bold: Bool = false, dim: Bool = false,
                  underline: Bool = false, reverse: Bool = false) -> Appearance {
            Appearance(foreground: fg ?? p.foreground, background: bg ?? p.background, bold: bold, dim: dim,
                       underline: underline, reverse: reverse)
        }
        var result: [Role: Appearance] = [:]
        for role in Role.allCases {
            switch role {
            case .text, .overlay: result[role] = look()
            case .muted: result[role] = look(p.muted)
            case .title: result[role] = look(p.accent, bold: true)
            case .header: result[role] = look(bold: true)
            case .border: result[role] = look(p.border)
            case .borderFocused: result[role] = look(p.accent)
            case .selection: result[role] = look(nil, p.selection, bold: true)
            case .selectionUnfocused: result[role] = look(nil, p.surface)
            case .statusBar: result[role] = look(nil, p.surface)
            case .statusKey: result[role] = look(p.accent, p.surface, bold: true)
            case .statusMessage: result[role] = look(p.success, p.surface)
            case .statusError: result[role] = look(p.danger, p.surface, bold: true)
            case .attentionOverdue, .promiseOverdue: result[role] = look(p.danger, bold: true)
            case .attentionDue, .promiseDue: result[role] = look(p.warning)
            case .attentionCalm: result[role] = look(p.success)
            case .dotFilled, .sparkline: result[role] = look(p.accent)
            case .dotEmpty: result[role] = look(p.muted)
            case .input: result[role] = look(nil, p.surface)
            case .inputFocused: result[role] = look(nil, p.selection)
            case .inputError: result[role] = look(p.danger)
            case .inputCursor: result[role] = look(nil, p.selection, reverse: true)
            case .placeholder: result[role] = look(p.warning, reverse: true)
            }
        }
        return result
    }
}
