/// Renders a ``Chart`` as a self-contained SVG document: hand-written SVG with no
/// scripts, fonts or external references, a white background, title, legend, axes with
/// ticks and labels. Output is deterministic (same chart, same bytes) and has no XML
/// prolog, so it can be saved as a `.svg` file or inlined into HTML as it is.
///
/// Elements carry classes for tools and tests: `bar`, `point`, `series-line`,
/// `reference-line`, `point-label`, `panel`, `legend`, `axis`.
package struct SVGChartRenderer: Sendable {
    /// Sizes, fonts and colours.
    package var style: ChartStyle

    /// A renderer with the given style (``ChartStyle/standard`` by default).
    package init(style: ChartStyle = .standard) {
        self.style = style
    }

    /// The chart as SVG text, ending in a newline.
    package func render(_ chart: Chart) -> String {
        switch chart {
        case .bars(let bars): BarChartRenderer(chart: bars, style: style).render()
        case .xy(let xy): XYChartRenderer(chart: xy, style: style).render()
        case .heatmap(let heatmap): HeatmapChartRenderer(chart: heatmap, style: style).render()
        }
    }

    /// Every overlap between two texts of the chart, or between a text and a data mark
    /// (marker, bar), as one line each; empty for a clean chart.
    package func layoutProblems(_ chart: Chart) -> [String] {
        layout(chart).overlaps()
    }

    /// Boxes of every text and data mark of the rendered chart.
    func layout(_ chart: Chart) -> ChartLayout {
        switch chart {
        case .bars(let bars): BarChartRenderer(chart: bars, style: style).layout()
        case .xy(let xy): XYChartRenderer(chart: xy, style: style).layout()
        case .heatmap(let heatmap): HeatmapChartRenderer(chart: heatmap, style: style).layout()
        }
    }
}
