// Helpers for widget tests; golden comparison lives in Tests/Support.
@_exported import TestSupport
import UI

/// A buffer whose every cell is a sentinel, to prove a widget drew only
/// inside its rectangle.
func sentinelBuffer(width: Int, height: Int) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    for y in 0..<buffer.size.height {
        for x in 0..<buffer.size.width { buffer[x, y] = Cell(text: "#", width: 1, role: .muted) }
    }
    return buffer
}

/// Cells outside `rect` that are no longer the sentinel.
func cellsChanged(outside rect: Rect, in buffer: Buffer) -> [(Int, Int)] {
    var changed: [(Int, Int)] = []
    for y in 0..<buffer.size.height {
        for x in 0..<buffer.size.width {
            let inside = x >= rect.x && x < rect.maxX && y >= rect.y && y < rect.maxY
            if !inside, buffer[x, y] != Cell(text: "#", width: 1, role: .muted) { changed.append((x, y)) }
        }
    }
    return changed
}
