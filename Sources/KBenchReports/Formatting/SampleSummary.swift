/// Descriptive statistics of a sample of measurements (e.g. repeated timings): count,
/// mean, extremes, median and standard deviation. Generic — nothing Kafka-specific.
package struct SampleSummary: Sendable, Hashable, Codable {
    /// Number of finite values summarised (non-finite inputs are ignored).
    package var count: Int
    /// Arithmetic mean; 0 for an empty sample.
    package var mean: Double
    /// Smallest value; 0 for an empty sample.
    package var minimum: Double
    /// Largest value; 0 for an empty sample.
    package var maximum: Double
    /// Median (mean of the two middle values for an even count); 0 for an empty sample.
    package var median: Double
    /// Sample standard deviation (n − 1 denominator); 0 for fewer than two values.
    package var standardDeviation: Double

    /// Summarises `values`, ignoring NaN and infinities. Mean and variance use Welford's
    /// online algorithm, so large samples do not lose precision.
    package init<Values: Sequence>(_ values: Values) where Values.Element == Double {
        let finite = values.filter(\.isFinite).sorted()
        count = finite.count
        guard let first = finite.first, let last = finite.last else {
            (mean, minimum, maximum, median, standardDeviation) = (0, 0, 0, 0, 0)
            return
        }
        var runningMean = 0.0
        var sumOfSquares = 0.0
        for (index, value) in finite.enumerated() {
            let delta = value - runningMean
            runningMean += delta / Double(index + 1)
            sumOfSquares += delta * (value - runningMean)
        }
        mean = runningMean
        minimum = first
        maximum = last
        let middle = finite.count / 2
        median = finite.count % 2 == 1 ? finite[middle] : (finite[middle - 1] + finite[middle]) / 2
        standardDeviation = finite.count > 1 ? (sumOfSquares / Double(finite.count - 1)).squareRoot() : 0
    }

    /// Standard deviation ÷ mean (0 when the mean is 0).
    package var coefficientOfVariation: Double {
        mean == 0 ? 0 : standardDeviation / mean.magnitude
    }
}
