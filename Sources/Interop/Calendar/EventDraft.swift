import Foundation

/// One VEVENT as read, before zones and recurrence are applied: what the
/// reader keeps of its properties, and the line of its BEGIN:VEVENT.
struct EventDraft {
    var line: Int
    var uid: String?
    var start: CalendarTime?
    var end: CalendarTime?
    var duration: CalendarDuration?
    var summary = ""
    var cancelled = false
    var organizer: CalendarPerson?
    var attendees: [CalendarPerson] = []
    var rule: String?
    var exceptions: [CalendarTime] = []
    var extraDates: [CalendarTime] = []
    var recurrenceID: CalendarTime?
    /// Why a property that matters could not be read (DTSTART unreadable…).
    var problem: String?

    init(line: Int) { self.line = line }

    mutating func apply(_ property: CalendarLine) {
        switch property.name {
        case "UID":
            uid = CalendarText.clean(property.raw)
        case "DTSTART":
            start = time(property, "DTSTART")
        case "DTEND":
            end = CalendarTime.parse(property.value, zoneID: property.parameter("TZID"))
        case "DURATION":
            duration = CalendarDuration.parse(property.value)
        case "SUMMARY":
            summary = CalendarText.unescaped(property.value)
        case "STATUS":
            cancelled = property.raw.trimmingCharacters(in: .whitespaces).uppercased() == "CANCELLED"
        case "ORGANIZER":
            organizer = person(property)
        case "ATTENDEE":
            attendees.append(person(property))
        case "RRULE":
            rule = property.raw
        case "EXDATE":
            exceptions += CalendarTime.parseList(property.value, zoneID: property.parameter("TZID"))
        case "RDATE":
            extraDates += CalendarTime.parseList(property.value, zoneID: property.parameter("TZID"))
        case "RECURRENCE-ID":
            recurrenceID = time(property, "RECURRENCE-ID")
        default:
            break
        }
    }

    private mutating func time(_ property: CalendarLine, _ name: String) -> CalendarTime? {
        guard let time = CalendarTime.parse(property.value, zoneID: property.parameter("TZID")) else {
            problem = problem ?? "\(name) is not a date: \(CalendarText.clean(String(property.raw.prefix(40))))"
            return nil
        }
        return time
    }

    /// `mailto:` dropped (any case), the address's own case kept; CN decoded; PARTSTAT.
    private func person(_ property: CalendarLine) -> CalendarPerson {
        var address = CalendarText.clean(property.raw)
        if address.utf8.count >= 7, address.prefix(7).lowercased() == "mailto:" {
            address = String(address.dropFirst(7)).trimmingCharacters(in: .whitespaces)
        } else if address.contains(":") || !address.contains("@") {
            address = ""
        }
        if address.contains(" ") || address.contains("<") { address = "" }
        let name = property.parameter("CN").map(CalendarText.parameter) ?? ""
        let participation = property.parameter("PARTSTAT")
            .flatMap { CalendarPerson.Participation(rawValue: $0.uppercased()) } ?? .needsAction
        return CalendarPerson(email: address, name: name, participation: participation)
    }
}
