import ArgumentParser
import Foundation
import KafkaLive
import KBenchReports
import KBenchStudies

/// `kbench consume`: the consumer benchmark through librdkafka (kafka-consumer-perf-test's figures).
struct ConsumeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "consume",
        abstract: "Consumer benchmark through librdkafka: how fast consumers read a topic back.",
        discussion: """
            Reads every record the topic holds when the run begins (the lag at start: high \
            watermark − start offset, summed over the partitions), or --messages of them, as \
            fast as librdkafka's consumers hand them over, and reports records/s and MB/s over \
            the whole read and per window (MB = 1024×1024; bytes = keys + values, as \
            kafka-consumer-perf-test counts them), the time to the first record, fetch \
            requests with the bytes and records per fetch (librdkafka statistics, \
            statistics.interval.ms=250 unless -X sets it), and the lag at start and end. \
            kafka-consumer-perf-test's header and line come first (start.time, end.time, \
            data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms, \
            fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec; times in UTC), then the tables.

            --consumers N reads with N librdkafka consumers, each on its own thread. Without \
            --group they share the partitions (dealt in turn), assigned from the low \
            watermark, and commit nothing. With --group G they subscribe to the topic in that \
            group (auto.offset.reset=earliest unless -X sets it; a group with committed \
            offsets starts from them): rebalance.time.ms = the time from the start until every \
            consumer that got partitions held them, and fetch.time.ms excludes it. The \
            embedded cluster's group coordinator (librdkafka 2.0.2's mock) waits 3 s before \
            the first rebalance and sometimes fails a SyncGroup of members joining together, \
            which stalls the group until the member's session times out: there the consumers \
            use session.timeout.ms=6000 and heartbeat.interval.ms=500 unless -X sets them.

            Without --bootstrap an embedded mock cluster is started in this process and the \
            topic is first written by a produce step: --seed-messages (default 100k) records \
            of --value-size bytes (default 100) over --partitions (default 6), null keys. \
            The mock cluster keeps only each partition's newest 5 MiB: records it dropped are \
            reported in the notes and not counted in the lag. With --bootstrap, \
            --seed-messages N produces N records first too (default none).

            The run ends when the target was read, or after --idle-timeout with nothing new, \
            counted only while the consumers hold every partition: a group's rebalance, the \
            first or a later one, stops it for up to 60 s (exit 1: fewer records read than \
            the topic held). "rebalance" is the time they did not hold every partition. A missing topic ends it at once \
            (exit 1). --format json carries the run as member "consume" (counts, times, \
            windows, fetch counters).

            Examples:
              kbench consume --seed-messages 50k
              kbench consume --seed-messages 20k --consumers 3 --group perf --format json
              kbench consume --bootstrap 127.0.0.1:9092 --topic orders --consumers 2
            """
    )

    @OptionGroup var cluster: LiveClusterOptions

    @Option(help: ArgumentHelp("Topic to read.", valueName: "name"))
    var topic = "kbench-produce"

    @Option(parsing: .unconditional, help: ArgumentHelp("Records to read at most (default: all the topic holds at the start; 1000, 10k, 1M).", valueName: "n"))
    var messages: CountArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Consumers reading, each on its own thread (default 1).", valueName: "n"))
    var consumers: CountArgument = 1

    @Option(help: ArgumentHelp("Consumer group the consumers join (subscribe); without it they are assigned the partitions directly.", valueName: "id"))
    var group: String?

    @Option(name: .customLong("seed-messages"), parsing: .unconditional, help: ArgumentHelp("Records produced to the topic before reading (default 100k on the embedded cluster, none with --bootstrap).", valueName: "n"))
    var seedMessages: CountArgument?

    @Option(name: .customLong("value-size"), parsing: .unconditional, help: ArgumentHelp("Value size of the seeded records (default 100).", valueName: "size"))
    var valueSize: ByteSizeArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Partitions of the seeded topic (default 6 on the embedded cluster).", valueName: "n"))
    var partitions: CountArgument?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Give up when no record arrived for this long (default 10s).", valueName: "duration"))
    var idleTimeout = DurationArgument(seconds: 10)

    @Option(name: .customLong("report-interval"), help: ArgumentHelp("Progress window length.", valueName: "duration"))
    var reportInterval = DurationArgument(seconds: 1)

    @Option(help: ArgumentHelp("Output: table (perf-test line, then tables), json, csv or markdown (progress lines go to stderr).", valueName: "format"))
    var format: ReportFormat = .table

    /// On the embedded cluster: librdkafka 2.0.2's mock coordinator sometimes answers a
    /// SyncGroup of members joining together with INVALID_REQUEST, and the group then waits
    /// for the stalled member's session to time out (45 s by default).
    static let embeddedGroupDefaults = ["session.timeout.ms": "6000", "heartbeat.interval.ms": "500"]

    func validate() throws {
        try consumers.check("--consumers", in: 1...64)
        try messages?.check("--messages", in: 1...Int.max)
        try seedMessages?.check("--seed-messages", in: 0...Int.max)
        try partitions?.check("--partitions", in: 1...100_000)
        try valueSize?.check("--value-size", in: 0...(64 << 20))
        if let group, group.isEmpty { throw ValidationError("--group is empty") }
        if reportInterval.milliseconds == 0 { throw ValidationError("--report-interval must be above 0") }
    }

    func run() throws {
        let (configuration, mockCluster) = try cluster.connect(defaults: cluster.bootstrap == nil ? Self.embeddedGroupDefaults : [:])
        let seeded = seedMessages?.value ?? (mockCluster == nil ? 0 : 100_000)
        if seeded > 0 { try seed(seeded, configuration: configuration, mockCluster: mockCluster) }
        let settings = ConsumeSettings(
            topic: topic, configuration: configuration, consumers: consumers.value, group: group, messages: messages?.value,
            timeout: cluster.timeout.duration, idleTimeout: idleTimeout.duration, reportInterval: reportInterval.duration,
            statisticsIntervalMilliseconds: Int(cluster.passedProperties["statistics.interval.ms"] ?? "") ?? 250)
        let progressToStdout = format == .table
        var result: ConsumeResult
        do {
            result = try ConsumeBenchmark.run(settings) { window in
                let line = ConsumeReport.windowLine(window)
                if progressToStdout { writeLine(line) } else { ReportOutput.note(line) }
            }
        } catch {
            throw CLIFailure("cannot consume from \(cluster.bootstrap ?? "the embedded cluster"): \(error)")
        }
        withExtendedLifetime(mockCluster) {}
        result.recorded = ConsumeRecordedSettings(
            messages: settings.messages, reportIntervalSeconds: Double(reportInterval.milliseconds) / 1000,
            properties: configuration.properties, host: MachineInfo.hostName())
        var parameters = [ReportFact("bootstrap", .text(cluster.bootstrap ?? "embedded librdkafka mock cluster (\(cluster.embeddedBrokers.value) brokers in this process; not a Kafka broker's figures)"))]
        if seeded > 0 { parameters.append(ReportFact("seeded", .text("\(seeded) records produced first (value \(valueSize?.bytes ?? 100) bytes, null keys)"))) }
        let document = ConsumeReport.document(result, parameters: parameters)
        if progressToStdout && !result.windows.isEmpty { writeLine("") }
        try ReportOutput.emit(document, format: format, to: nil, attachment: ("consume", result))
        guard result.complete else {
            throw CLIFailure("read \(result.records) of \(result.target) records: nothing new for \(idleTimeout.defaultValueDescription) (--idle-timeout)")
        }
    }

    /// Produces `count` records to the topic (created with --partitions on the embedded cluster).
    func seed(_ count: Int, configuration: KafkaConfiguration, mockCluster: MockCluster?) throws {
        let settings = ProduceSettings(
            topic: topic, limit: .messages(count), values: ValuePool(fixedSize: valueSize?.bytes ?? 100, seed: 1),
            configuration: configuration, partitions: partitions?.value ?? (mockCluster == nil ? nil : 6),
            mockCluster: mockCluster, connectTimeout: cluster.timeout.duration, reportInterval: .seconds(3600))
        let produced: ProduceResult
        do {
            produced = try ProduceBenchmark.run(settings) { _ in }
        } catch {
            throw CLIFailure("cannot seed \(topic) on \(cluster.bootstrap ?? "the embedded cluster"): \(error)")
        }
        guard produced.allDelivered else {
            throw CLIFailure("seeding \(topic): \(produced.sent - produced.delivered) of \(produced.sent) records were not delivered")
        }
        ReportOutput.note("kbench consume: seeded \(topic) with \(produced.delivered) records (\(NumberText.fixed(produced.recordsPerSecond, places: 0)) records/s)")
    }
}
