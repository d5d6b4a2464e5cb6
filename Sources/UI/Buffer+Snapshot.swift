extension Buffer {
    /// The buffer as golden-screen text: what a reviewer reads in a diff.
    ///
    ///     size 20x3
    ///     ┌─ Title ──────────┐
    ///     │ Ana Lima         │
    ///     └──────────────────┘
    ///     roles
    ///     0: 0-1 border, 2-8 header, 9-19 border
    ///     1: 0 border, 1-18 list.selection, 19 border
    ///     2: 0-19 border
    ///
    /// Screen lines lose trailing spaces (the size line says how wide they
    /// are). Roles are listed per row as runs of cell columns, inclusive,
    /// leaving out the default `text` role so goldens stay readable; rows
    /// with only `text` are left out. Role names, not colours, so a palette
    /// change never breaks a golden (STYLE.md §6).
    public func snapshot() -> String {
        var out = "size \(size.width)x\(size.height)\n"
        for line in lines {
            var trimmed = Substring(line)
            while trimmed.last == " " { trimmed = trimmed.dropLast() }
            out += trimmed + "\n"
        }
        out += "roles\n"
        for y in 0..<size.height {
            var runs: [String] = []
            var x = 0
            while x < size.width {
                let role = self[x, y].role
                var end = x
                while end + 1 < size.width, self[end + 1, y].role == role { end += 1 }
                if role != .text { runs.append(end == x ? "\(x) \(role.rawValue)" : "\(x)-\(end) \(role.rawValue)") }
                x = end + 1
            }
            if !runs.isEmpty { out += "\(y): " + runs.joined(separator: ", ") + "\n" }
        }
        return out
    }
}
