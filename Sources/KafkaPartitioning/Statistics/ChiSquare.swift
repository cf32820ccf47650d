/// Pearson's chi-square goodness-of-fit test of per-partition counts against the uniform
/// distribution: how surprising the spread would be if every partition were equally likely.
///
/// `statistic = Σ (observedᵢ − expected)² / expected` with `expected = records / partitions`,
/// `degreesOfFreedom = partitions − 1`, and the p-value is the chi-square survival function
/// `Q(df/2, statistic/2)` (``IncompleteGamma/regularizedUpper(a:x:)``). A p-value near 0 says
/// the counts are far less even than chance allows (hot partitions); near 1, suspiciously even
/// (round robin).
public struct ChiSquareTest: Sendable, Hashable, Codable {
    /// The chi-square statistic (0 for perfectly even counts).
    public let statistic: Double
    /// Partitions − 1.
    public let degreesOfFreedom: Int
    /// P(χ² ≥ statistic) under uniform placement; nil when undefined (one partition, or no
    /// records).
    public let pValue: Double?

    /// The test of `counts` (one per partition) against equal shares.
    public init(counts: [Int]) {
        let partitions = counts.count
        let total = counts.reduce(0) { $0 &+ $1 }
        degreesOfFreedom = max(partitions - 1, 0)
        guard partitions > 1, total > 0 else {
            statistic = 0
            pValue = nil
            return
        }
        let expected = Double(total) / Double(partitions)
        var sum = 0.0
        for count in counts {
            let difference = Double(count) - expected
            sum += difference * difference
        }
        statistic = sum / expected
        pValue = ChiSquareTest.survival(statistic, degreesOfFreedom: degreesOfFreedom)
    }

    /// A test result from its parts (for decoding and tests).
    public init(statistic: Double, degreesOfFreedom: Int, pValue: Double?) {
        self.statistic = statistic
        self.degreesOfFreedom = degreesOfFreedom
        self.pValue = pValue
    }

    /// P(χ²_df ≥ x): the chi-square survival function, `Q(df/2, x/2)`. NaN for df < 1 or
    /// x < 0 (or NaN).
    public static func survival(_ x: Double, degreesOfFreedom: Int) -> Double {
        guard degreesOfFreedom >= 1, x >= 0 else { return .nan }
        return IncompleteGamma.regularizedUpper(a: Double(degreesOfFreedom) / 2, x: x / 2)
    }
}
