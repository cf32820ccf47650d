/// Draws a ``HeatmapChart``: row labels on the left, column labels slanted above, one square
/// cell per value shaded from white (0) to the series blue (1) with its percentage written in
/// it, and a legend bar for the scale. Cells carry the class `cell` and a tooltip.
struct HeatmapChartRenderer {
    let chart: HeatmapChart
    let style: ChartStyle

    /// The darkest cell colour (value 1), as RGB.
    static let fullColour = (r: 0.0, g: 114.0, b: 178.0)  // #0072B2

    func render() -> String {
        let margin = 20.0
        let labelSize = ChartStyle.tickSize
        let rowLabelWidth = (chart.rowLabels.map { ChartStyle.textWidth($0, size: labelSize) }.max() ?? 0) + 12
        let columnCount = max(chart.columnLabels.count, 1)
        let available = style.width - 2 * margin - rowLabelWidth
        let cell = min(64, max(18, available / Double(columnCount)))
        // Column labels are slanted at 45°: their height is their width ÷ √2.
        let columnLabelHeight = (chart.columnLabels.map { ChartStyle.textWidth($0, size: labelSize) }.max() ?? 0) * 0.71 + 12
        let top = ChartCanvas.headerHeight(subtitle: chart.subtitle) + 28 + columnLabelHeight
        let left = margin + rowLabelWidth
        let height = top + cell * Double(chart.rowLabels.count) + 24
        let width = max(style.width, left + cell * Double(columnCount) + columnLabelHeight + margin)

        var canvas = ChartCanvas(style: style)
        canvas.begin(width: width, height: height, title: chart.title, kind: "heatmap")
        canvas.header(title: chart.title, subtitle: chart.subtitle, left: margin)
        legend(&canvas, left: margin, top: ChartCanvas.headerHeight(subtitle: chart.subtitle))
        for (column, label) in chart.columnLabels.enumerated() {
            let x = left + cell * (Double(column) + 0.5)
            canvas.writer.element("text", [
                "class": "column-label", "x": svg(x), "y": svg(top - 6), "font-size": svg(labelSize),
                "fill": ChartStyle.textColour, "transform": "rotate(-45 \(svg(x)) \(svg(top - 6)))",
            ], text: label)
        }
        for (row, label) in chart.rowLabels.enumerated() {
            let y = top + cell * Double(row)
            canvas.writer.element("text", [
                "class": "row-label", "x": svg(left - 8), "y": svg(y + cell / 2 + labelSize / 3), "font-size": svg(labelSize),
                "text-anchor": "end", "fill": ChartStyle.textColour,
            ], text: label)
            for column in 0..<chart.columnLabels.count {
                let value = row < chart.values.count && column < chart.values[row].count ? chart.values[row][column] : nil
                drawCell(&canvas, value: value, x: left + cell * Double(column), y: y, size: cell,
                         tooltip: "\(label) × \(chart.columnLabels[column])")
            }
        }
        return canvas.end()
    }

    private func drawCell(_ canvas: inout ChartCanvas, value: Double?, x: Double, y: Double, size: Double, tooltip: String) {
        let shown = value.map { UnitText.percent($0, places: $0 > 0.999 && $0 < 1 ? 2 : 1) } ?? "—"
        canvas.writer.element("rect", [
            "class": "cell", "x": svg(x), "y": svg(y), "width": svg(size), "height": svg(size),
            "fill": value.map(Self.colour) ?? "#FFFFFF", "stroke": ChartStyle.gridColour,
        ], tooltip: "\(tooltip): \(shown)")
        guard size >= 30 else { return }
        let dark = (value ?? 0) > 0.55
        canvas.writer.element("text", [
            "class": "cell-value", "x": svg(x + size / 2), "y": svg(y + size / 2 + ChartStyle.tickSize / 3),
            "font-size": svg(size >= 48 ? ChartStyle.tickSize : ChartStyle.tickSize - 2), "text-anchor": "middle",
            "fill": dark ? "#FFFFFF" : ChartStyle.textColour,
        ], text: shown)
    }

    /// A legend: a strip from 0 % to 100 % and the value label.
    private func legend(_ canvas: inout ChartCanvas, left: Double, top: Double) {
        let steps = 10
        for step in 0..<steps {
            canvas.writer.element("rect", [
                "class": "legend", "x": svg(left + Double(step) * 16), "y": svg(top), "width": "16", "height": "12",
                "fill": Self.colour(Double(step) / Double(steps - 1)),
            ])
        }
        canvas.writer.element("text", [
            "class": "legend", "x": svg(left + Double(steps) * 16 + 8), "y": svg(top + 11), "font-size": svg(ChartStyle.labelSize),
            "fill": ChartStyle.mutedTextColour,
        ], text: "0 % → 100 %: \(chart.valueLabel)")
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
