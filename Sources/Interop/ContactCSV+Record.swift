import Domain
import Foundation

extension ColumnMapping {
    /// The contact a data row holds, every field checked.
    ///
    /// Forgiving (`options.strict` false), a control character in a text
    /// field is repaired and a date that is not one is left empty, each with
    /// a warning on the record; a `3/4/1985` no order decides is left for
    /// `ExportedDate.resolve`.
    /// - Throws: `ImportIssue` on the row's line, naming the column.
    func contact(from row: ContactCSV.Row, now: Date, options: ReadingOptions = .strict) throws(ImportIssue) -> ImportedContact {
        func fail(_ reason: String) -> ImportIssue { ImportIssue(line: row.line, reason: reason) }
        func check<T>(_ body: () throws -> T) throws(ImportIssue) -> T {
            do { return try body() } catch let violation as FieldRules.Violation {
                throw fail(violation.description)
            } catch {
                throw fail("\(error)")
            }
        }
        var contact = Contact(name: "", createdAt: now)
        var uid: String?
        var given = "", middle = "", family = ""
        var emailTypes: [[String]] = [], phoneTypes: [[String]] = []
        var extras: [String: [String]] = [:]
        var notes: [String] = []
        var warnings: [ImportIssue] = []
        var undecided: [UndecidedDate] = []

        /// A birthday, anniversary or met-on date as exporters write it; nil when none (or undecided).
        func date(_ value: String, _ field: UndecidedDate.Field, label: String) throws(ImportIssue) -> (year: Int?, month: Int, day: Int)? {
            switch ExportedDate.parse(value, order: options.dateOrder, now: now) {
            case .date(let year, let month, let day) where field != .metOn || year != nil:
                return (year, month, day)
            case .none:
                return nil
            case .ambiguous:
                undecided.append(UndecidedDate(field: field, text: value, label: label, line: row.line))
                return nil
            case .date, .invalid:
                guard options.strict else {
                    warnings.append(fail("\(label) \(SafeLine.show(value)) is not a date; left empty"))
                    return nil
                }
                if field == .metOn {
                    throw fail("\(label): \(value.debugDescription) is not a date (2024-03-15, 15 Mar 2024 or 03/15/2024)")
                }
                throw fail("\(label): \(SafeLine.show(value)) is not a date (1990-05-17 or --05-17)")
            }
        }

        for (index, raw) in row.fields.enumerated() {
            guard let field = fields[index] else { continue }
            // A quoted field may span lines written with CRLF; rapport stores LF.
            var value = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            if !options.strict, let (repaired, description) = ControlRepair.repaired(
                value, field: field.label, multiLine: field == .notes || field == .drives) {
                value = repaired
                warnings.append(fail(description))
            }
            guard !value.isEmpty else { continue }
            switch field {
            case .name: contact.name = try check { try FieldRules.name(value) }
            case .given: given = try check { try FieldRules.text(value, field: "first name", oneLine: true) }
            case .middle: middle = try check { try FieldRules.text(value, field: "middle name", oneLine: true) }
            case .family: family = try check { try FieldRules.text(value, field: "last name", oneLine: true) }
            case .nickname: contact.nickname = try check { try FieldRules.text(value, field: "nickname", oneLine: true) }
            case .company:
                if contact.company.isEmpty { contact.company = try check { try FieldRules.text(value, field: "company", oneLine: true) } }
            case .title:
                if contact.title.isEmpty { contact.title = try check { try FieldRules.text(value, field: "title", oneLine: true) } }
            case .email:
                let types = typeOf[index].map { typeValues(in: row.fields, at: $0) } ?? []
                for part in split(value) {
                    let email = try check { try FieldRules.email(part) }
                    guard !contact.emails.contains(where: { $0.lowercased() == email.lowercased() }) else { continue }
                    contact.emails.append(email)
                    emailTypes.append(types)
                }
            case .phone:
                let types = typeOf[index].map { typeValues(in: row.fields, at: $0) } ?? []
                for part in split(value) {
                    let phone = try check { try ColumnMapping.phone(part) }
                    guard !contact.phones.contains(phone) else { continue }
                    contact.phones.append(phone)
                    phoneTypes.append(types)
                }
            case .tags:
                for part in split(value) {
                    let tag = part.hasPrefix("* ") ? String(part.dropFirst(2)) : part
                    // Google's system groups are not tags.
                    if flavor == .google, ["mycontacts", "starred"].contains(tag.lowercased()) { continue }
                    for tag in try check({ try FieldRules.tags(tag) }) where !contact.tags.contains(where: { $0.folded == tag.folded }) {
                        contact.tags.append(tag)
                    }
                }
            case .birthday:
                if let d = try date(value, .birthday, label: "birthday") { contact.birthday = RecurringDate(month: d.month, day: d.day, year: d.year) }
            case .anniversary:
                if let d = try date(value, .anniversary, label: "anniversary") {
                    contact.anniversary = RecurringDate(month: d.month, day: d.day, year: d.year)
                }
            case .notes: notes.append(try check { try FieldRules.text(value, field: "notes") })
            case .circle:
                contact.circle = try check { try FieldRules.circle(value) }
                if contact.circle == .archived { contact.archived = true }
            case .cadence:
                guard let cadence = ColumnMapping.cadence(value) else {
                    throw fail("cadence: \(value.debugDescription) is not IDEAL/MAX days (e.g. 30/45)")
                }
                contact.cadenceOverride = cadence
            case .metAt: contact.metAt = try check { try FieldRules.text(value, field: "met at", oneLine: true) }
            case .metOn, .connectedOn:
                guard let d = try date(value, .metOn, label: field.label), let year = d.year else { break }
                contact.metOn = Day(year: year, month: d.month, day: d.day)
                if field == .connectedOn, contact.metAt.isEmpty { contact.metAt = "LinkedIn" }
            case .metVia: contact.metVia = try check { try FieldRules.text(value, field: "met via", oneLine: true) }
            case .drives: contact.drives = try check { try FieldRules.text(value, field: "drives") }
            case .archived:
                switch value.lowercased() {
                case "true", "yes", "1", "x": contact.archived = true
                case "false", "no", "0": contact.archived = false
                default: throw fail("archived: \(value.debugDescription) is not true or false")
                }
            case .uid: uid = try check { try FieldRules.text(value, field: "uid", oneLine: true) }
            case .url:
                for part in split(value) {
                    extras["URL", default: []].append(try check { try FieldRules.text(part, field: "url", oneLine: true) })
                }
            case .emailType, .phoneType:
                break // read with their value column
            }
        }
        if contact.name.isEmpty {
            let parts = [given, middle, family].filter { !$0.isEmpty }
            guard !parts.isEmpty else { throw fail("no name (the name, first name and last name columns are empty)") }
            contact.name = try check { try FieldRules.name(parts.joined(separator: " ")) }
        }
        contact.notes = notes.joined(separator: "\n\n")
        if contact.notes.count > FieldRules.maximumTextLength {
            throw fail("notes: is longer than \(FieldRules.maximumTextLength) characters")
        }
        var imported = ImportedContact(contact: contact, uid: uid, emailTypes: emailTypes, phoneTypes: phoneTypes,
                                       extras: extras, line: row.line)
        imported.warnings = warnings
        imported.undecidedDates = undecided
        return imported
    }

    /// What the row's date columns say about the file's day-month order.
    func dateOrderHints(in row: ContactCSV.Row) -> Set<DateOrder> {
        var hints = Set<DateOrder>()
        for (index, value) in row.fields.enumerated() {
            switch fields[index] {
            case .birthday, .anniversary, .metOn, .connectedOn:
                if let hint = ExportedDate.orderHint(value) { hints.insert(hint) }
            default: continue
            }
        }
        return hints
    }

    /// Several values in one cell: Google's ` ::: `, else `;` (rapport's own CSV) and, for tags, `,`.
    private func split(_ value: String) -> [String] {
        let separator = value.contains(":::") ? ":::" : ";"
        return value.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// Google's `* Work` or `Home ::: Mobile`: lower-cased, without the `*` of the primary value.
    private func typeValues(in fields: [String], at index: Int) -> [String] {
        guard index < fields.count else { return [] }
        return split(fields[index]).map { part in
            (part.hasPrefix("* ") ? String(part.dropFirst(2)) : part).trimmingCharacters(in: .whitespaces).lowercased()
        }.filter { !$0.isEmpty && $0 != "other" && !$0.unicodeScalars.contains { $0.value < 0x20 } }
    }

    /// A phone number: at least one digit, no control character.
    static func phone(_ raw: String) throws -> String {
        let phone = try FieldRules.text(raw, field: "phone", oneLine: true)
        guard phone.contains(where: \.isNumber) else {
            throw FieldRules.Violation(field: "phone", "\(phone.debugDescription) is not a phone number")
        }
        return phone
    }

    /// `IDEAL/MAX` days.
    static func cadence(_ text: String) -> Cadence? {
        let parts = text.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 5 }), let ideal = Int(parts[0]), let maximum = Int(parts[1]),
              ideal >= 1, maximum >= ideal else { return nil }
        return Cadence(idealDays: ideal, maximumDays: maximum)
    }
}
