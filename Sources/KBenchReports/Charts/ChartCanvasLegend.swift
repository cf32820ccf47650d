/// The title block, the legend and the data marks of a chart.
extension ChartCanvas {
    /// Side of a legend swatch and the space after it.
    var legendSwatchWidth: Double { style.textSize * 1.6 }
    /// Height of one legend row.
    var legendRowHeight: Double { style.lineHeight + 2 }

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
}
