/// Look of every chart: sizes, fonts and colours. One place, so all charts match.
///
/// Charts are scaled to the reader's screen (`viewBox`), so type sizes are set relative to
/// the chart's width: text keeps ``minimumPhoneTextPixels`` when the chart is shrunk to
/// ``phoneWidth`` pixels.
package struct ChartStyle: Sendable, Hashable {
    /// Total width of a chart in pixels (its `viewBox` width).
    package var width: Double
    /// Height of the plot area of an XY chart in pixels.
    package var plotHeight: Double
    /// Height of one bar panel's plot area when there are few panels.
    package var panelHeight: Double
    /// Font family list (system fonts only: charts stay self-contained).
    package var fontFamily: String

    /// The default style: 600 px wide, DejaVu/Helvetica/Arial sans-serif.
    package static let standard = ChartStyle(
        width: 600, plotHeight: 340, panelHeight: 100,
        fontFamily: "DejaVu Sans, Helvetica, Arial, sans-serif"
    )

    /// A style.
    package init(width: Double, plotHeight: Double, panelHeight: Double, fontFamily: String) {
        self.width = width
        self.plotHeight = plotHeight
        self.panelHeight = panelHeight
        self.fontFamily = fontFamily
    }

    /// Narrowest screen a chart must read on (a phone, in CSS pixels).
    package static let phoneWidth = 390.0
    /// Smallest text, in screen pixels, when the chart is shown ``phoneWidth`` wide.
    package static let minimumPhoneTextPixels = 11.0

    // Colours: a colour-blind-safe palette (Okabe–Ito, without yellow, plus brown and grey).
    static let seriesColours = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#8C564B", "#666666"]
    static let barColour = "#4C86B8"
    static let highlightColour = "#D55E00"
    static let referenceColour = "#111111"
    static let textColour = "#222222"
    static let mutedTextColour = "#5A5A5A"
    static let gridColour = "#E6E6E6"
    static let axisColour = "#444444"

    // Type sizes, in chart pixels.
    /// Ticks, labels, legend, subtitles: the smallest text, readable at phone width.
    var textSize: Double { width * Self.minimumPhoneTextPixels / Self.phoneWidth }
    /// The chart title.
    var titleSize: Double { textSize * 1.2 }
    /// Height of one line of ordinary text.
    var lineHeight: Double { textSize * 1.3 }

    /// Colour of series number `index` (cycling through the palette).
    static func colour(forSeries index: Int) -> String {
        seriesColours[index % seriesColours.count]
    }

    /// Width of `text` at `size` pixels (see ``TextMetrics``).
    static func textWidth(_ text: String, size: Double, bold: Bool = false) -> Double {
        TextMetrics.width(of: text, size: size, bold: bold)
    }
}
