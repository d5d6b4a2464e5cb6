import Foundation

/// What a field may hold, checked the same way by the commands and the
/// dashboard's forms: bad input gets a clear message and changes nothing.
public enum FieldRules {
    public struct Violation: Error, CustomStringConvertible, Equatable, Sendable {
        public let field: String
        public let message: String
        public var description: String { "\(field): \(message)" }

        public init(field: String, _ message: String) {
            self.field = field
            self.message = message
        }
    }

    public static let maximumNameLength = 200
    public static let maximumTextLength = 100_000

    /// A trimmed, non-empty, one-line name without control characters.
    public static func name(_ raw: String, field: String = "name") throws -> String {
        let name = raw.trimmingSpacesAndNewlines
        guard !name.isEmpty else { throw Violation(field: field, "cannot be empty") }
        guard !hasControl(name, allowingNewlines: false) else {
            throw Violation(field: field, "cannot contain control characters")
        }
        guard name.count <= maximumNameLength else {
            throw Violation(field: field, "is longer than \(maximumNameLength) characters")
        }
        return name
    }

    /// Free text (notes, summaries): newlines and tabs allowed, other control characters not.
    public static func text(_ raw: String, field: String, oneLine: Bool = false) throws -> String {
        let text = raw.trimmingSpacesAndNewlines
        guard !hasControl(text, allowingNewlines: !oneLine) else {
            throw Violation(field: field, "cannot contain control characters")
        }
        let limit = oneLine ? maximumNameLength * 5 : maximumTextLength
        guard text.count <= limit else { throw Violation(field: field, "is longer than \(limit) characters") }
        return text
    }

    public static func email(_ raw: String) throws -> String {
        let email = try text(raw, field: "email", oneLine: true)
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !email.contains(" ") else {
            throw Violation(field: "email", "\(SafeLine.show(email)) is not an email address")
        }
        return email
    }

    public static func phone(_ raw: String) throws -> String {
        let phone = try text(raw, field: "phone", oneLine: true)
        let allowed = CharacterSet(charactersIn: "0123456789+-(). /x")
        guard phone.contains(where: \.isNumber), phone.unicodeScalars.allSatisfy(allowed.contains) else {
            throw Violation(field: "phone", "\(SafeLine.show(phone)) is not a phone number")
        }
        return phone
    }

    /// Comma-separated tags, trimmed, empty ones dropped, duplicates removed.
    public static func tags(_ raw: String) throws -> [String] {
        var seen = Set<String>()
        var tags: [String] = []
        for part in raw.split(separator: ",") {
            let tag = try name(String(part), field: "tag")
            if seen.insert(tag.folded).inserted { tags.append(tag) }
        }
        return tags
    }

    public static func circle(_ raw: String) throws -> Circle {
        guard let circle = Circle(rawValue: raw.trimmingSpaces.lowercased()) else {
            throw Violation(field: "circle", "\(SafeLine.show(raw)) is not a circle (\(Circle.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return circle
    }

    public static func kind(_ raw: String) throws -> InteractionKind {
        let text = raw.trimmingSpaces.lowercased()
        guard let kind = InteractionKind(rawValue: text) ?? (text == "favor-asked" ? .favourAsked : nil) else {
            throw Violation(field: "kind", "\(SafeLine.show(raw)) is not a kind (\(InteractionKind.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return kind
    }

    public static func day(_ raw: String, field: String, today: Day) throws -> Day {
        do {
            return try DateExpression.parse(raw, today: today)
        } catch let error as DateExpression.ParseError {
            throw Violation(field: field, error.reason)
        }
    }

    /// A birthday or anniversary: `1990-05-17`, `--05-17`, or `05-17`.
    public static func recurringDate(_ raw: String, field: String) throws -> RecurringDate {
        let text = raw.trimmingSpaces
        if let date = RecurringDate(text: text) ?? RecurringDate(text: "--" + text) { return date }
        throw Violation(field: field, "\(SafeLine.show(text)) is not a date (1990-05-17 or --05-17)")
    }

    static func hasControl(_ text: String, allowingNewlines: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            if allowingNewlines, scalar == "\n" || scalar == "\t" { return false }
            return SafeLineScalar.isUnsafe(scalar)
        }
    }
}

enum SafeLineScalar {
    static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }
}
