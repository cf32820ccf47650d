/// What defines a producer run, for deciding whether two runs can be merged: the member `run`
/// of `kbench produce --format json` holds it, and ``ProduceMerge`` refuses runs whose
/// settings differ (``firstDifference(from:)``).
package struct ProduceRunSettings: Sendable, Hashable, Codable {
    /// The topic.
    package var topic: String
    /// Its partition count during the run.
    package var partitions: Int
    /// How messages were placed (``ProducerPartitioner/description``).
    package var partitioner: String
    /// The keys (``ProduceKeys/description``).
    package var keys: String
    /// The values (``ValuePool/description``).
    package var values: String
    /// When sending stopped (``ProduceLimit/description``).
    package var limit: String
    /// The rate offered by one machine (records/s); nil: as fast as librdkafka takes them.
    package var offeredRecordsPerSecond: Int?
    /// Producer instances on one machine (`--producers`).
    package var producers: Int
    /// Whether consumers read the topic back (`--end-to-end`).
    package var endToEnd: Bool
    /// The librdkafka properties the run set (kbench's options and `-X`): the settings that
    /// shape batching and delivery. `bootstrap.servers` is in ``cluster``; values of
    /// properties whose names speak of passwords, secrets, tokens or keys are not written
    /// (``redacted``).
    package var properties: [String: String]
    /// The cluster: its bootstrap servers, or `embedded` (not compared: machines may reach one
    /// cluster through different addresses).
    package var cluster: String
    /// With `--backlog`: the backlog's value bytes (nil: none, and in files written before it
    /// was recorded).
    package var backlogBytes: Int?

    /// What stands for a secret property's value.
    package static let redacted = "(redacted)"

    /// Settings from their parts; `properties` without `bootstrap.servers`, secrets redacted.
    package init(topic: String, partitions: Int, partitioner: String, keys: String, values: String, limit: String,
                 offeredRecordsPerSecond: Int?, producers: Int, endToEnd: Bool, properties: [String: String], cluster: String,
                 backlogBytes: Int? = nil) {
        self.topic = topic
        self.partitions = partitions
        self.partitioner = partitioner
        self.keys = keys
        self.values = values
        self.limit = limit
        self.offeredRecordsPerSecond = offeredRecordsPerSecond
        self.producers = producers
        self.endToEnd = endToEnd
        self.properties = Self.recorded(properties)
        self.cluster = cluster
        self.backlogBytes = backlogBytes
    }

    /// The properties worth recording: no bootstrap servers, no secret values.
    static func recorded(_ properties: [String: String]) -> [String: String] {
        var result: [String: String] = [:]
        for (key, value) in properties where key != "bootstrap.servers" {
            let secret = ["password", "secret", "token", "jaas", "key"].contains { key.lowercased().contains($0) }
            result[key] = secret ? redacted : value
        }
        return result
    }

    /// The settings compared when merging, labelled, in order.
    private var compared: [(label: String, value: String)] {
        var fields: [(label: String, value: String)] = [
            ("topic", topic), ("partitions", String(partitions)), ("partitioner", partitioner), ("keys", keys),
            ("values", values), ("limit", limit),
            ("offered rate", offeredRecordsPerSecond.map { "\($0) records/s" } ?? "max"),
            ("producers", String(producers)), ("end-to-end", endToEnd ? "on" : "off"),
            ("backlog", backlogBytes.map { "\($0) bytes" } ?? "none"),
        ]
        for key in Set(properties.keys).sorted() { fields.append((key, properties[key] ?? "")) }
        return fields
    }

    /// The first setting in which `other` differs from these, as `compression.type lz4 vs
    /// zstd` (these settings' value first), nil when they agree.
    package func firstDifference(from other: ProduceRunSettings) -> String? {
        let mine = compared
        let theirs = Dictionary(other.compared, uniquingKeysWith: { first, _ in first })
        for (label, value) in mine where theirs[label] != value {
            return "\(label) \(value) vs \(theirs[label] ?? "unset")"
        }
        for key in other.properties.keys.sorted() where properties[key] == nil {
            return "\(key) unset vs \(other.properties[key] ?? "")"
        }
        return nil
    }
}

/// Messages counted by a run, or by merged runs (summed).
package struct ProduceRunCounts: Sendable, Hashable, Codable {
    /// Messages handed to librdkafka.
    package var sent: Int
    /// Messages the cluster acknowledged.
    package var delivered: Int
    /// Messages not delivered.
    package var failed: Int
    /// Value bytes of the delivered messages.
    package var deliveredBytes: Int

    /// Counts from their parts.
    package init(sent: Int, delivered: Int, failed: Int, deliveredBytes: Int) {
        self.sent = sent
        self.delivered = delivered
        self.failed = failed
        self.deliveredBytes = deliveredBytes
    }

    /// Both counted together.
    package static func + (lhs: ProduceRunCounts, rhs: ProduceRunCounts) -> ProduceRunCounts {
        ProduceRunCounts(sent: lhs.sent + rhs.sent, delivered: lhs.delivered + rhs.delivered,
                         failed: lhs.failed + rhs.failed, deliveredBytes: lhs.deliveredBytes + rhs.deliveredBytes)
    }
}

/// One machine's run within a (merged) run: the per-input line of `kbench merge`.
package struct ProduceRunPart: Sendable, Hashable, Codable {
    /// The machine's host name.
    package var host: String
    /// The file `kbench merge` read it from (nil until it was merged).
    package var source: String?
    /// From its first send to its last delivery report (UTC).
    package var window: WallClockWindow
    /// What it counted.
    package var counts: ProduceRunCounts
    /// Its own 99th percentile (ms): of the response time when paced, else of the service time.
    package var p99Milliseconds: Double
    /// A random identifier drawn when the run was recorded (nil in files written before it was).
    package var runID: String?

    /// A part from its fields.
    package init(
        host: String, source: String? = nil, window: WallClockWindow, counts: ProduceRunCounts, p99Milliseconds: Double,
        runID: String? = nil
    ) {
        self.host = host
        self.source = source
        self.window = window
        self.counts = counts
        self.p99Milliseconds = p99Milliseconds
        self.runID = runID
    }

    /// Whether `other` is this run again, wherever it was read from: the same ``runID``; for
    /// parts without one, the same host, window and counts.
    package func isSameRun(as other: ProduceRunPart) -> Bool {
        RunIdentity.same(runID, other.runID) { host == other.host && window == other.window && counts == other.counts }
    }

    /// Delivered messages per second over its own window.
    package var recordsPerSecond: Double { Rate.perSecond(counts.delivered, over: window.seconds) }
}

/// The latency histograms of a run, in microseconds.
package struct ProduceHistograms: Sendable, Hashable, Codable {
    /// Enqueue → delivery report.
    package var service: LatencyHistogram
    /// Intended send time → delivery report (fixed-rate runs only).
    package var response: LatencyHistogram?
    /// Send time → a consumer is handed the record (`--end-to-end` only).
    package var endToEnd: LatencyHistogram?

    /// Histograms from their parts.
    package init(service: LatencyHistogram, response: LatencyHistogram? = nil, endToEnd: LatencyHistogram? = nil) {
        self.service = service
        self.response = response
        self.endToEnd = endToEnd
    }

    /// Each present histogram with the name of its `.hgrm` file stem (`service`, `response`,
    /// `end-to-end`), in that order.
    package var named: [(name: String, histogram: LatencyHistogram)] {
        [("service", service)] + (response.map { [("response", $0)] } ?? []) + (endToEnd.map { [("end-to-end", $0)] } ?? [])
    }
}

/// A producer run in the form `kbench merge` combines: the member `run` of `kbench produce
/// --format json` (and of `kbench merge --format json`, so merged runs merge again).
package struct ProduceRun: Sendable, Hashable, Codable {
    /// The JSON member of a produce or merge report that holds the run.
    package static let jsonKey = "run"
    /// The layout version this kbench writes and reads.
    package static let currentVersion = 1

    /// Layout version of the record.
    package var version: Int
    /// What defines the run.
    package var settings: ProduceRunSettings
    /// One per machine's run, in the order merged.
    package var parts: [ProduceRunPart]
    /// Every part's counts summed.
    package var counts: ProduceRunCounts
    /// From the earliest start to the latest end of the parts.
    package var window: WallClockWindow
    /// Every part's histograms added.
    package var histograms: ProduceHistograms

    /// A record from its fields.
    package init(settings: ProduceRunSettings, parts: [ProduceRunPart], counts: ProduceRunCounts, window: WallClockWindow,
                 histograms: ProduceHistograms) {
        self.version = Self.currentVersion
        self.settings = settings
        self.parts = parts
        self.counts = counts
        self.window = window
        self.histograms = histograms
    }

    /// The record of one machine's run; nil when the result carries no histograms or window
    /// (results of ``ProduceBenchmark`` always do).
    package init?(_ result: ProduceResult, settings: ProduceRunSettings, host: String) {
        guard let histograms = result.histograms, let window = result.wallClock else { return nil }
        self.init(result, settings: settings, host: host, histograms: histograms, window: window)
    }

    /// The record of one machine's run with the given histograms and window (the result's own,
    /// or stand-ins when it has none).
    package init(_ result: ProduceResult, settings: ProduceRunSettings, host: String, histograms: ProduceHistograms, window: WallClockWindow) {
        let counts = ProduceRunCounts(sent: result.sent, delivered: result.delivered, failed: result.failed, deliveredBytes: result.deliveredBytes)
        let p99 = LatencyPercentiles((histograms.response ?? histograms.service).histogram).p99Milliseconds
        let part = ProduceRunPart(host: host, window: window, counts: counts, p99Milliseconds: p99, runID: RunIdentity.draw())
        self.init(settings: settings, parts: [part],
                  counts: counts, window: window, histograms: histograms)
    }
}

extension ProduceHistograms {
    /// HdrHistogram's scaling of microseconds to the milliseconds the `.hgrm` files show.
    package static let hgrmUnitRatio = 1000.0

    /// The `.hgrm` file of each non-empty histogram: `service.hgrm`, `response.hgrm`,
    /// `end-to-end.hgrm`, each HdrHistogram's percentile distribution
    /// (`outputPercentileDistribution`, 5 ticks per half distance, values in milliseconds),
    /// the text HdrHistogram's tools and plotters read.
    package var hgrmFiles: [(fileName: String, text: String)] {
        named.filter { $0.histogram.histogram.totalCount > 0 }.map { name, histogram in
            var text = ""
            histogram.histogram.outputPercentileDistribution(to: &text, outputValueUnitScalingRatio: Self.hgrmUnitRatio)
            return ("\(name).hgrm", text.hasSuffix("\n") ? text : text + "\n")
        }
    }
}

extension ProduceRunSettings {
    /// The settings of a run of `settings` that gave `result`, with the librdkafka
    /// `properties` kbench's options and `-X` set, against `cluster`.
    package init(_ result: ProduceResult, settings: ProduceSettings, properties: [String: String], cluster: String) {
        self.init(
            topic: result.topic, partitions: result.partitionCount, partitioner: result.partitioner, keys: result.keys,
            values: result.values, limit: settings.limit.description, offeredRecordsPerSecond: settings.throughput.recordsPerSecond,
            producers: settings.producers, endToEnd: settings.endToEnd != nil, properties: properties, cluster: cluster,
            backlogBytes: settings.endToEnd?.backlog?.bytes)
    }
}
