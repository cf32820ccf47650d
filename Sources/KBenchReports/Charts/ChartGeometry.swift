/// A rectangle in chart pixels.
struct ChartRect: Equatable {
    var left: Double
    var top: Double
    var width: Double
    var height: Double

    var right: Double { left + width }
    var bottom: Double { top + height }

    /// Area shared with `other` (0 if they do not overlap).
    func overlap(with other: ChartRect) -> Double {
        let width = min(right, other.right) - max(left, other.left)
        let height = min(bottom, other.bottom) - max(top, other.top)
        return width > 0 && height > 0 ? width * height : 0
    }

    /// Whether `other` lies wholly inside this rectangle.
    func contains(_ other: ChartRect) -> Bool {
        other.left >= left && other.right <= right && other.top >= top && other.bottom <= bottom
    }

    /// The rectangle grown by `amount` on every side.
    func inflated(by amount: Double) -> ChartRect {
        ChartRect(left: left - amount, top: top - amount, width: width + 2 * amount, height: height + 2 * amount)
    }
}

/// Marker shapes that tell series apart without relying on colour alone.
enum MarkerShape: CaseIterable {
    case circle, square, triangle, diamond, triangleDown, cross

    /// The shape of series number `index` (cycling after six).
    static func forSeries(_ index: Int) -> MarkerShape {
        allCases[index % allCases.count]
    }

    /// SVG element name and geometry attributes of the shape centred on (x, y), about as
    /// large as a circle of radius `r`.
    func geometry(x: Double, y: Double, radius r: Double) -> (element: String, attributes: [(String, String)]) {
        func polygon(_ corners: [(Double, Double)]) -> (String, [(String, String)]) {
            ("polygon", [("points", corners.map { "\(svg(x + $0.0)),\(svg(y + $0.1))" }.joined(separator: " "))])
        }
        switch self {
        case .circle:
            return ("circle", [("cx", svg(x)), ("cy", svg(y)), ("r", svg(r))])
        case .square:
            let side = r * 1.75
            return ("rect", [("x", svg(x - side / 2)), ("y", svg(y - side / 2)), ("width", svg(side)), ("height", svg(side))])
        case .triangle:
            let h = r * 1.15
            return polygon([(0, -h), (h, h * 0.8), (-h, h * 0.8)])
        case .triangleDown:
            let h = r * 1.15
            return polygon([(0, h), (h, -h * 0.8), (-h, -h * 0.8)])
        case .diamond:
            let d = r * 1.3
            return polygon([(0, -d), (d, 0), (0, d), (-d, 0)])
        case .cross:
            let a = r * 1.15, b = r * 0.4
            return polygon([(-b, -a), (b, -a), (b, -b), (a, -b), (a, b), (b, b), (b, a), (-b, a), (-b, b), (-a, b),
                            (-a, -b), (-b, -b)])
        }
    }
}

/// A legend entry: a name and how its swatch is drawn.
struct LegendItem {
    enum Swatch {
        case box(colour: String)
        case line(colour: String, dashed: Bool, width: Double)
        case marker(colour: String, shape: MarkerShape, withLine: Bool)
        case ring(colour: String)
    }

    var name: String
    var swatch: Swatch
}

/// Boxes of what a chart drew: every text and every data mark (markers, bars), in chart
/// pixels. Labels must overlap neither each other nor a mark.
package struct ChartLayout: Sendable {
    /// A text and the box it occupies.
    package struct Text: Sendable {
        /// What the text says.
        package var content: String
        let box: ChartRect
    }

    /// Every text drawn.
    package var texts: [Text] = []
    /// Every data mark drawn.
    var marks: [ChartRect] = []

    /// One line per overlap: two texts, or a text and a mark, sharing more than a hair
    /// (`tolerance` pixels each way); empty when the chart is clean.
    package func overlaps(tolerance: Double = 0.5) -> [String] {
        var problems: [String] = []
        for (index, text) in texts.enumerated() {
            let box = text.box.inflated(by: -tolerance)
            for other in texts[(index + 1)...] where box.overlap(with: other.box.inflated(by: -tolerance)) > 0 {
                problems.append("text \"\(text.content)\" overlaps text \"\(other.content)\"")
            }
            for mark in marks where box.overlap(with: mark.inflated(by: -tolerance)) > 0 {
                problems.append("text \"\(text.content)\" overlaps a mark at \(svg(mark.left)),\(svg(mark.top))")
            }
        }
        return problems
    }
}
