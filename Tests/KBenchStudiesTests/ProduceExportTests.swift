import Foundation
import KafkaLive
import KafkaLiveTestSupport
import KafkaPartitioning
import KafkaRecords
@testable import KBenchStudies
import KBenchWorkloads
import Testing

/// `--export-messages` writes exactly what a run sends: the benchmark's own message sequence.
@Suite("ProduceExport: the export is what a run sends")
struct ProduceExportTests {
    /// A file of `lines` keys (an empty one among them), and the directory to remove.
    static func keyFile(_ lines: [String]) throws -> (directory: URL, path: String) {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("keys.txt").path
        try Data(lines.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: path))
        return (directory, path)
    }

    /// The export's lines as (key, value) messages.
    static func exported(_ path: String, keyed: Bool) throws -> [(key: [UInt8]?, value: [UInt8])] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(bytes.last == 0x0A)
        return bytes.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast().map { line in
            guard keyed, let tab = line.firstIndex(of: 0x09) else { return (nil, Array(line)) }
            return (Array(line[..<tab]), Array(line[(tab + 1)...]))
        }
    }

    @Test("a run on the embedded cluster with more messages than key-file lines delivers the export, record by record, where kbench predicts")
    func exportEqualsWhatIsSent() throws {
        let keyLines = ["alpha", "beta", "", "gamma-7", "δέλτα", "k-42", "last"]
        let (directory, path) = try Self.keyFile(keyLines)
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 3 * keyLines.count + 4  // the keys cycle three times and then some
        let values = ValuePool(records: ["v0", "value one", "", "v\t3", "v4 with more bytes"].map { Array($0.utf8) }, description: "five values")
        let partitions = 3
        let partitioner = try ProducerPartitioner(name: "murmur2", seed: 1)
        let cluster = try MockCluster(brokers: 1)
        let topic = Live.topic("export")
        let result = try ProduceBenchmark.run(ProduceSettings(
            topic: topic, limit: .messages(count), keys: .file(path), values: values, partitioner: partitioner,
            configuration: cluster.clientConfiguration, partitions: partitions, mockCluster: cluster,
            connectTimeout: .seconds(10), flushTimeout: .seconds(20), reportInterval: .seconds(60)))
        #expect(result.delivered == count && result.check.mismatched == 0)

        let exportPath = directory.appendingPathComponent("messages.txt").path
        #expect(try ProduceExport.write(keys: .file(path), values: values, count: count, to: exportPath) == count)
        let exported = try Self.exported(exportPath, keyed: true)
        #expect(exported.count == count)
        // Cycled like the run: message i has key line i mod 7 and value i mod 5.
        #expect(exported.map(\.key) == (0..<count).map { Array(keyLines[$0 % keyLines.count].utf8) })
        #expect(exported.map(\.value) == (0..<count).map { values.records[$0 % values.count] })

        let consumed = try Live.consumeAll(cluster, topic: topic, partitions: partitions, count: count)
        #expect(consumed.count == count)
        #expect(consumed.allSatisfy { $0.headers.isEmpty })
        let predictor = PartitionPredictor(strategy: partitioner.predictionStrategy, partitionCount: partitions)
        for partition in 0..<Int32(partitions) {
            let sent = consumed.filter { $0.partition == partition }.sorted { $0.offset < $1.offset }
            let expected = exported.filter { message in
                message.key.map { key in key.withUnsafeBytes { predictor.partition(for: $0) } } == partition
            }
            #expect(sent.map(\.key) == expected.map(\.key), "partition \(partition)")
            #expect(sent.map { $0.value ?? [] } == expected.map(\.value), "partition \(partition)")
        }
    }

    @Test("null keys: values alone, in turn; generated keys cycle as in a run")
    func nullAndGeneratedKeys() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let values = ValuePool(records: [[0x61], [0x62, 0x09, 0x63]], description: "two values")
        let nullPath = directory.appendingPathComponent("null.txt").path
        #expect(try ProduceExport.write(keys: .none, values: values, count: 3, to: nullPath) == 3)
        #expect(try Self.exported(nullPath, keyed: false).map(\.value) == [[0x61], [0x62, 0x09, 0x63], [0x61]])

        let spec = try KeySpec(parsing: "seq:k-:4")
        let generatedPath = directory.appendingPathComponent("generated.txt").path
        #expect(try ProduceExport.write(keys: .generated(spec, seed: 5), values: values, count: 10, to: generatedPath) == 10)
        var generator = KeyGenerator(spec: spec, seed: 5)
        let pass = try generator.collectKeys()
        #expect(try Self.exported(generatedPath, keyed: true).map(\.key) == (0..<10).map { pass[$0 % pass.count] })
    }

    @Test("a message that cannot be one line is refused, naming it")
    func notALine() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let values = ValuePool(records: [[0x61], [0x62, 0x0A]], description: "a newline")
        #expect(throws: ProduceExportError(reason: .notALine(index: 1))) {
            try ProduceExport.write(keys: .none, values: values, count: 3, to: directory.appendingPathComponent("m.txt").path)
        }
        #expect(ProduceExportError(reason: .notALine(index: 1)).description == "message 1 contains a newline or tab: it cannot be exported as a line")
    }

    @Test("an existing path is written in place: a symlink stays a link, its target truncated and rewritten")
    func writesInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("target.txt").path, link = directory.appendingPathComponent("link.txt").path
        try Data("old content, longer than the export\n".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        let values = ValuePool(records: [[0x61]], description: "one value")
        #expect(try ProduceExport.write(keys: .none, values: values, count: 2, to: link) == 2)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target)
        #expect(try Self.exported(target, keyed: false).map(\.value) == [[0x61], [0x61]])
    }
}
