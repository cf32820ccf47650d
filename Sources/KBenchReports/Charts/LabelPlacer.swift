/// Places point labels next to their points, greedily avoiding points, earlier labels and
/// the plot edges. Deterministic: same points in the same order, same placement.
struct LabelPlacer {
    /// Where a label goes: baseline position and text anchor.
    struct Placement {
        var x: Double
        var y: Double
        var anchor: String
        /// Estimated box the text occupies (filled in by `place`).
        var box = ChartRect(left: 0, top: 0, width: 0, height: 0)
    }

    private var obstacles: [ChartRect]
    private let bounds: ChartRect
    private let fontSize: Double

    /// A placer that keeps labels inside `bounds` and off the given point markers.
    init(points: [(x: Double, y: Double)], markerRadius: Double, bounds: ChartRect, fontSize: Double) {
        self.obstacles = points.map { point in
            ChartRect(left: point.x - markerRadius, top: point.y - markerRadius,
                      width: markerRadius * 2, height: markerRadius * 2)
        }
        self.bounds = bounds
        self.fontSize = fontSize
    }

    /// The best spot for `text` beside the point at (x, y): the candidate with the least
    /// overlap (right of the point first), then remembered as an obstacle.
    mutating func place(_ text: String, x: Double, y: Double, markerRadius r: Double) -> Placement {
        let width = ChartStyle.textWidth(text, size: fontSize)
        let ascent = fontSize * 0.8
        let gap = r + 3
        let line = fontSize + 1
        let middle = y + ascent / 2 - 1
        // Nearest spots first: beside, above, below, diagonals; then a line further out, so
        // labels of clustered points can stack.
        var candidates: [Placement] = [
            Placement(x: x + gap, y: middle, anchor: "start"),
            Placement(x: x - gap, y: middle, anchor: "end"),
            Placement(x: x, y: y - gap - 1, anchor: "middle"),
            Placement(x: x, y: y + gap + ascent, anchor: "middle"),
            Placement(x: x + gap - 2, y: y - gap + 1, anchor: "start"),
            Placement(x: x + gap - 2, y: y + gap + ascent - 1, anchor: "start"),
            Placement(x: x - gap + 2, y: y - gap + 1, anchor: "end"),
            Placement(x: x - gap + 2, y: y + gap + ascent - 1, anchor: "end"),
        ]
        for rings in 1...2 {
            let shift = line * Double(rings)
            candidates += [
                Placement(x: x + gap, y: middle - shift, anchor: "start"),
                Placement(x: x + gap, y: middle + shift, anchor: "start"),
                Placement(x: x - gap, y: middle - shift, anchor: "end"),
                Placement(x: x - gap, y: middle + shift, anchor: "end"),
                Placement(x: x, y: y - gap - 1 - shift, anchor: "middle"),
                Placement(x: x, y: y + gap + ascent + shift, anchor: "middle"),
            ]
        }
        var best = candidates[0]
        var bestBox = box(for: best, width: width, ascent: ascent)
        var bestScore = Double.infinity
        for candidate in candidates {
            let candidateBox = box(for: candidate, width: width, ascent: ascent)
            let score = self.score(candidateBox)
            if score < bestScore {
                best = candidate
                bestBox = candidateBox
                bestScore = score
            }
            if score == 0 { break }
        }
        obstacles.append(bestBox)
        best.box = bestBox
        return best
    }

    private func box(for placement: Placement, width: Double, ascent: Double) -> ChartRect {
        let left: Double = switch placement.anchor {
        case "end": placement.x - width
        case "middle": placement.x - width / 2
        default: placement.x
        }
        return ChartRect(left: left, top: placement.y - ascent, width: width, height: fontSize)
    }

    private func score(_ box: ChartRect) -> Double {
        var total = obstacles.reduce(0) { $0 + box.overlap(with: $1) }
        let contained = box.left >= bounds.left && box.right <= bounds.right
            && box.top >= bounds.top && box.bottom <= bounds.bottom
        if !contained {
            total += (box.width * box.height - box.overlap(with: bounds)) * 10 + 1  // leaving the chart is worst
        }
        return total
    }
}
