import CNcursesw
import UI

/// Turns buffer cells into the wide characters handed to ncurses.
///
/// Two invariants are kept here, whatever the buffer holds:
/// - no scalar below U+0020 or in U+007F...U+009F reaches the terminal (the
///   buffer already shows them as stand-ins; this is the last line of defence
///   against escape sequences from user data);
/// - each cell's characters take exactly the cell's width by the C library's
///   `wcwidth`, which is what ncurses counts. Where UI's width table and
///   `wcwidth` disagree (a variation selector, a ZWJ emoji sequence), the cell
///   degrades to its first scalar padded with spaces, rather than shifting the
///   rest of the row.
enum TerminalText {
    static let replacement = wchar_t(UInt8(ascii: "?"))
    static let space = wchar_t(UInt8(ascii: " "))

    static func isControl(_ value: UInt32) -> Bool {
        value < 0x20 || (0x7F...0x9F).contains(value)
    }

    /// Appends the characters for `cell`, `width` columns wide.
    static func append(_ text: String, width: Int, to output: inout [wchar_t],
                       wcwidth: (wchar_t) -> Int32 = CNcursesw.wcwidth) {
        guard width > 0 else {
            output.append(space)
            return
        }
        let scalars = text.unicodeScalars.map { isControl($0.value) ? replacement : wchar_t(bitPattern: $0.value) }
        var total = 0
        var valid = !scalars.isEmpty
        for scalar in scalars {
            let w = Int(wcwidth(scalar))
            if w < 0 { valid = false; break }
            total += w
        }
        if valid, total == width, let first = scalars.first, wcwidth(first) > 0 {
            output.append(contentsOf: scalars)
            return
        }
        var used = 0
        if let first = scalars.first, case let w = Int(wcwidth(first)), w >= 1, w <= width {
            output.append(first)
            used = w
        } else {
            output.append(replacement)
            used = 1
        }
        output.append(contentsOf: repeatElement(space, count: max(0, width - used)))
    }

    /// The characters of the `run.width` columns of row `run.y` from `run.x`,
    /// stopping before a glyph that would pass `limit` columns.
    static func characters(of run: BufferRun, in buffer: Buffer, limit: Int,
                           wcwidth: (wchar_t) -> Int32 = CNcursesw.wcwidth) -> [wchar_t] {
        var output: [wchar_t] = []
        output.reserveCapacity(run.width)
        var x = run.x
        let end = min(run.x + run.width, limit, buffer.size.width)
        while x < end {
            let cell = buffer[x, run.y]
            let width = max(1, Int(cell.width))
            if x + width > end { break }
            append(cell.width == 0 ? " " : cell.text, width: Int(cell.width), to: &output, wcwidth: wcwidth)
            x += width
        }
        return output
    }
}
