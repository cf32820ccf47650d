/// A horizontal reference line: the mean across a bar panel, or a line of meaning on an XY
/// chart (`"1× = no saving"`).
package struct ReferenceLine: Sendable, Hashable, Codable {
    /// Label drawn by the line where it is clear of the data (on a bar panel the value is
    /// appended).
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
    /// A short figure drawn at the right of the panel's heading (e.g. `"max÷mean 1.006"`).
    package var note: String?

    /// A panel. With `showMean` (the default) a reference line labelled "mean" is added at
    /// the mean of the finite values.
    package init(
        title: String,
        values: [Double],
        showMean: Bool = true,
        referenceLines: [ReferenceLine] = [],
        highlighted: [Int] = [],
        note: String? = nil
    ) {
        self.title = title
        self.values = values
        self.highlighted = highlighted
        self.note = note
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
    package init<Counts: Collection>(title: String, counts: Counts, highlightMaximum: Bool = false, note: String? = nil)
    where Counts.Element: BinaryInteger {
        let values = counts.map { Double($0) }
        let hottest = highlightMaximum ? values.indices.max { values[$0] < values[$1] || (values[$0] == values[$1] && $0 > $1) } : nil
        self.init(title: title, values: values, highlighted: hottest.map { [$0] } ?? [], note: note)
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
    /// Whether bars show each value's deviation from its panel's mean (in percent) rather
    /// than the value, so small differences between near-even panels stay visible. The
    /// values (and the JSON) stay the counts; tooltips give both.
    package var deviationFromMean: Bool

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
        sharedScale: Bool = true,
        deviationFromMean: Bool = false
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
        self.deviationFromMean = deviationFromMean
    }
}

extension BarChart {
    private enum CodingKeys: String, CodingKey {
        case id, title, subtitle, categoryLabel, valueLabel, valueFormat, seriesName, highlightName, panels, sharedScale
        case deviationFromMean
    }

    /// Reads the form the synthesised encoder writes; `deviationFromMean` may be absent
    /// (reports written before it existed) and is then false.
    package init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            id: try c.decode(String.self, forKey: .id), title: try c.decode(String.self, forKey: .title),
            subtitle: try c.decodeIfPresent(String.self, forKey: .subtitle),
            categoryLabel: try c.decode(String.self, forKey: .categoryLabel),
            valueLabel: try c.decode(String.self, forKey: .valueLabel),
            valueFormat: try c.decode(AxisFormat.self, forKey: .valueFormat),
            seriesName: try c.decode(String.self, forKey: .seriesName),
            highlightName: try c.decode(String.self, forKey: .highlightName),
            panels: try c.decode([BarPanel].self, forKey: .panels),
            sharedScale: try c.decode(Bool.self, forKey: .sharedScale),
            deviationFromMean: try c.decodeIfPresent(Bool.self, forKey: .deviationFromMean) ?? false)
    }
}
