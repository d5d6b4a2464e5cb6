/// How much of a split one part asks for.
///
/// Fixed lengths and percentages are served first, in order, so the panes a
/// user reads most (listed first) keep their size when the terminal shrinks;
/// `min` and `fill` share what is left.
public enum Constraint: Hashable, Sendable {
    /// Exactly `n` cells, or what is left if less.
    case length(Int)
    /// `p` percent of the space (after spacing), rounded down.
    case percentage(Int)
    /// At least `n` cells (if available), growing like `fill(1)`.
    case min(Int)
    /// A share of the leftover space, weighted.
    case fill(Int)
}

/// Which way a rectangle is cut.
public enum Axis: Hashable, Sendable {
    /// Parts stacked top to bottom (cuts are horizontal lines).
    case vertical
    /// Parts side by side, left to right.
    case horizontal
}
