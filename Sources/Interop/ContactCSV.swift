import CSV
import Domain
import Foundation

/// Reads contacts from CSV files: a generic CSV with a header row (columns
/// found by name, case-insensitively, with common synonyms), LinkedIn's
/// Connections.csv, and Google Contacts' export.
///
/// Parsing (quotes, commas, quotes and newlines in fields, CRLF) is done by
/// yaslab/CSV.swift, one row at a time; this type finds the header, maps
/// columns to fields and counts physical lines, so that every refused record
/// is reported on the line it starts on.
public enum ContactCSV {
    /// Which exporter wrote the file; it decides how columns are mapped.
    public enum Flavor: String, Sendable, CaseIterable {
        case generic, linkedin, google
    }

    /// Reads `data` (UTF-8, a BOM is skipped) as CSV.
    ///
    /// - Parameter flavor: nil guesses from the header.
    /// - Throws: `ImportIssue` when the file cannot be read at all (not
    ///   UTF-8, binary, empty, no recognisable header).
    /// - Parameter options: forgiving or strict (`ReadingOptions`), and the
    ///   day-month order of `3/4/1985` when the file's other dates do not tell it.
    public static func read(_ data: Data, flavor: Flavor? = nil, now: Date,
                            options: ReadingOptions = .strict) throws(ImportIssue) -> ContactFileReading {
        let text = try decodedText(data)
        let rows = try parseRows(text)
        guard let headerIndex = headerRow(in: rows) else {
            throw ImportIssue(line: rows.first?.line ?? 1, reason:
                "no header row naming a name column (e.g. name, or first name and last name)")
        }
        let header = rows[headerIndex]
        let flavor = flavor ?? guessFlavor(header.fields)
        let mapping = ColumnMapping(header: header.fields, flavor: flavor)
        var reading = ContactFileReading()
        var hints = Set<DateOrder>()
        for row in rows[(headerIndex + 1)...] where !row.isBlank {
            hints.formUnion(mapping.dateOrderHints(in: row))
            do throws(ImportIssue) {
                reading.contacts.append(try mapping.contact(from: row, now: now, options: options))
            } catch {
                reading.issues.append(error)
            }
        }
        let resolved = ExportedDate.resolve(reading.contacts, order: options.dateOrder ?? ExportedDate.fileOrder(hints), strict: options.strict, now: now)
        reading.contacts = resolved.contacts
        reading.issues = (reading.issues + resolved.issues).sorted { ($0.line ?? 0) < ($1.line ?? 0) }
        reading.warnings = reading.contacts.flatMap(\.warnings)
        return reading
    }

    /// The flavor a header names: LinkedIn's `Connected On`, Google's `… 1 - Value` columns.
    public static func guessFlavor(_ header: [String]) -> Flavor {
        let keys = Set(header.map(ColumnMapping.key))
        if keys.contains("connectedon") && keys.contains("firstname") { return .linkedin }
        if keys.contains("email1value") || keys.contains("phone1value") || keys.contains("organization1name")
            || keys.contains("givenname") && keys.contains("groupmembership") {
            return .google
        }
        return .generic
    }

    // MARK: - Rows

    /// One parsed row with the physical line it starts on.
    struct Row {
        var fields: [String]
        var line: Int
        var isBlank: Bool { fields.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    static func decodedText(_ data: Data) throws(ImportIssue) -> String {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) {
            throw ImportIssue(line: 1, reason: "the file is empty")
        }
        if let zero = bytes.firstIndex(of: 0) {
            throw ImportIssue(line: lineNumber(of: zero, in: bytes), reason: "a binary file, not CSV text (NUL byte)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let offset = firstInvalidUTF8(bytes)
            throw ImportIssue(line: lineNumber(of: offset, in: bytes), reason:
                "not UTF-8 text (invalid byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at offset \(offset)); save the file as UTF-8")
        }
        return text
    }

    static func parseRows(_ text: String) throws(ImportIssue) -> [Row] {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
        } catch {
            throw ImportIssue(line: 1, reason: "not CSV: \(error)")
        }
        var rows: [Row] = []
        var line = 1
        while let fields = reader.next() {
            rows.append(Row(fields: fields, line: line))
            line += 1 + fields.reduce(0) { $0 + newlines(in: $1) }
        }
        return rows
    }

    /// The first row that names a name column, among the first ten (LinkedIn
    /// writes a `Notes:` preamble before its header).
    static func headerRow(in rows: [Row]) -> Int? {
        for (index, row) in rows.prefix(10).enumerated() {
            let keys = Set(row.fields.map(ColumnMapping.key))
            if ColumnMapping.nameKeys.contains(where: keys.contains)
                || keys.contains("firstname") || keys.contains("givenname") || keys.contains("lastname") {
                return index
            }
        }
        return nil
    }

    private static func newlines(in field: String) -> Int {
        var count = 0
        var afterCR = false
        for scalar in field.unicodeScalars {
            if scalar == "\r" { count += 1; afterCR = true; continue }
            if scalar == "\n" && !afterCR { count += 1 }
            afterCR = false
        }
        return count
    }

    private static func lineNumber(of offset: Int, in bytes: [UInt8]) -> Int {
        1 + bytes[..<offset].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
    }

    /// The offset of the first byte that does not start a valid UTF-8 sequence.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length = byte < 0x80 ? 1 : byte & 0xE0 == 0xC0 ? 2 : byte & 0xF0 == 0xE0 ? 3 : byte & 0xF8 == 0xF0 ? 4 : 0
            guard length > 0, index + length <= bytes.count,
                  String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil else { return index }
            index += length
        }
        return max(0, bytes.count - 1)
    }
}
