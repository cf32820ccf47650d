/// Draws a ``BarChart``: one panel per series stacked vertically (small multiples), bars
/// per category — the values, or their deviation from the panel's mean — dashed reference
/// lines (the mean), thinned category ticks. Bars narrower than a few pixels lose their gaps
/// and tooltips, so a thousand partitions stay legible and the file stays small. No label
/// is drawn over a bar: a reference line's label goes where it is clear, or only into the
/// legend and the line's tooltip.
struct BarChartRenderer {
    let chart: BarChart
    let style: ChartStyle

    /// Bars get individual tooltips up to this many categories.
    static let tooltipLimit = 128

    /// The chart as SVG.
    func render() -> String {
        var canvas = draw()
        return canvas.end()
    }

    /// Boxes of every text and mark the SVG holds.
    func layout() -> ChartLayout {
        draw().layout
    }

    /// Plot height per panel: shorter with many panels, but never so short that three
    /// ticks do not fit (deviations go both ways from the mean).
    private var panelHeight: Double {
        switch chart.panels.count {
        case ...3: style.panelHeight
        case ...6: style.panelHeight * 0.85
        default: style.panelHeight * (chart.deviationFromMean ? 0.8 : 0.7)
        }
    }

    /// What the bars show: the values, or their deviation from the panel's mean (a fraction).
    private func plotted(_ panel: BarPanel) -> [Double] {
        guard chart.deviationFromMean else { return panel.values }
        let finite = panel.values.filter(\.isFinite)
        let mean = finite.isEmpty ? 0 : finite.reduce(0, +) / Double(finite.count)
        return panel.values.map { mean > 0 ? $0 / mean - 1 : 0 }
    }

    private var format: AxisFormat { chart.deviationFromMean ? .percent : chart.valueFormat }

    private func draw() -> ChartCanvas {
        var canvas = ChartCanvas(style: style)
        let margin = canvas.margin
        let text = style.textSize
        let contentWidth = style.width - 2 * margin
        let legend = legendItems()
        let headerHeight = canvas.headerHeight(title: chart.title, subtitle: chart.subtitle)
        let legendHeight = canvas.legendLayout(legend, maxWidth: contentWidth).height
        let firstPanelTop = headerHeight + legendHeight + (legendHeight > 0 ? text * 0.5 : 0)

        let scales = valueScales()
        let yTickLimit = max(Int(panelHeight / (text * 1.5)), 2)
        let widestTick = scales.map { canvas.widestLabel($0.ticks(maximumCount: yTickLimit), format: format) }.max() ?? 0
        let plotLeft = margin + style.lineHeight + widestTick + text * 0.5
        let plotWidth = style.width - margin - plotLeft
        // Room for the heading and for the half of the top tick label above the plot.
        let panelTitleHeight = style.lineHeight + text * 0.8
        let panelStride = panelTitleHeight + panelHeight + text * 2.2
        let panelsBottom = firstPanelTop + panelStride * Double(chart.panels.count)
        let height = panelsBottom + style.lineHeight + margin * 0.5

        canvas.begin(width: style.width, height: height, title: chart.title, kind: "bar-chart")
        canvas.header(title: chart.title, subtitle: chart.subtitle)
        canvas.legend(legend, left: margin, top: headerHeight, maxWidth: contentWidth)
        var referenceLabels: [(label: String, y: Double, plot: ChartRect)] = []
        for (index, panel) in chart.panels.enumerated() {
            let top = firstPanelTop + panelStride * Double(index)
            let plot = ChartRect(left: plotLeft, top: top + panelTitleHeight, width: plotWidth, height: panelHeight)
            let scale = scales[chart.sharedScale ? 0 : index].withPixels(plot.bottom, plot.top)
            canvas.writer.open("g", ["class": "panel", "data-title": panel.title])
            drawPanelTitle(panel, &canvas, baseline: top + text, left: margin + style.lineHeight)
            canvas.verticalAxis(scale, ticks: scale.ticks(maximumCount: yTickLimit), format: format, plot: plot,
                                title: nil)
            drawBars(panel, &canvas, plot: plot, scale: scale)
            canvas.horizontalTicks(categoryTicks(count: panel.values.count, plot: plot), plot: plot, gridlines: false)
            canvas.axisLines(plot)
            referenceLabels += drawReferenceLines(panel, &canvas, plot: plot, scale: scale)
            canvas.writer.close("g")
        }
        if !chart.panels.isEmpty {
            let valueTitle = chart.deviationFromMean ? "\(chart.valueLabel) vs the panel's mean" : chart.valueLabel
            canvas.verticalText(valueTitle, x: margin + text * 0.93, // the column verticalAxis titles use
                                y: (firstPanelTop + panelsBottom) / 2, size: text)
            canvas.text(chart.categoryLabel, x: plotLeft + plotWidth / 2, y: panelsBottom + text * 0.5,
                        anchor: .middle, size: text, colour: ChartStyle.textColour, attributes: ["class": "axis-title"])
        }
        placeReferenceLabels(referenceLabels, &canvas)
        return canvas
    }

    private func legendItems() -> [LegendItem] {
        var items = [LegendItem(name: chart.seriesName, swatch: .box(colour: ChartStyle.barColour))]
        if chart.panels.contains(where: { !$0.highlighted.isEmpty }) {
            items.append(LegendItem(name: chart.highlightName, swatch: .box(colour: ChartStyle.highlightColour)))
        }
        var seenLabels: [String] = []
        for line in chart.panels.flatMap(referenceLines) where !seenLabels.contains(line.label) {
            seenLabels.append(line.label)
            items.append(LegendItem(name: line.label, swatch: .line(colour: ChartStyle.referenceColour, dashed: true, width: 1.5)))
        }
        return items
    }

    /// Reference lines drawn: none when bars are deviations (the zero line is the mean).
    private func referenceLines(_ panel: BarPanel) -> [ReferenceLine] {
        chart.deviationFromMean ? [] : panel.referenceLines
    }

    /// One scale for all panels (shared) or one per panel, in unit pixels (re-mapped later).
    private func valueScales() -> [ChartScale] {
        let target = max(Int(panelHeight / (style.textSize * 2.2)), 2)
        func scale(_ panels: [BarPanel]) -> ChartScale {
            let values = panels.flatMap { plotted($0) + referenceLines($0).map(\.value) }
            return ChartScale(kind: .linear, values: values, minimum: nil, maximum: nil, startsAtZero: true,
                              pixels: (1, 0), targetTicks: target)
        }
        guard !chart.sharedScale else { return [scale(chart.panels)] }
        return chart.panels.isEmpty ? [scale([])] : chart.panels.map { scale([$0]) }
    }

    /// The panel's title at the left, shortened ("+N more") to leave room for its note at the
    /// right; a shortened title carries the full one as its tooltip.
    private func drawPanelTitle(_ panel: BarPanel, _ canvas: inout ChartCanvas, baseline: Double, left: Double) {
        let right = style.width - canvas.margin
        var room = right - left
        if let note = panel.note {
            canvas.text(note, x: right, y: baseline, anchor: .end, size: style.textSize,
                        colour: ChartStyle.mutedTextColour, attributes: ["class": "panel-note"])
            room -= ChartStyle.textWidth(note, size: style.textSize) + style.textSize
        }
        let title = ChartCanvas.fittedList(panel.title, width: room, size: style.textSize, bold: true)
        canvas.text(title, x: left, y: baseline, size: style.textSize, bold: true, colour: ChartStyle.textColour,
                    attributes: ["class": "panel-title"], tooltip: title == panel.title ? nil : panel.title)
    }

    private func drawBars(_ panel: BarPanel, _ canvas: inout ChartCanvas, plot: ChartRect, scale: ChartScale) {
        let values = plotted(panel)
        let count = values.count
        guard count > 0, let baseline = scale.position(0) else { return }
        let band = plot.width / Double(count)
        let gap = band >= 6 ? band * 0.2 : band >= 3 ? 1 : 0
        let highlighted = Set(panel.highlighted)
        let withTooltips = count <= Self.tooltipLimit
        canvas.writer.open("g", ["class": "bars", "fill": ChartStyle.barColour])
        for (category, value) in values.enumerated() {
            guard let end = scale.position(value) else { continue }
            let box = ChartRect(left: plot.left + Double(category) * band + gap / 2, top: min(end, baseline),
                                width: max(band - gap, 0.1), height: abs(baseline - end))
            var attributes: SVGAttributes = [
                "class": "bar", "x": svg(box.left), "y": svg(box.top), "width": svg(box.width), "height": svg(box.height),
            ]
            if highlighted.contains(category) {
                attributes = attributes + ["fill": ChartStyle.highlightColour]
            }
            if withTooltips {
                canvas.writer.element("rect", attributes, tooltip: tooltip(category, panel: panel, plotted: value))
            } else {
                canvas.writer.element("rect", attributes)
            }
            canvas.recordMark(box)
        }
        canvas.writer.close("g")
        if chart.deviationFromMean {
            canvas.writer.element("line", [
                "class": "mean-line", "x1": svg(plot.left), "y1": svg(baseline), "x2": svg(plot.right),
                "y2": svg(baseline), "stroke": ChartStyle.referenceColour, "stroke-width": "1.5",
            ])
        }
    }

    /// `"partition 3: 83,019 records"`, with `", +0.41% vs mean"` for deviation bars.
    private func tooltip(_ category: Int, panel: BarPanel, plotted: Double) -> String {
        let value = "\(chart.categoryLabel) \(category): \(chart.valueFormat.exact(panel.values[category])) \(chart.valueLabel)"
        guard chart.deviationFromMean else { return value }
        return value + ", \(plotted >= 0 ? "+" : "")\(AxisFormat.percent.exact(plotted)) vs mean"
    }

    /// Draws the panel's reference lines; returns their labels for placement once every bar
    /// is drawn.
    private func drawReferenceLines(_ panel: BarPanel, _ canvas: inout ChartCanvas, plot: ChartRect,
                                    scale: ChartScale) -> [(label: String, y: Double, plot: ChartRect)] {
        referenceLines(panel).compactMap { line in
            guard let y = scale.position(line.value) else { return nil }
            let label = "\(line.label) \(chart.valueFormat.exact(line.value))"
            canvas.writer.element("line", [
                "class": "reference-line", "data-label": line.label,
                "x1": svg(plot.left), "y1": svg(y), "x2": svg(plot.right), "y2": svg(y),
                "stroke": ChartStyle.referenceColour, "stroke-width": "1.5", "stroke-dasharray": "6 4",
            ], tooltip: label)
            return (label, y, plot)
        }
    }

    /// Reference-line labels where they overlap no bar and no text; the others stay in the
    /// line's tooltip.
    private func placeReferenceLabels(_ labels: [(label: String, y: Double, plot: ChartRect)], _ canvas: inout ChartCanvas) {
        guard !labels.isEmpty else { return }
        var placer = LabelPlacer(obstacles: canvas.layout.marks + canvas.layout.texts.map(\.box),
                                 bounds: ChartRect(left: 0, top: 0, width: style.width, height: .infinity),
                                 fontSize: style.textSize)
        canvas.writer.open("g", [
            "class": "reference-labels", "fill": ChartStyle.referenceColour,
            "stroke": "#FFFFFF", "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
        ])
        for label in labels {
            guard let spot = placer.placeAlongLine(label.label, y: label.y, left: label.plot.left,
                                                   right: label.plot.right) else { continue }
            canvas.text(label.label, x: spot.x, y: spot.y, anchor: spot.anchor, size: style.textSize,
                        attributes: ["class": "reference-label"])
        }
        canvas.writer.close("g")
    }

    /// Category ticks at bar centres, every `step` categories where `step` is the smallest of
    /// 1, 2, 5, 10, 20, 50… that keeps labels from touching.
    private func categoryTicks(count: Int, plot: ChartRect) -> [(position: Double, label: String)] {
        guard count > 0 else { return [] }
        let band = plot.width / Double(count)
        let labelWidth = ChartStyle.textWidth(String(count - 1), size: style.textSize) + style.textSize
        var step = 1
        var magnitude = 1
        search: while true {
            for multiplier in [1, 2, 5] {
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
