/// A rectangle in chart pixels.
struct ChartRect {
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
}

/// Marker shapes that tell series apart without relying on colour alone.
enum MarkerShape: CaseIterable {
    case circle, square, triangle, diamond

    static func forSeries(_ index: Int) -> MarkerShape {
        allCases[index % allCases.count]
    }
}

/// A legend entry: a name and how its swatch is drawn.
struct LegendItem {
    enum Swatch {
        case box(colour: String)
        case dashedLine(colour: String)
        case marker(colour: String, shape: MarkerShape, withLine: Bool)
    }

    var name: String
    var swatch: Swatch
}

/// Drawing shared by every chart: the SVG root, title block, legend, axes and markers.
struct ChartCanvas {
    let style: ChartStyle
    var writer = SVGWriter()

    static let legendRowHeight = 20.0
    static let legendSwatchWidth = 26.0

    init(style: ChartStyle) {
        self.style = style
    }

    /// Opens the root `<svg>` with a white background and an accessible title.
    mutating func begin(width: Double, height: Double, title: String, kind: String) {
        writer.open("svg", [
            "xmlns": "http://www.w3.org/2000/svg",
            "width": svg(width), "height": svg(height),
            "viewBox": "0 0 \(svg(width)) \(svg(height))",
            "role": "img", "class": "kbench-chart \(kind)",
            "font-family": style.fontFamily,
        ])
        writer.element("title", text: title)
        writer.element("rect", ["x": "0", "y": "0", "width": svg(width), "height": svg(height), "fill": "#FFFFFF"])
    }

    /// Closes the root and returns the document.
    mutating func end() -> String {
        writer.close("svg")
        return writer.text
    }

    /// Height the title block takes.
    static func headerHeight(subtitle: String?) -> Double {
        subtitle == nil ? 44 : 64
    }

    /// Draws the title and subtitle at the top left.
    mutating func header(title: String, subtitle: String?, left: Double) {
        writer.element("text", [
            "class": "chart-title", "x": svg(left), "y": "28",
            "font-size": svg(ChartStyle.titleSize), "font-weight": "bold", "fill": ChartStyle.textColour,
        ], text: title)
        if let subtitle {
            writer.element("text", [
                "class": "chart-subtitle", "x": svg(left), "y": "50",
                "font-size": svg(ChartStyle.subtitleSize), "fill": ChartStyle.mutedTextColour,
            ], text: subtitle)
        }
    }

    /// Positions of legend entries flowing left to right within `maxWidth`, and the height
    /// they need.
    static func legendLayout(_ items: [LegendItem], maxWidth: Double) -> (positions: [(x: Double, row: Int)], height: Double) {
        var positions: [(x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for item in items {
            let width = legendSwatchWidth + 6 + ChartStyle.textWidth(item.name, size: ChartStyle.labelSize) + 18
            if x > 0, x + width > maxWidth {
                x = 0
                row += 1
            }
            positions.append((x, row))
            x += width
        }
        return (positions, items.isEmpty ? 0 : Double(row + 1) * legendRowHeight)
    }

    /// Draws legend entries starting at (`left`, `top`) and returns the height used.
    @discardableResult
    mutating func legend(_ items: [LegendItem], left: Double, top: Double, maxWidth: Double) -> Double {
        guard !items.isEmpty else { return 0 }
        let layout = Self.legendLayout(items, maxWidth: maxWidth)
        writer.open("g", ["class": "legend", "font-size": svg(ChartStyle.labelSize), "fill": ChartStyle.textColour])
        for (item, position) in zip(items, layout.positions) {
            let x = left + position.x
            let middle = top + Double(position.row) * Self.legendRowHeight + Self.legendRowHeight / 2
            switch item.swatch {
            case .box(let colour):
                writer.element("rect", ["x": svg(x + 4), "y": svg(middle - 6), "width": "18", "height": "12", "fill": colour])
            case .dashedLine(let colour):
                writer.element("line", [
                    "x1": svg(x), "y1": svg(middle), "x2": svg(x + Self.legendSwatchWidth), "y2": svg(middle),
                    "stroke": colour, "stroke-width": "1.5", "stroke-dasharray": "6 4",
                ])
            case .marker(let colour, let shape, let withLine):
                if withLine {
                    writer.element("line", [
                        "x1": svg(x), "y1": svg(middle), "x2": svg(x + Self.legendSwatchWidth), "y2": svg(middle),
                        "stroke": colour, "stroke-width": "2.2",
                    ])
                }
                marker(shape, x: x + Self.legendSwatchWidth / 2, y: middle, radius: 4.5, colour: colour, attributes: [:])
            }
            writer.element("text", ["x": svg(x + Self.legendSwatchWidth + 6), "y": svg(middle + 4)], text: item.name)
        }
        writer.close("g")
        return layout.height
    }

    /// Draws one marker centred on (x, y).
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, radius r: Double, colour: String,
                         attributes: SVGAttributes, tooltip: String? = nil) {
        var element = "circle"
        var geometry: [(String, String)]
        switch shape {
        case .circle:
            geometry = [("cx", svg(x)), ("cy", svg(y)), ("r", svg(r))]
        case .square:
            element = "rect"
            let side = r * 1.75
            geometry = [("x", svg(x - side / 2)), ("y", svg(y - side / 2)), ("width", svg(side)), ("height", svg(side))]
        case .triangle:
            element = "polygon"
            let h = r * 1.15
            geometry = [("points", "\(svg(x)),\(svg(y - h)) \(svg(x + h)),\(svg(y + h * 0.8)) \(svg(x - h)),\(svg(y + h * 0.8))")]
        case .diamond:
            element = "polygon"
            let d = r * 1.3
            geometry = [("points", "\(svg(x)),\(svg(y - d)) \(svg(x + d)),\(svg(y)) \(svg(x)),\(svg(y + d)) \(svg(x - d)),\(svg(y))")]
        }
        let all = attributes + SVGAttributes(geometry) + ["fill": colour, "stroke": "#FFFFFF", "stroke-width": "1.2"]
        if let tooltip {
            writer.element(element, all, tooltip: tooltip)
        } else {
            writer.element(element, all)
        }
    }

    /// Horizontal grid lines, tick labels and the title of a vertical (value) axis.
    mutating func verticalAxis(_ scale: ChartScale, ticks: [Double], format: AxisFormat, plot: ChartRect,
                               title: String, titleX: Double) {
        writer.open("g", ["class": "axis y-axis", "font-size": svg(ChartStyle.tickSize), "fill": ChartStyle.mutedTextColour])
        for tick in ticks {
            guard let y = scale.position(tick) else { continue }
            writer.element("line", [
                "x1": svg(plot.left), "y1": svg(y), "x2": svg(plot.right), "y2": svg(y),
                "stroke": ChartStyle.gridColour, "stroke-width": "1",
            ])
            writer.element("text", [
                "x": svg(plot.left - 6), "y": svg(y + ChartStyle.tickSize * 0.35), "text-anchor": "end",
            ], text: format.label(tick))
        }
        let middle = plot.top + plot.height / 2
        writer.element("text", [
            "class": "axis-title", "x": svg(titleX), "y": svg(middle), "text-anchor": "middle",
            "transform": "rotate(-90 \(svg(titleX)) \(svg(middle)))",
            "font-size": svg(ChartStyle.labelSize), "fill": ChartStyle.textColour,
        ], text: title)
        writer.close("g")
    }

    /// Tick marks and labels under the plot at the given pixel positions.
    mutating func horizontalTicks(_ ticks: [(position: Double, label: String)], plot: ChartRect, gridlines: Bool) {
        writer.open("g", ["class": "axis x-axis", "font-size": svg(ChartStyle.tickSize), "fill": ChartStyle.mutedTextColour])
        for tick in ticks {
            if gridlines {
                writer.element("line", [
                    "x1": svg(tick.position), "y1": svg(plot.top), "x2": svg(tick.position), "y2": svg(plot.bottom),
                    "stroke": ChartStyle.gridColour, "stroke-width": "1",
                ])
            }
            writer.element("line", [
                "x1": svg(tick.position), "y1": svg(plot.bottom), "x2": svg(tick.position), "y2": svg(plot.bottom + 4),
                "stroke": ChartStyle.axisColour, "stroke-width": "1",
            ])
            writer.element("text", [
                "x": svg(tick.position), "y": svg(plot.bottom + 16), "text-anchor": "middle",
            ], text: tick.label)
        }
        writer.close("g")
    }

    /// The title under a horizontal axis, centred on the plot.
    mutating func horizontalAxisTitle(_ title: String, plot: ChartRect, y: Double) {
        writer.element("text", [
            "class": "axis-title", "x": svg(plot.left + plot.width / 2), "y": svg(y), "text-anchor": "middle",
            "font-size": svg(ChartStyle.labelSize), "fill": ChartStyle.textColour,
        ], text: title)
    }

    /// The left and bottom axis lines of a plot.
    mutating func axisLines(_ plot: ChartRect) {
        writer.element("path", [
            "class": "axis-line",
            "d": "M\(svg(plot.left)) \(svg(plot.top))V\(svg(plot.bottom))H\(svg(plot.right))",
            "fill": "none", "stroke": ChartStyle.axisColour, "stroke-width": "1",
        ])
    }

    /// Widest tick label of `ticks` in `format`, in pixels.
    static func widestLabel(_ ticks: [Double], format: AxisFormat) -> Double {
        ticks.map { ChartStyle.textWidth(format.label($0), size: ChartStyle.tickSize) }.max() ?? 0
    }
}

extension AxisFormat {
    /// `value` by ``NumberRule`` (more precise than a tick label), for tooltips and reference lines.
    func exact(_ value: Double) -> String {
        switch self {
        case .number: NumberRule.quantity(value)
        case .bytes: UnitText.bytes(value)
        case .percent: UnitText.percent(value, places: 2)
        case .multiplier: NumberRule.quantity(value) + "×"
        }
    }
}
