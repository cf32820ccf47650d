import KBenchReports

/// One point of a study: settings run as a whole producer run, under a label.
package struct StudyPoint: Sendable {
    /// `50k records/s`, `linger-ms=5 compression=lz4`.
    package var label: String
    /// The run's settings.
    package var settings: ProduceSettings
    /// The librdkafka properties the run sets, as its ``ProduceRunSettings`` records them.
    package var properties: [String: String]
    /// The cluster, as ``ProduceRunSettings/cluster`` records it.
    package var cluster: String

    /// A point from its parts.
    package init(label: String, settings: ProduceSettings, properties: [String: String] = [:], cluster: String = "embedded") {
        self.label = label
        self.settings = settings
        self.properties = properties
        self.cluster = cluster
    }
}

/// Where a study is: for progress on stderr.
package struct StudyProgress: Sendable, Hashable {
    /// The run about to start, from 1.
    package var run: Int
    /// Runs in all (points × repeats).
    package var runs: Int
    /// The point's label.
    package var label: String
    /// The round (from 1) of `rounds`.
    package var round: Int
    /// Rounds (`--repeat`).
    package var rounds: Int
    /// Seconds the study has run so far.
    package var elapsedSeconds: Double

    /// Estimated seconds left: the mean run so far × the runs not yet finished (nil before the
    /// first run finished).
    package var remainingSeconds: Double? {
        run > 1 ? elapsedSeconds / Double(run - 1) * Double(runs - run + 1) : nil
    }
}

/// A study of several producer runs (`kbench produce --throughput 10k,50k,max`, `--sweep`): runs
/// every point in rounds — A B C, A B C, … (`--repeat`) — so that a machine getting slower or
/// faster during the study does not favour whichever point ran first, each run a fresh
/// producer on the same topic (created once: the later runs find it as the first left it), and
/// records each run in the form `kbench merge` combines (``StudyRow``); ``StudyFigures`` merges
/// each point's runs (histograms added, never percentiles averaged).
package enum ProduceStudy {
    /// Runs `points` `rounds` times in interleaved order on the machine `host`, calling `onRun`
    /// before each run; one row per point.
    ///
    /// - Throws: what ``ProduceBenchmark/run(_:onWindow:)`` throws, at the first run that
    ///   fails.
    package static func run(
        _ points: [StudyPoint], rounds: Int, host: String = MachineInfo.hostName(), onRun: (StudyProgress) -> Void = { _ in }
    ) throws -> [StudyRow] {
        let clock = ContinuousClock()
        let start = clock.now
        var measured: [[StudyRunRecord]] = Array(repeating: [], count: points.count)
        for round in 0..<rounds {
            for (index, point) in points.enumerated() {
                onRun(StudyProgress(
                    run: round * points.count + index + 1, runs: rounds * points.count, label: point.label,
                    round: round + 1, rounds: rounds, elapsedSeconds: start.duration(to: clock.now).seconds))
                let cpuBefore = ProcessCPUTime.seconds()
                let result = try ProduceBenchmark.run(point.settings)
                let cpuSeconds = ProcessCPUTime.seconds() - cpuBefore
                let settings = ProduceRunSettings(result, settings: point.settings, properties: point.properties, cluster: point.cluster)
                measured[index].append(StudyRunRecord(round: round + 1, result: result, cpuSeconds: cpuSeconds, settings: settings, host: host))
            }
        }
        return zip(points, measured).map { StudyRow(label: $0.label, offeredRecordsPerSecond: $0.settings.throughput.recordsPerSecond, runs: $1) }
    }
}
