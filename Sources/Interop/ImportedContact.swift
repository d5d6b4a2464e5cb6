import Domain

/// A contact read from a vCard, with what a `Contact` has no field for.
///
/// The extras let an export give back what an import took in: rapport keeps
/// a card's UID to match it on the next import, and keeps foreign `X-`
/// properties (and a few standard ones such as URL and ADR) verbatim.
public struct ImportedContact: Hashable, Sendable {
    public var contact: Contact
    /// The card's `UID`, nil when it has none.
    public var uid: String?
    /// Lower-cased TYPE values of each email, index for index with `contact.emails`
    /// (`["work"]`); `internet` and `pref` are left out.
    public var emailTypes: [[String]]
    /// Lower-cased TYPE values of each phone, index for index with `contact.phones`
    /// (`["cell"]`, `["work", "voice"]`); `pref` is left out.
    public var phoneTypes: [[String]]
    /// Upper-cased property name to its unescaped values, in file order:
    /// every `X-` property that rapport does not map, `URL`, `ADR`, `IMPP`,
    /// `ROLE`, `RELATED`, `TZ`, `GEO`, `LANG`, `GENDER`, `SOURCE`, an
    /// unrepresentable `BDAY`/`ANNIVERSARY` (`1985`, `VALUE=text`), and
    /// `ORG-UNIT` for the units after the organisation's name (`Acme;Sales`).
    public var extras: [String: [String]]
    /// The 1-based line of the card's `BEGIN:VCARD`.
    public var line: Int
    /// What a forgiving read repaired or dropped in this record.
    public var warnings: [ImportIssue] = []
    /// Dates whose day and month could be either way round, decided once the
    /// whole file is read (`ExportedDate.resolve`).
    public var undecidedDates: [UndecidedDate] = []

    public init(contact: Contact, uid: String?, emailTypes: [[String]] = [], phoneTypes: [[String]] = [],
                extras: [String: [String]] = [:], line: Int) {
        self.contact = contact
        self.uid = uid
        self.emailTypes = emailTypes
        self.phoneTypes = phoneTypes
        self.extras = extras
        self.line = line
    }
}

/// A `3/4/1985` waiting for the file's other dates to tell its order.
public struct UndecidedDate: Hashable, Sendable {
    public enum Field: String, Hashable, Sendable {
        case birthday, anniversary, metOn = "met on"
    }

    public var field: Field
    /// As written, for the warning.
    public var text: String
    /// The name the warning gives the field (`birthday`, `BDAY`).
    public var label: String
    public var line: Int

    public init(field: Field, text: String, label: String, line: Int) {
        self.field = field
        self.text = text
        self.label = label
        self.line = line
    }
}
