import Testing
@testable import UI

/// Properties every widget must have, whatever it draws.
@Suite struct WidgetSafetyTests {
    @Test(arguments: Fixtures.widgets.map(\.0))
    func drawsOnlyInsideItsRect(name: String) {
        let render = Fixtures.widgets.first { $0.0 == name }!.1
        let rects = [
            Rect(x: 3, y: 2, width: 14, height: 5),
            Rect(x: 0, y: 0, width: 1, height: 1),
            Rect(x: 5, y: 5, width: 0, height: 3),
            Rect(x: 15, y: 8, width: 30, height: 10), // runs off the buffer
            Rect(x: 1, y: 1, width: 38, height: 10),
        ]
        for rect in rects {
            var buffer = sentinelBuffer(width: 20, height: 10)
            render(rect, &buffer)
            let changed = cellsChanged(outside: rect, in: buffer)
            #expect(changed.isEmpty, "\(name) in \(rect) wrote outside: \(changed.prefix(5))")
            #expect(buffer.size == Size(width: 20, height: 10))
        }
    }

    @Test(arguments: Fixtures.widgets.map(\.0))
    func tinyAndEmptyBuffersNeverCrash(name: String) {
        let render = Fixtures.widgets.first { $0.0 == name }!.1
        for (w, h) in [(0, 0), (1, 1), (1, 0), (0, 1), (2, 1), (1, 2), (2, 2), (3, 3), (4, 2)] {
            var buffer = Buffer(width: w, height: h)
            render(buffer.area, &buffer)
            render(Rect(x: 0, y: 0, width: 50, height: 50), &buffer)
            render(Rect(x: -3, y: -2, width: 6, height: 5), &buffer)
            #expect(buffer.cells.count == w * h)
            #expect(noBrokenWideGlyphs(buffer))
        }
    }

    @Test(arguments: Fixtures.widgets.map(\.0))
    func everySizeKeepsWideGlyphsWhole(name: String) {
        let render = Fixtures.widgets.first { $0.0 == name }!.1
        for w in stride(from: 1, through: 41, by: 4) {
            for h in [1, 3, 7] {
                var buffer = Buffer(width: 44, height: 9)
                render(Rect(x: 1, y: 1, width: w, height: h), &buffer)
                #expect(noBrokenWideGlyphs(buffer), "\(name) at \(w)x\(h)")
            }
        }
    }

    /// Every wide cell is followed by its continuation and every
    /// continuation follows a wide cell.
    private func noBrokenWideGlyphs(_ buffer: Buffer) -> Bool {
        for y in 0..<buffer.size.height {
            for x in 0..<buffer.size.width {
                let cell = buffer[x, y]
                if cell.width == 2, !(x + 1 < buffer.size.width && buffer[x + 1, y].isContinuation) { return false }
                if cell.isContinuation, !(x > 0 && buffer[x - 1, y].width == 2) { return false }
            }
        }
        return true
    }
}
