/// Draws an ``XYChart``: scatter points with labels, or lines with markers, over gridded
/// axes with ticks, axis titles and a legend.
struct XYChartRenderer {
    let chart: XYChart
    let style: ChartStyle

    static let markerRadius = 5.0

    func render() -> String {
        let margin = 20.0
        let legendItems = chart.series.enumerated().map { index, series in
            LegendItem(name: series.name, swatch: .marker(
                colour: ChartStyle.colour(forSeries: index),
                shape: chart.style == .line ? MarkerShape.forSeries(index) : .circle,
                withLine: chart.style == .line))
        }
        let contentWidth = style.width - 2 * margin
        let legendHeight = ChartCanvas.legendLayout(legendItems, maxWidth: contentWidth).height
        let headerHeight = ChartCanvas.headerHeight(subtitle: chart.subtitle)
        let legendTop = headerHeight
        let plotTop = legendTop + legendHeight + (legendHeight > 0 ? 14 : 4)

        let points = chart.series.flatMap(\.points)
        let xValues = points.map(\.x)
        let yValues = points.map(\.y)
        let yTicksTarget = max(Int(style.plotHeight / 60), 3)
        // First pass for the y tick labels' width, which sets the left margin.
        let provisionalY = ChartScale(axis: chart.yAxis, values: yValues, pixels: (0, 1), targetTicks: yTicksTarget)
        let yTicks = provisionalY.ticks(maximumCount: max(Int(style.plotHeight / 28), 2))
        let plotLeft = margin + 22 + ChartCanvas.widestLabel(yTicks, format: chart.yAxis.format) + 10
        let plot = ChartRect(left: plotLeft, top: plotTop, width: style.width - margin - 10 - plotLeft,
                             height: style.plotHeight)
        let height = plot.bottom + 58

        let yScale = ChartScale(axis: chart.yAxis, values: yValues, pixels: (plot.bottom, plot.top),
                                targetTicks: yTicksTarget)
        // A little inner padding so points at the ends of the x range do not sit on the axis.
        let xScale = ChartScale(axis: chart.xAxis, values: xValues, pixels: (plot.left + 12, plot.right - 12),
                                targetTicks: max(Int(plot.width / 110), 3))
        var canvas = ChartCanvas(style: style)
        canvas.begin(width: style.width, height: height, title: chart.title, kind: "xy-chart \(chart.style.rawValue)")
        canvas.header(title: chart.title, subtitle: chart.subtitle, left: margin)
        canvas.legend(legendItems, left: margin, top: legendTop, maxWidth: contentWidth)
        canvas.verticalAxis(yScale, ticks: yTicks, format: chart.yAxis.format, plot: plot,
                            title: chart.yAxis.label, titleX: margin + 6)
        canvas.horizontalTicks(xTicks(xScale, plotWidth: plot.width), plot: plot, gridlines: true)
        canvas.axisLines(plot)
        canvas.horizontalAxisTitle(chart.xAxis.label, plot: plot, y: plot.bottom + 40)
        drawSeries(&canvas, xScale: xScale, yScale: yScale, plot: plot, bounds: ChartRect(
            left: margin / 2, top: plotTop - 6, width: style.width - margin, height: plot.height + 12))
        return canvas.end()
    }

    private func xTicks(_ scale: ChartScale, plotWidth: Double) -> [(position: Double, label: String)] {
        var count = max(Int(plotWidth / 60), 2)
        while true {
            let ticks = scale.ticks(maximumCount: count)
            let widest = ChartCanvas.widestLabel(ticks, format: chart.xAxis.format)
            if Double(ticks.count) * (widest + 14) <= plotWidth || count <= 2 {
                return ticks.compactMap { tick in
                    scale.position(tick).map { ($0, chart.xAxis.format.label(tick)) }
                }
            }
            count -= 1
        }
    }

    private func drawSeries(_ canvas: inout ChartCanvas, xScale: ChartScale, yScale: ChartScale,
                            plot: ChartRect, bounds: ChartRect) {
        // Pixel positions of every drawable point, per series.
        let placed: [[(point: ChartPoint, x: Double, y: Double)]] = chart.series.map { series in
            series.points.compactMap { point in
                guard let x = xScale.position(point.x), let y = yScale.position(point.y) else { return nil }
                return (point, x, y)
            }
        }
        let r = Self.markerRadius
        var labels = LabelPlacer(points: placed.flatMap { $0.map { ($0.x, $0.y) } }, markerRadius: r,
                                 bounds: bounds, fontSize: ChartStyle.pointLabelSize)
        var pendingLabels: [(text: String, placement: LabelPlacer.Placement)] = []
        for (index, series) in chart.series.enumerated() {
            let colour = ChartStyle.colour(forSeries: index)
            let shape: MarkerShape = chart.style == .line ? .forSeries(index) : .circle
            canvas.writer.open("g", ["class": "series", "data-series": series.name])
            let points = chart.style == .line ? placed[index].sorted { $0.point.x < $1.point.x } : placed[index]
            if chart.style == .line, points.count > 1 {
                let path = points.enumerated().map { offset, point in
                    "\(offset == 0 ? "M" : "L")\(svg(point.x)) \(svg(point.y))"
                }.joined()
                canvas.writer.element("path", [
                    "class": "series-line", "d": path, "fill": "none", "stroke": colour,
                    "stroke-width": "2.2", "stroke-linejoin": "round",
                ])
            }
            for point in points {
                let tooltip = "\(series.name)\(point.point.label.map { " · \($0)" } ?? ""): "
                    + "\(chart.xAxis.format.exact(point.point.x)), \(chart.yAxis.format.exact(point.point.y))"
                canvas.marker(shape, x: point.x, y: point.y, radius: chart.style == .line ? 4.5 : r,
                              colour: colour, attributes: ["class": "point"], tooltip: tooltip)
                if chart.style == .scatter, let label = point.point.label, !label.isEmpty {
                    pendingLabels.append((label, labels.place(label, x: point.x, y: point.y, markerRadius: r)))
                }
            }
            canvas.writer.close("g")
        }
        guard !pendingLabels.isEmpty else { return }
        // Labels last, so no marker covers them; a white halo keeps them legible over lines.
        canvas.writer.open("g", [
            "class": "point-labels", "font-size": svg(ChartStyle.pointLabelSize), "fill": ChartStyle.textColour,
            "stroke": "#FFFFFF", "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
        ])
        for label in pendingLabels {
            canvas.writer.element("text", [
                "class": "point-label", "x": svg(label.placement.x), "y": svg(label.placement.y),
                "text-anchor": label.placement.anchor,
            ], text: label.text)
        }
        canvas.writer.close("g")
    }
}
