/// Places text labels so that none overlaps a mark (marker, bar), another label or the
/// chart's edge. Candidate spots are tried nearest first; a label with no free spot next to
/// its point goes further out with a leader line, and one with no free spot at all is
/// dropped (the caller lists it in a tooltip). Deterministic: same input, same placement.
struct LabelPlacer {
    /// Where a label goes: baseline position, text anchor, the box it takes and, for labels
    /// set apart from their point, the leader line from the point to the label.
    struct Placement {
        var x: Double
        var y: Double
        var anchor: TextAnchor
        var box: ChartRect
        var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?
    }

    private var obstacles: [ChartRect]
    private let bounds: ChartRect
    private let fontSize: Double
    /// Free space kept around every label.
    private let padding: Double

    /// A placer that keeps labels inside `bounds` and off `obstacles` (every mark drawn, and
    /// every text already placed).
    init(obstacles: [ChartRect], bounds: ChartRect, fontSize: Double) {
        self.obstacles = obstacles
        self.bounds = bounds
        self.fontSize = fontSize
        self.padding = fontSize * 0.12
    }

    /// Adds a box no label may overlap.
    mutating func avoid(_ box: ChartRect) {
        obstacles.append(box)
    }

    /// Adds a drawn line from `start` to `end` (e.g. a Pareto front) as small boxes no
    /// label may overlap.
    mutating func avoidSegment(from start: (x: Double, y: Double), to end: (x: Double, y: Double)) {
        let length = ((end.x - start.x) * (end.x - start.x) + (end.y - start.y) * (end.y - start.y)).squareRoot()
        let steps = max(Int(length / 3), 1)
        for step in 0...steps {
            let t = Double(step) / Double(steps)
            let x = start.x + (end.x - start.x) * t, y = start.y + (end.y - start.y) * t
            obstacles.append(ChartRect(left: x - 1, top: y - 1, width: 2, height: 2))
        }
    }

    /// The first free spot for `text` beside the point at (x, y) whose mark has radius `r`:
    /// right, left, above, below, the diagonals; then, with a leader line, stacked a line or
    /// two off and further out. `nil` when no spot is free. The spot becomes an obstacle for
    /// later labels.
    mutating func place(_ text: String, x: Double, y: Double, markerRadius r: Double) -> Placement? {
        let gap = r + fontSize * 0.25
        let middle = y + fontSize * 0.35
        let line = fontSize * 1.2
        let beside: [(x: Double, y: Double, anchor: TextAnchor)] = [
            (x + gap, middle, .start), (x - gap, middle, .end),
            (x, y - gap - fontSize * 0.25, .middle), (x, y + gap + fontSize * 0.93, .middle),
            (x + gap * 0.7, y - gap * 0.7, .start), (x + gap * 0.7, y + gap * 0.7 + fontSize * 0.7, .start),
            (x - gap * 0.7, y - gap * 0.7, .end), (x - gap * 0.7, y + gap * 0.7 + fontSize * 0.7, .end),
        ]
        for spot in beside {
            if let placement = claim(text, x: spot.x, y: spot.y, anchor: spot.anchor) { return placement }
        }
        // Further out — stacked a line or more off, then diagonally away — joined to the
        // point by a leader line.
        var away: [(x: Double, y: Double, anchor: TextAnchor)] = []
        for ring in 1...2 {
            let shift = line * Double(ring)
            away += [(x + gap, middle - shift, .start), (x + gap, middle + shift, .start),
                     (x - gap, middle - shift, .end), (x - gap, middle + shift, .end)]
        }
        for distance in [2.5, 3.5, 4.5] {
            let reach = line * distance
            away += [(x + reach, middle - reach * 0.6, .start), (x + reach, middle + reach * 0.6, .start),
                     (x - reach, middle - reach * 0.6, .end), (x - reach, middle + reach * 0.6, .end),
                     (x, middle - reach, .middle), (x, middle + reach, .middle)]
        }
        for spot in away {
            guard var placement = claim(text, x: spot.x, y: spot.y, anchor: spot.anchor) else { continue }
            let end = (x: min(max(x, placement.box.left), placement.box.right),
                       y: min(max(y, placement.box.top), placement.box.bottom))
            let length = max(((end.x - x) * (end.x - x) + (end.y - y) * (end.y - y)).squareRoot(), r)
            let start = (x: x + (end.x - x) / length * r, y: y + (end.y - y) / length * r)
            placement.leader = (start.x, start.y, end.x, end.y)
            return placement
        }
        return nil
    }

    /// The first free spot for `text` along a horizontal line at `y` from `left` to `right`:
    /// above it at the right end, below it, then at the left end and the middle.
    mutating func placeAlongLine(_ text: String, y: Double, left: Double, right: Double) -> Placement? {
        let above = y - fontSize * 0.35
        let below = y + fontSize * 1.05
        let inset = fontSize * 0.3
        let spots: [(x: Double, y: Double, anchor: TextAnchor)] = [
            (right - inset, above, .end), (right - inset, below, .end), (left + inset, above, .start),
            (left + inset, below, .start), ((left + right) / 2, above, .middle), ((left + right) / 2, below, .middle),
        ]
        for spot in spots {
            if let placement = claim(text, x: spot.x, y: spot.y, anchor: spot.anchor) { return placement }
        }
        return nil
    }

    /// The placement at (x, y) if its box is inside the bounds and clear of every obstacle;
    /// the box then becomes an obstacle.
    private mutating func claim(_ text: String, x: Double, y: Double, anchor: TextAnchor) -> Placement? {
        let box = ChartCanvas.textBox(text, x: x, y: y, anchor: anchor, size: fontSize, bold: false)
        let padded = box.inflated(by: padding)
        guard bounds.contains(box), !obstacles.contains(where: { $0.overlap(with: padded) > 0 }) else { return nil }
        obstacles.append(box)
        return Placement(x: x, y: y, anchor: anchor, box: box)
    }
}
