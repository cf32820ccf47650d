/// Draws an ``XYChart``: scatter points with labels, or lines with markers, over gridded
/// axes with ticks, axis titles and a legend; emphasised reference lines with their meaning;
/// picks ringed and a Pareto front joined. Series differ by marker shape as well as colour.
struct XYChartRenderer {
    let chart: XYChart
    let style: ChartStyle

    /// The chart as SVG.
    func render() -> String {
        var canvas = draw()
        return canvas.end()
    }

    /// Boxes of every text and mark the SVG holds.
    func layout() -> ChartLayout {
        draw().layout
    }

    private func legendItems() -> [LegendItem] {
        let series = chart.series.enumerated().map { index, series in
            LegendItem(name: series.name, swatch: .marker(
                colour: ChartStyle.colour(forSeries: index), shape: .forSeries(index), withLine: chart.style == .line))
        }
        let highlights = chart.highlights.map { highlight in
            LegendItem(name: highlight.name, swatch: highlight.kind == .ring
                ? .ring(colour: ChartStyle.referenceColour)
                : .line(colour: ChartStyle.referenceColour, dashed: true, width: 1.5))
        }
        return series + highlights
    }

    private func draw() -> ChartCanvas {
        var canvas = ChartCanvas(style: style)
        let margin = canvas.margin
        let text = style.textSize
        let legend = legendItems()
        let headerHeight = canvas.headerHeight(title: chart.title, subtitle: chart.subtitle)
        let legendHeight = canvas.legendLayout(legend, maxWidth: style.width - 2 * margin).height
        let plotTop = headerHeight + legendHeight + text * 0.8

        let points = chart.series.flatMap(\.points)
        // A reference line never runs along the plot's edge: on a log axis the range takes
        // in 1.6 × and ÷ 1.6 of it, so its label has room above or below.
        let yValues = points.map(\.y) + chart.referenceLines.flatMap { line in
            chart.yAxis.scale == .linear ? [line.value] : [line.value / 1.6, line.value, line.value * 1.6]
        }
        let yTickLimit = max(Int(style.plotHeight / (text * 2.4)), 3)
        let provisionalY = ChartScale(axis: chart.yAxis, values: yValues, pixels: (0, 1), targetTicks: yTickLimit)
        let yTicks = provisionalY.ticks(maximumCount: yTickLimit)
        let plotLeft = margin + style.lineHeight + canvas.widestLabel(yTicks, format: chart.yAxis.format) + text * 0.5
        // Room on the right for half of the last x tick label.
        let plotRight = style.width - margin - text * 1.2
        let plot = ChartRect(left: plotLeft, top: plotTop, width: plotRight - plotLeft, height: style.plotHeight)
        let height = plot.bottom + canvas.horizontalAxisHeight + margin * 0.5
        // Inner padding so points at the ends of a range do not sit on an axis.
        let pad = canvas.markerRadius * 2.5
        let yScale = ChartScale(axis: chart.yAxis, values: yValues, pixels: (plot.bottom - pad, plot.top + pad),
                                targetTicks: yTickLimit)
        let xScale = ChartScale(axis: chart.xAxis, values: points.map(\.x), pixels: (plot.left + pad, plot.right - pad),
                                targetTicks: max(Int(plot.width / (text * 5)), 3))

        canvas.begin(width: style.width, height: height, title: chart.title, kind: "xy-chart \(chart.style.rawValue)")
        canvas.header(title: chart.title, subtitle: chart.subtitle)
        canvas.legend(legend, left: margin, top: headerHeight, maxWidth: style.width - 2 * margin)
        canvas.verticalAxis(yScale, ticks: yTicks, format: chart.yAxis.format, plot: plot,
                            title: chart.yAxis.title)
        drawXAxis(&canvas, scale: xScale, plot: plot)
        canvas.axisLines(plot)
        let referenceLines = drawReferenceLines(&canvas, scale: yScale, plot: plot)
        let labels = drawSeries(&canvas, xScale: xScale, yScale: yScale)
        let fronts = drawHighlights(&canvas, xScale: xScale, yScale: yScale)
        placeLabels(&canvas, points: labels, referenceLines: referenceLines, fronts: fronts, bounds: plot)
        return canvas
    }

    /// Tick marks (with gridlines) at every tick; labels on those that do not touch their
    /// neighbour. Ticks are the axis's own (e.g. the sizes measured) or computed ones.
    private func drawXAxis(_ canvas: inout ChartCanvas, scale: ChartScale, plot: ChartRect) {
        let values = chart.xAxis.ticks?.filter(scale.contains)
            ?? scale.ticks(maximumCount: max(Int(plot.width / (style.textSize * 4)), 2))
        var ticks: [(position: Double, label: String)] = []
        var lastRight = -Double.infinity
        for value in values.sorted() {
            guard let position = scale.position(value) else { continue }
            let label = chart.xAxis.format.label(value)
            let half = ChartStyle.textWidth(label, size: style.textSize) / 2
            let fits = position - half >= lastRight + style.textSize * 0.6 && position + half <= style.width
            ticks.append((position, fits ? label : ""))
            if fits { lastRight = position + half }
        }
        canvas.horizontalTicks(ticks, plot: plot, gridlines: true)
        canvas.horizontalAxisTitle(chart.xAxis.title, plot: plot)
    }

    /// Draws the reference lines and returns their pixel heights, for their labels.
    private func drawReferenceLines(_ canvas: inout ChartCanvas, scale: ChartScale,
                                    plot: ChartRect) -> [(label: String, y: Double)] {
        chart.referenceLines.compactMap { line in
            guard let y = scale.position(line.value) else { return nil }
            canvas.writer.element("line", [
                "class": "reference-line", "data-label": line.label,
                "x1": svg(plot.left), "y1": svg(y), "x2": svg(plot.right), "y2": svg(y),
                "stroke": ChartStyle.referenceColour, "stroke-width": "2",
            ], tooltip: line.label)
            return (line.label, y)
        }
    }

    /// Draws lines and markers; returns the labelled points: text, pixel position and the
    /// radius their label keeps clear of (a ringed point's ring).
    private func drawSeries(_ canvas: inout ChartCanvas, xScale: ChartScale,
                            yScale: ChartScale) -> [(text: String, x: Double, y: Double, radius: Double)] {
        var labelled: [(text: String, x: Double, y: Double, radius: Double)] = []
        let ringed = chart.highlights.filter { $0.kind == .ring }.flatMap(\.points)
        for (index, series) in chart.series.enumerated() {
            let colour = ChartStyle.colour(forSeries: index)
            var placed = series.points.compactMap { point -> (point: ChartPoint, x: Double, y: Double)? in
                guard let x = xScale.position(point.x), let y = yScale.position(point.y) else { return nil }
                return (point, x, y)
            }
            let shape = MarkerShape.forSeries(index)
            canvas.writer.open("g", ["class": "series", "data-series": series.name, "data-marker": "\(shape)"])
            if chart.style == .line {
                placed.sort { $0.point.x < $1.point.x }
                if placed.count > 1 {
                    let path = placed.enumerated().map { offset, point in
                        "\(offset == 0 ? "M" : "L")\(svg(point.x)) \(svg(point.y))"
                    }.joined()
                    canvas.writer.element("path", [
                        "class": "series-line", "d": path, "fill": "none", "stroke": colour,
                        "stroke-width": "2.2", "stroke-linejoin": "round",
                    ])
                }
            }
            for point in placed {
                canvas.marker(shape, x: point.x, y: point.y, radius: canvas.markerRadius, colour: colour,
                              attributes: ["class": "point"], tooltip: tooltip(point.point, series: series.name))
                if chart.style == .scatter, let label = point.point.label, !label.isEmpty {
                    let isRinged = ringed.contains { $0.x == point.point.x && $0.y == point.point.y }
                    labelled.append((label, point.x, point.y, isRinged ? canvas.ringRadius : canvas.markerRadius))
                }
            }
            canvas.writer.close("g")
        }
        return labelled
    }

    /// `"gzip 1: compression ratio 4.602×, compress throughput 178.3 MB/s"` (scatter) or
    /// `"kbench single, key size 64 B: throughput 5.874 GB/s"` (line).
    private func tooltip(_ point: ChartPoint, series: String) -> String {
        switch chart.style {
        case .scatter:
            "\(point.label ?? series): \(chart.yAxis.describe(point.y)), \(chart.xAxis.describe(point.x))"
        case .line:
            "\(series), \(chart.xAxis.describe(point.x)): \(chart.yAxis.describe(point.y))"
        }
    }

    /// Draws the rings and the fronts; returns the fronts' pixel points, which point labels avoid.
    private func drawHighlights(_ canvas: inout ChartCanvas, xScale: ChartScale,
                                yScale: ChartScale) -> [[(x: Double, y: Double)]] {
        var fronts: [[(x: Double, y: Double)]] = []
        for highlight in chart.highlights {
            let placed = highlight.points.compactMap { point -> (point: ChartPoint, x: Double, y: Double)? in
                guard let x = xScale.position(point.x), let y = yScale.position(point.y) else { return nil }
                return (point, x, y)
            }.sorted { $0.point.x < $1.point.x }
            canvas.writer.open("g", ["class": "highlight", "data-highlight": highlight.name])
            switch highlight.kind {
            case .front:
                fronts.append(placed.map { ($0.x, $0.y) })
                let path = placed.enumerated().map { offset, point in
                    "\(offset == 0 ? "M" : "L")\(svg(point.x)) \(svg(point.y))"
                }.joined()
                if placed.count > 1 {
                    canvas.writer.element("path", [
                        "class": "front-line", "d": path, "fill": "none", "stroke": ChartStyle.referenceColour,
                        "stroke-width": "1.5", "stroke-dasharray": "6 4",
                    ])
                }
            case .ring:
                let radius = canvas.ringRadius
                for point in placed {
                    canvas.ring(x: point.x, y: point.y, radius: radius, colour: ChartStyle.referenceColour,
                                attributes: ["class": "pick"], tooltip: "\(highlight.name): \(point.point.label ?? chart.yAxis.describe(point.point.y))")
                    canvas.recordMark(ChartRect(left: point.x - radius, top: point.y - radius,
                                                width: 2 * radius, height: 2 * radius))
                }
            }
            canvas.writer.close("g")
        }
        return fronts
    }

    /// Reference-line labels first, then point labels (ringed ones first), each clear of
    /// every mark and text;
    /// a point label with no free spot is left out: its marker's tooltip names it, and the
    /// chart's own tooltip lists it.
    private func placeLabels(_ canvas: inout ChartCanvas, points: [(text: String, x: Double, y: Double, radius: Double)],
                             referenceLines: [(label: String, y: Double)], fronts: [[(x: Double, y: Double)]],
                             bounds: ChartRect) {
        guard !points.isEmpty || !referenceLines.isEmpty else { return }
        var placer = LabelPlacer(obstacles: canvas.layout.marks + canvas.layout.texts.map(\.box),
                                 bounds: bounds, fontSize: style.textSize)
        let halo: SVGAttributes = [
            "stroke": "#FFFFFF", "stroke-width": "3", "paint-order": "stroke", "stroke-linejoin": "round",
        ]
        canvas.writer.open("g", ["class": "point-labels", "fill": ChartStyle.textColour] + halo)
        for line in referenceLines {
            guard let spot = placer.placeAlongLine(line.label, y: line.y, left: bounds.left, right: bounds.right) else { continue }
            canvas.text(line.label, x: spot.x, y: spot.y, anchor: spot.anchor, size: style.textSize, bold: false,
                        attributes: ["class": "reference-label"])
        }
        for front in fronts {
            for (start, end) in zip(front, front.dropFirst()) { placer.avoidSegment(from: start, to: end) }
        }
        var dropped: [String] = []
        // Ringed points (the picks) choose their spot first.
        let ringedFirst = points.filter { $0.radius > canvas.markerRadius } + points.filter { $0.radius <= canvas.markerRadius }
        for point in ringedFirst {
            guard let spot = placer.place(point.text, x: point.x, y: point.y, markerRadius: point.radius) else {
                dropped.append(point.text)
                continue
            }
            if let leader = spot.leader {
                canvas.writer.element("line", [
                    "class": "leader-line", "x1": svg(leader.x1), "y1": svg(leader.y1), "x2": svg(leader.x2),
                    "y2": svg(leader.y2), "stroke": ChartStyle.mutedTextColour, "stroke-width": "1",
                ])
            }
            canvas.text(point.text, x: spot.x, y: spot.y, anchor: spot.anchor, size: style.textSize,
                        attributes: ["class": "point-label"])
        }
        canvas.writer.close("g")
        if !dropped.isEmpty {
            canvas.retitle(chart.title + " (labels without room, on their points' tooltips: \(dropped.joined(separator: ", ")))")
        }
    }
}
