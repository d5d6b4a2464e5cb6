import Domain
import Foundation

/// Which of the two small numbers of `3/4/1985` is the day.
public enum DateOrder: String, Sendable, CaseIterable {
    /// Day first: `14/3/1985` (most of the world).
    case dmy
    /// Month first: `3/14/1985` (the US, and Outlook there).
    case mdy
}

/// Dates as address-book exporters write them: ISO (`1985-03-14`,
/// `--03-14`, `19850314`), Outlook's `3/14/1985` (and its `0/0/00` for no
/// date), `14.3.1985`, and month names in English, German, French, Spanish
/// and Portuguese (`March 14, 1985`, `14 Mar 1985`, `14. März 1985`,
/// `14 de marzo de 1985`).
///
/// Dots always mean day first (no exporter writes `3.14.1985`); slashes and
/// dashes between numbers are read in the order given, else decided by a
/// part above 12, else the value is ambiguous and the caller warns rather
/// than guesses.
public enum ExportedDate {
    public enum Parsed: Equatable, Sendable {
        /// A date; `year` is nil when the value names none (`--03-14`, `March 14`).
        case date(year: Int?, month: Int, day: Int)
        /// The exporter's way of saying "no date" (Outlook's `0/0/00`).
        case none
        /// Day and month could each be either number.
        case ambiguous
        /// Not a date.
        case invalid
    }

    /// Reads `text`; `order` settles `3/4/1985`, `now` places two-digit years
    /// (`85` is 1985 when 2085 is still to come).
    public static func parse(_ text: String, order: DateOrder?, now: Date) -> Parsed {
        let text = text.trimmingSpaces
        if text.isEmpty { return .none }
        if let day = Day(iso: text) { return .date(year: day.year, month: day.month, day: day.day) }
        if let date = RecurringDate(text: text) { return .date(year: date.year, month: date.month, day: date.day) }
        // An ISO date-time: its date part.
        if text.count > 10, let t = text.firstIndex(of: "T"), let day = Day(iso: text[..<t]) {
            return .date(year: day.year, month: day.month, day: day.day)
        }
        if text.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
            return checked(year: Int(text.prefix(4)), month: Int(text.dropFirst(4).prefix(2)), day: Int(text.suffix(2)))
        }
        let tokens = self.tokens(text)
        if tokens.isEmpty { return .invalid }
        let names = tokens.compactMap(month(named:))
        if names.count == 1 { return withMonthName(names[0], numbers: tokens.compactMap { Int($0.text) }, tokens: tokens, now: now) }
        guard names.isEmpty, tokens.allSatisfy({ Int($0.text) != nil }), tokens.count == 3 || tokens.count == 2 else { return .invalid }
        let numbers = tokens.map { Int($0.text)! }
        if numbers.allSatisfy({ $0 == 0 }) { return .none } // 0/0/00
        let separator = text.first { $0 == "/" || $0 == "." || $0 == "-" } ?? "/"
        // 1985/03/14: year first is always year, month, day.
        if tokens.count == 3, tokens[0].text.count == 4 {
            return checked(year: numbers[0], month: numbers[1], day: numbers[2])
        }
        let year = tokens.count == 3 ? fullYear(tokens[2].text, now: now) : nil
        if tokens.count == 3, year == nil { return .invalid }
        let (a, b) = (numbers[0], numbers[1])
        let resolved: DateOrder?
        if separator == "." { resolved = .dmy }
        else if a > 12 { resolved = .dmy }
        else if b > 12 { resolved = .mdy }
        else if a == b { resolved = .mdy } // 4/4: either way the same day
        else { resolved = order }
        switch resolved {
        case .dmy: return checked(year: year, month: b, day: a)
        case .mdy: return checked(year: year, month: a, day: b)
        case nil: return checked(year: year, month: a, day: b) == .invalid && checked(year: year, month: b, day: a) == .invalid
            ? .invalid : .ambiguous
        }
    }

    /// What a value says about its file's order: a first part above 12 is a
    /// day (`dmy`), a second part above 12 is a day (`mdy`); nil otherwise.
    public static func orderHint(_ text: String) -> DateOrder? {
        let tokens = self.tokens(text.trimmingSpaces)
        guard tokens.count == 3 || tokens.count == 2, tokens.allSatisfy({ Int($0.text) != nil }),
              tokens[0].text.count <= 2, !text.contains(".") else { return nil }
        let a = Int(tokens[0].text)!, b = Int(tokens[1].text)!
        if a > 12, a <= 31, b >= 1, b <= 12 { return .dmy }
        if b > 12, b <= 31, a >= 1, a <= 12 { return .mdy }
        return nil
    }

    // MARK: - Parts

    struct Token { var text: String }

    /// Words and numbers; `de`/`of`, ordinal suffixes (`14th`, `1er`, `1º`)
    /// and a weekday name before the date are dropped.
    static func tokens(_ text: String) -> [Token] {
        guard text.count <= 64 else { return [] }
        var tokens: [Token] = []
        for raw in text.split(whereSeparator: { " ,/.-\t".contains($0) }) {
            var word = String(raw).folded
            if word.isEmpty || ["de", "del", "of", "the", "le", "der", "den"].contains(word) { continue }
            if let digits = word.prefix(while: \.isASCII).prefix(while: \.isNumber).nilIfEmpty,
               ["st", "nd", "rd", "th", "er", "o", "º", "ª"].contains(String(word.dropFirst(digits.count))) {
                word = String(digits)
            }
            if tokens.isEmpty, weekdays.contains(word) { continue }
            tokens.append(Token(text: word))
        }
        return tokens
    }

    private static func withMonthName(_ month: Int, numbers: [Int], tokens: [Token], now: Date) -> Parsed {
        guard tokens.count == numbers.count + 1 else { return .invalid } // one other word: not a date
        let texts = tokens.filter { Int($0.text) != nil }.map(\.text)
        switch texts.count {
        case 1: return texts[0].count <= 2 ? checked(year: nil, month: month, day: numbers[0]) : .invalid
        case 2:
            if texts[0].count == 4 { return checked(year: numbers[0], month: month, day: numbers[1]) }
            guard texts[0].count <= 2, let year = fullYear(texts[1], now: now) else { return .invalid }
            return checked(year: year, month: month, day: numbers[0])
        default: return .invalid
        }
    }

    private static func checked(year: Int?, month: Int?, day: Int?) -> Parsed {
        guard let month, let day, RecurringDate(month: month, day: day, year: year) != nil else { return .invalid }
        if let year, Day(year: year, month: month, day: day) == nil { return .invalid }
        return .date(year: year, month: month, day: day)
    }

    /// `1985`, or `85` as the most recent year ending so that is not in the future.
    private static func fullYear(_ text: String, now: Date) -> Int? {
        guard let value = Int(text) else { return nil }
        if text.count == 4 { return value }
        guard text.count == 2 else { return nil }
        let current = Calendar(identifier: .gregorian).component(.year, from: now)
        let century = current / 100 * 100
        return century + value > current ? century - 100 + value : century + value
    }

    private static let weekdays: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    ]

    /// Month names and their abbreviations, folded (no accents, lower case):
    /// English, German, French, Spanish, Portuguese. A prefix of three or more
    /// letters names a month when it names only one (`jui` does not: juin, juillet).
    private static let monthNames: [String: Int] = {
        let names: [[String]] = [
            ["january", "januar", "janvier", "enero", "janeiro", "jaenner", "janner"],
            ["february", "februar", "fevrier", "febrero", "fevereiro"],
            ["march", "maerz", "marz", "mars", "marzo", "marco"],
            ["april", "avril", "abril"],
            ["may", "mai", "mayo", "maio"],
            ["june", "juni", "juin", "junio", "junho"],
            ["july", "juli", "juillet", "julio", "julho"],
            ["august", "aout", "agosto"],
            ["september", "septembre", "septiembre", "setiembre", "setembro"],
            ["october", "oktober", "octobre", "octubre", "outubro"],
            ["november", "novembre", "noviembre", "novembro"],
            ["december", "dezember", "decembre", "diciembre", "dezembro"],
        ]
        var table: [String: Int] = [:]
        var clashing: Set<String> = []
        for (index, list) in names.enumerated() {
            for name in list {
                table[name] = index + 1
                for length in 3..<name.count {
                    let prefix = String(name.prefix(length))
                    if let other = table[prefix], other != index + 1 { clashing.insert(prefix) }
                    table[prefix] = index + 1
                }
            }
        }
        for list in names { for name in list { clashing.remove(name) } }
        for prefix in clashing { table[prefix] = nil }
        return table
    }()

    static func month(named token: Token) -> Int? { monthNames[token.text] }
}

private extension Substring {
    var nilIfEmpty: Substring? { isEmpty ? nil : self }
}

extension ExportedDate {
    /// The order a file's dates agree on (`orderHint` of every date in it,
    /// refused records included), nil when none decides or they disagree.
    public static func fileOrder(_ hints: Set<DateOrder>) -> DateOrder? {
        hints.count == 1 ? hints.first : nil
    }

    /// Decides each record's undecided dates by `order` (the user's, else
    /// the file's). A date no order decides is left empty with a warning;
    /// when `strict`, its record is refused instead.
    public static func resolve(_ contacts: [ImportedContact], order: DateOrder?, strict: Bool,
                               now: Date) -> (contacts: [ImportedContact], issues: [ImportIssue]) {
        guard contacts.contains(where: { !$0.undecidedDates.isEmpty }) else { return (contacts, []) }
        var kept: [ImportedContact] = []
        var issues: [ImportIssue] = []
        kept.reserveCapacity(contacts.count)
        for var imported in contacts {
            var refused: ImportIssue?
            for undecided in imported.undecidedDates {
                guard let order, case .date(let year, let month, let day) = parse(undecided.text, order: order, now: now) else {
                    let shown = SafeLine.show(undecided.text)
                    if strict {
                        refused = refused ?? ImportIssue(line: undecided.line, reason:
                            "\(undecided.label): \(shown) is ambiguous (day/month) — use --date-order")
                    } else {
                        imported.warnings.append(ImportIssue(line: undecided.line, reason:
                            "\(undecided.label) \(shown) is ambiguous (day/month); left empty — use --date-order"))
                    }
                    continue
                }
                switch undecided.field {
                case .birthday: imported.contact.birthday = RecurringDate(month: month, day: day, year: year)
                case .anniversary: imported.contact.anniversary = RecurringDate(month: month, day: day, year: year)
                case .metOn: imported.contact.metOn = year.flatMap { Day(year: $0, month: month, day: day) }
                }
            }
            imported.undecidedDates = []
            if let refused { issues.append(refused) } else { kept.append(imported) }
        }
        return (kept, issues)
    }
}

extension VCard {
    /// What the card's BDAY and ANNIVERSARY say about its file's day-month order.
    public var dateOrderHints: Set<DateOrder> {
        var hints = Set<DateOrder>()
        for property in properties where ["BDAY", "ANNIVERSARY", "X-ANNIVERSARY"].contains(property.name) {
            if let hint = ExportedDate.orderHint(property.text) { hints.insert(hint) }
        }
        return hints
    }
}
