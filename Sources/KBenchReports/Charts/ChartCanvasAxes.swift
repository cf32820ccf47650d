/// Axes of a chart: gridlines, ticks, tick labels and axis titles.
extension ChartCanvas {
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
