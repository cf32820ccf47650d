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
            Sends messages as fast as librdkafka takes them (or at --throughput records/s) \
            and prints progress windows and a final line in kafka-producer-perf-test's format (records/s, MB/s with MB = \
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
            no network or disk; every broker answers --embedded-rtt late, default 1ms: \
            about a produce round trip to another availability zone of a cloud region, so \
            that latency includes a network's share instead of being all in-process; 0 \
            answers at once. It keeps only the newest 5 MiB of each partition: the \
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

            --throughput N (records/s: 1000, 20k, 1M; default max) sends on a schedule of \
            intended send times, message i due at start + i/N: the loop sleeps (polling \
            for reports) while the next message is more than 2 ms ahead, sleeps or yields \
            for the last stretch, then sends every message whose time has come, up to 64 \
            per call and never one before its time; a sender that fell behind catches up \
            at full speed without moving the schedule. Two latencies are then reported \
            beside the perf-test lines (which keep their format and service time), as \
            HdrHistogram percentiles (p50, p90, p99, p99.9, p99.99, max): service time = \
            enqueue → delivery report; response time = the message's intended send time → \
            delivery report, so a stall of the sender, of librdkafka's queue or of a broker \
            counts against every message that should have gone out during it (no \
            coordinated omission). The report gives the offered and the achieved rate (sent \
            ÷ sending time) and says SATURATED when the achieved rate is below 99 % of the \
            offered one: the client could not keep up, and response times measure its \
            growing backlog. With --duration, messages due after the end are not sent. \
            --producers N runs N librdkafka producer instances, each on its own thread \
            with an N-th of the rate and of --messages: totals (histograms merged) and a \
            line per producer; progress windows are printed when all have finished.

            --end-to-end: consumers in this process (--consumers N, default 1: each a thread \
            and a librdkafka consumer with its share of the partitions, assigned from their \
            end offsets read before the first message is sent; no consumer group) read the \
            topic while it is written. Each \
            value's first 16 bytes carry its send time (µs, the clock of the latency above; \
            with --throughput, its intended send time, so a stall counts against every \
            message due during it) and identity (run tag, producer, sequence number; with \
            --producers N one set of consumers reads all N): rd_kafka_produce_batch cannot \
            set headers and timestamps are milliseconds, so values are stamped copies that \
            librdkafka copies (RD_KAFKA_MSG_F_COPY) in this mode only; shorter values are \
            padded to 16 bytes (--value-size below 16 is refused). End-to-end latency = the \
            time a consumer is handed the record − the carried send time, as HdrHistogram \
            percentiles (p50, p90, p99, p99.9, p99.99, max). Records read are checked against \
            records delivered: missing and duplicated ones are counted, and the run exits 1 \
            when a delivered record was never read (and not dropped by the cluster). After the last delivery report the \
            consumers read on until every delivered record was read, giving up after 5 s \
            with nothing new (60 s in all). Records the cluster no longer held when they \
            were fetched (offsets skipped below its low watermark: the embedded cluster \
            keeps the newest 5 MiB per partition) are reported as dropped by the cluster, \
            not lost. On the embedded cluster the consumers fetch with fetch.wait.max.ms=1 \
            (its mock brokers answer a fetch that finds nothing only after the whole wait, \
            where a broker answers when data arrives). The consumers share the machine with \
            the producer: throughput is \
            lower than without --end-to-end. Not with acks=0 (nothing is confirmed to check \
            against).

            --backlog SIZE (with --end-to-end; bytes with units: 64MB, 1GiB): OpenMessaging \
            Benchmark's backlog test. The consumers are assigned but paused \
            (rd_kafka_pause_partitions) while the producer delivers SIZE value bytes at the \
            chosen rate, then resumed (and sought to their positions, which wakes \
            librdkafka's broker threads at once) while producing goes on. Reported: the backlog built \
            (bytes, records, time), the drain time (until the consumers are at most 1000 \
            records behind, OpenMessaging Benchmark's threshold), the drain rate (records/s and \
            MB/s read while draining, and net = read − delivered), the lag at every \
            --report-interval and phase change, and the end-to-end latency of the records read \
            while draining apart from the steady state after it. The exactly-once check covers \
            every record as without --backlog. A backlog the run cannot build (--messages × \
            value size, or --duration × --throughput × value size) is refused, and so is one \
            larger than the embedded cluster keeps of the topic (5 MiB per partition: raise \
            --partitions); one producer instance, no rate steps, sweeps or transactions.

            --transactional-id ID: librdkafka's transactional producer (transactional.id=ID, \
            so idempotent: needs acks all): init_transactions once, then begin, produce and \
            commit per --transaction-duration (default 3s, kafka-producer-perf-test's) or \
            --transaction-records N; --abort-every N aborts every N-th transaction instead. \
            Before each commit or abort the transaction's delivery reports are awaited, so \
            commit (abort) latency = rd_kafka_commit_transaction (abort) alone: EndTxn and \
            the markers. The same invocation also runs the same settings without \
            transactions (same rate, a fresh producer, transactional.id dropped), in \
            interleaved rounds (--repeat N: transactional then plain, plain then \
            transactional, …), and reports the cost as ratios: throughput (delivered ÷ \
            elapsed), p50 and p99 of delivery latency (histograms merged); the report shown \
            is the last transactional run's, with transactions committed and aborted, \
            records per transaction and commit/abort latency percentiles. With \
            --end-to-end the consumers read with isolation.level=read_committed and every \
            record's transaction and outcome are known: committed records must be read \
            exactly once and records of aborted transactions never; offsets without a \
            record between those read (commit/abort markers) are counted. Exit status 1 when \
            a committed record is missing or duplicated, or an aborted one is read on a \
            cluster that writes markers. The embedded cluster is librdkafka 2.0.2's mock: it \
            writes no markers and names no aborted transaction in Fetch, so read_committed \
            consumers read aborted records there; the report says so in a note and the run \
            does not fail for it (the same holds for `kbench broker`). Not with \
            --producers above 1, rate steps or --sweep.

            Rate steps: --throughput 10k,50k,max runs each rate in turn on the same topic \
            (created once), each with a fresh producer, and reports a latency-vs-throughput \
            table (offered and achieved rate, MB/s, response and service time p50/p99/p99.9, \
            with --end-to-end end-to-end latency too, bytes on the wire, CPU time of the \
            process) with the knee marked: the highest achieved rate that kept up (≥ 99 % of \
            its offered rate) with p99 ≤ --latency-target, or without one ≤ 2 × the p99 of the \
            lowest-load step. p99 = response time at a fixed rate, service time at max. \
            --sweep KEY=V1,V2,… (repeatable; any librdkafka property, or compression, \
            compression-level, batch-size, linger-ms, acks as their options take them; at \
            most 64 combinations) runs every combination at the one rate (or max): one row \
            each, the Pareto front of throughput, p99 and CPU per record (rates within 1 % \
            count as equal) and a recommendation on it: the most throughput with p99 ≤ the \
            target (without one, 2 × the sweep's lowest p99), ties within 1 % decided by CPU \
            per record. \
            --repeat N runs the points in interleaved rounds (A B C, A B C…), each row its \
            runs merged (histograms added) with the spread of the single runs. CPU time = \
            getrusage of the whole process around each run: the sender, librdkafka's threads, \
            the consumers and, on the embedded cluster, the mock brokers. --charts DIR writes \
            the chart as SVG. Progress goes to stderr. Figures are the client side; on the \
            embedded cluster they rank client settings, not a Kafka cluster.

            --format json also carries the run in the form `kbench merge` combines \
            (member "run": the settings that define it, host name, UTC window, counts and every \
            latency histogram, lossless): run the same command on several machines against \
            one cluster and merge their files (see `kbench merge --help`). Rate steps and \
            sweeps carry member "study" instead: every row's runs in that form, each with its \
            achieved rate, CPU time and wire bytes, so studies merge row by row too. --hgrm \
            DIR writes each histogram as HdrHistogram's percentile distribution text.

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
              kbench produce --messages 100k --end-to-end
              kbench produce --messages 20k --transactional-id demo --transaction-records 1000 --abort-every 3 --end-to-end
              kbench produce --throughput 20k --duration 2s
              kbench produce --end-to-end --backlog 2MB --throughput 20k --duration 2s --report-interval 500ms
              kbench produce --throughput 100k --producers 2 --duration 2s --embedded-rtt 5ms
              kbench produce --throughput 5k,20k,max --duration 1s --latency-target 20ms
              kbench produce --throughput 10k --duration 1s --sweep linger-ms=0,5 --sweep compression=none,lz4 --format csv
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

    @Option(parsing: .unconditional, help: ArgumentHelp("Offered rate in records/s (1000, 20k, 1M) on a schedule of intended send times, or max (as fast as librdkafka takes them). A fixed rate reports service and response time.", valueName: "rate"))
    var throughput = "max"

    @Option(parsing: .unconditional, help: ArgumentHelp("librdkafka producer instances, each on its own thread with an equal share of the rate and of --messages.", valueName: "n"))
    var producers: CountArgument = 1

    @Option(name: .customLong("embedded-rtt"), help: ArgumentHelp("Round-trip time every embedded broker adds to its responses (rd_kafka_mock_broker_set_rtt; 0 = answer as soon as the in-process broker thread has handled the request). Ignored with --bootstrap.", valueName: "duration"))
    var embeddedRoundTrip = DurationArgument(milliseconds: ProduceCommand.defaultEmbeddedRoundTripMilliseconds)

    /// `--embedded-rtt`'s default: about a produce round trip to a broker in another
    /// availability zone of one cloud region (same-zone ≈ 0.2–0.5 ms), so that latency on the
    /// embedded cluster includes a network's share instead of being all in-process.
    static let defaultEmbeddedRoundTripMilliseconds = 1
    @Flag(name: .customLong("end-to-end"), help: "Read the topic back with consumers in this process: end-to-end latency (consume − send time carried in the value) and every delivered record checked to be read exactly once.")
    var endToEnd = false

    @OptionGroup var transaction: TransactionOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("With --end-to-end: consumers reading the topic back, each on its own thread with its share of the partitions (default 1).", valueName: "n"))
    var consumers: CountArgument?

    @OptionGroup var backlogOptions: BacklogOptions

    @Option(help: ArgumentHelp("Output: table (perf-test lines, then tables), json, csv or markdown (progress lines go to stderr).", valueName: "format"))
    var format: ReportFormat = .table

    @Option(name: .customLong("latency-target"), help: ArgumentHelp("With rate steps or --sweep: the p99 (whole ms: 5ms, 1s) the knee and the recommendation must stay at or under (default: 2 × the lowest-load p99).", valueName: "duration"))
    var latencyTarget: DurationArgument?

    @Option(parsing: .unconditionalSingleValue, help: ArgumentHelp("Run every combination of these values (repeatable): any librdkafka property, or compression, compression-level, batch-size, linger-ms, acks as their options take them; one row each, the Pareto front and a recommendation.", valueName: "key=v1,v2,…"))
    var sweep: [String] = []

    @Option(name: .customLong("repeat"), parsing: .unconditional, help: ArgumentHelp("With rate steps or --sweep: run every point this many times, in interleaved rounds, figures merged. With --transactional-id: rounds of the transactional run and the run without transactions.", valueName: "n"))
    var repeats: CountArgument = 1

    @Option(help: ArgumentHelp("With rate steps or --sweep: also write the latency-vs-throughput chart as an SVG file into this directory.", valueName: "dir"))
    var charts: String?

    @Option(help: ArgumentHelp("Also write each latency histogram as HdrHistogram's percentile distribution (service.hgrm; response.hgrm when paced; end-to-end.hgrm with --end-to-end; values in ms) into this directory.", valueName: "dir"))
    var hgrm: String?

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
        try batchSize?.check("--batch-size", in: ProducerOptionRules.batchSizes)
        if let compressionLevel, !ProducerOptionRules.compressionLevels.contains(compressionLevel) {
            throw ValidationError("--compression-level must be -1…12 (librdkafka's range; -1: the codec's default), got \(compressionLevel)")
        }
        if let lingerMilliseconds, !ProducerOptionRules.lingerMilliseconds.contains(lingerMilliseconds) {
            throw ValidationError("--linger-ms must be 0…900000, got \(lingerMilliseconds)")
        }
        if generate != nil && keys != nil { throw ValidationError("give --generate or --keys, not both") }
        if let generate {
            do { _ = try KeySpec(parsing: generate) } catch { throw ValidationError("\(error)") }
        }
        do { _ = try ProducerPartitioner(name: partitioner) } catch { throw ValidationError("\(error)") }
        if let acks, !ProducerOptionRules.acks.contains(acks) { throw ValidationError("--acks must be all, -1, 0 or 1, got '\(acks)'") }
        if idempotence, let acks, acks == "0" || acks == "1" { throw ValidationError("--idempotence requires --acks all") }
        try producers.check("--producers", in: 1...64)
        for rate in try Self.rateSteps(throughput).compactMap(\.recordsPerSecond) where rate < producers.value {
            throw ValidationError("--throughput \(rate) cannot be shared by --producers \(producers.value): give each at least 1 record/s")
        }
        try validateStudy()
        if producers.value > 1 && keys == "-" { throw ValidationError("--producers above 1 cannot share keys read from standard input: give a key file") }
        try validateBacklog()
        try validateTransactions()
        if endToEnd { try validateEndToEnd() } else if consumers != nil { throw ValidationError("--consumers reads the topic back for --end-to-end: give --end-to-end with it") }
        if SendWindow(argument: maxInFlight) == nil {
            throw ValidationError("--max-in-flight must be adaptive, unlimited or a count ≥ 1, got '\(maxInFlight)'")
        }
    }

    /// The rate `text` asks for (`max`, or a count ≥ 1), nil when it is not one.
    static func throughput(_ text: String) -> ProduceThroughput? {
        if text.lowercased() == "max" { return .max }
        guard let rate = try? Count.parse(text), rate >= 1 else { return nil }
        return .fixed(recordsPerSecond: rate)
    }

    /// The usage errors of `--end-to-end`: acks=0 (from --acks or -X) and values shorter than the stamp.
    func validateEndToEnd() throws {
        try consumers?.check("--consumers", in: 1...64)
        let passed = cluster.passedProperties
        if let acks = passed["acks"] ?? passed["request.required.acks"] ?? acks, acks == "0" {
            throw ValidationError("--end-to-end needs acknowledged messages: acks=0 gives no delivery to check the records read against")
        }
        if let valueSize, valueSize.bytes < EndToEndStamp.size {
            throw ValidationError("--end-to-end needs --value-size of at least \(EndToEndStamp.size) bytes (the send time and identity it carries), got \(valueSize.bytes)")
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
        if let transactionalID = transaction.transactionalID { properties["transactional.id"] = transactionalID }
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
        guard let (settings, mockCluster) = try prepareRun() else { return }
        if let study = try studyPlan() {
            try runStudy(study, settings: settings, mockCluster: mockCluster)
            return
        }
        if settings.transactions != nil {
            try runTransactional(settings, mockCluster: mockCluster)
            return
        }
        let progressToStdout = format == .table
        let result: ProduceResult
        var windowsPrinted = false
        do {
            result = try ProduceBenchmark.run(settings) { window in
                let line = ProduceReport.windowLine(window)
                if progressToStdout { writeLine(line) } else { ReportOutput.note(line) }
                windowsPrinted = true
            }
        } catch {
            throw runFailure(error)
        }
        withExtendedLifetime(mockCluster) {}
        var parameters = commonParameters(settings)
        if settings.throughput != .max { parameters.insert(ReportFact("throughput", .text("\(settings.throughput) offered")), at: 2) }
        let document = ProduceReport.document(result, parameters: parameters)
        if progressToStdout && windowsPrinted { writeLine("") }
        let run = ProduceRun(result, settings: ProduceRunSettings(
            result, settings: settings, properties: producerDefaults.merging(cluster.passedProperties) { $1 },
            cluster: cluster.bootstrap ?? "embedded"), host: MachineInfo.hostName())
        try ReportOutput.emit(document, format: format, to: nil, attachment: run.map { (ProduceRun.jsonKey, $0) })
        if let hgrm, let histograms = result.histograms { try ReportOutput.writeHistograms(histograms.hgrmFiles, to: hgrm, command: "produce") }
        // A table ends with the notes; other formats are for programs: say it on stderr too.
        if format != .table && !result.droppedByMockCluster.isEmpty {
            ReportOutput.note("kbench produce: warning: \(ProduceBenchmark.droppedNote(result.droppedByMockCluster))")
        }
        guard result.allDelivered else {
            let errors = result.failures.map { "\($0.error) ×\($0.count)" }.joined(separator: ", ")
            throw CLIFailure("\(result.sent - result.delivered) of \(result.sent) messages were not delivered (\(errors))")
        }
        if let endToEnd = result.endToEnd, !endToEnd.nothingLost {
            throw CLIFailure("\(endToEnd.lost) of \(endToEnd.delivered) delivered messages were never read back (--end-to-end)")
        }
    }

    /// The run's settings and the embedded cluster they talk to (nil with --bootstrap); nil
    /// when --export-messages wrote the messages instead.
    func prepareRun() throws -> (ProduceSettings, MockCluster?)? {
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
            return nil
        }
        let chosen = try ProducerPartitioner(name: partitioner, seed: seed)
        let (configuration, mockCluster) = try cluster.connect(defaults: producerDefaults)
        if let mockCluster {
            do {
                for broker in mockCluster.brokerIDs { try mockCluster.setBrokerRoundTripTime(broker, milliseconds: embeddedRoundTrip.milliseconds) }
            } catch {
                throw CLIFailure("cannot set the embedded cluster's round-trip time: \(error)")
            }
        }
        let settings = ProduceSettings(
            topic: topic, limit: limit, keys: keys, values: values, partitioner: chosen,
            configuration: configuration,
            partitions: partitions?.value ?? (mockCluster == nil ? nil : 6),
            mockCluster: mockCluster,
            connectTimeout: cluster.timeout.duration,
            flushTimeout: .milliseconds(messageTimeout.milliseconds + 10_000),
            reportInterval: reportInterval.duration,
            window: SendWindow(argument: maxInFlight) ?? .adaptive,
            exactLatency: exactLatency,
            throughput: Self.throughput(throughput) ?? .max,
            producers: producers.value,
            endToEnd: endToEnd ? EndToEndSettings(consumers: consumers?.value ?? 1, backlog: backlogOptions.backlog.map { BacklogSettings(bytes: $0.bytes) }) : nil,
            transactions: transaction.settings(timeout: .milliseconds(Swift.max(cluster.timeout.milliseconds, 30_000))))
        try checkBacklog(settings)
        return (settings, mockCluster)
    }

    /// A run's error as one line for the CLI.
    func runFailure(_ error: any Error) -> any Error {
        if let error = error as? KafkaLiveError {
            if case .topicPartitions(let topic, _, let asked, _) = error {
                return CLIFailure("\(cluster.bootstrap ?? "the embedded cluster"): \(error); create it with \(asked) partitions first "
                    + "(on a kbench broker: --topic \(topic):\(asked)), or drop --partitions")
            }
            let target = cluster.bootstrap.map { "cannot produce to \($0)" } ?? "cannot produce to the embedded cluster"
            return CLIFailure("\(target): \(error)")
        }
        if let error = error as? KeyReadError { return CLIFailure("\(error)") }
        return error
    }

    /// The report parameters of every run: the cluster, the limit, producers and the settings.
    func commonParameters(_ settings: ProduceSettings) -> [ReportFact] {
        let embedded = "embedded librdkafka mock cluster (\(cluster.embeddedBrokers.value) brokers in this process, "
            + "each answering \(embeddedRoundTrip.defaultValueDescription) late (--embedded-rtt; the default \(Self.defaultEmbeddedRoundTripMilliseconds)ms is about "
            + "a produce round trip to another availability zone): no network, no disk; not a Kafka broker's figures)"
        var parameters = [
            ReportFact("bootstrap", .text(cluster.bootstrap ?? embedded)),
            ReportFact("limit", .text(settings.limit.description)),
        ]
        if settings.producers > 1 { parameters.append(ReportFact("producers", .integer(Int64(settings.producers)))) }
        parameters.append(ReportFact("settings", .text(producerDefaults.merging(cluster.passedProperties) { $1 }
            .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))))
        return parameters
    }
}
