import Domain
import GRDB

/// How a Contact maps to the `contact` row and its side tables.
///
/// Emails, phones and tags have their own tables (looked up for duplicates
/// and filters); `contact_name_key` and `search_name` are derived here from
/// the name and nickname, never by callers.
extension Contact {
    /// The columns `init(row:…)` reads, in order.
    static let columns = """
        id, name, nickname, company, title, circle, cadence_ideal_days, cadence_maximum_days,
        birthday, anniversary, met_at, met_on, met_via, drives, notes, archived, created_at, updated_at
        """

    init(row: SQLRow, emails: [String], phones: [String], tags: [String]) {
        let ideal: Int? = row[6]
        let maximum: Int? = row[7]
        self.init(
            id: row[0], name: row[1], nickname: row[2], company: row[3], title: row[4],
            emails: emails, phones: phones,
            circle: Circle(rawValue: row[5]) ?? .network,
            cadenceOverride: ideal.flatMap { ideal in maximum.map { Cadence(idealDays: ideal, maximumDays: $0) } },
            tags: tags,
            birthday: Columns.recurring(row[8]), anniversary: Columns.recurring(row[9]),
            metAt: row[10], metOn: Columns.day(row[11]), metVia: row[12],
            drives: row[13], notes: row[14], archived: row[15],
            createdAt: Columns.date(micros: row[16]), updatedAt: Columns.date(micros: row[17]))
    }

    /// Values for the `contact` columns after `id`, in `columns` order, then `search_name`.
    var rowArguments: SQLArguments {
        [name, nickname, company, title, circle.rawValue, cadenceOverride?.idealDays, cadenceOverride?.maximumDays,
         birthday?.description, anniversary?.description, metAt, metOn?.iso, metVia, drives, notes, archived,
         Columns.micros(createdAt), Columns.micros(updatedAt),
         NameKeys.searchName(name: name, nickname: nickname)]
    }

    /// This contact as Store gives it back: instants at microsecond resolution.
    var normalized: Contact {
        var copy = self
        copy.createdAt = Columns.normalized(createdAt)
        copy.updatedAt = Columns.normalized(updatedAt)
        return copy
    }
}
