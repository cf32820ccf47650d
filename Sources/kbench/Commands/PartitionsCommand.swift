import ArgumentParser
import Foundation
import KafkaPartitioning
import KBenchReports

/// `kbench partitions`: where keys land under every client's partitioner.
struct PartitionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitions",
        abstract: "Predict key→partition placement under every major Kafka client.",
        discussion: """
            One key (--key, --key-hex, --null-key): its partition under each chosen strategy, \
            or how the client chooses when the key does not decide (random, round robin, sticky).
            A key file (--keys): records per partition for each strategy. Keyed strategies hash \
            with the batch kernels; stateful choices are simulated with the producer model \
            (--batch-size, --linger-ms, --rate, --value-size, --seed).
            Strategy names: \(StrategyRegistry.names.joined(separator: ", ")).

            Examples:
              kbench partitions --key user-42 -n 12
              kbench partitions --key-hex 00ff10 -n 6 --partitioner java,librdkafka:consistent_random
              kbench partitions --null-key -n 12
              kbench partitions --keys keys.txt -n 24 --partitioner java,sarama:hash --format json
              cat keys.txt | kbench partitions --keys - -n 12 --partitioner java:round-robin --round-robin before-3.9 --linger-ms 0
            """
    )

    @Option(name: .long, help: "One key, as UTF-8 text.")
    var key: String?

    @Option(name: .customLong("key-hex"), help: "One key, as hex bytes (e.g. 00ff10).")
    var keyHex: String?

    @Flag(name: .customLong("null-key"), help: "Show where a null key goes.")
    var nullKey = false

    @Option(name: .long, help: ArgumentHelp("A file with one key per line ('-' reads standard input).", valueName: "file"))
    var keys: String?

    @Option(name: [.customShort("n"), .customLong("partitions")], help: "The topic's partition count (at least 1).")
    var partitions: Int

    @Option(name: .long, help: ArgumentHelp("Strategies: 'all' or names separated by commas.", valueName: "names"))
    var partitioner: String = "all"

    @Option(name: .long, help: "Output format: table or json.")
    var format: PartitionsOutputFormat = .table

    @OptionGroup(title: "Producer model (stateful strategies with --keys)")
    var producer: PartitionsProducerOptions

    func validate() throws {
        let sources = [key != nil, keyHex != nil, nullKey, keys != nil].filter { $0 }.count
        guard sources == 1 else {
            throw ValidationError("give exactly one of --key, --key-hex, --null-key, --keys")
        }
        guard partitions >= 1, partitions <= Int(Int32.max) else {
            throw ValidationError("--partitions must be between 1 and \(Int32.max) (got \(partitions))")
        }
        do {
            _ = try StrategyRegistry.select(partitioner)
        } catch {
            throw ValidationError("--partitioner: \(error)")
        }
        if let keyHex {
            do {
                _ = try Hex.decode(keyHex)
            } catch {
                throw ValidationError("--key-hex: \(error)")
            }
        }
        try producer.validate()
    }

    func run() async throws {
        let strategies = try StrategyRegistry.select(partitioner)
        let count = try PartitionCount(partitions)
        if let keys {
            try runKeyFile(path: keys, strategies: strategies, count: count)
        } else {
            let bytes: [UInt8]? = try key.map { Array($0.utf8) } ?? keyHex.map { try Hex.decode($0) }
            printPlacements(of: bytes, strategies: strategies, count: count)
        }
    }

    /// One key under every strategy.
    private func printPlacements(of key: [UInt8]?, strategies: [PartitionStrategy], count: PartitionCount) {
        let placements = KeyPlacement.placements(key: key, partitionCount: count, strategies: strategies)
        let description = PartitionsKeyDescription(key)
        switch format {
        case .json:
            let output = PartitionsKeyOutput(key: description, partitionCount: count.value, placements: placements)
            PartitionsOutput.printJSON(output)
        case .table:
            var table = ReportTable(
                id: "placements", title: "\(description.summary), \(count.value) partitions",
                columns: [
                    ReportColumn("strategy"), ReportColumn("partition", format: .integer),
                    ReportColumn("rule"),
                ])
            for placement in placements {
                table.addRow([.text(placement.strategy), placement.partition.map { .integer(Int64($0)) } ?? .missing, .text(placement.rule)])
            }
            if placements.contains(where: { $0.partition == nil }) {
                table.notes.append("— : the client does not place this key by its bytes; --keys simulates those choices.")
            }
            print(PlainTextRenderer(maximumTextWidth: nil).render(table), terminator: "")
        }
    }

    /// Per-partition counts of a key file under every strategy.
    private func runKeyFile(path: String, strategies: [PartitionStrategy], count: PartitionCount) throws {
        var tally = PartitionTally(
            strategies: strategies, partitionCount: count, configuration: producer.configuration,
            workload: producer.workload, seed: producer.seed)
        try PartitionsKeyFile.forEachBatch(path: path) { batch in tally.add(batch) }
        switch format {
        case .json:
            let output = PartitionsCountsOutput(source: path, tally: tally)
            PartitionsOutput.printJSON(output)
        case .table:
            print(PlainTextRenderer(maximumTextWidth: nil).render(PartitionsCountsTable.make(tally: tally, source: path)), terminator: "")
        }
    }
}

/// `--format` values.
enum PartitionsOutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json
}
