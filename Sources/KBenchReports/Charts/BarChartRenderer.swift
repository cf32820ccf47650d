/// Draws a ``BarChart``: one panel per series stacked vertically (small multiples), bars
/// per category, dashed reference lines (the mean) with their values, thinned category
/// ticks. Bars narrower than a few pixels lose their gaps and tooltips, so a thousand
/// partitions stay legible and the file stays small.
struct BarChartRenderer {
    let chart: BarChart
    let style: ChartStyle

    /// Bars get individual tooltips up to this many categories.
    static let tooltipLimit = 128

    private var panelHeight: Double {
        switch chart.panels.count {
        case ...3: style.panelHeight
        case ...6: style.panelHeight * 0.8
        default: style.panelHeight * 0.64
        }
    }

    func render() -> String {
        let margin = 20.0
        let contentWidth = style.width - 2 * margin
        let legend = legendItems()
        let legendHeight = ChartCanvas.legendLayout(legend, maxWidth: contentWidth).height
        let headerHeight = ChartCanvas.headerHeight(subtitle: chart.subtitle)
        let firstPanelTop = headerHeight + legendHeight + (legendHeight > 0 ? 10 : 0)

        let scales = valueScales()
        let yTickLimit = max(Int(panelHeight / 30), 2)
        let widestTick = scales.map { ChartCanvas.widestLabel($0.ticks(maximumCount: yTickLimit), format: chart.valueFormat) }
            .max() ?? 0
        let plotLeft = margin + 22 + widestTick + 10
        let plotWidth = style.width - margin - 10 - plotLeft
        let panelTitleHeight = 24.0
        let panelStride = panelTitleHeight + panelHeight + 30
        let height = firstPanelTop + panelStride * Double(chart.panels.count) + 28

        var canvas = ChartCanvas(style: style)
        canvas.begin(width: style.width, height: height, title: chart.title, kind: "bar-chart")
        canvas.header(title: chart.title, subtitle: chart.subtitle, left: margin)
        canvas.legend(legend, left: margin, top: headerHeight, maxWidth: contentWidth)
        for (index, panel) in chart.panels.enumerated() {
            let top = firstPanelTop + panelStride * Double(index)
            let plot = ChartRect(left: plotLeft, top: top + panelTitleHeight, width: plotWidth, height: panelHeight)
            let scale = scales[chart.sharedScale ? 0 : index].withPixels(plot.bottom, plot.top)
            drawPanel(panel, &canvas, plot: plot, scale: scale, yTicks: scale.ticks(maximumCount: yTickLimit),
                      titleBaseline: top + 16, titleX: margin + 6)
        }
        if let last = chart.panels.indices.last {
            let plotBottom = firstPanelTop + panelStride * Double(last) + panelTitleHeight + panelHeight
            canvas.horizontalAxisTitle(chart.categoryLabel,
                                       plot: ChartRect(left: plotLeft, top: 0, width: plotWidth, height: 0),
                                       y: plotBottom + 40)
        }
        return canvas.end()
    }

    private func legendItems() -> [LegendItem] {
        var items = [LegendItem(name: chart.seriesName, swatch: .box(colour: ChartStyle.barColour))]
        if chart.panels.contains(where: { !$0.highlighted.isEmpty }) {
            items.append(LegendItem(name: chart.highlightName, swatch: .box(colour: ChartStyle.highlightColour)))
        }
        var seenLabels: [String] = []
        for line in chart.panels.flatMap(\.referenceLines) where !seenLabels.contains(line.label) {
            seenLabels.append(line.label)
            items.append(LegendItem(name: line.label, swatch: .dashedLine(colour: ChartStyle.referenceColour)))
        }
        return items
    }

    /// One scale for all panels (shared) or one per panel, in unit pixels (re-mapped later).
    private func valueScales() -> [ChartScale] {
        let target = max(Int(panelHeight / 40), 2)
        func scale(_ panels: [BarPanel]) -> ChartScale {
            let values = panels.flatMap { $0.values + $0.referenceLines.map(\.value) }
            return ChartScale(kind: .linear, values: values, minimum: nil, maximum: nil, startsAtZero: true,
                              pixels: (1, 0), targetTicks: target)
        }
        guard !chart.sharedScale else { return [scale(chart.panels)] }
        return chart.panels.isEmpty ? [scale([])] : chart.panels.map { scale([$0]) }
    }

    private func drawPanel(_ panel: BarPanel, _ canvas: inout ChartCanvas, plot: ChartRect, scale: ChartScale,
                           yTicks: [Double], titleBaseline: Double, titleX: Double) {
        canvas.writer.open("g", ["class": "panel", "data-title": panel.title])
        canvas.writer.element("text", [
            "class": "panel-title", "x": svg(titleX), "y": svg(titleBaseline),
            "font-size": "13", "font-weight": "bold", "fill": ChartStyle.textColour,
        ], text: panel.title)
        canvas.verticalAxis(scale, ticks: yTicks, format: chart.valueFormat, plot: plot,
                            title: chart.valueLabel, titleX: titleX)
        drawBars(panel, &canvas, plot: plot, scale: scale)
        canvas.horizontalTicks(categoryTicks(count: panel.values.count, plot: plot), plot: plot, gridlines: false)
        canvas.axisLines(plot)
        drawReferenceLines(panel.referenceLines, &canvas, plot: plot, scale: scale)
        canvas.writer.close("g")
    }

    private func drawBars(_ panel: BarPanel, _ canvas: inout ChartCanvas, plot: ChartRect, scale: ChartScale) {
        let count = panel.values.count
        guard count > 0, let baseline = scale.position(0) else { return }
        let band = plot.width / Double(count)
        let gap = band >= 6 ? band * 0.2 : band >= 3 ? 1 : 0
        let highlighted = Set(panel.highlighted)
        let withTooltips = count <= Self.tooltipLimit
        canvas.writer.open("g", ["class": "bars", "fill": ChartStyle.barColour])
        for (category, value) in panel.values.enumerated() {
            guard let top = scale.position(max(value, 0)) else { continue }
            var attributes: SVGAttributes = [
                "class": "bar", "x": svg(plot.left + Double(category) * band + gap / 2), "y": svg(min(top, baseline)),
                "width": svg(max(band - gap, 0.1)), "height": svg(abs(baseline - top)),
            ]
            if highlighted.contains(category) {
                attributes = attributes + ["fill": ChartStyle.highlightColour]
            }
            if withTooltips {
                canvas.writer.element("rect", attributes,
                                      tooltip: "\(chart.categoryLabel) \(category): \(chart.valueFormat.exact(value))")
            } else {
                canvas.writer.element("rect", attributes)
            }
        }
        canvas.writer.close("g")
    }

    private func drawReferenceLines(_ lines: [ReferenceLine], _ canvas: inout ChartCanvas, plot: ChartRect,
                                    scale: ChartScale) {
        for line in lines {
            guard let y = scale.position(line.value) else { continue }
            canvas.writer.element("line", [
                "class": "reference-line", "data-label": line.label,
                "x1": svg(plot.left), "y1": svg(y), "x2": svg(plot.right), "y2": svg(y),
                "stroke": ChartStyle.referenceColour, "stroke-width": "1.5", "stroke-dasharray": "6 4",
            ])
            canvas.writer.element("text", [
                "class": "reference-label", "x": svg(plot.right - 4), "y": svg(y - 5), "text-anchor": "end",
                "font-size": svg(ChartStyle.tickSize), "fill": ChartStyle.referenceColour,
                "stroke": "#FFFFFF", "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
            ], text: "\(line.label) \(chart.valueFormat.exact(line.value))")
        }
    }

    /// Category ticks at bar centres, every `step` categories where `step` is the smallest of
    /// 1, 2, 5, 10, 20, 50… that keeps labels from touching.
    private func categoryTicks(count: Int, plot: ChartRect) -> [(position: Double, label: String)] {
        guard count > 0 else { return [] }
        let band = plot.width / Double(count)
        let labelWidth = ChartStyle.textWidth(String(count - 1), size: ChartStyle.tickSize) + 24
        var step = 1
        let multipliers = [1, 2, 5]
        var magnitude = 1
        search: while true {
            for multiplier in multipliers {
                step = multiplier * magnitude
                if Double(step) * band >= labelWidth || step >= count { break search }
            }
            magnitude *= 10
        }
        return stride(from: 0, to: count, by: step).map { category in
            (plot.left + (Double(category) + 0.5) * band, String(category))
        }
    }
}
