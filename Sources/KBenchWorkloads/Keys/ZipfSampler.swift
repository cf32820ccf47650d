import KBenchRandom

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Draws ranks 1 … n with probability ∝ 1/k^s in constant time and memory, by
/// rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates
/// from monotone discrete distributions", ACM TOMACS 6(3), 1996): no table, so millions of
/// distinct keys cost nothing. An exponent of 0 is the uniform distribution.
package struct ZipfSampler: Sendable, Hashable {
    /// The number of ranks.
    package let rankCount: Int
    /// The exponent s.
    package let exponent: Double
    private let integralOfFirst: Double
    private let integralOfAll: Double
    private let squeeze: Double

    /// A sampler over `rankCount` ranks (at least 1) with `exponent` (≥ 0).
    package init(rankCount: Int, exponent: Double) {
        self.rankCount = Swift.max(1, rankCount)
        self.exponent = Swift.max(0, exponent)
        integralOfFirst = Self.integral(1.5, self.exponent) - 1
        integralOfAll = Self.integral(Double(self.rankCount) + 0.5, self.exponent)
        squeeze = 2 - Self.inverseIntegral(Self.integral(2.5, self.exponent) - Self.density(2, self.exponent), self.exponent)
    }

    /// The next rank in 1 … ``rankCount``.
    @inlinable
    package func nextRank(using random: inout SplitMix64) -> Int {
        if exponent == 0 { return 1 + random.next(below: rankCount) }
        return sample(uniform: { random.nextUnitDouble() })
    }

    @usableFromInline
    func sample(uniform: () -> Double) -> Int {
        while true {
            let u = integralOfAll + uniform() * (integralOfFirst - integralOfAll)
            let x = Self.inverseIntegral(u, exponent)
            let rounded = (x + 0.5).rounded(.down)
            let k = rounded < 1 ? 1 : (rounded >= Double(rankCount) ? rankCount : Int(rounded))
            let kValue = Double(k)
            if kValue - x <= squeeze || u >= Self.integral(kValue + 0.5, exponent) - Self.density(kValue, exponent) {
                return k
            }
        }
    }

    /// The probability of `rank` (for tests and reports; O(n) for the normalisation).
    package func probability(ofRank rank: Int) -> Double {
        guard rank >= 1, rank <= rankCount else { return 0 }
        var total = 0.0
        for k in 1...rankCount { total += Self.density(Double(k), exponent) }
        return Self.density(Double(rank), exponent) / total
    }

    /// h(x) = x^-s.
    static func density(_ x: Double, _ s: Double) -> Double {
        exp(-s * log(x))
    }

    /// H(x) = ∫ h, shifted so it is continuous in s at s = 1: ((x^(1-s)) - 1) / (1 - s), or log x.
    static func integral(_ x: Double, _ s: Double) -> Double {
        let logX = log(x)
        return expm1OverX((1 - s) * logX) * logX
    }

    /// The inverse of ``integral(_:_:)``.
    static func inverseIntegral(_ x: Double, _ s: Double) -> Double {
        var t = x * (1 - s)
        if t < -1 { t = -1 }  // guards log1p against rounding just below -1
        return exp(log1pOverX(t) * x)
    }

    /// log(1 + x) / x, accurate near 0.
    static func log1pOverX(_ x: Double) -> Double {
        abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x))
    }

    /// (e^x - 1) / x, accurate near 0.
    static func expm1OverX(_ x: Double) -> Double {
        abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x))
    }
}
