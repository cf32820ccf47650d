import ArgumentParser
import Foundation
import KafkaCompression
import KafkaLive
import KafkaPartitioning
import KBenchReports
import KBenchStudies
import KBenchWorkloads

/// `kbench produce`: the producer benchmark through librdkafka.
struct ProduceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "produce",
        abstract: "Producer benchmark through librdkafka, with every partition checked against kbench's prediction.",
        discussion: """
            Sends messages as fast as librdkafka takes them and prints progress windows and \
            a final line in kafka-producer-perf-test's format (records/s, MB/s with MB = \
            1024×1024, avg/max latency, 50th/95th/99th/99.9th percentiles), latency being \
            the time from enqueueing to the delivery report (HdrHistogram). Then: messages \
            delivered per partition; every delivery report's partition checked against \
            kbench's prediction for the partitioner (exact for keys; null keys under \
            sticky/random strategies are reported as not predictable per record); delivery \
            failures counted by error. Exit status 1 when any message was not delivered.

            Bytes on the wire come from librdkafka's statistics (statistics.interval.ms=250 \
            unless -X sets it; 0 turns them off): the record batches' bytes as sent (61-byte \
            headers and codec framing included), batches, records per batch and the ratio \
            key+value bytes ÷ wire bytes, summed over every emission up to one made after \
            the last delivery report (librdkafka's batch figures are per interval). Beside \
            them, `kbench compress --client librdkafka`'s prediction for the run's first \
            messages with the run's codec, compression.level, batch.size, message.max.bytes \
            and batch.num.messages (full batches: when linger.ms sends batches before they fill, the report says so).

            Without --bootstrap an embedded mock cluster is started in this process (the \
            topic gets --partitions, default 6; its figures are librdkafka's mock cluster's, \
            no network or disk, and it keeps only the newest 5 MiB of each partition: the \
            report's notes say when it dropped delivered messages). With --bootstrap and \
            --partitions N, a missing topic is created with N partitions through the Admin \
            API, and the run stops before sending unless the topic has N partitions (it \
            existed with others, or the cluster does not serve CreateTopics, as `kbench \
            broker` does not: create the topic there with --topic NAME:N). Without \
            --partitions the topic is used as it is (or auto-created by the cluster).

            Counts (--messages, --partitions, --max-in-flight, key specs) take 1000, 1_000, \
            10k, 1M, 1G (k = 1,000).

            Partitioners: librdkafka's own (random, consistent, consistent_random = default, \
            murmur2, murmur2_random, fnv1a, fnv1a_random; also as librdkafka:NAME) through \
            its `partitioner` property; any other kbench strategy (java, sarama:hash, \
            kafkajs:legacy, … see `kbench partitions --help`) through a partitioner callback.

            Sending keeps at most --max-in-flight messages unacknowledged: by default twice \
            the bandwidth-delay product measured as the run goes (peak delivery rate × the \
            longer of linger.ms and the fastest delivery), enough to keep librdkafka's batches \
            full without a standing queue in its buffers. Messages go to librdkafka 64 at a \
            time (rd_kafka_produce_batch: one enqueue time and timestamp per batch), values \
            referenced rather than copied (they stay in memory for the run). Latency \
            = delivery report − enqueue, the report side's clock read once per 16 reports \
            (--exact-latency: every report).

            Keys as in `kbench partitions`: --generate seq:PREFIX:N | uuid:N | random:LEN:N | \
            zipf:S:N[:KEYS] (seeded by --seed), or --keys FILE (one per line, - = stdin); \
            null keys when neither. Without --messages or --duration, one message per key \
            (or 100000 with null keys or a key file); keys cycle when messages outnumber them.

            Examples:
              kbench produce --messages 1M --value-size 100
              kbench produce --messages 1M --generate seq:user-:10000 --partitioner java
              kbench produce --generate zipf:1.1:100k --partitioner java --partitions 12 --compression zstd
              kbench produce --bootstrap 127.0.0.1:9092 -X queue.buffering.max.kbytes=65536 --topic perf --duration 5s --acks all --idempotence
              kbench produce --keys users.txt --corpus json --partitioner murmur2_random --format json
            """
    )

    @OptionGroup var cluster: LiveClusterOptions

    @Option(help: ArgumentHelp("Topic to produce to.", valueName: "name"))
    var topic = "kbench-produce"

    @Option(parsing: .unconditional, help: ArgumentHelp("Create the topic with this many partitions (default 6 on the embedded cluster); with --bootstrap, the run stops unless the topic has them.", valueName: "n"))
    var partitions: CountArgument?

    @Option(parsing: .unconditional, help: ArgumentHelp("Number of messages to send (1000, 10k, 1M, 1G).", valueName: "n"))
    var messages: CountArgument?

    @Option(help: ArgumentHelp("Send for this long instead of a message count (e.g. 30s).", valueName: "duration"))
    var duration: DurationArgument?

    @Option(name: .customLong("value-size"), parsing: .unconditional, help: ArgumentHelp("Value size: one random A–Z payload reused, as kafka-producer-perf-test's --record-size (default 100).", valueName: "size"))
    var valueSize: ByteSizeArgument?

    @Option(help: ArgumentHelp("Values from a built-in corpus: \(PayloadCorpus.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "corpus"))
    var corpus: PayloadCorpus?

    @Option(help: ArgumentHelp("Values from your file (one per line), directory (one file each) or - for stdin.", valueName: "path"))
    var payload: String?

    @Option(name: .customLong("payload-format"), help: ArgumentHelp("How --payload splits into records: lines, files, length-delimited.", valueName: "format"))
    var payloadFormat: PayloadFormat?

    @Option(help: ArgumentHelp("Generated keys: \(KeySpec.syntax).", valueName: "spec"))
    var generate: String?

    @Option(help: ArgumentHelp("Keys from a file, one per line (- = stdin).", valueName: "path"))
    var keys: String?

    @Option(help: ArgumentHelp("Seed of generated keys, values and random partitioners.", valueName: "n"))
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp("librdkafka partitioner name or kbench strategy (default consistent_random, librdkafka's default).", valueName: "name"))
    var partitioner = "consistent_random"

    @Option(help: ArgumentHelp("compression.type: none, gzip, snappy, lz4, zstd.", valueName: "codec"))
    var compression: CompressionType?

    @Option(name: .customLong("compression-level"), parsing: .unconditional, help: ArgumentHelp("compression.level (librdkafka's scale; -1 = codec default).", valueName: "level"))
    var compressionLevel: Int?

    @Option(name: .customLong("linger-ms"), parsing: .unconditional, help: ArgumentHelp("linger.ms.", valueName: "ms"))
    var lingerMilliseconds: Double?

    @Option(name: .customLong("batch-size"), parsing: .unconditional, help: ArgumentHelp("batch.size (bytes, units allowed).", valueName: "size"))
    var batchSize: ByteSizeArgument?

    @Option(help: ArgumentHelp("acks: all (-1), 0 or 1.", valueName: "acks"))
    var acks: String?

    @Flag(help: "enable.idempotence=true (exactly-once, in-order delivery per partition).")
    var idempotence = false

    @Option(name: .customLong("message-timeout"), help: ArgumentHelp("message.timeout.ms: how long librdkafka retries one message before failing it.", valueName: "duration"))
    var messageTimeout = DurationArgument(seconds: 30)

    @Option(name: .customLong("report-interval"), help: ArgumentHelp("Progress window length.", valueName: "duration"))
    var reportInterval = DurationArgument(seconds: 5)

    @Option(name: .customLong("max-in-flight"), parsing: .unconditional, help: ArgumentHelp("Messages sent but not yet reported on, at most: adaptive (twice the measured bandwidth-delay product), unlimited (librdkafka's queue.buffering.max.messages only) or a count.", valueName: "n"))
    var maxInFlight = "adaptive"

    @Flag(name: .customLong("exact-latency"), help: "Read the clock for every delivery report (rd_kafka_message_latency) instead of once per 16 reports.")
    var exactLatency = false

    @Option(help: ArgumentHelp("Output: table (perf-test lines, then tables) or json (progress lines go to stderr).", valueName: "format"))
    var format: ReportFormat = .table

    @Option(name: .customLong("export-messages"), help: ArgumentHelp("Write the messages that would be sent to FILE (key<TAB>value lines, or values alone with null keys) and exit: the input for `kcat -P -K '\\t' -l FILE`.", valueName: "file"))
    var exportMessages: String?

    func validate() throws {
        if messages != nil && duration != nil { throw ValidationError("give --messages or --duration, not both") }
        try messages?.check("--messages", in: 1...Int.max)
        try partitions?.check("--partitions", in: 1...100_000)
        if [valueSize != nil, corpus != nil, payload != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give one of --value-size, --corpus, --payload")
        }
        try valueSize?.check("--value-size", in: 0...(64 << 20))
        try batchSize?.check("--batch-size", in: 1...Int(Int32.max))
        if let compressionLevel, !(-1...12).contains(compressionLevel) {
            throw ValidationError("--compression-level must be -1…12 (librdkafka's range; -1: the codec's default), got \(compressionLevel)")
        }
        if let lingerMilliseconds, !(0...900_000).contains(lingerMilliseconds) {
            throw ValidationError("--linger-ms must be 0…900000, got \(lingerMilliseconds)")
        }
        if generate != nil && keys != nil { throw ValidationError("give --generate or --keys, not both") }
        if let generate {
            do { _ = try KeySpec(parsing: generate) } catch { throw ValidationError("\(error)") }
        }
        do { _ = try ProducerPartitioner(name: partitioner) } catch { throw ValidationError("\(error)") }
        if let acks, !["all", "-1", "0", "1"].contains(acks) { throw ValidationError("--acks must be all, -1, 0 or 1, got '\(acks)'") }
        if idempotence, let acks, acks == "0" || acks == "1" { throw ValidationError("--idempotence requires --acks all") }
        if SendWindow(argument: maxInFlight) == nil {
            throw ValidationError("--max-in-flight must be adaptive, unlimited or a count ≥ 1, got '\(maxInFlight)'")
        }
    }

    /// The librdkafka properties the options stand for (`-X` overrides them).
    var producerDefaults: [String: String] {
        var properties: [String: String] = ["message.timeout.ms": String(messageTimeout.milliseconds)]
        if let compression { properties["compression.type"] = compression.description }
        if let compressionLevel { properties["compression.level"] = String(compressionLevel) }
        if let lingerMilliseconds { properties["linger.ms"] = String(lingerMilliseconds) }
        if let batchSize { properties["batch.size"] = String(batchSize.bytes) }
        if let acks { properties["acks"] = acks }
        if idempotence { properties["enable.idempotence"] = "true" }
        return properties
    }

    func makeValues() throws -> ValuePool {
        if let corpus { return ValuePool.corpus(corpus, seed: seed) }
        if let payload {
            do {
                var source = try PayloadFile.open(path: payload, format: payloadFormat)
                return try ValuePool.payload(&source)
            } catch {
                throw CLIFailure("\(error)")
            }
        }
        return ValuePool(fixedSize: valueSize?.bytes ?? 100, seed: seed)
    }

    func makeKeys() throws -> ProduceKeys {
        if let generate { return .generated(try KeySpec(parsing: generate), seed: seed) }
        if let keys { return .file(keys) }
        return .none
    }

    func run() throws {
        let keys = try makeKeys()
        let values = try makeValues()
        let limit: ProduceLimit
        if let duration {
            limit = .duration(duration.duration)
        } else if let messages {
            limit = .messages(messages.value)
        } else if case .generated(let spec, _) = keys {
            limit = .messages(spec.count)
        } else {
            limit = .messages(100_000)
        }
        if let exportMessages {
            guard case .messages(let count) = limit else { throw CLIFailure("--export-messages needs a message count, not --duration") }
            let written: Int
            do { written = try ProduceExport.write(keys: keys, values: values, count: count, to: exportMessages) } catch { throw CLIFailure("\(error)") }
            if written < count { ReportOutput.note("kbench produce: the keys ran out after \(written) messages (\(keys) cannot be re-read)") }
            return
        }
        let chosen = try ProducerPartitioner(name: partitioner, seed: seed)
        let (configuration, mockCluster) = try cluster.connect(defaults: producerDefaults)
        let settings = ProduceSettings(
            topic: topic, limit: limit, keys: keys, values: values, partitioner: chosen,
            configuration: configuration,
            partitions: partitions?.value ?? (mockCluster == nil ? nil : 6),
            mockCluster: mockCluster,
            connectTimeout: cluster.timeout.duration,
            flushTimeout: .milliseconds(messageTimeout.milliseconds + 10_000),
            reportInterval: reportInterval.duration,
            window: SendWindow(argument: maxInFlight) ?? .adaptive,
            exactLatency: exactLatency)
        let progressToStdout = format == .table
        let result: ProduceResult
        var windowsPrinted = false
        do {
            result = try ProduceBenchmark.run(settings) { window in
                let line = ProduceReport.windowLine(window)
                if progressToStdout { writeLine(line) } else { ReportOutput.note(line) }
                windowsPrinted = true
            }
        } catch let error as KafkaLiveError {
            if case .topicPartitions(let topic, _, let asked, _) = error {
                throw CLIFailure("\(cluster.bootstrap ?? "the embedded cluster"): \(error); create it with \(asked) partitions first "
                    + "(on a kbench broker: --topic \(topic):\(asked)), or drop --partitions")
            }
            let target = cluster.bootstrap.map { "cannot produce to \($0)" } ?? "cannot produce to the embedded cluster"
            throw CLIFailure("\(target): \(error)")
        } catch let error as KeyReadError {
            throw CLIFailure("\(error)")
        }
        withExtendedLifetime(mockCluster) {}
        let parameters = [
            ReportFact("bootstrap", .text(cluster.bootstrap ?? "embedded librdkafka mock cluster (\(cluster.embeddedBrokers.value) brokers in this process: no network, no disk; not a Kafka broker's figures)")),
            ReportFact("limit", .text(limit.description)),
            ReportFact("settings", .text(producerDefaults.merging(cluster.passedProperties) { $1 }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))),
        ]
        let document = ProduceReport.document(result, parameters: parameters)
        if progressToStdout && windowsPrinted { writeLine("") }
        try ReportOutput.emit(document, format: format, to: nil)
        // A table ends with the notes; other formats are for programs: say it on stderr too.
        if format != .table && !result.droppedByMockCluster.isEmpty {
            ReportOutput.note("kbench produce: warning: \(ProduceBenchmark.droppedNote(result.droppedByMockCluster))")
        }
        guard result.allDelivered else {
            let errors = result.failures.map { "\($0.error) ×\($0.count)" }.joined(separator: ", ")
            throw CLIFailure("\(result.sent - result.delivered) of \(result.sent) messages were not delivered (\(errors))")
        }
    }
}
