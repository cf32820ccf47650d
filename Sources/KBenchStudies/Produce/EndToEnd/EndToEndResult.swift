/// Records consumed checked against records delivered (``ProduceResult/endToEnd``).
package struct EndToEndResult: Sendable, Hashable, Codable {
    /// Consumers that read the topic (one thread and one librdkafka consumer each).
    package var consumers: Int
    /// Records the delivery reports said were delivered.
    package var delivered: Int
    /// Records of this run read, copies included.
    package var consumed: Int
    /// Delivered records read exactly once.
    package var exactlyOnce: Int
    /// Delivered records never read (``droppedByCluster`` + ``lost``).
    package var missing: Int
    /// Of the missing: records whose offsets the consumers found skipped because the cluster
    /// no longer held them (the embedded mock cluster keeps the newest 5 MiB per partition).
    package var droppedByCluster: Int
    /// Of the missing: records neither read nor dropped by the cluster.
    package var lost: Int
    /// Extra copies read (a record read twice counts 1).
    package var duplicated: Int
    /// Records of this run read although no delivery report said they were delivered (a
    /// message that failed after it was written, such as a timed-out retry).
    package var unreported: Int
    /// Records read without this run's stamp (written by others meanwhile).
    package var foreign: Int
    /// Consumer errors, by error.
    package var errors: [DeliveryFailureCount]
    /// Seconds the consumers read on after the last delivery report.
    package var tailSeconds: Double
    /// Whether they stopped because every delivered record was read or found dropped by the
    /// cluster (else the tail wait gave up).
    package var tailComplete: Bool
    /// The tail wait gives up after this long with nothing new read…
    package var tailIdleSeconds: Double
    /// …or this long in all.
    package var tailLimitSeconds: Double
    /// Distinct values of the run's pool shorter than the stamp, sent padded to its 16 bytes.
    package var paddedValues = 0
    /// The end-to-end latency of the records read (consume time − the send time carried in
    /// the record; each record counted once).
    package var latency: LatencyPercentiles
    /// Its mean, in milliseconds.
    package var averageLatencyMilliseconds: Double
    /// The histogram behind ``latency`` (µs).
    package var latencyHistogram: LatencyHistogram?

    /// With `--backlog`: the latency of the records read while the backlog drained…
    package var drainLatency: BacklogLatency?
    /// …and of the others (read once it had drained: the steady state).
    package var steadyLatency: BacklogLatency?
    /// With `--backlog`: the backlog built and its drain.
    package var backlog: BacklogResult?

    /// Whether every delivered record was read (or dropped by the cluster) and none is lost.
    package var nothingLost: Bool { lost == 0 }
}
