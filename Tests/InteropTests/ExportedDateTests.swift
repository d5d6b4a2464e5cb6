import Foundation
import Testing
@testable import Interop

/// Dates as exporters write them, one form per row.
@Suite struct ExportedDateTests {
    static let now = Fixture.now // 2026-11-18

    static let forms: [(text: String, order: DateOrder?, expected: ExportedDate.Parsed)] = [
        ("1985-03-14", nil, .date(year: 1985, month: 3, day: 14)),
        ("--03-14", nil, .date(year: nil, month: 3, day: 14)),
        ("19850314", nil, .date(year: 1985, month: 3, day: 14)),
        ("1985-03-14T00:00:00Z", nil, .date(year: 1985, month: 3, day: 14)),
        ("3/14/1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("14/3/1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("0/0/00", nil, .none),
        ("14.3.1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("4.3.1985", nil, .date(year: 1985, month: 3, day: 4)),
        ("3/4/1985", nil, .ambiguous),
        ("3/4/1985", .dmy, .date(year: 1985, month: 4, day: 3)),
        ("3/4/1985", .mdy, .date(year: 1985, month: 3, day: 4)),
        ("4/4/1985", nil, .date(year: 1985, month: 4, day: 4)),
        ("3/14/85", nil, .date(year: 1985, month: 3, day: 14)),
        ("3/14/24", nil, .date(year: 2024, month: 3, day: 14)),
        ("1985/03/14", nil, .date(year: 1985, month: 3, day: 14)),
        ("March 14, 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("Thursday, March 14, 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("14 Mar 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("15-Mar-24", nil, .date(year: 2024, month: 3, day: 15)),
        ("March 14th", nil, .date(year: nil, month: 3, day: 14)),
        ("14. März 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("14 mars 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("1er juillet 1990", nil, .date(year: 1990, month: 7, day: 1)),
        ("14 de marzo de 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("14 de março de 1985", nil, .date(year: 1985, month: 3, day: 14)),
        ("5 dez 2001", nil, .date(year: 2001, month: 12, day: 5)),
        ("2/30/1985", nil, .invalid),
        ("2026-02-30", nil, .invalid),
        ("yesterday", nil, .invalid),
        ("14 jui 1985", nil, .invalid), // juin or juillet
        ("13/13/1985", nil, .invalid),
        ("", nil, .none),
    ]

    @Test(arguments: forms)
    func readsTheForm(text: String, order: DateOrder?, expected: ExportedDate.Parsed) {
        #expect(ExportedDate.parse(text, order: order, now: Self.now) == expected, "\(text)")
    }

    @Test func aPartAbove12TellsTheOrder() {
        #expect(ExportedDate.orderHint("14/3/1985") == .dmy)
        #expect(ExportedDate.orderHint("3/14/1985") == .mdy)
        #expect(ExportedDate.orderHint("3/4/1985") == nil)
        #expect(ExportedDate.orderHint("14.3.1985") == nil) // dots are day first anyway
        #expect(ExportedDate.orderHint("1985-03-14") == nil)
        #expect(ExportedDate.fileOrder([.dmy, .mdy]) == nil)
        #expect(ExportedDate.fileOrder([.dmy]) == .dmy)
    }
}
