// libFuzzer harness for the vCard reader (and, through it, date fields).
// Built by scripts/libfuzzer.sh, not by SwiftPM: an executable target cannot
// take libFuzzer's main. A thrown VCardError is a clean refusal; a trap is a bug.
import Foundation
import Interop

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzVCard(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let data = Data(bytes: start, count: count)
    do {
        _ = try VCardReader.contacts(in: data, now: Date(timeIntervalSince1970: 1_773_133_200))
    } catch {
        precondition(!error.reason.isEmpty, "an error without a reason")
    }
    return 0
}
