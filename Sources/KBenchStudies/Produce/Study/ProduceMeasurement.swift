import Histogram

/// A producer run's result with the latency histograms (µs) behind its percentiles: what a
/// study of several runs (``ProduceStudy``) merges, so that its percentiles are read from
/// the runs' samples together, never averaged.
package struct ProduceMeasurement: Sendable {
    /// The run's result.
    package var result: ProduceResult
    /// Service time: enqueue → delivery report.
    package var service: Histogram<UInt64>
    /// Response time: intended send time → delivery report (empty unless the rate was fixed).
    package var response: Histogram<UInt64>
    /// End-to-end latency (with `--end-to-end`), else nil.
    package var endToEnd: Histogram<UInt64>?

    /// A measurement from its parts.
    package init(result: ProduceResult, service: Histogram<UInt64>, response: Histogram<UInt64>, endToEnd: Histogram<UInt64>?) {
        self.result = result
        self.service = service
        self.response = response
        self.endToEnd = endToEnd
    }
}
