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
