import Foundation

/// Store's SQL, written in SQLite's dialect, as PostgreSQL runs it.
///
/// The translation is mechanical and covers what Store writes:
/// - `?` parameters become `$1, $2, …`, `?N` becomes `$N`;
/// - an id list, `SELECT value FROM json_each(?)`, reads the JSON array
///   with `json_array_elements_text`;
/// - `LIMIT ?` bound to -1 (no limit) becomes `LIMIT NULL`;
/// - `INSERT OR IGNORE` becomes `INSERT … ON CONFLICT DO NOTHING`;
/// - an INSERT into a table with ids gets `RETURNING id`, which gives the
///   session its `lastInsertedID`.
/// Functions SQLite has and PostgreSQL lacks (`instr`, `unicode`, `total`)
/// are created by the schema instead. Text in quotes is never rewritten.
enum PostgresDialect {
    struct Translation: Sendable {
        let sql: String
        /// Whether the statement returns the new row's id (an added `RETURNING id`).
        let returnsID: Bool
    }

    /// Tables whose rows have an `id` from a sequence.
    static let tablesWithIDs: Set<String> = [
        "contact", "interaction", "promise", "event", "trash", "capture_source", "mail_message", "sync_vdir", "member",
    ]

    static func translate(_ sql: String) -> Translation {
        var text = sql.replacingOccurrences(
            of: "SELECT value FROM json_each(?)",
            with: "SELECT value::bigint AS value FROM json_array_elements_text(CAST(? AS json))")
        // SQLite reads a negative LIMIT as none; PostgreSQL reads NULL so.
        text = text.replacingOccurrences(of: "LIMIT ?", with: "LIMIT NULLIF(CAST(? AS bigint), -1)")
        var ignoring = false
        if let range = text.range(of: "INSERT OR IGNORE") {
            text.replaceSubrange(range, with: "INSERT")
            ignoring = true
        }
        text = numberingParameters(text)
        var trimmed = text.trimmingTrailingSpaceAndSemicolons()
        if ignoring { trimmed += " ON CONFLICT DO NOTHING" }
        var returnsID = false
        if let table = insertedTable(trimmed), tablesWithIDs.contains(table),
           !trimmed.uppercased().contains("RETURNING") {
            trimmed += " RETURNING id"
            returnsID = true
        }
        return Translation(sql: trimmed, returnsID: returnsID)
    }

    /// `?` → `$n` in order, `?N` → `$N`, outside quotes.
    static func numberingParameters(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var quote: Character?
        var iterator = Array(sql)
        var index = 0
        while index < iterator.count {
            let character = iterator[index]
            if let open = quote {
                result.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "?" {
                var digits = ""
                while index + 1 < iterator.count, let digit = iterator[index + 1].wholeNumberValue, digit >= 0 {
                    digits.append(iterator[index + 1])
                    index += 1
                }
                if digits.isEmpty {
                    result += "$\(next)"
                    next += 1
                } else {
                    result += "$" + digits
                }
            } else {
                result.append(character)
            }
            index += 1
        }
        iterator.removeAll()
        return result
    }

    /// How many `?` parameters `sql` has outside quotes.
    static func parameterCount(_ sql: String) -> Int {
        var count = 0
        var quote: Character?
        for character in sql {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "?" {
                count += 1
            }
        }
        return count
    }

    /// The table of an `INSERT INTO table …` statement.
    static func insertedTable(_ sql: String) -> String? {
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" }).prefix(3)
        guard words.count == 3, words[words.startIndex].uppercased() == "INSERT",
              words[words.startIndex + 1].uppercased() == "INTO" else { return nil }
        return String(words[words.startIndex + 2]).trimmingCharacters(in: ["\""])
    }
}

private extension String {
    func trimmingTrailingSpaceAndSemicolons() -> String {
        var end = endIndex
        while end > startIndex, let last = self[..<end].last, last == ";" || last.isWhitespace {
            end = index(before: end)
        }
        return String(self[..<end])
    }
}
