/// Where a line sits in a wider space: table columns align numbers right,
/// titles are centred.
public enum Alignment: Hashable, Sendable {
    case left, center, right
}
