import Foundation

/// The one-sided exact binomial test the audit uses to tell a partitioner from chance.
package enum BinomialTest {
    /// `P(X ≥ successes)` for `X ~ Binomial(trials, probability)`: the exact tail, summed in
    /// log space from the probability mass at `successes` (or as one minus the lower tail
    /// when `successes` is below the mean), so it stays accurate for millions of trials.
    /// Values below about 1e-308 come out as 0.
    package static func upperTail(successes: Int, trials: Int, probability: Double) -> Double {
        guard successes > 0 else { return 1 }
        guard successes <= trials else { return 0 }
        guard probability > 0 else { return 0 }
        guard probability < 1 else { return 1 }
        let mean = Double(trials) * probability
        if Double(successes) > mean {
            return sumOfDecreasingTerms(from: successes, trials: trials, probability: probability, upward: true)
        }
        let lower = sumOfDecreasingTerms(from: successes - 1, trials: trials, probability: probability, upward: false)
        return Swift.max(0, 1 - lower)
    }

    /// `Σ P(X = i)` from `first` up to `trials` (`upward`) or down to 0, where the terms
    /// shrink from `first` on: each term is the previous one times the pmf ratio.
    private static func sumOfDecreasingTerms(from first: Int, trials: Int, probability: Double, upward: Bool) -> Double {
        let odds = probability / (1 - probability)
        var relative = 1.0
        var sum = 1.0
        var index = first
        while upward ? index < trials : index > 0 {
            if upward {
                relative *= Double(trials - index) / Double(index + 1) * odds
                index += 1
            } else {
                relative *= Double(index) / Double(trials - index + 1) / odds
                index -= 1
            }
            sum += relative
            if relative < sum * 1e-17 { break }
        }
        return exp(logMass(first, trials: trials, probability: probability) + log(sum))
    }

    /// `log P(X = successes)`.
    static func logMass(_ successes: Int, trials: Int, probability: Double) -> Double {
        let n = Double(trials)
        let k = Double(successes)
        return lgamma(n + 1) - lgamma(k + 1) - lgamma(n - k + 1) + k * log(probability) + (n - k) * log1p(-probability)
    }
}
