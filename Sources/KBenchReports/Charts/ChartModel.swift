/// A chart in a report: the data and labels only. ``SVGChartRenderer`` draws it; the JSON
/// form carries the same data, so the numbers behind every picture are in the report.
///
/// In JSON: `{"type": "bars", "chart": {…}}`, `{"type": "xy", "chart": {…}}` or
/// `{"type": "heatmap", "chart": {…}}`.
package enum Chart: Sendable, Hashable {
    /// Bars per category (e.g. keys per partition), one panel per series, with reference
    /// lines such as the mean.
    case bars(BarChart)
    /// Points or lines on two numeric axes (e.g. ratio vs throughput, throughput vs key size).
    case xy(XYChart)
    /// Shares in a matrix of coloured cells (e.g. partitioner agreement).
    case heatmap(HeatmapChart)

    /// Stable machine name within the report; part of the SVG file name.
    package var id: String {
        switch self {
        case .bars(let chart): chart.id
        case .xy(let chart): chart.id
        case .heatmap(let chart): chart.id
        }
    }

    /// Title shown on the chart.
    package var title: String {
        switch self {
        case .bars(let chart): chart.title
        case .xy(let chart): chart.title
        case .heatmap(let chart): chart.title
        }
    }
}

extension Chart: Codable {
    private enum CodingKeys: String, CodingKey {
        case type, chart
    }

    private enum Kind: String, Codable {
        case bars, xy, heatmap
    }

    /// Writes `{"type": …, "chart": …}`.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .bars(let chart):
            try container.encode(Kind.bars, forKey: .type)
            try container.encode(chart, forKey: .chart)
        case .xy(let chart):
            try container.encode(Kind.xy, forKey: .type)
            try container.encode(chart, forKey: .chart)
        case .heatmap(let chart):
            try container.encode(Kind.heatmap, forKey: .type)
            try container.encode(chart, forKey: .chart)
        }
    }

    /// Reads the form ``encode(to:)`` writes; an unknown type is a decoding error.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch try container.decode(Kind.self, forKey: .type) {
        case .bars: self = .bars(try container.decode(BarChart.self, forKey: .chart))
        case .xy: self = .xy(try container.decode(XYChart.self, forKey: .chart))
        case .heatmap: self = .heatmap(try container.decode(HeatmapChart.self, forKey: .chart))
        }
    }
}

/// A horizontal reference line across a bar panel (e.g. the mean).
package struct ReferenceLine: Sendable, Hashable, Codable {
    /// Label drawn at the line's right end (the value is appended by the renderer).
    package var label: String
    /// Height of the line in value units.
    package var value: Double

    /// A reference line at `value`.
    package init(label: String, value: Double) {
        self.label = label
        self.value = value
    }
}

/// One panel of a ``BarChart``: bars for categories 0, 1, 2… (e.g. partitions) and their
/// reference lines.
package struct BarPanel: Sendable, Hashable, Codable {
    /// Panel heading (e.g. `"java · max÷mean 1.006"`).
    package var title: String
    /// One bar per category, in category order (category `i` is labelled `i`).
    package var values: [Double]
    /// Horizontal lines drawn across the bars.
    package var referenceLines: [ReferenceLine]
    /// Categories drawn in the highlight colour (e.g. the hottest partition).
    package var highlighted: [Int]

    /// A panel. With `showMean` (the default) a reference line labelled "mean" is added at
    /// the mean of the finite values.
    package init(
        title: String,
        values: [Double],
        showMean: Bool = true,
        referenceLines: [ReferenceLine] = [],
        highlighted: [Int] = []
    ) {
        self.title = title
        self.values = values
        self.highlighted = highlighted
        let finite = values.filter(\.isFinite)
        if showMean, !finite.isEmpty {
            let mean = finite.reduce(0, +) / Double(finite.count)
            self.referenceLines = [ReferenceLine(label: "mean", value: mean)] + referenceLines
        } else {
            self.referenceLines = referenceLines
        }
    }
}

extension BarPanel {
    /// A panel from integer counts (e.g. keys per partition), with the mean line; with
    /// `highlightMaximum` the largest count (the first, on ties) is highlighted.
    package init<Counts: Collection>(title: String, counts: Counts, highlightMaximum: Bool = false)
    where Counts.Element: BinaryInteger {
        let values = counts.map { Double($0) }
        let hottest = highlightMaximum ? values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } : nil
        self.init(title: title, values: values, highlighted: hottest.map { [$0] } ?? [])
    }
}

/// Bars per category in one or more panels stacked vertically (small multiples), e.g. keys
/// per partition for each strategy. Panels share the value scale by default so heights
/// compare across panels. Designed for up to ~1000 categories: bars thin out to hairlines
/// and category ticks are thinned.
package struct BarChart: Sendable, Hashable, Codable {
    /// Stable machine name within the report; part of the SVG file name.
    package var id: String
    /// Title at the top.
    package var title: String
    /// Smaller line under the title, if any.
    package var subtitle: String?
    /// Label of the category axis (e.g. `"partition"`).
    package var categoryLabel: String
    /// Label of the value axis (e.g. `"keys"`).
    package var valueLabel: String
    /// How value ticks and reference-line values are written.
    package var valueFormat: AxisFormat
    /// Legend name of the bars (e.g. `"keys per partition"`).
    package var seriesName: String
    /// Legend name of highlighted bars (e.g. `"hottest partition"`).
    package var highlightName: String
    /// The panels, top to bottom.
    package var panels: [BarPanel]
    /// Whether all panels use one value scale (true) or each its own.
    package var sharedScale: Bool

    /// A bar chart.
    package init(
        id: String,
        title: String,
        subtitle: String? = nil,
        categoryLabel: String,
        valueLabel: String,
        valueFormat: AxisFormat = .number,
        seriesName: String? = nil,
        highlightName: String = "highlighted",
        panels: [BarPanel],
        sharedScale: Bool = true
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.categoryLabel = categoryLabel
        self.valueLabel = valueLabel
        self.valueFormat = valueFormat
        self.seriesName = seriesName ?? valueLabel
        self.highlightName = highlightName
        self.panels = panels
        self.sharedScale = sharedScale
    }
}

/// How an ``XYChart`` draws its series.
package enum XYChartStyle: String, Sendable, Hashable, Codable {
    /// Unconnected points, each with its label (e.g. `"zstd -3"`).
    case scatter
    /// Points joined by lines in x order, one marker shape per series.
    case line
}

/// Scale of a numeric axis.
package enum AxisScale: String, Sendable, Hashable, Codable {
    /// Linear; starts at zero when the axis says so.
    case linear
    /// Logarithmic base 2 (ticks at powers of two: 8, 16, … 65536).
    case log2
    /// Logarithmic base 10 (ticks at powers of ten, with 2 and 5 when the range is short).
    case log10
}

/// How tick labels of an axis are written.
package enum AxisFormat: String, Sendable, Hashable, Codable {
    /// Compact numbers with SI prefixes: `500`, `1.5k`, `20M`.
    case number
    /// Binary byte sizes: `8 B`, `1 KiB`, `64 KiB`.
    case bytes
    /// Fractions as percentages: `0.25` → `25%`.
    case percent
    /// Multipliers: `2` → `2×`.
    case multiplier

    /// `value` as a tick label in this format.
    package func label(_ value: Double) -> String {
        switch self {
        case .number: NumberText.compact(value)
        case .bytes: UnitText.bytes(value)
        case .percent: NumberText.trimmingZeros(NumberText.significant(value * 100, digits: 3)) + "%"
        case .multiplier: NumberText.compact(value) + "×"
        }
    }
}

/// A numeric axis of an ``XYChart``.
package struct ChartAxis: Sendable, Hashable, Codable {
    /// Axis title (e.g. `"compress throughput (MB/s)"`).
    package var label: String
    /// Linear or logarithmic.
    package var scale: AxisScale
    /// Tick label format.
    package var format: AxisFormat
    /// For linear scales: whether the axis starts at zero even if the data does not.
    package var startsAtZero: Bool
    /// Fixed lower end of the axis (value units), or `nil` to fit the data.
    package var minimum: Double?
    /// Fixed upper end of the axis (value units), or `nil` to fit the data.
    package var maximum: Double?

    /// An axis; linear, zero-based and compact-number ticks unless told otherwise.
    package init(
        label: String,
        scale: AxisScale = .linear,
        format: AxisFormat = .number,
        startsAtZero: Bool = true,
        minimum: Double? = nil,
        maximum: Double? = nil
    ) {
        self.label = label
        self.scale = scale
        self.format = format
        self.startsAtZero = startsAtZero
        self.minimum = minimum
        self.maximum = maximum
    }
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

    /// An XY chart.
    package init(
        id: String,
        title: String,
        subtitle: String? = nil,
        style: XYChartStyle,
        xAxis: ChartAxis,
        yAxis: ChartAxis,
        series: [ChartSeries]
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.style = style
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.series = series
    }
}
