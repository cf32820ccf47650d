/// A matrix of shares drawn as coloured cells (e.g. how often two partitioners place a key
/// alike): rows top to bottom, columns left to right, each cell a value in 0 … 1 or missing.
package struct HeatmapChart: Sendable, Hashable, Codable {
    /// Stable machine name within the report; part of the SVG file name.
    package var id: String
    /// Title at the top.
    package var title: String
    /// Smaller line under the title, if any.
    package var subtitle: String?
    /// Row labels, top to bottom.
    package var rowLabels: [String]
    /// Column labels, left to right.
    package var columnLabels: [String]
    /// `values[row][column]` in 0 … 1 (nil: no value, drawn blank).
    package var values: [[Double?]]
    /// Legend text of the colour scale (e.g. `"share of keys on the same partition"`).
    package var valueLabel: String

    /// A heatmap; `values` has one row per row label and one value per column label.
    package init(
        id: String, title: String, subtitle: String? = nil, rowLabels: [String], columnLabels: [String],
        values: [[Double?]], valueLabel: String
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.values = values
        self.valueLabel = valueLabel
    }
}
