import KBenchTerminal

/// The text of one progress line, e.g.
/// `compress  [=========>          ]  45%  4,500/10,000  1.20 k/s  ETA 0:04` —
/// a pure function of its inputs, so it is testable without a terminal.
package enum ProgressLine {
    /// The line for `completed` of `total` units after `elapsed` seconds, fitted into
    /// `width` columns (the bar shrinks first, then the line is cut). Without a total (or
    /// with a total of 0) it shows the count, rate and elapsed time instead of bar and ETA.
    package static func render(label: String, completed: Int, total: Int?, elapsedSeconds: Double,
                              unit: String = "", width: Int = 80) -> String {
        let label = Escaping.singleLine(label)
        let rate = elapsedSeconds > 0 ? Double(completed) / elapsedSeconds : 0
        let rateText = elapsedSeconds > 0 ? UnitText.rate(rate, unit: unit) : "—"
        guard let total, total > 0 else {
            let count = NumberText.grouped(Int64(completed)) + (unit.isEmpty ? "" : " \(unit)")
            return fit("\(label)  \(count)  \(rateText)  \(UnitText.clock(seconds: elapsedSeconds))", width: width)
        }
        let fraction = min(max(Double(completed) / Double(total), 0), 1)
        let percent = NumberText.fixed(fraction * 100, places: 0) + "%"
        let count = "\(NumberText.grouped(Int64(completed)))/\(NumberText.grouped(Int64(total)))"
        let remaining = rate > 0 ? Double(max(total - completed, 0)) / rate : .infinity
        let eta = "ETA " + UnitText.clock(seconds: remaining)
        let tail = "  \(DisplayWidth.padded(percent, to: 4, alignment: .right))  \(count)  \(rateText)  \(eta)"
        let barWidth = min(40, width - DisplayWidth.of(label) - DisplayWidth.of(tail) - 4)
        guard barWidth >= 5 else { return fit(label + tail, width: width) }
        return fit("\(label)  \(bar(fraction, width: barWidth))\(tail)", width: width)
    }

    /// `[=====>    ]` with `width` cells between the brackets.
    static func bar(_ fraction: Double, width: Int) -> String {
        let filled = min(Int((fraction * Double(width)).rounded(.down)), width)
        if filled >= width { return "[" + String(repeating: "=", count: width) + "]" }
        return "[" + String(repeating: "=", count: filled) + ">" + String(repeating: " ", count: width - filled - 1) + "]"
    }

    private static func fit(_ line: String, width: Int) -> String {
        DisplayWidth.of(line) <= width ? line : DisplayWidth.truncated(line, to: max(width, 1))
    }
}
