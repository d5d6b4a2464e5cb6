import Domain
import Foundation

extension ColumnMapping {
    /// The contact a data row holds, every field checked.
    /// - Throws: `ImportIssue` on the row's line, naming the column.
    func contact(from row: ContactCSV.Row, now: Date) throws(ImportIssue) -> ImportedContact {
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

        for (index, raw) in row.fields.enumerated() {
            guard let field = fields[index] else { continue }
            // A quoted field may span lines written with CRLF; rapport stores LF.
            let value = raw.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                .trimmingCharacters(in: .whitespacesAndNewlines)
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
            case .birthday: contact.birthday = try check { try FieldRules.recurringDate(value, field: "birthday") }
            case .anniversary: contact.anniversary = try check { try FieldRules.recurringDate(value, field: "anniversary") }
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
                guard let day = ColumnMapping.day(value) else {
                    throw fail("\(field == .metOn ? "met on" : "Connected On"): \(value.debugDescription) is not a date "
                               + "(2024-03-15, 15 Mar 2024 or 03/15/2024)")
                }
                contact.metOn = day
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
        return ImportedContact(contact: contact, uid: uid, emailTypes: emailTypes, phoneTypes: phoneTypes,
                               extras: extras, line: row.line)
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

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `2024-03-15`, LinkedIn's `15 Mar 2024` (or `15-Mar-24`), and US `03/15/2024`.
    static func day(_ text: String) -> Day? {
        if let day = Day(iso: text) { return day }
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "/" || $0 == "," || $0 == "." })
            .map(String.init)
        guard parts.count == 3 else { return nil }
        func year(_ text: String) -> Int? {
            guard let value = Int(text) else { return nil }
            return text.count == 2 ? 2000 + value : text.count == 4 ? value : nil
        }
        if let month = months.firstIndex(of: String(parts[1].lowercased().prefix(3))),
           let day = Int(parts[0]), let y = year(parts[2]) {
            return Day(year: y, month: month + 1, day: day)
        }
        if let month = months.firstIndex(of: String(parts[0].lowercased().prefix(3))),
           let day = Int(parts[1]), let y = year(parts[2]) {
            return Day(year: y, month: month + 1, day: day) // Mar 15 2024
        }
        if text.contains("/"), let month = Int(parts[0]), let day = Int(parts[1]), let y = year(parts[2]) {
            return Day(year: y, month: month, day: day)
        }
        return nil
    }
}
