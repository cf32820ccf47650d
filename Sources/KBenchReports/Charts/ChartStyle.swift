import KBenchTerminal

/// Look of every chart: sizes, fonts and colours. One place, so all charts match.
package struct ChartStyle: Sendable, Hashable {
    /// Total width of a chart in pixels.
    package var width: Double
    /// Height of the plot area of an XY chart in pixels.
    package var plotHeight: Double
    /// Height of one bar panel's plot area when there are few panels.
    package var panelHeight: Double
    /// Font family list (system fonts only: charts stay self-contained).
    package var fontFamily: String

    /// The default style: 960 px wide, DejaVu/Helvetica/Arial sans-serif.
    package static let standard = ChartStyle(
        width: 960, plotHeight: 420, panelHeight: 150,
        fontFamily: "DejaVu Sans, Helvetica, Arial, sans-serif"
    )

    /// A style.
    package init(width: Double, plotHeight: Double, panelHeight: Double, fontFamily: String) {
        self.width = width
        self.plotHeight = plotHeight
        self.panelHeight = panelHeight
        self.fontFamily = fontFamily
    }

    // Colours: a colour-blind-safe palette (Okabe–Ito, without yellow, plus brown and grey).
    static let seriesColours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C564B", "#666666"]
    static let barColour = "#4C86B8"
    static let highlightColour = "#D55E00"
    static let referenceColour = "#111111"
    static let textColour = "#222222"
    static let mutedTextColour = "#5A5A5A"
    static let gridColour = "#E6E6E6"
    static let axisColour = "#444444"

    // Type sizes.
    static let titleSize = 18.0
    static let subtitleSize = 13.0
    static let labelSize = 12.0
    static let tickSize = 11.0
    static let pointLabelSize = 11.0

    /// Colour of series number `index` (cycling through the palette).
    static func colour(forSeries index: Int) -> String {
        seriesColours[index % seriesColours.count]
    }

    /// Rough width of `text` at `size` pixels in a sans-serif font (no font metrics are
    /// available; generous, so labels do not collide).
    static func textWidth(_ text: String, size: Double) -> Double {
        Double(DisplayWidth.of(text)) * size * 0.6
    }
}
