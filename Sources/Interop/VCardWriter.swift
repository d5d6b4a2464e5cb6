import Domain
import Foundation

/// Writes contacts as vCard 4.0 (RFC 6350) or 3.0 (RFC 2426).
///
/// What rapport knows that vCard has no property for goes into
/// `X-RAPPORT-` properties (circle, cadence, drives, met at/on/via,
/// archived), which `VCardReader` maps back; the extras an import kept
/// (foreign `X-` properties, URL, ADR…) are written back as they came, so
/// import → export → import gives the same contacts.
public enum VCardWriter {
    public enum Version: String, Sendable, CaseIterable {
        case v3 = "3.0"
        case v4 = "4.0"
    }

    /// Every contact, one card after another.
    public static func write(_ contacts: [ImportedContact], version: Version = .v4, now: Date? = nil) -> String {
        var lines = ContentLines()
        for contact in contacts { card(contact, version: version, now: now, into: &lines) }
        return lines.text
    }

    /// One card; `keeping` adds properties of an earlier version of the card
    /// that rapport does not model (`VCardReader.propertiesNotKept`), as they were.
    public static func write(_ contact: ImportedContact, version: Version = .v4, now: Date? = nil,
                             keeping: [VCardProperty] = []) -> String {
        var lines = ContentLines()
        card(contact, version: version, now: now, keeping: keeping, into: &lines)
        return lines.text
    }

    /// A file name for the contact in a vdir: its UID made safe, else `rapport-<id>`.
    public static func fileName(for contact: ImportedContact) -> String {
        let base = contact.uid ?? "rapport-\(contact.contact.id ?? 0)"
        let safe = String(String.UnicodeScalarView(base.unicodeScalars.map { scalar in
            ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                || "-_.@".unicodeScalars.contains(scalar) ? scalar : "_"
        }))
        let trimmed = safe.hasPrefix(".") ? "_" + safe.dropFirst() : safe
        return String(trimmed.prefix(120)) + ".vcf"
    }

    private static func card(_ imported: ImportedContact, version: Version, now: Date?, keeping: [VCardProperty] = [],
                             into lines: inout ContentLines) {
        let contact = imported.contact
        let text = ContentLines.escaped
        lines.append("BEGIN:VCARD")
        lines.append("VERSION:" + version.rawValue)
        if let uid = imported.uid { lines.property("UID", [], text(uid)) }
        lines.property("FN", [], text(contact.name))
        let (given, family) = nameParts(contact.name)
        lines.property("N", [], [family, given, "", "", ""].map(text).joined(separator: ";"))
        if !contact.nickname.isEmpty { lines.property("NICKNAME", [], text(contact.nickname)) }
        let units = imported.extras["ORG-UNIT"] ?? []
        if !contact.company.isEmpty || !units.isEmpty {
            lines.property("ORG", [], ([contact.company] + units).map(text).joined(separator: ";"))
        }
        if !contact.title.isEmpty { lines.property("TITLE", [], text(contact.title)) }
        for (index, email) in contact.emails.enumerated() {
            var types = index < imported.emailTypes.count ? imported.emailTypes[index] : []
            if version == .v3 { types.insert("internet", at: 0) }
            var parameters: [(String, [String])] = [("TYPE", types)]
            if index == 0 && contact.emails.count > 1 {
                if version == .v4 { parameters.append(("PREF", ["1"])) } else { parameters[0].1.append("pref") }
            }
            lines.property("EMAIL", parameters, text(email))
        }
        for (index, phone) in contact.phones.enumerated() {
            var parameters: [(String, [String])] = [("TYPE", index < imported.phoneTypes.count ? imported.phoneTypes[index] : [])]
            if index == 0 && contact.phones.count > 1 {
                if version == .v4 { parameters.append(("PREF", ["1"])) } else { parameters[0].1.append("pref") }
            }
            lines.property("TEL", parameters, text(phone))
        }
        if !contact.tags.isEmpty { lines.property("CATEGORIES", [], contact.tags.map(text).joined(separator: ",")) }
        if let birthday = contact.birthday { date("BDAY", birthday, version: version, into: &lines) }
        if let anniversary = contact.anniversary {
            date(version == .v4 ? "ANNIVERSARY" : "X-ANNIVERSARY", anniversary, version: version, into: &lines)
        }
        if !contact.notes.isEmpty { lines.property("NOTE", [], text(contact.notes)) }
        lines.property("X-RAPPORT-CIRCLE", [], contact.circle.rawValue)
        if let cadence = contact.cadenceOverride {
            lines.property("X-RAPPORT-CADENCE", [], "\(cadence.idealDays)/\(cadence.maximumDays)")
        }
        if !contact.drives.isEmpty { lines.property("X-RAPPORT-DRIVES", [], text(contact.drives)) }
        if !contact.metAt.isEmpty { lines.property("X-RAPPORT-MET-AT", [], text(contact.metAt)) }
        if let metOn = contact.metOn { lines.property("X-RAPPORT-MET-ON", [], metOn.iso) }
        if !contact.metVia.isEmpty { lines.property("X-RAPPORT-MET-VIA", [], text(contact.metVia)) }
        if contact.archived || contact.circle == .archived {
            lines.property("X-RAPPORT-ARCHIVED", [], contact.archived ? "true" : "false")
        }
        for name in imported.extras.keys.sorted() where name != "ORG-UNIT" {
            if name == "BDAY" && contact.birthday != nil { continue }
            if (name == "ANNIVERSARY" || name == "X-ANNIVERSARY") && contact.anniversary != nil { continue }
            guard isPropertyName(name) else { continue }
            let outName = version == .v3 && name == "ANNIVERSARY" ? "X-ANNIVERSARY" : name
            for value in imported.extras[name] ?? [] {
                let parameters: [(String, [String])] = (name == "BDAY" || name == "ANNIVERSARY") && Int(value) == nil
                    && !value.hasPrefix("--") ? [("VALUE", ["text"])] : []
                lines.property(outName, parameters, ContentLines.escapedKeepingSeparators(value))
            }
        }
        for property in keeping where isPropertyName(property.name) {
            // Parameters in name order (a dictionary keeps none); the value with its escapes, as read.
            // Quoted-printable and charsets were decoded on reading: they no longer apply.
            let parameters = property.parameters.keys.sorted().compactMap { key -> (String, [String])? in
                let values = property.parameters[key] ?? []
                if key == "CHARSET" || (key == "ENCODING" && values.contains { $0.uppercased() == "QUOTED-PRINTABLE" }) {
                    return nil
                }
                return (key, values)
            }
            let name = (property.group.map { $0 + "." } ?? "") + property.name
            lines.property(name, parameters, property.value.replacingOccurrences(of: "\r", with: "")
                .replacingOccurrences(of: "\n", with: "\\n"))
        }
        if let now { lines.property("REV", [], timestamp(contact.updatedAt > now ? now : contact.updatedAt)) }
        lines.append("END:VCARD")
    }

    /// BDAY or ANNIVERSARY: 4.0 `19900517` or `--0517`; 3.0 `1990-05-17`, or
    /// Apple's year 1604 with `X-APPLE-OMIT-YEAR` when the year is unknown.
    private static func date(_ name: String, _ date: RecurringDate, version: Version, into lines: inout ContentLines) {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = date.year.map { String(repeating: "0", count: max(0, 4 - String($0).count)) + String($0) }
        switch (version, year) {
        case (.v4, let year?): lines.property(name, [], year + two(date.month) + two(date.day))
        case (.v4, nil): lines.property(name, [], "--" + two(date.month) + two(date.day))
        case (.v3, let year?): lines.property(name, [], year + "-" + two(date.month) + "-" + two(date.day))
        case (.v3, nil): lines.property(name, [("X-APPLE-OMIT-YEAR", ["1604"])], "1604-" + two(date.month) + "-" + two(date.day))
        }
    }

    /// Given and family names for N: the last word is the family name.
    static func nameParts(_ name: String) -> (given: String, family: String) {
        let words = name.split(separator: " ")
        guard words.count > 1 else { return ("", name) }
        return (words.dropLast().joined(separator: " "), String(words.last!))
    }

    private static func isPropertyName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// `20260101T120000Z`.
    static func timestamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ n: Int?) -> String { let n = n ?? 0; return n < 10 ? "0\(n)" : "\(n)" }
        return String(format: "%04d", c.year ?? 0) + two(c.month) + two(c.day) + "T" + two(c.hour) + two(c.minute)
            + two(c.second) + "Z"
    }
}
