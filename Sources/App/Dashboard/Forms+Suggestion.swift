import Foundation
import Store
import UI

extension Forms {
    /// The add-contact form filled in from a mail correspondent: saving it is
    /// the ordinary `addContact` write, whose executor then turns the
    /// address's stored mail into touches.
    ///
    /// The name comes from mail headers; control characters in it are left
    /// out of the field (the form refuses them when typed, and a prefill the
    /// user reviews should not fail validation for what they cannot see).
    public static func addContact(from suggestion: MailSuggestion) -> FormSession {
        var session = addContact()
        session.title = "Add contact from mail"
        let name = String(String.UnicodeScalarView(suggestion.name.unicodeScalars.filter {
            SafeText.placeholder(for: $0) == nil
        })).trimmingCharacters(in: .whitespaces)
        for (index, field) in session.form.fields.enumerated() {
            switch field.label {
            case "Name": session.form.fields[index] = FormField(label: field.label, value: name)
            case "Email": session.form.fields[index] = FormField(label: field.label, value: suggestion.email)
            default: break
            }
        }
        return session
    }
}
