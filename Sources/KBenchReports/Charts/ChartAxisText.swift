/// Words for axes and tooltips: axis titles that say when they are logarithmic, and values
/// with their unit at tooltip precision.
extension ChartAxis {
    /// The title drawn along the axis: its label, plus "log scale" on a logarithmic axis.
    var title: String {
        scale == .linear ? label : label + ", log scale"
    }

    /// `value` with its meaning and unit for a tooltip, at ``AxisFormat/exact(_:)``
    /// precision: `"compression ratio 4.602×"`, `"compress throughput 178.3 MB/s"`,
    /// `"key size 64 B"`, `"83,019 keys/s"` (a label without a unit in parentheses follows
    /// the number).
    func describe(_ value: Double) -> String {
        let number = format.exact(value)
        switch format {
        case .bytes, .percent, .multiplier:
            return "\(unitSplit.name) \(number)"
        case .number:
            if let unit = unitSplit.unit { return "\(unitSplit.name) \(number) \(unit)" }
            return "\(number) \(label)"
        }
    }

    /// The label split into a name and the unit in its closing parentheses, when those hold
    /// a single word (`"p99 latency (ms)"` → `("p99 latency", "ms")`).
    private var unitSplit: (name: String, unit: String?) {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return (label, nil) }
        let unit = label[label.index(after: open)..<label.index(before: label.endIndex)]
        guard !unit.isEmpty, !unit.contains(" ") else { return (label, nil) }
        var name = String(label[..<open])
        while name.last == " " { name.removeLast() }
        return (name, String(unit))
    }
}

extension AxisFormat {
    /// `value` by ``NumberRule`` with more precision than a tick label (four significant
    /// digits; whole numbers as counts, without a fraction), for tooltips and reference
    /// lines: `83,019`, `110`, `4.602×`.
    func exact(_ value: Double) -> String {
        switch self {
        case .number where value == value.rounded() && value.magnitude < 1e15: NumberRule.count(value)
        case .number: NumberRule.quantity(value, digits: Self.exactDigits)
        case .bytes: UnitText.bytes(value)
        case .percent: UnitText.percent(value, places: 2)
        case .multiplier: NumberRule.quantity(value, digits: Self.exactDigits) + "×"
        }
    }

    /// Significant digits of tooltips and reference lines: one more than ``NumberRule``'s.
    static let exactDigits = NumberRule.significantDigits + 1
}
