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
