import Domain
import Foundation
import UI

/// The dashboard's forms: how each is laid out, and how its text becomes a
/// write. Validation goes through Domain's `FieldRules` and date
/// expressions, the same as the commands; a form with an error stays open
/// with the message under the field, and nothing is written.
public enum Forms {
    public enum Outcome {
        case invalid(FormSession)
        case valid(Write, String)
    }

    public static func importFile() -> FormSession {
        FormSession(purpose: .importFile, title: "Import contacts (vCard, CSV, JSON backup; Tab completes)",
                    form: FormState(fields: [FormField(label: "File")]))
    }

    static let circles = Circle.allCases.map(\.rawValue)
    static let kinds = InteractionKind.allCases.map(\.rawValue)

    public static func addContact() -> FormSession {
        FormSession(purpose: .addContact, title: "Add contact", form: FormState(fields: [
            FormField(label: "Name"), FormField(label: "Company"), FormField(label: "Title"),
            FormField(label: "Email"), FormField(label: "Phone"),
            FormField(label: "Circle", kind: .choice(circles), value: Circle.network.rawValue),
            FormField(label: "Tags"), FormField(label: "Met at"), FormField(label: "Met on", value: "today"),
            FormField(label: "Birthday"), FormField(label: "Notes"),
        ]))
    }

    public static func editContact(_ c: Contact) -> FormSession {
        FormSession(purpose: .editContact(c.id ?? -1), title: "Edit \(c.name)", form: FormState(fields: [
            FormField(label: "Name", value: c.name), FormField(label: "Nickname", value: c.nickname),
            FormField(label: "Company", value: c.company), FormField(label: "Title", value: c.title),
            FormField(label: "Emails", value: c.emails.joined(separator: ", ")),
            FormField(label: "Phones", value: c.phones.joined(separator: ", ")),
            FormField(label: "Circle", kind: .choice(circles), value: c.circle.rawValue),
            FormField(label: "Tags", value: c.tags.joined(separator: ", ")),
            FormField(label: "Met at", value: c.metAt), FormField(label: "Met on", value: c.metOn?.iso ?? ""),
            FormField(label: "Met via", value: c.metVia), FormField(label: "Drives", value: c.drives),
            FormField(label: "Birthday", value: c.birthday?.description ?? ""),
            FormField(label: "Notes", value: c.notes),
        ]))
    }

    /// On a team's book (`shared`) the form has a Private field: only the
    /// member who logs it reads it.
    public static func logInteraction(with name: String, contactID: Int64, shared: Bool = false) -> FormSession {
        var fields = [
            FormField(label: "Kind", kind: .choice(kinds), value: InteractionKind.meeting.rawValue),
            FormField(label: "When", value: "today"), FormField(label: "Summary"),
            FormField(label: "With", value: name),
        ]
        if shared { fields.append(FormField(label: "Private", kind: .choice(["no", "yes"]), value: "no")) }
        return FormSession(purpose: .logInteraction(contactID), title: "Log an interaction",
                           form: FormState(fields: fields, focus: 2))
    }

    public static func addPromise(to name: String, contactID: Int64) -> FormSession {
        FormSession(purpose: .addPromise(contactID), title: "Promise with \(name)", form: FormState(fields: [
            FormField(label: "Promise"), FormField(label: "Who owes", kind: .choice(["mine", "theirs"]), value: "mine"),
            FormField(label: "Due", value: "in 3 days"),
        ]))
    }

    public static func snooze(_ name: String, contactID: Int64, current: Day?) -> FormSession {
        FormSession(purpose: .snooze(contactID), title: "Snooze \(name)", form: FormState(fields: [
            FormField(label: "Until", value: current?.iso ?? "in 1 week"),
        ]))
    }

    /// The write a form asks for, or the form with its errors shown.
    public static func validate(_ session: FormSession, library: Library, now: Date) -> Outcome {
        var checked = session
        for index in checked.form.fields.indices { checked.form.setError(nil, at: index) }
        let values = Dictionary(session.form.fields.map { ($0.label, $0.value) }, uniquingKeysWith: { a, _ in a })
        var failed = false
        /// Runs one field's rule; a violation is shown under that field.
        func check<T>(_ label: String, _ rule: (String) throws -> T) -> T? {
            do {
                return try rule(values[label] ?? "")
            } catch let violation as FieldRules.Violation {
                failed = true
                if let index = checked.form.fields.firstIndex(where: { $0.label == label }) {
                    checked.form.setError(violation.message, at: index)
                }
            } catch {
                failed = true
            }
            return nil
        }
        func optional<T>(_ label: String, _ rule: @escaping (String) throws -> T) -> T?? {
            let raw = (values[label] ?? "").trimmingCharacters(in: .whitespaces)
            if raw.isEmpty { return .some(nil) }
            return check(label) { try rule($0) }.map { Optional($0) }
        }
        let today = library.today

        switch session.purpose {
        case .addContact, .editContact:
            let existing: Contact? = {
                if case .editContact(let id) = session.purpose { return library.contact(id) }
                return nil
            }()
            let name = check("Name") { try FieldRules.name($0) }
            let emails = check(existing == nil ? "Email" : "Emails") { raw in
                try raw.split(separator: ",").map { try FieldRules.email(String($0)) }
            }
            let phones = check(existing == nil ? "Phone" : "Phones") { raw in
                try raw.split(separator: ",").map { try FieldRules.phone(String($0)) }
            }
            let tags = check("Tags") { try FieldRules.tags($0) }
            let metOn = optional("Met on") { try FieldRules.day($0, field: "met on", today: today) }
            let birthday = optional("Birthday") { try FieldRules.recurringDate($0, field: "birthday") }
            var texts: [String: String] = [:]
            for label in ["Company", "Title", "Met at", "Nickname", "Met via", "Drives", "Notes"] {
                texts[label] = check(label) { try FieldRules.text($0, field: label.lowercased(), oneLine: label != "Notes") }
            }
            guard !failed, let name, let emails, let phones, let tags, let metOn, let birthday else {
                return .invalid(checked)
            }
            var contact = existing ?? Contact(name: name, createdAt: now)
            contact.name = name
            contact.company = texts["Company"] ?? ""
            contact.title = texts["Title"] ?? ""
            contact.emails = emails
            contact.phones = phones
            contact.circle = Circle(rawValue: values["Circle"] ?? "") ?? .network
            contact.tags = tags
            contact.metAt = texts["Met at"] ?? ""
            contact.metOn = metOn
            contact.birthday = birthday
            contact.notes = texts["Notes"] ?? ""
            contact.updatedAt = now
            if existing != nil {
                contact.nickname = texts["Nickname"] ?? ""
                contact.metVia = texts["Met via"] ?? ""
                contact.drives = texts["Drives"] ?? ""
                return .valid(.updateContact(contact), "saved \(name)")
            }
            return .valid(.addContact(contact), "added \(name)")

        case .logInteraction(let contactID):
            let when = check("When") { try FieldRules.day($0, field: "when", today: today) }
            let summary = check("Summary") { try FieldRules.text($0, field: "summary", oneLine: true) }
            let people = check("With") { try resolveNames($0, library: library, fallback: contactID) }
            guard !failed, let when, let summary, let people else { return .invalid(checked) }
            let kind = InteractionKind(rawValue: values["Kind"] ?? "") ?? .meeting
            // Today keeps the current time; another day is logged at noon.
            let at = when == today ? now : when.start(in: library.calendar).addingTimeInterval(12 * 3600)
            let isPrivate = values["Private"] == "yes"
            let interaction = Interaction(occurredAt: at, kind: kind, summary: summary, contactIDs: people,
                                          isPrivate: isPrivate)
            let names = people.map(library.name(of:)).joined(separator: ", ")
            return .valid(.logInteraction(interaction), "logged \(isPrivate ? "private " : "")\(kind.rawValue) with \(names)")

        case .addPromise(let contactID):
            let text = check("Promise") { raw -> String in
                let text = try FieldRules.text(raw, field: "promise", oneLine: true)
                guard !text.isEmpty else { throw FieldRules.Violation(field: "promise", "cannot be empty") }
                return text
            }
            let due = optional("Due") { try FieldRules.day($0, field: "due", today: today) }
            guard !failed, let text, let due else { return .invalid(checked) }
            let owner = PromiseOwner(rawValue: values["Who owes"] ?? "") ?? .mine
            let promise = Promise(contactID: contactID, text: text, owner: owner, due: due, createdAt: now)
            return .valid(.addPromise(promise), "promise added: \(text)")

        case .importFile:
            let raw = (values["File"] ?? "").trimmingCharacters(in: .whitespaces)
            guard !raw.isEmpty else {
                checked.form.setError("name a file or a folder of .vcf files", at: 0)
                return .invalid(checked)
            }
            let path = PathCompletion.expand(raw)
            return .valid(.importFile(path), "importing \(path)…")

        case .snooze(let contactID):
            let until = optional("Until") { try FieldRules.day($0, field: "until", today: today) }
            guard !failed, let until else { return .invalid(checked) }
            if let until, until <= today {
                checked.form.setError("must be after today", at: 0)
                return .invalid(checked)
            }
            let name = library.name(of: contactID)
            return .valid(.snooze(contactID, until), until.map { "snoozed \(name) until \($0.iso)" } ?? "\(name) is back")
        }
    }

    /// Comma-separated names, each an unambiguous prefix of a contact.
    static func resolveNames(_ raw: String, library: Library, fallback: Int64) throws -> [Int64] {
        let names = raw.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { return [fallback] }
        var ids: [Int64] = []
        let contacts = library.contactsByID.values.filter { !$0.archived }.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
        for name in names {
            switch ContactLookup.find(name, in: contacts) {
            case .found(let contact):
                if let id = contact.id, !ids.contains(id) { ids.append(id) }
            case .none:
                throw FieldRules.Violation(field: "with", "no contact matches \(SafeLine.show(name))")
            case .ambiguous(let candidates):
                let shown = candidates.prefix(3).map(\.name).joined(separator: ", ")
                throw FieldRules.Violation(field: "with", "\(SafeLine.show(name)) could be \(shown)\(candidates.count > 3 ? ", …" : "")")
            }
        }
        return ids
    }
}
