import Testing
@testable import UI

@Suite struct LayoutTests {
    let area = Rect(x: 0, y: 0, width: 100, height: 40)

    @Test func splitsByFixedPercentAndFill() {
        let rows = area.split(.vertical, [.length(1), .fill(1), .length(1)])
        #expect(rows == [Rect(x: 0, y: 0, width: 100, height: 1), Rect(x: 0, y: 1, width: 100, height: 38),
                         Rect(x: 0, y: 39, width: 100, height: 1)])
        let columns = area.split(.horizontal, [.percentage(40), .fill(1)], spacing: 1)
        #expect(columns.map(\.width) == [39, 60])
        #expect(columns[1].x == 40)
    }

    @Test func fillSharesByWeightWithExactTotal() {
        let parts = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fill(1), .fill(2)])
        #expect(parts.map(\.width) == [4, 6])
        let thirds = Rect(x: 0, y: 0, width: 10, height: 1).split(.horizontal, [.fill(1), .fill(1), .fill(1)])
        #expect(thirds.map(\.width) == [4, 3, 3])
        #expect(thirds.map(\.x) == [0, 4, 7])
    }

    @Test func minGrowsAndFixedPartsShrinkLastFirst() {
        let parts = Rect(x: 0, y: 0, width: 30, height: 1).split(.horizontal, [.min(10), .length(5)])
        #expect(parts.map(\.width) == [25, 5])
        let tight = Rect(x: 0, y: 0, width: 8, height: 1).split(.horizontal, [.length(5), .length(5), .fill(1)])
        #expect(tight.map(\.width) == [5, 3, 0])
        #expect(tight.allSatisfy { $0.maxX <= 8 })
    }

    @Test func zeroSizeNeverGoesNegative() {
        let parts = Rect(x: 3, y: 3, width: 0, height: 0).split(.vertical, [.length(2), .percentage(50), .fill(1)], spacing: 2)
        #expect(parts.allSatisfy { $0.height == 0 && $0.y <= 3 })
    }

    @Test func centersAndShrinks() {
        #expect(area.centered(width: 20, height: 10) == Rect(x: 40, y: 15, width: 20, height: 10))
        #expect(Rect(x: 0, y: 0, width: 5, height: 3).centered(width: 20, height: 10) == Rect(x: 0, y: 0, width: 5, height: 3))
        #expect(area.centered(percentWidth: 50, percentHeight: 50) == Rect(x: 25, y: 10, width: 50, height: 20))
    }
}
