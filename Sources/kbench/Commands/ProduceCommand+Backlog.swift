import ArgumentParser
import KafkaLive
import KBenchStudies

/// `kbench produce --end-to-end --backlog SIZE`: OpenMessaging Benchmark's backlog test.
struct BacklogOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("With --end-to-end: keep the consumers paused until this many value bytes are delivered (64MB, 1GiB), then resume them while producing goes on and report the drain.", valueName: "size"))
    var backlog: ByteSizeArgument?
}

extension ProduceCommand {
    /// The usage errors of `--backlog` that the options alone show.
    func validateBacklog() throws {
        guard let backlog = backlogOptions.backlog else { return }
        if !endToEnd { throw ValidationError("--backlog needs --end-to-end (the consumers whose drain it measures)") }
        try backlog.check("--backlog", in: 1...BacklogSettings.largestBytes)
        if producers.value > 1 { throw ValidationError("--backlog runs with one producer instance, not --producers \(producers.value)") }
        if transaction.transactionalID != nil { throw ValidationError("--backlog measures a run without transactions: not with --transactional-id") }
        if try Self.rateSteps(throughput).count > 1 || !sweep.isEmpty {
            throw ValidationError("--backlog measures one run: not with rate steps or --sweep")
        }
    }

    /// The usage errors of `--backlog` against the run's settings: a backlog the run cannot
    /// build, or (on the embedded cluster) more than it keeps of the topic.
    func checkBacklog(_ settings: ProduceSettings) throws {
        guard let backlog = settings.endToEnd?.backlog else { return }
        if let reason = BacklogSettings.unreachableReason(
            bytes: backlog.bytes, limit: settings.limit, meanValueSize: settings.values.meanSize,
            recordsPerSecond: settings.throughput.recordsPerSecond) {
            throw ValidationError(reason)
        }
        if settings.mockCluster != nil, let partitions = settings.partitions {
            let meanValueSize = Swift.max(Double(EndToEndStamp.size), settings.values.meanSize)
            let retained = BacklogSettings.embeddedRetainedValueBytes(partitions: partitions, meanValueSize: meanValueSize)
            if backlog.bytes > retained {
                let perPartition = BacklogSettings.embeddedRetainedValueBytes(partitions: 1, meanValueSize: meanValueSize)
                throw ValidationError("--backlog \(backlog.bytes) bytes is more than the embedded cluster keeps of \(partitions) partitions "
                    + "(about \(retained) value bytes: \(MockCluster.retainedBytesPerPartition >> 20) MiB of record batches each, librdkafka's mock): "
                    + "give --partitions \((backlog.bytes + perPartition - 1) / perPartition) or more, a smaller backlog, or --bootstrap")
            }
        }
    }
}
