import Foundation
import KafkaPartitioning
import Testing
import TestSupport

/// kafka-python (installed in the test venv) as a second, independent implementation.
@Suite("kafka-python peer: DefaultPartitioner and murmur2 equal kbench")
struct KafkaPythonPeerTests {
    /// Reads hex keys on stdin, prints for each key its murmur2 and DefaultPartitioner choice
    /// for every count. Uses kafka-python's own code, not a reimplementation.
    static let script = """
        import sys
        from kafka.partitioner.default import DefaultPartitioner, murmur2
        class Cluster:
            def __init__(self, n): self.n = n
            def topics(self): return {"t"}
            def partitions_for_topic(self, topic): return set(range(self.n))
            def available_partitions_for_topic(self, topic): return set(range(self.n))
        counts = [int(c) for c in sys.argv[1].split(",")]
        clusters = [Cluster(n) for n in counts]
        partitioner = DefaultPartitioner()
        for line in sys.stdin:
            key = bytes.fromhex(line.strip())
            parts = [str(partitioner.partition("t", key, key, None, None, c)) for c in clusters]
            print(murmur2(key), " ".join(parts))
        """

    @Test("2,000 random keys x 7 counts")
    func defaultPartitioner() throws {
        let keys = TestKeys.random(count: 2000, lengths: 0...100, seed: 77)
        let counts: [Int32] = [1, 2, 3, 7, 12, 100, 1009]
        let input = keys.map { key in key.map { String(format: "%02x", $0) }.joined() }.joined(separator: "\n") + "\n"
        let result = try ProcessRunner.run(
            executable: try PythonHelper.interpreter(),
            arguments: ["-c", Self.script, counts.map(String.init).joined(separator: ",")],
            input: Data(input.utf8))
        try #require(result.status == 0, "kafka-python failed: \(result.err)")
        let lines = result.out.split(separator: "\n")
        try #require(lines.count == keys.count)
        let strategy = try #require(StrategyRegistry.strategy(named: "kafka-python:default"))
        let partitioner = strategy.makePartitioner()
        let divisors = try counts.map { try PartitionCount(Int($0)) }
        for (key, line) in zip(keys, lines) {
            let fields = line.split(separator: " ").compactMap { Int64($0) }
            try #require(fields.count == counts.count + 1)
            #expect(UInt32(fields[0]) == Murmur2.hash(key))
            for (index, n) in divisors.enumerated() {
                #expect(Int64(partitioner.partition(key: key, partitionCount: n)) == fields[index + 1])
            }
        }
    }
}
