#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The log-gamma function and the regularized incomplete gamma functions P(a, x) and Q(a, x),
/// the building blocks of the chi-square p-value.
///
/// P and Q are evaluated where each converges fast: the power series of P for `x < a + 1`,
/// the continued fraction of Q (modified Lentz) otherwise, so a tiny tail probability is
/// computed directly rather than as `1 − P` (which would round to 0 long before Q does).
/// Relative accuracy is about 1e-13 or better for `a` up to 10⁶; results below the smallest
/// normal double underflow to 0.
public enum IncompleteGamma {
    /// Relative tolerance at which the series and the continued fraction stop.
    static let tolerance = 1e-15
    /// Iteration cap: both expansions need O(√a) steps; a cap keeps hostile input finite.
    static let maximumIterations = 100_000

    /// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine terms; reflection below 0.5).
    /// Returns +∞ for x ≤ 0 and NaN for NaN.
    public static func logGamma(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        guard x > 0 else { return .infinity }
        if x < 0.5 {
            // Γ(x) Γ(1 − x) = π / sin(πx)
            return log(Double.pi / sin(Double.pi * x)) - logGamma(1 - x)
        }
        let z = x - 1
        var sum = lanczos[0]
        for index in 1..<lanczos.count {
            sum += lanczos[index] / (z + Double(index))
        }
        let t = z + 7.5
        return 0.5 * log(2 * Double.pi) + (z + 0.5) * log(t) - t + log(sum)
    }

    /// Lanczos coefficients for g = 7, n = 9.
    private static let lanczos: [Double] = [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ]

    /// The regularized lower incomplete gamma function P(a, x) = γ(a, x) / Γ(a), for a > 0 and
    /// x ≥ 0 (NaN outside that domain). P rises from 0 at x = 0 to 1 as x → ∞.
    public static func regularizedLower(a: Double, x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return .nan }
        if x == 0 { return 0 }
        if x.isInfinite { return 1 }
        return x < a + 1 ? lowerSeries(a: a, x: x) : 1 - upperContinuedFraction(a: a, x: x)
    }

    /// The regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a) = 1 − P(a, x),
    /// for a > 0 and x ≥ 0 (NaN outside that domain).
    public static func regularizedUpper(a: Double, x: Double) -> Double {
        guard a > 0, x >= 0, a.isFinite, !x.isNaN else { return .nan }
        if x == 0 { return 1 }
        if x.isInfinite { return 0 }
        return x < a + 1 ? 1 - lowerSeries(a: a, x: x) : upperContinuedFraction(a: a, x: x)
    }

    /// e^(−x) x^a / Γ(a), the common factor of both expansions, computed in logs.
    private static func prefactor(a: Double, x: Double) -> Double {
        exp(a * log(x) - x - logGamma(a))
    }

    /// P(a, x) by its series: e^(−x) x^a / Γ(a) · Σₙ xⁿ / (a (a+1) … (a+n)).
    private static func lowerSeries(a: Double, x: Double) -> Double {
        var denominator = a
        var term = 1 / a
        var sum = term
        for _ in 0..<maximumIterations {
            denominator += 1
            term *= x / denominator
            sum += term
            if abs(term) < abs(sum) * tolerance { break }
        }
        return min(1, sum * prefactor(a: a, x: x))
    }

    /// Q(a, x) by its continued fraction
    /// e^(−x) x^a / Γ(a) · 1/(x+1−a− 1·(1−a)/(x+3−a− 2·(2−a)/(x+5−a− …))),
    /// evaluated with the modified Lentz method.
    private static func upperContinuedFraction(a: Double, x: Double) -> Double {
        let tiny = Double.leastNormalMagnitude / Double.ulpOfOne
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var fraction = d
        for step in 1...maximumIterations {
            let an = -Double(step) * (Double(step) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            fraction *= delta
            if abs(delta - 1) < tolerance { break }
        }
        return max(0, min(1, prefactor(a: a, x: x) * fraction))
    }
}
