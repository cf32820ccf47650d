/// Draws a ``HeatmapChart``: a square grid whose rows and columns are numbered (1, 2, …), one
/// cell per value shaded from white (0) to the series blue (1) with its percentage written in
/// it, the key of the numbers below the grid (`1  java +9`), and a legend strip for the scale.
/// Numbers instead of names keep every cell readable at the standard width; the full names
/// are in the key and in each cell's tooltip. Cells carry the class `cell`.
struct HeatmapChartRenderer {
    let chart: HeatmapChart
    let style: ChartStyle

    /// The darkest cell colour (value 1), as RGB.
    static let fullColour = (r: 0.0, g: 114.0, b: 178.0)  // #0072B2

    /// The chart as SVG.
    func render() -> String {
        var canvas = draw()
        return canvas.end()
    }

    /// Boxes of every text the SVG holds (cells are backgrounds of their values, not marks).
    func layout() -> ChartLayout {
        draw().layout
    }

    private func draw() -> ChartCanvas {
        var canvas = ChartCanvas(style: style)
        let size = style.textSize
        let margin = canvas.margin
        let count = max(chart.rowLabels.count, chart.columnLabels.count, 1)
        let numberWidth = ChartStyle.textWidth("\(count)", size: size) + size * 0.6
        let cell = (style.width - 2 * margin - numberWidth) / Double(count)
        let headerHeight = canvas.headerHeight(title: chart.title, subtitle: chart.subtitle)
        let legendTop = headerHeight
        let gridTop = legendTop + style.lineHeight * 2.4
        let gridLeft = margin + numberWidth
        let keyTop = gridTop + cell * Double(chart.rowLabels.count) + style.lineHeight * 0.6
        let height = keyTop + style.lineHeight * Double(chart.rowLabels.count) + margin

        canvas.begin(width: style.width, height: height, title: chart.title, kind: "heatmap")
        canvas.header(title: chart.title, subtitle: chart.subtitle)
        legend(&canvas, left: margin, top: legendTop)
        for column in chart.columnLabels.indices {
            canvas.text("\(column + 1)", x: gridLeft + cell * (Double(column) + 0.5), y: gridTop - size * 0.4, anchor: .middle,
                        size: size, colour: ChartStyle.textColour, attributes: ["class": "column-label"], tooltip: chart.columnLabels[column])
        }
        for (row, label) in chart.rowLabels.enumerated() {
            let top = gridTop + cell * Double(row)
            canvas.text("\(row + 1)", x: gridLeft - size * 0.4, y: top + cell / 2 + size * 0.35, anchor: .end, size: size,
                        colour: ChartStyle.textColour, attributes: ["class": "row-label"], tooltip: label)
            for column in chart.columnLabels.indices {
                let value = row < chart.values.count && column < chart.values[row].count ? chart.values[row][column] : nil
                drawCell(&canvas, value: value, x: gridLeft + cell * Double(column), y: top, size: cell,
                         tooltip: "\(label) × \(chart.columnLabels[column])")
            }
        }
        for (row, label) in chart.rowLabels.enumerated() {
            let line = ChartCanvas.fitted("\(row + 1)  \(label)", width: style.width - 2 * margin, size: size, bold: false)
            canvas.text(line, x: margin, y: keyTop + style.lineHeight * (Double(row) + 0.8), size: size,
                        colour: ChartStyle.textColour, attributes: ["class": "key"])
        }
        return canvas
    }

    /// A value as the cell shows it: `100%`, `8.4%`, `—` when missing.
    static func cellText(_ value: Double?) -> String {
        guard let value else { return "—" }
        return value >= 0.9995 && value <= 1 ? "100%" : UnitText.percent(value, places: 1)
    }

    private func drawCell(_ canvas: inout ChartCanvas, value: Double?, x: Double, y: Double, size: Double, tooltip: String) {
        let shown = Self.cellText(value)
        canvas.writer.element("rect", [
            "class": "cell", "x": svg(x), "y": svg(y), "width": svg(size), "height": svg(size),
            "fill": value.map(Self.colour) ?? "#FFFFFF", "stroke": ChartStyle.gridColour,
        ], tooltip: "\(tooltip): \(shown)")
        let textSize = style.textSize * 0.9
        guard ChartStyle.textWidth(shown, size: textSize) < size - 4 else { return }
        canvas.text(shown, x: x + size / 2, y: y + size / 2 + textSize * 0.35, anchor: .middle, size: textSize,
                    colour: (value ?? 0) > 0.55 ? "#FFFFFF" : ChartStyle.textColour, attributes: ["class": "cell-value"])
    }

    /// A legend: a strip from 0 % to 100 % and the value label.
    private func legend(_ canvas: inout ChartCanvas, left: Double, top: Double) {
        let steps = 10
        let step = style.textSize
        for index in 0..<steps {
            canvas.writer.element("rect", [
                "class": "legend", "x": svg(left + Double(index) * step), "y": svg(top), "width": svg(step), "height": svg(step * 0.7),
                "fill": Self.colour(Double(index) / Double(steps - 1)),
            ])
        }
        let text = ChartCanvas.fitted("0 → 100 %: \(chart.valueLabel)", width: style.width - left * 2 - Double(steps) * step - 8,
                                      size: style.textSize, bold: false)
        canvas.text(text, x: left + Double(steps) * step + 8, y: top + step * 0.65, size: style.textSize,
                    colour: ChartStyle.mutedTextColour, attributes: ["class": "legend"])
    }

    /// White blended towards ``fullColour`` by `value` (clamped to 0 … 1).
    static func colour(_ value: Double) -> String {
        let share = value.isFinite ? min(max(value, 0), 1) : 0
        func channel(_ full: Double) -> Int { Int((255 + (full - 255) * share).rounded()) }
        let digits = Array("0123456789ABCDEF")
        func hex(_ v: Int) -> String { String([digits[v / 16], digits[v % 16]]) }
        return "#" + hex(channel(fullColour.r)) + hex(channel(fullColour.g)) + hex(channel(fullColour.b))
    }
}
