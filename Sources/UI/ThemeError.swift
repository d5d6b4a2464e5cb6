/// Why a theme's tables were refused, worded for the person editing the
/// file: where the problem is (`roles."list.selection".fg`) and what would
/// be accepted.
public enum ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    case unknownPaletteSlot(String)
    case badColor(value: String, at: String)
    case unknownRole(String)
    case unknownAttribute(role: String, attribute: String)
    case badFlag(value: String, at: String)

    public var description: String {
        switch self {
        case .unknownPaletteSlot(let slot):
            return "palette.\(slot): unknown palette colour (known: \(Palette.slots.joined(separator: ", ")))"
        case .badColor(let value, let place):
            return "\(place): \"\(value)\" is not a colour (use a name such as \"red\" or \"bright-blue\", "
                + "\"#rrggbb\", a number 0-255, \"default\", or a palette colour in roles)"
        case .unknownRole(let role):
            return "roles.\"\(role)\": unknown role (known: \(Role.allCases.map(\.rawValue).joined(separator: ", ")))"
        case .unknownAttribute(let role, let attribute):
            return "roles.\"\(role)\".\(attribute): unknown attribute (known: \(Theme.attributes.joined(separator: ", ")))"
        case .badFlag(let value, let place):
            return "\(place): \"\(value)\" is not true or false"
        }
    }
}
