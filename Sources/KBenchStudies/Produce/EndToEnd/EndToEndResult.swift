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
    /// In a transactional run: delivered records of aborted transactions (``delivered``
    /// counts them; ``exactlyOnce`` and ``missing`` do not).
    package var abortedDelivered = 0
    /// In a transactional run: records of aborted transactions read (a `read_committed`
    /// consumer must read none).
    package var abortedRead = 0
    /// Offsets the consumers found skipped that the cluster still holds (not dropped): in a
    /// transactional run, commit/abort markers and records of aborted transactions the cluster
    /// hid from read_committed consumers (offsets after the last record read are not seen).
    package var offsetsWithoutRecord = 0
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
    /// Whether the consumers read with `isolation.level=read_committed` (a transactional run).
    package var readCommitted = false
    /// A transactional run on the embedded cluster: librdkafka 2.0.2's mock writes no commit or
    /// abort markers and names no aborted transaction in Fetch, so aborted records are read there.
    package var abortedVisibleOnEmbeddedCluster = false
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
    /// Delivered records of committed transactions (every delivered record without transactions).
    package var committed: Int { delivered - abortedDelivered }
    /// Whether the consumers saw no transaction marker: no offset without a record, although
    /// records of committed and aborted transactions were read (a cluster that writes no
    /// markers, as librdkafka 2.0.2's mock and `kbench broker` do not).
    package var noMarkersSeen: Bool { readCommitted && offsetsWithoutRecord == 0 && consumed > 0 }
    /// Whether aborted records were read where the cluster should have hidden them: a cluster
    /// that writes transaction markers (not the embedded cluster, whose mock writes none).
    package var abortedReadWrongly: Bool { abortedRead > 0 && !abortedVisibleOnEmbeddedCluster && !noMarkersSeen }
    /// Whether the report must say why aborted records were read (the embedded cluster).
    package var abortVisibleNoteNeeded: Bool { abortedVisibleOnEmbeddedCluster && abortedDelivered > 0 }
}
