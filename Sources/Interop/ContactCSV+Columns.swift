import Domain
import Foundation

/// Which contact field each column of a CSV header holds.
///
/// Column names are compared as keys: lower-cased, letters and digits only
/// (`E-mail 1 - Value` is `email1value`), so that spelling, case and
/// punctuation variants of the same name all map. Unknown columns are ignored.
struct ColumnMapping {
    enum Field: Hashable {
        case name, given, middle, family, nickname, company, title, email, phone, tags
        case birthday, anniversary, notes, circle, cadence, metAt, metOn, metVia, drives, archived, uid, url
        case connectedOn
        case emailType(Int), phoneType(Int)

        /// The field's name in messages.
        var label: String {
            switch self {
            case .name: "name"
            case .given: "first name"
            case .middle: "middle name"
            case .family: "last name"
            case .nickname: "nickname"
            case .company: "company"
            case .title: "title"
            case .email, .emailType: "email"
            case .phone, .phoneType: "phone"
            case .tags: "tags"
            case .birthday: "birthday"
            case .anniversary: "anniversary"
            case .notes: "notes"
            case .circle: "circle"
            case .cadence: "cadence"
            case .metAt: "met at"
            case .metOn: "met on"
            case .metVia: "met via"
            case .drives: "drives"
            case .archived: "archived"
            case .uid: "uid"
            case .url: "url"
            case .connectedOn: "Connected On"
            }
        }
    }

    static let nameKeys: Set<String> = ["name", "fullname", "displayname", "fn", "contactname", "formattedname"]
    private static let exact: [String: Field] = {
        var table: [String: Field] = [:]
        for key in nameKeys { table[key] = .name }
        for key in ["firstname", "givenname", "first", "forename"] { table[key] = .given }
        for key in ["middlename", "additionalname", "middle"] { table[key] = .middle }
        for key in ["lastname", "familyname", "surname", "last"] { table[key] = .family }
        for key in ["nickname", "nick", "nicknames"] { table[key] = .nickname }
        for key in ["company", "organization", "organisation", "org", "employer", "companyname",
                    "organization1name", "organisation1name", "organizationname"] { table[key] = .company }
        for key in ["title", "jobtitle", "position", "role", "organization1title", "organisation1title"] { table[key] = .title }
        for key in ["tags", "tag", "categories", "category", "labels", "groups", "groupmembership"] { table[key] = .tags }
        for key in ["birthday", "bday", "birthdate", "dateofbirth", "dob"] { table[key] = .birthday }
        for key in ["anniversary", "weddinganniversary"] { table[key] = .anniversary }
        for key in ["notes", "note", "comments", "comment", "description"] { table[key] = .notes }
        table["circle"] = .circle
        table["cadence"] = .cadence
        for key in ["metat", "wherewemet", "howwemet"] { table[key] = .metAt }
        for key in ["meton", "metdate", "datemet", "whenwemet"] { table[key] = .metOn }
        for key in ["metvia", "introducedby", "referredby"] { table[key] = .metVia }
        for key in ["drives", "whatdrivesthem", "motivation"] { table[key] = .drives }
        table["archived"] = .archived
        table["uid"] = .uid
        for key in ["url", "website", "webpage", "homepage", "profileurl", "linkedin", "website1value"] { table[key] = .url }
        table["connectedon"] = .connectedOn
        return table
    }()

    let flavor: ContactCSV.Flavor
    /// Column index to field.
    let fields: [Int: Field]
    /// Column index of a type column to the column index of its value.
    let typeOf: [Int: Int]

    init(header: [String], flavor: ContactCSV.Flavor) {
        self.flavor = flavor
        var fields: [Int: Field] = [:]
        for (index, title) in header.enumerated() {
            if let field = ColumnMapping.field(for: ColumnMapping.key(title)) { fields[index] = field }
        }
        // Google's "E-mail 2 - Type" names the TYPE of "E-mail 2 - Value".
        var typeOf: [Int: Int] = [:]
        for (typeIndex, field) in fields {
            let (prefix, number): (String, Int)
            switch field {
            case .emailType(let n): (prefix, number) = ("email", n)
            case .phoneType(let n): (prefix, number) = ("phone", n)
            default: continue
            }
            if let valueIndex = header.indices.first(where: {
                ColumnMapping.key(header[$0]) == "\(prefix)\(number)value"
            }) {
                typeOf[valueIndex] = typeIndex
            }
        }
        self.fields = fields
        self.typeOf = typeOf
    }

    /// `E-mail 1 - Value` → `email1value`.
    static func key(_ title: String) -> String {
        String(String.UnicodeScalarView(title.lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0)
        }))
    }

    static func field(for key: String) -> Field? {
        if let field = exact[key] { return field }
        if let n = numbered(key, prefix: "email", suffix: "type") { return .emailType(n) }
        if let n = numbered(key, prefix: "phone", suffix: "type") { return .phoneType(n) }
        let isLabel = key.hasSuffix("type") || key.hasSuffix("label") || key.contains("displayname")
        if !isLabel && (key.contains("email") || key == "mail" || key.hasSuffix("mailaddress")) { return .email }
        if !isLabel && (key.contains("phone") || ["mobile", "cell", "telephone", "tel", "fax", "pager"].contains(key)
                        || key.hasPrefix("mobile") || key.hasSuffix("fax")) { return .phone }
        return nil
    }

    /// `email12type` with prefix `email` and suffix `type` is 12.
    private static func numbered(_ key: String, prefix: String, suffix: String) -> Int? {
        guard key.hasPrefix(prefix), key.hasSuffix(suffix), key.count > prefix.count + suffix.count else { return nil }
        return Int(key.dropFirst(prefix.count).dropLast(suffix.count))
    }
}
