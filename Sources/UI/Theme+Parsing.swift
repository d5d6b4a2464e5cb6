import Foundation

extension Color {
    /// Parses a colour as written in a theme: "default", "red", "bright-blue"
    /// (also "bright_blue", "brightblue", "grey" for bright-black),
    /// "#rrggbb" (nearest of the 256-colour palette) or an index "0"…"255".
    /// Nil when it is none of these.
    public init?(parsing text: String) {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        if s == "default" || s == "none" { self = .default; return }
        let normalized = s.replacingOccurrences(of: "_", with: "-")
        if let i = Color.names.firstIndex(of: normalized) { self = Color.ansi[i]; return }
        if normalized.hasPrefix("bright"), !normalized.hasPrefix("bright-"),
           let i = Color.names.firstIndex(of: "bright-" + normalized.dropFirst(6)) {
            self = Color.ansi[i]; return
        }
        if s == "grey" || s == "gray" { self = .brightBlack; return }
        if s.hasPrefix("#"), s.count == 7, let value = Int(s.dropFirst(), radix: 16) {
            self = Color.nearest(red: value >> 16, green: (value >> 8) & 0xFF, blue: value & 0xFF)
            return
        }
        if !s.isEmpty, s.allSatisfy(\.isASCII), s.allSatisfy(\.isNumber), s.count <= 3, let i = Int(s), i <= 255 {
            self = Color(index: i)
            return
        }
        return nil
    }
}

extension Theme {
    /// Attribute keys a role may set in a theme file.
    public static let attributes = ["fg", "bg", "bold", "dim", "underline", "reverse", "italic"]

    /// Builds a theme from the tables of a theme file, as App reads them
    /// (TOML stays in App): `palette` maps slot names to colours; `roles`
    /// maps role names to attributes, booleans written "true"/"false". A
    /// role's colours may name a palette slot ("accent"). Each role listed
    /// changes only the attributes it lists; the rest come from the palette.
    ///
    /// - Throws: `ThemeError` for the first problem, in sorted key order, so
    ///   the message is stable.
    public init(name: String, palette table: [String: String], roles: [String: [String: String]]) throws {
        var palette = Palette()
        for (slot, value) in table.sorted(by: { $0.key < $1.key }) {
            guard Palette.slots.contains(slot) else { throw ThemeError.unknownPaletteSlot(slot) }
            guard let color = Color(parsing: value) else { throw ThemeError.badColor(value: value, at: "palette.\(slot)") }
            palette[slot] = color
        }
        let derived = Theme.derived(from: palette)
        var overrides: [Role: Appearance] = [:]
        for (roleName, attributes) in roles.sorted(by: { $0.key < $1.key }) {
            guard let role = Role(rawValue: roleName) else { throw ThemeError.unknownRole(roleName) }
            var look = derived[role] ?? .plain
            for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
                let place = "roles.\"\(roleName)\".\(key)"
                switch key {
                case "fg", "bg":
                    guard let color = palette[value.trimmingCharacters(in: .whitespaces)] ?? Color(parsing: value) else {
                        throw ThemeError.badColor(value: value, at: place)
                    }
                    if key == "fg" { look.foreground = color } else { look.background = color }
                case "bold": look.bold = try Theme.flag(value, at: place)
                case "dim": look.dim = try Theme.flag(value, at: place)
                case "underline": look.underline = try Theme.flag(value, at: place)
                case "reverse": look.reverse = try Theme.flag(value, at: place)
                case "italic": look.italic = try Theme.flag(value, at: place)
                default: throw ThemeError.unknownAttribute(role: roleName, attribute: key)
                }
            }
            overrides[role] = look
        }
        self.init(name: name, palette: palette, overrides: overrides)
    }

    private static func flag(_ value: String, at place: String) throws -> Bool {
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default: throw ThemeError.badFlag(value: value, at: place)
        }
    }
}
