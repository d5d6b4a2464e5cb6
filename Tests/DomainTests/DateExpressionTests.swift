import Testing
@testable import Domain

@Suite struct DateExpressionTests {
    let today = Day(iso: "2026-11-23")! // a Monday

    func parse(_ text: String) throws -> Day { try DateExpression.parse(text, today: today) }

    @Test(arguments: [
        ("2026-12-01", "2026-12-01"), ("today", "2026-11-23"), ("tomorrow", "2026-11-24"),
        ("yesterday", "2026-11-22"), ("in 3 days", "2026-11-26"), ("3d", "2026-11-26"),
        ("2w", "2026-12-07"), ("in 2 weeks", "2026-12-07"), ("3 days ago", "2026-11-20"),
        ("next fri", "2026-11-27"), ("fri", "2026-11-27"), ("next mon", "2026-11-30"),
        ("last monday", "2026-11-16"), ("this mon", "2026-11-23"), ("  Tomorrow ", "2026-11-24"),
        ("+5", "2026-11-28"), ("1m", "2026-12-23"),
    ])
    func understands(_ input: String, _ expected: String) throws {
        #expect(try parse(input) == Day(iso: expected))
    }

    @Test(arguments: ["", "2026-02-30", "someday", "in three days", "next blursday", "3x", "99999999d",
                      "tomorrow\u{1B}[2J", String(repeating: "1", count: 500)])
    func refuses(_ input: String) {
        #expect(throws: DateExpression.ParseError.self) { try parse(input) }
    }

    @Test func impossibleDateSaysSo() {
        #expect(throws: DateExpression.ParseError(input: "2026-02-30", reason: "2026-02-30 is not a date (no such day)")) {
            try parse("2026-02-30")
        }
    }

    @Test func errorMessagesNeverCarryControlCharacters() {
        do {
            _ = try parse("x\u{1B}]52;c;aGk=\u{07}")
            Issue.record("expected an error")
        } catch {
            #expect(!"\(error)".unicodeScalars.contains { $0.value < 0x20 })
        }
    }
}
