import KafkaCompression
import KafkaLive
import KBenchWorkloads
import Testing
@testable import KBenchStudies

@Suite("explore wire")
struct WireCheckExploreTests {
    @Test("explore", arguments: [CompressionType.none, .gzip, .snappy, .lz4, .zstd])
    func explore(type: CompressionType) throws {
        var source = PayloadCorpus.json.generator(seed: 42)
        let sample = try PayloadSample.collect(from: &source, targetBytes: 1 << 20)
        let records = StudyRecords(values: sample.records, seed: 42)
        for size in [16 << 10, 64 << 10, 1 << 20] {
            let setting = CompressionSetting(type, level: CompressionLevels.of(type).defaultLevel)
            let run = WireRun(setting: setting, batchSize: size, topic: "wire-\(type)-\(size)")
            let count = Swift.min(records.count, 3000)
            let totals = try run.produce(records, 0..<count)
            print("WIRE \(type) \(size): \(totals)")
        }
    }
}
