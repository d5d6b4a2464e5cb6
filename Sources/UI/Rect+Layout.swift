extension Rect {
    /// Cuts the rectangle into one part per constraint, `spacing` cells apart.
    ///
    /// Parts never overlap and never leave the rectangle; when space runs out
    /// the last parts get zero size instead of negative ones. Leftover space
    /// with no `fill`/`min` part to take it stays unused at the end.
    public func split(_ direction: Axis, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        guard !constraints.isEmpty else { return [] }
        let total = direction == .vertical ? height : width
        let gaps = max(0, spacing) * (constraints.count - 1)
        let available = max(0, total - gaps)
        var sizes = Array(repeating: 0, count: constraints.count)
        var remaining = available

        // Fixed parts and minimums first, in order.
        for (i, c) in constraints.enumerated() {
            let want: Int
            switch c {
            case .length(let n): want = Swift.max(0, n)
            case .percentage(let p): want = available * Swift.min(100, Swift.max(0, p)) / 100
            case .min(let n): want = Swift.max(0, n)
            case .fill: want = 0
            }
            sizes[i] = Swift.min(want, remaining)
            remaining -= sizes[i]
        }

        // Then flexible parts share the rest by weight; the remainder of the
        // division goes to the first ones so the total is exact.
        let weights = constraints.map { c -> Int in
            switch c {
            case .fill(let w): return Swift.max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0, remaining > 0 {
            var handed = 0
            for i in sizes.indices where weights[i] > 0 {
                let share = remaining * weights[i] / totalWeight
                sizes[i] += share
                handed += share
            }
            var extra = remaining - handed
            for i in sizes.indices where weights[i] > 0 && extra > 0 {
                sizes[i] += 1
                extra -= 1
            }
        }

        var rects: [Rect] = []
        var offset = direction == .vertical ? y : x
        for size in sizes {
            switch direction {
            case .vertical: rects.append(Rect(x: x, y: offset, width: width, height: size))
            case .horizontal: rects.append(Rect(x: offset, y: y, width: size, height: height))
            }
            offset = Swift.min(offset + size + Swift.max(0, spacing), direction == .vertical ? maxY : maxX)
        }
        return rects
    }

    /// A `width` × `height` rectangle centred in this one, shrunk to fit.
    public func centered(width: Int, height: Int) -> Rect {
        let w = Swift.min(Swift.max(0, width), self.width)
        let h = Swift.min(Swift.max(0, height), self.height)
        return Rect(x: x + (self.width - w) / 2, y: y + (self.height - h) / 2, width: w, height: h)
    }

    /// A centred rectangle taking the given percentages of this one.
    public func centered(percentWidth: Int, percentHeight: Int) -> Rect {
        centered(width: width * Swift.min(100, percentWidth) / 100, height: height * Swift.min(100, percentHeight) / 100)
    }

    /// The row `row` of this rectangle (empty when outside it).
    public func row(_ row: Int) -> Rect {
        guard row >= 0, row < height else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: x, y: y + row, width: width, height: 1)
    }
}
