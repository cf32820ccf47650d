import Foundation

/// Maps values of one axis to pixels and chooses its ticks: linear scales get "nice"
/// steps (1, 2, 5 × 10ⁿ), logarithmic ones powers of their base.
struct ChartScale {
    let kind: AxisScale
    /// Value interval shown (positive for logarithmic scales).
    let lower: Double
    let upper: Double
    /// Pixel positions of `lower` and `upper` (upper may be smaller, for a y axis).
    let pixelLower: Double
    let pixelUpper: Double
    /// Linear tick step (unused for logarithmic scales).
    let step: Double

    /// A scale fitted to `values` (non-finite values, and non-positive ones on a log scale,
    /// are ignored), honouring the axis's fixed ends and zero baseline, with about
    /// `targetTicks` ticks.
    init(axis: ChartAxis, values: [Double], pixels: (Double, Double), targetTicks: Int) {
        self.init(kind: axis.scale, values: values, minimum: axis.minimum, maximum: axis.maximum,
                  startsAtZero: axis.startsAtZero, pixels: pixels, targetTicks: targetTicks)
    }

    /// A scale over explicit parameters (see the axis-based initialiser).
    init(kind: AxisScale, values: [Double], minimum: Double?, maximum: Double?, startsAtZero: Bool,
         pixels: (Double, Double), targetTicks: Int) {
        self.kind = kind
        pixelLower = pixels.0
        pixelUpper = pixels.1
        let usable = values.filter { $0.isFinite && (kind == .linear || $0 > 0) }
        switch kind {
        case .linear:
            var low = minimum ?? usable.min() ?? 0
            var high = maximum ?? usable.max() ?? 1
            if startsAtZero, minimum == nil { low = min(low, 0) }
            if startsAtZero, maximum == nil { high = max(high, 0) }
            if high <= low {
                high = low == 0 ? 1 : low + low.magnitude
                if low > 0, startsAtZero { low = 0 }
            }
            step = Self.niceStep((high - low) / Double(max(targetTicks, 1)))
            // Ends on a finer grid than the ticks: a nice bound just above the data (220k
            // for 217k, not the next tick at 400k).
            let grid = Self.niceStep((high - low) / 12)
            lower = minimum ?? (low / grid).rounded(.down) * grid
            upper = maximum ?? (high / grid).rounded(.up) * grid
        case .log10:
            let low = minimum.flatMap { $0 > 0 ? $0 : nil } ?? usable.min() ?? 1
            let high = maximum.flatMap { $0 > 0 ? $0 : nil } ?? usable.max() ?? 10
            step = 0
            lower = minimum ?? Self.oneTwoFive(atMost: low)
            let top = maximum ?? Self.oneTwoFive(atLeast: high)
            upper = top > lower ? top : lower * 10
        case .log2:
            var low = minimum.flatMap { $0 > 0 ? $0 : nil } ?? usable.min() ?? 1
            var high = maximum.flatMap { $0 > 0 ? $0 : nil } ?? usable.max() ?? 2
            if minimum == nil { low = Foundation.pow(2, Self.logarithm(low, base: 2).rounded(.down)) }
            if maximum == nil { high = Foundation.pow(2, Self.logarithm(high, base: 2).rounded(.up)) }
            if high <= low { high = low * 2 }
            step = 0
            lower = low
            upper = high
        }
    }

    /// A scale over a known interval and step.
    init(kind: AxisScale, lower: Double, upper: Double, pixels: (Double, Double), step: Double) {
        self.kind = kind
        self.lower = lower
        self.upper = upper
        self.pixelLower = pixels.0
        self.pixelUpper = pixels.1
        self.step = step
    }

    /// The same value interval and ticks mapped onto new pixel positions.
    func withPixels(_ lower: Double, _ upper: Double) -> ChartScale {
        ChartScale(kind: kind, lower: self.lower, upper: self.upper, pixels: (lower, upper), step: step)
    }

    /// Pixel position of `value`, or `nil` if it cannot be placed (non-finite, or ≤ 0 on a
    /// logarithmic scale). Values outside the interval extrapolate.
    func position(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let fraction: Double
        switch kind {
        case .linear:
            fraction = (value - lower) / (upper - lower)
        case .log2, .log10:
            guard value > 0 else { return nil }
            fraction = Foundation.log(value / lower) / Foundation.log(upper / lower)
        }
        return pixelLower + fraction * (pixelUpper - pixelLower)
    }

    /// Whether `value` lies inside the interval (with a little tolerance for rounding).
    func contains(_ value: Double) -> Bool {
        let slack = (upper - lower).magnitude * 1e-9
        return value >= lower - slack && value <= upper + slack
    }

    /// Tick values, at most `maximumCount` of them (at least the two ends survive thinning).
    func ticks(maximumCount: Int) -> [Double] {
        let limit = max(maximumCount, 2)
        switch kind {
        case .linear:
            var step = self.step
            var ticks = Self.linearTicks(lower: lower, upper: upper, step: step)
            while ticks.count > limit {
                step = Self.niceStep(step * 1.01 + step)
                ticks = Self.linearTicks(lower: lower, upper: upper, step: step)
            }
            // The ends sit on a finer grid than the step: a step may leave one tick only.
            while ticks.count < min(3, limit) {
                let finer = Self.linearTicks(lower: lower, upper: upper, step: Self.niceStep(step * 0.49))
                guard finer.count <= limit, finer.count > ticks.count else { break }
                step = Self.niceStep(step * 0.49)
                ticks = finer
            }
            return ticks
        case .log2, .log10:
            let base = kind == .log2 ? 2.0 : 10.0
            let first = Int(Self.logarithm(lower, base: base).rounded(.up))
            let last = Int(Self.logarithm(upper, base: base).rounded(.down))
            guard first <= last else { return [lower, upper] }
            let powers = (first...last).map { Foundation.pow(base, Double($0)) }
            if kind == .log10 {
                let withMultiples = ((first - 1)...last)
                    .flatMap { exponent in [1.0, 2, 5].map { $0 * Foundation.pow(base, Double(exponent)) } }
                    .filter(contains)
                if withMultiples.count <= limit { return withMultiples }
            }
            let stride = (powers.count + limit - 1) / limit
            return powers.enumerated().compactMap { index, value in index % max(stride, 1) == 0 ? value : nil }
        }
    }

    /// The largest 1, 2 or 5 × 10ⁿ not above `value` (positive).
    static func oneTwoFive(atMost value: Double) -> Double {
        oneTwoFiveSteps(around: value).last { $0 <= value * (1 + 1e-9) } ?? value
    }

    /// The smallest 1, 2 or 5 × 10ⁿ not below `value` (positive).
    static func oneTwoFive(atLeast value: Double) -> Double {
        oneTwoFiveSteps(around: value).first { $0 >= value * (1 - 1e-9) } ?? value
    }

    private static func oneTwoFiveSteps(around value: Double) -> [Double] {
        let exponent = Foundation.log10(value).rounded(.down)
        return [-1.0, 0, 1].flatMap { shift in [1.0, 2, 5].map { $0 * Foundation.pow(10, exponent + shift) } }
    }

    /// The smallest of 1, 2, 5 × 10ⁿ not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        guard raw.isFinite, raw > 0 else { return 1 }
        let exponent = Foundation.log10(raw).rounded(.down)
        let magnitude = Foundation.pow(10, exponent)
        let fraction = raw / magnitude
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * magnitude
    }

    private static func linearTicks(lower: Double, upper: Double, step: Double) -> [Double] {
        guard step > 0, upper > lower else { return [lower] }
        let first = (lower / step - 1e-9).rounded(.up)
        let last = (upper / step + 1e-9).rounded(.down)
        guard last >= first, last - first < 10_000 else { return [lower, upper] }
        // Snap to a decimal grid finer than the step, so 12 × 0.2 is 2.4, not 2.4000000000000004.
        let grid = Foundation.pow(10, 6 - Foundation.log10(step).rounded(.down))
        return stride(from: first, through: last, by: 1).map { index in
            let value = (index * step * grid).rounded() / grid
            return value == 0 ? 0 : value  // never -0
        }
    }

    private static func logarithm(_ value: Double, base: Double) -> Double {
        // Exact for powers of the base, so 65536 gives 16, not 15.999….
        let result = Foundation.log(value) / Foundation.log(base)
        let rounded = result.rounded()
        return (result - rounded).magnitude < 1e-9 ? rounded : result
    }
}
