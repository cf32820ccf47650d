import Testing
import KafkaPartitioning

/// Reference values computed once with SciPy 1.17.1 (system python3, not the test venv):
///   scipy.special.gammaincc(a, x), scipy.special.gammainc(a, x), math.lgamma(x),
///   scipy.stats.chi2.sf(x, df), scipy.stats.chisquare(counts).
/// They are vectors to compare against, not results of the code under test.
@Suite("Statistics: log-gamma, regularized incomplete gamma, chi-square")
struct ChiSquareTests {
    /// |actual − expected| within `relative` of |expected| (or `absolute` near 0).
    func close(_ actual: Double, _ expected: Double, relative: Double, absolute: Double = 0) -> Bool {
        abs(actual - expected) <= max(abs(expected) * relative, absolute)
    }

    // (x, math.lgamma(x))
    static let logGammaVectors: [(Double, Double)] = [
        (0.5, 0.5723649429247004), (1, 0.0), (1.5, -0.12078223763524543), (2, 0.0),
        (3.7, 1.4280723266653883), (10, 12.801827480081467), (100, 359.1342053695754),
        (504, 2629.9862548510328), (100_000, 1051287.7089736566),
    ]

    @Test("ln Γ matches math.lgamma")
    func logGamma() {
        for (x, expected) in Self.logGammaVectors {
            let actual = IncompleteGamma.logGamma(x)
            #expect(close(actual, expected, relative: 1e-13, absolute: 1e-14), "lgamma(\(x)) = \(actual), expected \(expected)")
        }
        #expect(IncompleteGamma.logGamma(0) == .infinity)
        #expect(IncompleteGamma.logGamma(.nan).isNaN)
    }

    // (a, x, gammaincc(a, x) = Q, gammainc(a, x) = P)
    static let gammaVectors: [(Double, Double, Double, Double)] = [
        (0.5, 1, 0.15729920705028105, 0.8427007929497151),
        (1, 0.1, 0.9048374180359595, 0.09516258196404044),
        (1, 1, 0.36787944117144245, 0.6321205588285577),
        (1, 10, 4.539992976248486e-05, 0.9999546000702375),
        (11, 5, 0.9863047314016171, 0.013695268598382914),
        (11, 11, 0.4598887026936868, 0.5401112973063135),
        (11, 30, 2.2348775738450672e-05, 0.9999776512242615),
        (11, 100, 1.1376879516952948e-30, 1.0),
        (50, 40, 0.9296649333406051, 0.07033506665939494),
        (99, 150, 3.8407275119012175e-06, 0.9999961592724881),
        (1008, 1008, 0.4958114767226647, 0.5041885232773353),
        (1008, 1200, 5.598178927298392e-09, 0.9999999944018211),
        (0.5, 0.001, 0.9643294082703201, 0.035670591729679894),
        (5, 1e-05, 1.0, 8.333263889186432e-28),
        (1000, 2000, 6.847349459617758e-136, 1.0),
        (100_000, 100_500, 0.05710326997602869, 0.9428967300239712),
        (100_000, 102_000, 1.650606135936284e-10, 0.9999999998349394),
    ]

    @Test("Q(a, x) and P(a, x) match scipy's gammaincc/gammainc, tails included")
    func incompleteGamma() {
        for (a, x, q, p) in Self.gammaVectors {
            // Large a: ln Γ(a) and a·ln x − x are ~10⁶, so the prefactor's exponent keeps ~1e-10.
            let tolerance = a >= 10_000 ? 1e-8 : 1e-11
            let upper = IncompleteGamma.regularizedUpper(a: a, x: x)
            let lower = IncompleteGamma.regularizedLower(a: a, x: x)
            #expect(close(upper, q, relative: tolerance), "Q(\(a), \(x)) = \(upper), expected \(q)")
            #expect(close(lower, p, relative: tolerance, absolute: 1e-300), "P(\(a), \(x)) = \(lower), expected \(p)")
        }
    }

    @Test("domain edges: Q(a, 0) = 1, Q(a, ∞) = 0, NaN outside the domain")
    func edges() {
        #expect(IncompleteGamma.regularizedUpper(a: 3, x: 0) == 1)
        #expect(IncompleteGamma.regularizedLower(a: 3, x: 0) == 0)
        #expect(IncompleteGamma.regularizedUpper(a: 3, x: .infinity) == 0)
        #expect(IncompleteGamma.regularizedUpper(a: 0, x: 1).isNaN)
        #expect(IncompleteGamma.regularizedUpper(a: 2, x: -1).isNaN)
        #expect(IncompleteGamma.regularizedUpper(a: 2, x: .nan).isNaN)
        #expect(IncompleteGamma.regularizedUpper(a: 1e6, x: 1e12) == 0)
    }

    // (x, df, chi2.sf(x, df))
    static let survivalVectors: [(Double, Int, Double)] = [
        (3.841458820694124, 1, 0.04999999999999989),
        (19.67513757, 11, 0.0500000000402017),
        (3.0, 11, 0.9907258863657353),
        (100, 11, 1.7858382448801597e-16),
        (10, 23, 0.991276645266689),
        (1100, 1008, 0.02250686723249037),
        (900, 1008, 0.9934690200077543),
        (101_000, 99_999, 0.012794947728403347),
        (0.5, 2, 0.7788007830714049),
        (400, 11, 6.119479210886159e-79),
    ]

    @Test("chi-square survival matches scipy.stats.chi2.sf")
    func survival() {
        for (x, df, expected) in Self.survivalVectors {
            let tolerance = df >= 10_000 ? 1e-8 : 1e-11
            let actual = ChiSquareTest.survival(x, degreesOfFreedom: df)
            #expect(close(actual, expected, relative: tolerance), "sf(\(x), \(df)) = \(actual), expected \(expected)")
        }
        #expect(ChiSquareTest.survival(1, degreesOfFreedom: 0).isNaN)
    }

    @Test("the test of counts matches scipy.stats.chisquare")
    func counts() {
        let uneven = ChiSquareTest(counts: [10, 20, 30, 40])
        #expect(uneven.statistic == 20)
        #expect(uneven.degreesOfFreedom == 3)
        #expect(close(uneven.pValue ?? -1, 0.00016974243555282632, relative: 1e-11))
        let even = ChiSquareTest(counts: [1000, 1000, 1000, 1000, 1000, 1001])
        #expect(close(even.statistic, 0.0008331944675887352, relative: 1e-12))
        #expect(close(even.pValue ?? -1, 0.9999999989344214, relative: 1e-12))
        let hot = ChiSquareTest(counts: [5, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7])
        #expect(close(hot.statistic, 62, relative: 1e-14))
        #expect(close(hot.pValue ?? -1, 3.932766476793761e-09, relative: 1e-10))
        #expect(ChiSquareTest(counts: [42]).pValue == nil)
        #expect(ChiSquareTest(counts: [0, 0, 0]).pValue == nil)
    }
}
