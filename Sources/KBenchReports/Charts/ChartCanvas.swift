/// Drawing shared by every chart: the SVG root, title block, legend, axes and markers.
/// Every text and every data mark drawn is also recorded in ``layout``, so tests can check
/// that no label overlaps another label or a mark.
struct ChartCanvas {
    let style: ChartStyle
    var writer = SVGWriter()
    /// Boxes of the texts and marks drawn so far.
    private(set) var layout = ChartLayout()
    /// Line of the root's `<title>`.
    private var titleLine = 0

    /// Side of a legend swatch and the space after it.
    var legendSwatchWidth: Double { style.textSize * 1.6 }
    /// Height of one legend row.
    var legendRowHeight: Double { style.lineHeight + 2 }
    /// Outer margin on every side.
    var margin: Double { style.textSize * 0.9 }

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
        titleLine = writer.lines.count
        writer.element("title", text: title)
        writer.element("rect", ["x": "0", "y": "0", "width": svg(width), "height": svg(height), "fill": "#FFFFFF"])
    }

    /// Replaces the chart's title (its tooltip) written by ``begin(width:height:title:kind:)``.
    mutating func retitle(_ title: String) {
        writer.replaceLine(at: titleLine, with: "<title>\(Escaping.xml(title))</title>")
    }

    /// Closes the root and returns the document.
    mutating func end() -> String {
        writer.close("svg")
        return writer.text
    }

    // MARK: Text

    /// Draws `content` with its baseline at `y`, anchored at `x`, and records its box.
    /// With `tooltip`, the text carries a `<title>` (e.g. the full text of a shortened one).
    mutating func text(_ content: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double,
                       bold: Bool = false, colour: String? = nil, attributes: SVGAttributes = [:],
                       tooltip: String? = nil) {
        var all = attributes + ["x": svg(x), "y": svg(y)]
        if anchor != .start { all = all + ["text-anchor": anchor.rawValue] }
        all = all + ["font-size": svg(size)]
        if bold { all = all + ["font-weight": "bold"] }
        if let colour { all = all + ["fill": colour] }
        if let tooltip {
            writer.textElement(all, text: content, tooltip: tooltip)
        } else {
            writer.element("text", all, text: content)
        }
        layout.texts.append(.init(content: content, box: Self.textBox(content, x: x, y: y, anchor: anchor,
                                                                       size: size, bold: bold)))
    }

    /// Draws `content` turned a quarter anticlockwise, centred on (`x`, `y`) (a y-axis title).
    mutating func verticalText(_ content: String, x: Double, y: Double, size: Double) {
        writer.element("text", [
            "class": "axis-title", "x": svg(x), "y": svg(y), "text-anchor": "middle",
            "transform": "rotate(-90 \(svg(x)) \(svg(y)))", "font-size": svg(size), "fill": ChartStyle.textColour,
        ], text: content)
        let upright = Self.textBox(content, x: x, y: y, anchor: .middle, size: size, bold: false)
        layout.texts.append(.init(content: content, box: ChartRect(
            left: x - (y - upright.top), top: y - upright.width / 2, width: upright.height, height: upright.width)))
    }

    /// Records a data mark (a bar, a marker) drawn by the caller.
    mutating func recordMark(_ box: ChartRect) {
        layout.marks.append(box)
    }

    /// The box `content` occupies when drawn at baseline `y`: the font's full height
    /// (ascent 0.93 em, descent 0.24 em, as browsers measure text) and its advance width.
    static func textBox(_ content: String, x: Double, y: Double, anchor: TextAnchor, size: Double,
                        bold: Bool) -> ChartRect {
        let width = ChartStyle.textWidth(content, size: size, bold: bold)
        let left: Double = switch anchor {
        case .start: x
        case .middle: x - width / 2
        case .end: x - width
        }
        return ChartRect(left: left, top: y - size * 0.93, width: width, height: size * 1.17)
    }

    /// `text` broken at spaces into lines no wider than `width` (a word longer than a line
    /// stays whole).
    static func wrap(_ text: String, width: Double, size: Double, bold: Bool) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let candidate = line.isEmpty ? String(word) : line + " " + word
            if !line.isEmpty, ChartStyle.textWidth(candidate, size: size, bold: bold) > width {
                lines.append(line)
                line = String(word)
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines
    }

    /// `text` shortened with "…" to fit `width` (unchanged when it fits).
    static func fitted(_ text: String, width: Double, size: Double, bold: Bool) -> String {
        guard ChartStyle.textWidth(text, size: size, bold: bold) > width else { return text }
        var characters = Array(text)
        while !characters.isEmpty, ChartStyle.textWidth(String(characters) + "…", size: size, bold: bold) > width {
            characters.removeLast()
        }
        return String(characters).trimmingTrailingSpaces + "…"
    }

    /// A comma-separated list shortened to its first items and "+N more" to fit `width`
    /// (`"java, java:sticky +7 more"`); shortened with "…" when even one item is too wide.
    static func fittedList(_ text: String, width: Double, size: Double, bold: Bool) -> String {
        guard ChartStyle.textWidth(text, size: size, bold: bold) > width else { return text }
        let items = text.split(separator: ", ")
        for kept in stride(from: items.count - 1, through: 1, by: -1) {
            let candidate = items.prefix(kept).joined(separator: ", ") + " +\(items.count - kept) more"
            if ChartStyle.textWidth(candidate, size: size, bold: bold) <= width { return candidate }
        }
        return fitted(text, width: width, size: size, bold: bold)
    }

    // MARK: Header and legend

    /// Lines of the title and of the subtitle, wrapped to the chart's width.
    func headerLines(title: String, subtitle: String?) -> (title: [String], subtitle: [String]) {
        let width = style.width - 2 * margin
        return (Self.wrap(title, width: width, size: style.titleSize, bold: true),
                subtitle.map { Self.wrap($0, width: width, size: style.textSize, bold: false) } ?? [])
    }

    /// Height the title block takes.
    func headerHeight(title: String, subtitle: String?) -> Double {
        let lines = headerLines(title: title, subtitle: subtitle)
        return margin + Double(lines.title.count) * style.titleSize * 1.25
            + Double(lines.subtitle.count) * style.lineHeight + style.textSize * 0.6
    }

    /// Draws the title and subtitle at the top left, wrapped to the chart's width.
    mutating func header(title: String, subtitle: String?) {
        let lines = headerLines(title: title, subtitle: subtitle)
        var baseline = margin + style.titleSize * 0.93
        for line in lines.title {
            text(line, x: margin, y: baseline, size: style.titleSize, bold: true, colour: ChartStyle.textColour,
                 attributes: ["class": "chart-title"])
            baseline += style.titleSize * 1.25
        }
        baseline += style.textSize * 0.93 - style.titleSize * 0.93
        for line in lines.subtitle {
            text(line, x: margin, y: baseline, size: style.textSize, colour: ChartStyle.mutedTextColour,
                 attributes: ["class": "chart-subtitle"])
            baseline += style.lineHeight
        }
    }

    /// Positions of legend entries flowing left to right within `maxWidth`, and the height
    /// they need.
    func legendLayout(_ items: [LegendItem], maxWidth: Double) -> (positions: [(x: Double, row: Int)], height: Double) {
        var positions: [(x: Double, row: Int)] = []
        var x = 0.0
        var row = 0
        for item in items {
            let width = legendSwatchWidth + style.textSize * 0.4
                + ChartStyle.textWidth(item.name, size: style.textSize) + style.textSize
            if x > 0, x + width > maxWidth {
                x = 0
                row += 1
            }
            positions.append((x, row))
            x += width
        }
        return (positions, items.isEmpty ? 0 : Double(row + 1) * legendRowHeight)
    }

    /// Draws legend entries starting at (`left`, `top`).
    mutating func legend(_ items: [LegendItem], left: Double, top: Double, maxWidth: Double) {
        guard !items.isEmpty else { return }
        let positions = legendLayout(items, maxWidth: maxWidth).positions
        writer.open("g", ["class": "legend", "fill": ChartStyle.textColour])
        let swatch = legendSwatchWidth
        for (item, position) in zip(items, positions) {
            let x = left + position.x
            let middle = top + Double(position.row) * legendRowHeight + legendRowHeight / 2
            switch item.swatch {
            case .box(let colour):
                writer.element("rect", [
                    "x": svg(x + swatch * 0.15), "y": svg(middle - swatch * 0.25), "width": svg(swatch * 0.7),
                    "height": svg(swatch * 0.5), "fill": colour,
                ])
            case .line(let colour, let dashed, let width):
                writer.element("line", [
                    "x1": svg(x), "y1": svg(middle), "x2": svg(x + swatch), "y2": svg(middle),
                    "stroke": colour, "stroke-width": svg(width),
                ] + (dashed ? ["stroke-dasharray": "6 4"] : [:]))
            case .marker(let colour, let shape, let withLine):
                if withLine {
                    writer.element("line", [
                        "x1": svg(x), "y1": svg(middle), "x2": svg(x + swatch), "y2": svg(middle),
                        "stroke": colour, "stroke-width": "2.2",
                    ])
                }
                marker(shape, x: x + swatch / 2, y: middle, radius: markerRadius, colour: colour,
                       attributes: [:], recorded: false)
            case .ring(let colour):
                ring(x: x + swatch / 2, y: middle, radius: ringRadius, colour: colour)
            }
            text(item.name, x: x + swatch + style.textSize * 0.4, y: middle + style.textSize * 0.35,
                 size: style.textSize)
        }
        writer.close("g")
    }

    // MARK: Marks

    /// Radius of a data marker.
    var markerRadius: Double { style.textSize * 0.3 }
    /// Radius of the ring around a pick.
    var ringRadius: Double { markerRadius * 1.9 }

    /// Draws one marker centred on (x, y) and records it as a mark (unless `recorded` is false,
    /// as in the legend).
    mutating func marker(_ shape: MarkerShape, x: Double, y: Double, radius r: Double, colour: String,
                         attributes: SVGAttributes, tooltip: String? = nil, recorded: Bool = true) {
        let (element, geometry) = shape.geometry(x: x, y: y, radius: r)
        let all = attributes + SVGAttributes(geometry) + ["fill": colour, "stroke": "#FFFFFF", "stroke-width": "1"]
        if let tooltip {
            writer.element(element, all, tooltip: tooltip)
        } else {
            writer.element(element, all)
        }
        if recorded { recordMark(ChartRect(left: x - r, top: y - r, width: 2 * r, height: 2 * r)) }
    }

    /// A hollow ring around a point (a pick, a knee).
    mutating func ring(x: Double, y: Double, radius: Double, colour: String, attributes extra: SVGAttributes = [:],
                       tooltip: String? = nil) {
        let attributes: SVGAttributes = extra + [
            "cx": svg(x), "cy": svg(y), "r": svg(radius), "fill": "none",
            "stroke": colour, "stroke-width": "2",
        ]
        if let tooltip {
            writer.element("circle", attributes, tooltip: tooltip)
        } else {
            writer.element("circle", attributes)
        }
    }

    // MARK: Axes

    /// Horizontal grid lines, tick labels and the title (if any) of a vertical (value) axis;
    /// the title runs up the chart's left margin.
    mutating func verticalAxis(_ scale: ChartScale, ticks: [Double], format: AxisFormat, plot: ChartRect,
                               title: String?) {
        writer.open("g", ["class": "axis y-axis", "fill": ChartStyle.mutedTextColour])
        for tick in ticks {
            guard let y = scale.position(tick) else { continue }
            writer.element("line", [
                "x1": svg(plot.left), "y1": svg(y), "x2": svg(plot.right), "y2": svg(y),
                "stroke": ChartStyle.gridColour, "stroke-width": "1",
            ])
            text(format.label(tick), x: plot.left - style.textSize * 0.35, y: y + style.textSize * 0.35,
                 anchor: .end, size: style.textSize)
        }
        if let title {
            verticalText(title, x: margin + style.textSize * 0.93, y: plot.top + plot.height / 2, size: style.textSize)
        }
        writer.close("g")
    }

    /// Tick marks and labels under the plot at the given pixel positions.
    mutating func horizontalTicks(_ ticks: [(position: Double, label: String)], plot: ChartRect, gridlines: Bool) {
        writer.open("g", ["class": "axis x-axis", "fill": ChartStyle.mutedTextColour])
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
            text(tick.label, x: tick.position, y: plot.bottom + 4 + style.textSize, anchor: .middle, size: style.textSize)
        }
        writer.close("g")
    }

    /// Space under a plot for tick labels and the axis title.
    var horizontalAxisHeight: Double { 4 + style.textSize * 1.3 + style.lineHeight + style.textSize * 0.4 }

    /// The title under a horizontal axis, centred on the plot.
    mutating func horizontalAxisTitle(_ title: String, plot: ChartRect) {
        text(title, x: plot.left + plot.width / 2, y: plot.bottom + 4 + style.textSize * 1.3 + style.lineHeight,
             anchor: .middle, size: style.textSize, colour: ChartStyle.textColour, attributes: ["class": "axis-title"])
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
    func widestLabel(_ ticks: [Double], format: AxisFormat) -> Double {
        ticks.map { ChartStyle.textWidth(format.label($0), size: style.textSize) }.max() ?? 0
    }
}

/// Where a text's `x` sits on it (SVG `text-anchor`).
enum TextAnchor: String {
    case start, middle, end
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
