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
    /// Tick values to draw instead of computed ones (e.g. the key sizes measured, so the
    /// axis shows no size that was not measured); thinned when labels would touch.
    package var ticks: [Double]?

    /// An axis; linear, zero-based and compact-number ticks unless told otherwise.
    package init(
        label: String,
        scale: AxisScale = .linear,
        format: AxisFormat = .number,
        startsAtZero: Bool = true,
        minimum: Double? = nil,
        maximum: Double? = nil,
        ticks: [Double]? = nil
    ) {
        self.label = label
        self.scale = scale
        self.format = format
        self.startsAtZero = startsAtZero
        self.minimum = minimum
        self.maximum = maximum
        self.ticks = ticks
    }
}

extension ChartAxis {
    /// This axis with its ends fixed where a chart of `values` would put them, so charts of
    /// one study drawn from parts of its data share their ranges.
    package func fixingRange(over values: [Double]) -> ChartAxis {
        let scale = ChartScale(axis: self, values: values, pixels: (0, 1), targetTicks: 5)
        var axis = self
        axis.minimum = scale.lower
        axis.maximum = scale.upper
        return axis
    }
}
