import Foundation
import KafkaPartitioning
import KBenchReports
import KBenchWorkloads

extension PartitionsStage {
    /// The strategy the key-file pass studies: Kafka's default partitioner.
    static let keyFileStrategy = "java"

    /// The plan's first key set written as a temporary key file (one key per line) and read
    /// back by the study of ``keyFileStrategy`` over the plan's partition count, against the
    /// floor of reading the file (``KeyFileThroughput``); nil when the plan leaves it out.
    func keyFileSection() throws(ReportRunError) -> ReportSection? {
        guard let minimumTime = plan.keyFileMinimumTime, let spec = plan.keySpecs.first else { return nil }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-keys-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("keys.txt").path
            var keys = KeyGenerator(spec: spec, seed: plan.seed)
            try Self.writeLines(of: &keys, to: path)
            let configuration = PartitionStudyConfiguration(
                strategies: try StrategyRegistry.select(Self.keyFileStrategy), partitionCounts: [try PartitionCount(plan.partitionCount)],
                seed: plan.seed)
            let throughput = try KeyFileThroughput.measure(path: path, configuration: configuration, minimumTime: minimumTime)
            return throughput.section(id: "key-file", title: "Reading keys from a file", file: "\(Self.readable(spec)) as lines")
        } catch {
            throw .stageFailed(.partitions, "key file: \(error)")
        }
    }

    /// Writes every key of `keys` to `path`, one per line, through a 1 MiB buffer.
    static func writeLines(of keys: inout KeyGenerator, to path: String) throws {
        guard FileManager.default.createFile(atPath: path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        let flushAt = 1 << 20
        var buffer: [UInt8] = []
        buffer.reserveCapacity(flushAt + 256)
        var key = KeyBuffer()
        while keys.nextKey(into: &key) {
            key.withUnsafeBytes { buffer.append(contentsOf: $0) }
            buffer.append(0x0A)
            if buffer.count >= flushAt {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        try handle.write(contentsOf: buffer)
    }
}
