import Foundation
import KafkaCompression
import KafkaLive
import KafkaLiveTestSupport
import KBenchReports
import KBenchWorkloads
import Testing
@testable import KBenchStudies

@Suite("kbench produce: bytes on the wire beside the study's prediction")
struct ProduceWireTests {
    static func settings(_ cluster: MockCluster, keys: ProduceKeys, configuration: [String: String]) -> ProduceSettings {
        var kafka = cluster.clientConfiguration
        for (property, value) in configuration { kafka[property] = value }
        return ProduceSettings(
            topic: Live.topic("wire"), limit: .messages(8_000), keys: keys, values: .corpus(.json, seed: 3, budget: 256 << 10),
            configuration: kafka, partitions: 1, mockCluster: cluster,
            connectTimeout: .seconds(10), flushTimeout: .seconds(20), reportInterval: .seconds(60))
    }

    @Test("a compressed run: every record in a counted batch, ratio near the study's prediction for the same codec and batch.size")
    func compressedRun() throws {
        let cluster = try MockCluster(brokers: 1)
        let settings = Self.settings(cluster, keys: .generated(try KeySpec(parsing: "seq:user-:500"), seed: 1),
                                     configuration: ["compression.type": "zstd", "batch.size": "65536", "linger.ms": "50"])
        let result = try ProduceBenchmark.run(settings)
        let wire = try #require(result.wire)
        #expect(wire.totals.isFinal && wire.totals.isConsistent)
        #expect(wire.totals.batchRecords == 8_000 && wire.totals.transmittedRecords == 8_000)
        let prediction = try #require(wire.prediction)
        #expect(prediction.setting == CompressionSetting(.zstd, client: .librdkafka))
        #expect(prediction.batchSize == 65_536)
        #expect(wire.ratio > 2 && prediction.ratio > 2)
        // Full 64 KiB batches of the same messages: within a few percent of the prediction.
        #expect(abs(try #require(wire.ratioDifference)) < 0.05, "\(wire.ratio) vs \(prediction.ratio)")
        let document = ProduceReport.document(result)
        let section = try #require(document.sections.first { $0.id == "wire" })
        #expect(section.paragraphs.first == ProduceReport.wireLine(wire))
        #expect(section.tables.first?.rows.count == 2)
        let json = String(decoding: try JSONEncoder().encode(result), as: UTF8.self)
        #expect(try JSONDecoder().decode(ProduceResult.self, from: Data(json.utf8)) == result)
    }

    @Test("the prediction packs batches by the run's own batch.num.messages and message.max.bytes")
    func producerLimitsInPrediction() throws {
        let cluster = try MockCluster(brokers: 1)
        let settings = Self.settings(cluster, keys: .none, configuration: [
            "compression.type": "lz4", "batch.size": "1000000", "batch.num.messages": "40", "message.max.bytes": "200000", "linger.ms": "50",
        ])
        let result = try ProduceBenchmark.run(settings)
        let wire = try #require(result.wire)
        let prediction = try #require(wire.prediction)
        // librdkafka's default batch.num.messages (10,000) would pack ~1 MB batches here.
        #expect(prediction.recordsPerBatch == 40, "\(prediction.recordsPerBatch)")
        #expect(abs(wire.totals.recordsPerBatch - 40) < 1, "\(wire.totals.recordsPerBatch)")
        // The prediction covers the first 32 batches only (the study's sample), the run 200.
        #expect(abs(try #require(wire.ratioDifference)) < 0.05, "\(wire.ratio) vs \(prediction.ratio)")
    }

    @Test("batches smaller than the study's full ones are pointed out")
    func smallBatchesNoted() {
        var totals = WireTotals()
        totals.batches = 100
        totals.batchRecords = 1_000
        totals.transmittedRecords = 1_000
        totals.batchBytes = 100_000
        totals.transmittedRecordBytes = 150_000
        totals.isFinal = true
        let prediction = WirePrediction(CompressionMeasurement(
            setting: CompressionSetting(.lz4, client: .librdkafka), batchSize: 16_384, batches: 10, records: 500, payloadBytes: 80_000,
            uncompressedBytes: 90_000, compressedBytes: 40_000, recordsBytes: 89_390, rawCompressedBytes: 39_000,
            compressSeconds: 1, decompressSeconds: 1, rawCompressSeconds: 1, rawDecompressSeconds: 1, rounds: 1))
        let wire = ProduceWire(totals: totals, prediction: prediction, delivered: 1_000, lingerMilliseconds: 5)
        #expect(wire.ratio == 1.5 && prediction.ratio == 2 && wire.ratioDifference == -0.25)
        #expect(wire.notes.count == 1 && wire.notes[0].contains("linger.ms 5"))
        var retried = totals
        retried.transmittedRecords = 1_050
        #expect(ProduceWire(totals: retried, prediction: nil, delivered: 1_000, lingerMilliseconds: nil).notes.first?.contains("1050 records for 1000") == true)
    }

    @Test("the prediction's messages are the run's: values cycled, keys as generated, null keys empty")
    func firstMessages() throws {
        let pool = ValuePool(records: [[1], [2, 2], [3, 3, 3]], description: "three")
        #expect(ProduceWire.firstValues(pool, budget: 100, limit: 5) == [[1], [2, 2], [3, 3, 3], [1], [2, 2]])
        #expect(ProduceWire.firstValues(pool, budget: 3, limit: 5) == [[1], [2, 2]])
        #expect(ProduceWire.firstKeys(.none, count: 2) == [[], []])
        #expect(ProduceWire.firstKeys(.generated(try KeySpec(parsing: "seq:k:2"), seed: 0), count: 3) == [Array("k0".utf8), Array("k1".utf8), Array("k0".utf8)])
        #expect(ProduceWire.firstKeys(.file("-"), count: 1) == nil)
    }
}
