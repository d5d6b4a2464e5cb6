import Domain
import Foundation
import UI

/// The small mark a timeline puts on an interaction that capture logged,
/// so the user can tell it from one they typed and see where it came from:
/// `✉ INBOX` for mail, `⧉ work.ics` for a calendar meeting.
enum CaptureMark {
    /// Wider source names are cut: the mark is a hint, the summary matters more.
    static let maxWidth = 20

    static func mark(kind: InteractionKind, source: String) -> String {
        let name = URL(fileURLWithPath: source).lastPathComponent
        return (kind == .email ? "✉ " : "⧉ ") + (name.isEmpty ? source : name)
    }

    /// Each timeline item's mark, nil for typed interactions and promises.
    static func marks(for items: [TimelineItem], sources: [Int64: String]) -> [String?] {
        guard !sources.isEmpty else { return Array(repeating: nil, count: items.count) }
        return items.map { item in
            guard case .interaction(let i) = item, let id = i.id, let source = sources[id] else { return nil }
            return mark(kind: i.kind, source: source)
        }
    }

    /// The mark column's width, nil when no item has a mark (no column then).
    static func columnWidth(_ marks: [String?]) -> Int? {
        let widest = marks.compactMap { $0.map(DisplayWidth.drawn) }.max()
        return widest.map { min($0, maxWidth) }
    }
}
