/// How an ``XYChart`` draws its series.
package enum XYChartStyle: String, Sendable, Hashable, Codable {
    /// Unconnected points, each with its label (e.g. `"zstd -3"`).
    case scatter
    /// Points joined by lines in x order, one marker shape per series.
    case line
}

/// One point of a series.
package struct ChartPoint: Sendable, Hashable, Codable {
    /// Horizontal value.
    package var x: Double
    /// Vertical value.
    package var y: Double
    /// Text drawn next to the point (scatter charts), e.g. `"zstd -3"`; `nil` for none.
    package var label: String?

    /// A point.
    package init(x: Double, y: Double, label: String? = nil) {
        self.x = x
        self.y = y
        self.label = label
    }
}

/// A named series of points, drawn in its own colour (and marker shape for line charts).
package struct ChartSeries: Sendable, Hashable, Codable {
    /// Legend name (e.g. `"kbench murmur2"`).
    package var name: String
    /// The points. Points that cannot be placed (non-finite, or ≤ 0 on a log axis) are
    /// skipped.
    package var points: [ChartPoint]

    /// A series.
    package init(name: String, points: [ChartPoint]) {
        self.name = name
        self.points = points
    }
}

/// A chart of series on two numeric axes: a scatter plot (codec ratio vs throughput) or a
/// line chart (throughput vs key size on a log₂ axis).
package struct XYChart: Sendable, Hashable, Codable {
    /// Stable machine name within the report; part of the SVG file name.
    package var id: String
    /// Title at the top.
    package var title: String
    /// Smaller line under the title, if any.
    package var subtitle: String?
    /// Scatter or line.
    package var style: XYChartStyle
    /// Horizontal axis.
    package var xAxis: ChartAxis
    /// Vertical axis.
    package var yAxis: ChartAxis
    /// The series, in legend order.
    package var series: [ChartSeries]
    /// Emphasised horizontal lines with their meaning (e.g. `"1× = as fast as librdkafka"`).
    package var referenceLines: [ReferenceLine]
    /// Points marked apart from their series: picks ringed, a Pareto front joined.
    package var highlights: [ChartHighlight]

    /// An XY chart.
    package init(
        id: String,
        title: String,
        subtitle: String? = nil,
        style: XYChartStyle,
        xAxis: ChartAxis,
        yAxis: ChartAxis,
        series: [ChartSeries],
        referenceLines: [ReferenceLine] = [],
        highlights: [ChartHighlight] = []
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.style = style
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
        self.referenceLines = referenceLines
        self.highlights = highlights
    }
}

extension XYChart {
    private enum CodingKeys: String, CodingKey {
        case id, title, subtitle, style, xAxis, yAxis, series, referenceLines, highlights
    }

    /// Reads the form the synthesised encoder writes; `referenceLines` and `highlights` may
    /// be absent (reports written before they existed).
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            subtitle: try c.decodeIfPresent(String.self, forKey: .subtitle),
            style: try c.decode(XYChartStyle.self, forKey: .style),
            xAxis: try c.decode(ChartAxis.self, forKey: .xAxis), yAxis: try c.decode(ChartAxis.self, forKey: .yAxis),
            series: try c.decode([ChartSeries].self, forKey: .series),
            referenceLines: try c.decodeIfPresent([ReferenceLine].self, forKey: .referenceLines) ?? [],
            highlights: try c.decodeIfPresent([ChartHighlight].self, forKey: .highlights) ?? [])
    }
}

/// Points of an ``XYChart`` marked apart from their series.
package struct ChartHighlight: Sendable, Hashable, Codable {
    /// How the points are marked.
    package enum Kind: String, Sendable, Hashable, Codable {
        /// A ring around each point (a recommendation, a knee).
        case ring
        /// A dashed line joining the points in x order (a Pareto front).
        case front
    }

    /// Legend name (e.g. `"pick"`, `"Pareto front"`).
    package var name: String
    /// Ring or front.
    package var kind: Kind
    /// The points marked (the same coordinates as in their series).
    package var points: [ChartPoint]

    /// A highlight.
    package init(name: String, kind: Kind, points: [ChartPoint]) {
        self.name = name
        self.kind = kind
        self.points = points
    }
}
