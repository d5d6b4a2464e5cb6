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
            let status = property.value.filter { $0 != 0x20 && $0 != 0x09 }.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
            cancelled = status.elementsEqual("CANCELLED".utf8)
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
    /// Done on bytes: these lines are most of a calendar, and Foundation's string search costs more than the rest.
    private func person(_ property: CalendarLine) -> CalendarPerson {
        var value = property.value
        while let first = value.first, first == 0x20 || first == 0x09 { value.removeFirst() }
        while let last = value.last, last == 0x20 || last == 0x09 { value.removeLast() }
        let scheme = Array("mailto:".utf8)
        var address = ""
        if value.count > scheme.count,
           zip(value.prefix(scheme.count), scheme).allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0) == $1 }) {
            let rest = value.dropFirst(scheme.count)
            if rest.contains(UInt8(ascii: "@")), !rest.contains(where: { $0 == 0x20 || $0 == UInt8(ascii: "<") }) {
                address = CalendarText.clean(String(decoding: rest, as: UTF8.self))
            }
        } else if value.contains(UInt8(ascii: "@")),
                  !value.contains(where: { $0 == UInt8(ascii: ":") || $0 == 0x20 || $0 == UInt8(ascii: "<") }) {
            address = CalendarText.clean(String(decoding: value, as: UTF8.self))
        }
        let name = property.parameter("CN").map(CalendarText.parameter) ?? ""
        let participation = property.parameter("PARTSTAT").flatMap {
            CalendarPerson.Participation(rawValue: $0) ?? CalendarPerson.Participation(rawValue: $0.uppercased())
        } ?? .needsAction
        return CalendarPerson(email: address, name: name, participation: participation)
    }
}
