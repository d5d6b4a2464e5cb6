import CSV
import Domain
import Foundation

extension ContactCSV {
    /// The columns of rapport's CSV export, in order. Lists are joined with
    /// `;` (emails, phones) or `,` (tags); days are `YYYY-MM-DD`, birthdays
    /// `YYYY-MM-DD` or `--MM-DD`, cadence `IDEAL/MAX`, archived `true`/`false`,
    /// instants ISO 8601 UTC. `rapport import` reads it back.
    public static let exportHeader = [
        "name", "nickname", "company", "title", "emails", "phones", "circle", "cadence", "tags", "birthday",
        "anniversary", "met_at", "met_on", "met_via", "drives", "notes", "archived", "uid", "url", "id",
        "created_at", "updated_at",
    ]

    /// The contacts as CSV: the header, one row per contact, CRLF line ends (RFC 4180).
    public static func write(_ contacts: [ImportedContact]) throws -> Data {
        let stream = OutputStream(toMemory: ())
        stream.open()
        let writer = try CSVWriter(stream: stream, newline: .crlf)
        try writer.write(row: exportHeader)
        for imported in contacts {
            let c = imported.contact
            let cadence: String = c.cadenceOverride.map { "\($0.idealDays)/\($0.maximumDays)" } ?? ""
            var row: [String] = [c.name, c.nickname, c.company, c.title]
            row += [c.emails.joined(separator: ";"), c.phones.joined(separator: ";"), c.circle.rawValue, cadence]
            row += [c.tags.joined(separator: ","), c.birthday?.description ?? "", c.anniversary?.description ?? ""]
            row += [c.metAt, c.metOn?.iso ?? "", c.metVia, c.drives, c.notes, c.archived ? "true" : "false"]
            row += [imported.uid ?? "", (imported.extras["URL"] ?? []).joined(separator: ";"), c.id.map { String($0) } ?? ""]
            row += [Instant.format(c.createdAt), Instant.format(c.updatedAt)]
            try writer.write(row: row)
        }
        stream.close()
        var data = stream.property(forKey: .dataWrittenToMemoryStreamKey) as? Data ?? Data()
        data.append(contentsOf: [0x0D, 0x0A])
        return data
    }
}
