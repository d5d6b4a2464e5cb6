/// One row of a list in table mode: one line per column.
public struct TableRow: Hashable, Sendable {
    public var cells: [Line]

    public init(_ cells: [Line]) { self.cells = cells }
}

/// A table column: how wide (a layout constraint over the row's width) and
/// how its cells align. Widths are in display columns, so a CJK or emoji
/// name lines up with ASCII ones.
public struct TableColumn: Hashable, Sendable {
    public var width: Constraint
    public var alignment: Alignment

    public init(_ width: Constraint, alignment: Alignment = .left) {
        self.width = width
        self.alignment = alignment
    }
}
