import Domain
import Foundation
import GRDB

/// How an Attention maps to the `attention` cache row; reasons are JSON text
/// (they are only ever read back whole, and the list changes as rules grow).
extension Attention {
    static let columns = """
        contact_id, score, level, reasons, last_touch_at, days_since_touch,
        cadence_ideal_days, cadence_maximum_days, touches, snoozed_until
        """

    init(row: SQLRow, decoder: JSONDecoder) {
        let reasonsText: String = row[3]
        let reasons = ReasonsJSON.decode(reasonsText, fallback: decoder)
        let lastTouch: Int64? = row[4]
        let ideal: Int? = row[6]
        let maximum: Int? = row[7]
        self.init(contactID: row[0], score: row[1], level: AttentionLevel(rawValue: row[2]) ?? .calm,
                  reasons: reasons, lastTouch: lastTouch.map(Columns.date(micros:)), daysSinceTouch: row[5],
                  cadence: ideal.flatMap { ideal in maximum.map { Cadence(idealDays: ideal, maximumDays: $0) } },
                  touches: row[8], snoozedUntil: Columns.day(row[9]))
    }

    func rowArguments(encoder: JSONEncoder, computedAt: Int64) throws -> SQLArguments {
        let reasonsText = ReasonsJSON.encode(reasons)
        return [contactID, score, level.rawValue, reasonsText, lastTouch.map(Columns.micros), daysSinceTouch,
                cadence?.idealDays, cadence?.maximumDays, touches, snoozedUntil?.iso, computedAt, contactID]
    }
}
