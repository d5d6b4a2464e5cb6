import Domain
import Foundation

extension VCardReader {
    /// Parses every card in `text` and maps each to a contact created at `now`.
    public static func contacts(in text: String, now: Date) throws(VCardError) -> [ImportedContact] {
        try cards(in: text).map { card throws(VCardError) in try contact(from: card, now: now) }
    }

    /// Parses every card in a file's bytes and maps each to a contact created at `now`.
    public static func contacts(in data: Data, now: Date) throws(VCardError) -> [ImportedContact] {
        try cards(in: data).map { card throws(VCardError) in try contact(from: card, now: now) }
    }

    /// Maps one card to a contact.
    ///
    /// - Throws: `VCardError` on the offending property's line when the card
    ///   has no name, a date is impossible, a rapport field is malformed, or a
    ///   one-line field (name, email, tag…) holds a control character.
    ///
    /// Forgiving (`options.strict` false), a control character in a text
    /// field is repaired and a date that is not one is left empty, each with
    /// a warning; the card's own warnings (lines dropped while reading) come
    /// along; a `3/4/1985` no order decides is left for `ExportedDate.resolve`.
    public static func contact(from card: VCard, now: Date, options: ReadingOptions = .strict) throws(VCardError) -> ImportedContact {
        var mapper = ContactMapper(card: card, options: options, now: now)
        return try mapper.map(now: now)
    }

    /// Reads a whole file as `rapport import` does: cards whose mapping
    /// fails are issues, warnings are collected, and undecided dates are
    /// settled by the file's order.
    /// - Throws: `VCardError` for structural damage (a card without END, a stray line).
    public static func read(_ data: Data, now: Date, options: ReadingOptions) throws(VCardError) -> ContactFileReading {
        var reading = ContactFileReading()
        var hints = Set<DateOrder>()
        try forEachCard(in: data, options: options) { card in
            hints.formUnion(card.dateOrderHints)
            do throws(VCardError) {
                reading.contacts.append(try contact(from: card, now: now, options: options))
            } catch {
                reading.issues.append(ImportIssue(error))
            }
        }
        let resolved = ExportedDate.resolve(reading.contacts, order: options.dateOrder ?? ExportedDate.fileOrder(hints), strict: options.strict, now: now)
        reading.contacts = resolved.contacts
        reading.issues = (reading.issues + resolved.issues).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        reading.warnings = reading.contacts.flatMap(\.warnings)
        return reading
    }
}

extension VCardReader {
    /// The properties of `card` that `contact(from:)` neither maps to a field
    /// nor keeps in extras (PHOTO, KIND, MEMBER, KEY…), in file order; VERSION,
    /// PRODID and REV are left out, since a writer writes its own.
    ///
    /// A sync that rewrites a card it read passes them to `VCardWriter` so
    /// that rewriting loses nothing another client put there.
    public static func propertiesNotKept(in card: VCard) -> [VCardProperty] {
        let mapped: Set<String> = ["VERSION", "PRODID", "REV", "FN", "N", "NICKNAME", "ORG", "TITLE", "EMAIL", "TEL",
                                   "CATEGORIES", "BDAY", "ANNIVERSARY", "NOTE", "UID"]
        return card.properties.filter { property in
            !property.name.hasPrefix("X-") && !mapped.contains(property.name)
                && !keptStandardProperties.contains(property.name)
        }
    }
}

/// Standard properties that Contact has no field for, kept in extras.
private let keptStandardProperties: Set<String> = [
    "URL", "ADR", "IMPP", "ROLE", "RELATED", "TZ", "GEO", "LANG", "GENDER", "SOURCE",
]

/// The rapport fields mapped into Contact; any other `X-RAPPORT-` property stays in extras.
private let rapportProperties: Set<String> = [
    "X-RAPPORT-CIRCLE", "X-RAPPORT-DRIVES", "X-RAPPORT-MET-AT", "X-RAPPORT-MET-ON", "X-RAPPORT-MET-VIA",
    "X-RAPPORT-CADENCE", "X-RAPPORT-NICKNAME", "X-RAPPORT-ARCHIVED",
]

private struct ContactMapper {
    let card: VCard
    let options: ReadingOptions
    let now: Date
    var extras: [String: [String]] = [:]
    var warnings: [ImportIssue] = []
    var undecided: [UndecidedDate] = []

    init(card: VCard, options: ReadingOptions, now: Date) {
        self.card = card
        self.options = options
        self.now = now
        warnings = card.warnings.map { ImportIssue($0) }
    }

    mutating func map(now: Date) throws(VCardError) -> ImportedContact {
        var contact = Contact(name: "", createdAt: now)
        var uid: String?
        var emails: [(value: String, types: [String], rank: Int)] = []
        var phones: [(value: String, types: [String], rank: Int)] = []
        var nicknames: [String] = []
        var notes: [String] = []
        var drives: [String] = []
        var archivedFlag: Bool?
        let labels = groupLabels()

        for property in card.properties {
            let name = property.name
            switch name {
            case "FN":
                if contact.name.isEmpty { contact.name = try oneLine(property.text, property) }
            case "NICKNAME":
                nicknames += try property.list.map { value throws(VCardError) in try oneLine(value, property) }
            case "ORG":
                guard contact.company.isEmpty else { break }
                var parts = try property.components.map { value throws(VCardError) in try oneLine(value, property) }
                contact.company = parts.isEmpty ? "" : parts.removeFirst()
                let units = parts.filter { !$0.isEmpty }
                if !units.isEmpty { extras["ORG-UNIT", default: []] += units }
            case "TITLE":
                if contact.title.isEmpty { contact.title = try oneLine(property.text, property) }
            case "EMAIL":
                var value = try oneLine(property.text, property)
                if value.lowercased().hasPrefix("mailto:") { value = String(value.dropFirst(7)) }
                guard !value.isEmpty,
                      !emails.contains(where: { $0.value.lowercased() == value.lowercased() }) else { break }
                emails.append((value, types(property, labels, dropping: ["internet", "pref", "x400"]), rank(property)))
            case "TEL":
                var value = try oneLine(property.text, property)
                if value.lowercased().hasPrefix("tel:") { value = String(value.dropFirst(4)) }
                guard !value.isEmpty, !phones.contains(where: { $0.value == value }) else { break }
                phones.append((value, types(property, labels, dropping: ["pref"]), rank(property)))
            case "CATEGORIES":
                for tag in property.list {
                    let tag = try oneLine(tag, property)
                    if !tag.isEmpty, !contact.tags.contains(where: { $0.folded == tag.folded }) {
                        contact.tags.append(tag)
                    }
                }
            case "BDAY":
                if contact.birthday == nil { contact.birthday = try recurringDate(property) }
            case "ANNIVERSARY", "X-ANNIVERSARY":
                if contact.anniversary == nil { contact.anniversary = try recurringDate(property) }
            case "NOTE":
                let note = multiLine(property.text, property)
                if !note.isEmpty { notes.append(note) }
            case "UID":
                if uid == nil {
                    let value = try oneLine(property.text, property)
                    if !value.isEmpty { uid = value }
                }
            case "X-RAPPORT-CIRCLE":
                let value = property.text.trimmingSpaces
                guard let circle = Circle(rawValue: value.lowercased()) else {
                    throw VCardError(line: property.line, reason: "\(name) \(shown(value)) is not one of "
                        + Circle.allCases.map(\.rawValue).joined(separator: ", "))
                }
                contact.circle = circle
            case "X-RAPPORT-CADENCE":
                contact.cadenceOverride = try cadence(property)
            case "X-RAPPORT-DRIVES":
                let value = multiLine(property.text, property)
                if !value.isEmpty { drives.append(value) }
            case "X-RAPPORT-MET-AT":
                contact.metAt = try oneLine(property.text, property)
            case "X-RAPPORT-MET-VIA":
                contact.metVia = try oneLine(property.text, property)
            case "X-RAPPORT-MET-ON":
                let value = property.text.trimmingSpaces
                guard let day = Day(iso: value) ?? compactDay(value) else {
                    throw VCardError(line: property.line, reason: "\(name) \(shown(value)) is not a date")
                }
                contact.metOn = day
            case "X-RAPPORT-NICKNAME":
                let value = try oneLine(property.text, property)
                if !value.isEmpty { nicknames = [value] }
            case "X-RAPPORT-ARCHIVED":
                let value = property.text.trimmingSpaces.lowercased()
                switch value {
                case "true", "yes", "1": archivedFlag = true
                case "false", "no", "0", "": archivedFlag = false
                default:
                    throw VCardError(line: property.line, reason: "\(name) \(shown(value)) is not true or false")
                }
            case "X-ABLABEL":
                break // folded into the types of the email or phone in its group
            default:
                if name.hasPrefix("X-") || keptStandardProperties.contains(name) {
                    extras[name, default: []].append(property.text)
                }
            }
        }

        if contact.name.isEmpty, let n = card.first("N") {
            contact.name = try nameFromStructured(n)
        }
        if contact.name.isEmpty {
            throw VCardError(line: card.line, reason: card.first("FN") == nil && card.first("N") == nil
                ? "card has neither FN nor N" : "card has an empty name (FN and N are blank)")
        }
        emails.sort { $0.rank < $1.rank } // stable: file order among equals
        phones.sort { $0.rank < $1.rank }
        contact.emails = emails.map(\.value)
        contact.phones = phones.map(\.value)
        contact.nickname = nicknames.filter { !$0.isEmpty }.joined(separator: ", ")
        contact.notes = notes.joined(separator: "\n\n")
        contact.drives = drives.joined(separator: "\n")
        contact.archived = archivedFlag ?? (contact.circle == .archived)
        var imported = ImportedContact(contact: contact, uid: uid, emailTypes: emails.map(\.types),
                                       phoneTypes: phones.map(\.types), extras: extras, line: card.line)
        imported.warnings = warnings.sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        imported.undecidedDates = undecided
        return imported
    }

    // MARK: - Fields

    /// Trimmed text for a one-line field; a control character (a newline too)
    /// is an error, or, forgiving, is repaired with a warning.
    private mutating func oneLine(_ text: String, _ property: VCardProperty) throws(VCardError) -> String {
        let trimmed = text.trimmingSpaces
        if !options.strict, let (repaired, description) = ControlRepair.repaired(trimmed, field: property.name, multiLine: false) {
            warnings.append(ImportIssue(line: property.line, reason: description))
            return repaired
        }
        if let bad = trimmed.unicodeScalars.first(where: isControl) {
            let code = String(bad.value, radix: 16, uppercase: true)
            throw VCardError(line: property.line, reason:
                "\(property.name) contains a control character (U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code))")
        }
        return trimmed
    }

    /// Trimmed text for a multi-line field (NOTE): forgiving, its control
    /// characters are repaired with a warning; strict, they are left for the
    /// import's checks to refuse.
    private mutating func multiLine(_ text: String, _ property: VCardProperty) -> String {
        var trimmed = text.trimmingSpacesAndNewlines
        guard !options.strict else { return trimmed }
        // vCard 2.1's quoted-printable keeps CRLF in notes; rapport stores LF.
        if trimmed.utf8.contains(0x0D) { trimmed = trimmed.replacingOccurrences(of: "\r\n", with: "\n") }
        if let (repaired, description) = ControlRepair.repaired(trimmed, field: property.name, multiLine: true) {
            warnings.append(ImportIssue(line: property.line, reason: description))
            return repaired
        }
        return trimmed
    }

    /// FN built from N (family;given;additional;prefix;suffix): "given family",
    /// or "familygiven" when both are written in CJK scripts (王;芳 is 王芳).
    private mutating func nameFromStructured(_ property: VCardProperty) throws(VCardError) -> String {
        let parts = try property.components.map { value throws(VCardError) in try oneLine(value, property) }
        let family = parts.first ?? "", given = parts.count > 1 ? parts[1] : ""
        if !family.isEmpty, !given.isEmpty, (family + given).unicodeScalars.allSatisfy(isCJK) {
            return family + given
        }
        return [given, family].filter { !$0.isEmpty }.joined(separator: " ")
    }

    private func types(_ property: VCardProperty, _ labels: [String: String], dropping: Set<String>) -> [String] {
        var result: [String] = []
        for type in property.types where !dropping.contains(type) && !result.contains(type) {
            result.append(type)
        }
        if let group = property.group?.lowercased(), let label = labels[group], !result.contains(label) {
            result.append(label)
        }
        return result
    }

    /// Lower is preferred: 4.0 `PREF=1`…`100`, 3.0 `TYPE=pref` as 1, none as 101.
    private func rank(_ property: VCardProperty) -> Int {
        if let pref = property.parameter("PREF").first.flatMap({ Int($0) }), (1...100).contains(pref) { return pref }
        return property.types.contains("pref") ? 1 : 101
    }

    /// Apple's `item1.X-ABLabel:_$!<Work>!$_` names the other properties of group item1.
    private func groupLabels() -> [String: String] {
        var labels: [String: String] = [:]
        for property in card.properties(named: "X-ABLABEL") {
            guard let group = property.group?.lowercased() else { continue }
            var label = property.text.trimmingSpaces
            if label.hasPrefix("_$!<"), label.hasSuffix(">!$_"), label.count >= 8 {
                label = String(label.dropFirst(4).dropLast(4))
            }
            if !label.isEmpty, !label.unicodeScalars.contains(where: isControl) { labels[group] = label.lowercased() }
        }
        return labels
    }

    // MARK: - Dates and cadence

    /// BDAY and ANNIVERSARY: `1990-05-17`, `19900517`, `--12-31`, `--1231`, a
    /// date-time (its time is ignored). Year 0000, or Apple's
    /// `X-APPLE-OMIT-YEAR`, means the year is unknown. Valid forms that name
    /// no month and day (`1985`, `1985-04`, `---17`, `VALUE=text`) are kept
    /// in extras instead; nil is then returned.
    private mutating func recurringDate(_ property: VCardProperty) throws(VCardError) -> RecurringDate? {
        let value = property.text.trimmingSpaces
        func keep() -> RecurringDate? {
            extras[property.name, default: []].append(value)
            return nil
        }
        if property.parameter("VALUE").first?.lowercased() == "text" { return keep() }
        let date = value.split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        // The date's shape, digits as "d": "dddd-dd-dd", "--dddd"…
        let shape = String(date.map { $0.isASCII && $0.isNumber ? "d" : $0 })
        let digits = date.filter { $0 != "-" }
        func number(_ from: Int, _ count: Int) -> Int { Int(digits.dropFirst(from).prefix(count)) ?? -1 }
        var year: Int?, month: Int, day: Int
        switch shape {
        case "dddd-dd-dd", "dddddddd":
            year = number(0, 4); month = number(4, 2); day = number(6, 2)
        case "--dd-dd", "--dddd":
            month = number(0, 2); day = number(2, 2)
        case "dddd", "dddd-dd", "---dd", "--dd":
            return keep() // 1985, 1985-04, ---17, --12: no month and day to recur on
        default:
            // As other exporters write dates: 3/14/1985, 14.3.1985, March 14, 1985.
            switch ExportedDate.parse(value, order: options.dateOrder, now: now) {
            case .date(let year, let month, let day): return RecurringDate(month: month, day: day, year: year)
            case .none: return nil
            case .ambiguous:
                undecided.append(UndecidedDate(field: property.name == "BDAY" ? .birthday : .anniversary, text: value,
                                               label: property.name, line: property.line))
                return nil
            case .invalid: return try notADate(property, value)
            }
        }
        if year == 0 { year = nil }
        if let omit = property.parameter("X-APPLE-OMIT-YEAR").first.flatMap({ Int($0) }), omit == year { year = nil }
        guard let result = RecurringDate(month: month, day: day, year: year) else { return try notADate(property, value) }
        return result
    }

    /// Strict, an error; forgiving, a warning and no date.
    private mutating func notADate(_ property: VCardProperty, _ value: String) throws(VCardError) -> RecurringDate? {
        guard options.strict else {
            warnings.append(ImportIssue(line: property.line, reason: "\(property.name) \(SafeLine.show(value)) is not a date; left empty"))
            return nil
        }
        throw VCardError(line: property.line, reason: "\(property.name) \(shown(value)) is not a date")
    }

    /// `YYYYMMDD`.
    private func compactDay(_ text: String) -> Day? {
        guard text.count == 8, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let y = Int(text.prefix(4)), let m = Int(text.dropFirst(4).prefix(2)), let d = Int(text.suffix(2))
        else { return nil }
        return Day(year: y, month: m, day: d)
    }

    /// `IDEAL/MAX` days, e.g. `7/14`: at least one day, the maximum not below the ideal.
    private func cadence(_ property: VCardProperty) throws(VCardError) -> Cadence {
        let value = property.text.trimmingSpaces
        let parts = value.split(separator: "/", omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces }
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 5 }),
              let ideal = Int(parts[0]), let maximum = Int(parts[1]), ideal >= 1, maximum >= ideal else {
            throw VCardError(line: property.line, reason:
                "\(property.name) \(shown(value)) is not IDEAL/MAX days with 1 <= IDEAL <= MAX (e.g. 30/45)")
        }
        return Cadence(idealDays: ideal, maximumDays: maximum)
    }
}

// MARK: - Characters

private func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
}

private func isCJK(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
        return true
    default:
        return false
    }
}

/// A value as shown in an error: at most 40 characters, controls made visible,
/// quoted when it is empty or holds spaces.
private func shown(_ text: String) -> String {
    var out = ""
    for (count, scalar) in text.unicodeScalars.enumerated() {
        if count == 40 { out += "…"; break }
        out += isControl(scalar) ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
    }
    return out.isEmpty || out.contains(where: \.isWhitespace) ? "\"" + out + "\"" : out
}
