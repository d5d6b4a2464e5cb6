// libFuzzer harness for DateExpression (see FuzzVCard.swift).
import Domain

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDates(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    do {
        let day = try DateExpression.parse(text, today: Day(iso: "2026-03-10")!)
        precondition(Day(iso: day.iso) == day, "a parsed day that does not round-trip")
    } catch let error as DateExpression.ParseError {
        precondition(!error.reason.isEmpty, "an error without a reason")
    } catch {
        preconditionFailure("unexpected error \(error)")
    }
    return 0
}
