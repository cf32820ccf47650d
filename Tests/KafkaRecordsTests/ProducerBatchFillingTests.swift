import KafkaRecords
import Testing

/// The clients' batch filling rules on crafted record sizes.
@Suite("Producer batch filling (librdkafka 2.0.2, Java 3.8+)")
struct ProducerBatchFillingTests {
    @Test("librdkafka: P = 101 + client.id + topic; a record joins while P + bytes + 36 + key + value ≤ the limit")
    func librdkafka() {
        let rule = LibrdkafkaBatchFilling(batchSize: 1000, topic: "orders")
        #expect(rule.requestOverhead == 101 + 7 + 6)
        #expect(rule.limit == 1000)
        // P 114 + 800 + 36 + 16 + 34 = 1000: fits exactly; one more value byte does not.
        #expect(rule.admits(count: 3, recordsBytes: 800, keyLength: 16, valueLength: 34))
        #expect(!rule.admits(count: 3, recordsBytes: 800, keyLength: 16, valueLength: 35))
        #expect(rule.admits(count: 0, recordsBytes: 0, keyLength: 0, valueLength: 5000))
        #expect(rule.admits(count: 3, recordsBytes: 800, keyLength: -1, valueLength: 50))  // null key: 0 bytes
        #expect(!rule.admits(count: 3, recordsBytes: 800, keyLength: 16, valueLength: 30, headersSize: 5))
    }

    @Test("librdkafka: message.max.bytes (1,000,000) caps a 1 MiB batch.size; batch.num.messages caps the count")
    func librdkafkaCaps() {
        let rule = LibrdkafkaBatchFilling(batchSize: 1 << 20, topic: "t", clientID: "")
        #expect(rule.limit == 1_000_000 && rule.requestOverhead == 102)
        #expect(!rule.admits(count: 1, recordsBytes: 1_000_000 - 102 - 36 - 9, keyLength: 0, valueLength: 10))
        #expect(rule.admits(count: 1, recordsBytes: 1_000_000 - 102 - 36 - 10, keyLength: 0, valueLength: 10))
        let counted = LibrdkafkaBatchFilling(batchSize: 1 << 20, topic: "t", batchNumMessages: 3)
        #expect(counted.admits(count: 2, recordsBytes: 10, keyLength: 0, valueLength: 1))
        #expect(!counted.admits(count: 3, recordsBytes: 10, keyLength: 0, valueLength: 1))
    }

    @Test("Java: uncompressed batches fill by their real size, compressed ones by the estimate × 1.05")
    func java() {
        let none = JavaBatchFilling(batchSize: 1000, isCompressed: false)
        #expect(none.admits(count: 2, recordsBytes: 900, recordSize: 39))
        #expect(!none.admits(count: 2, recordsBytes: 900, recordSize: 40))
        var zstd = JavaBatchFilling(batchSize: 1000, isCompressed: true, estimatedRatio: 0.25)
        // 61 + (int)(3000 × 0.25 × 1.05) = 61 + 787 = 848: a 152-byte record fits, 153 does not.
        #expect(zstd.estimatedBytes(recordsBytes: 3000) == 848)
        #expect(zstd.admits(count: 5, recordsBytes: 3000, recordSize: 152))
        #expect(!zstd.admits(count: 5, recordsBytes: 3000, recordSize: 153))
        #expect(zstd.admits(count: 0, recordsBytes: 0, recordSize: 50_000))
        #expect(!zstd.admits(count: 5, recordsBytes: 4000, recordSize: 1))  // isFull: 61 + 1050 ≥ 1000
        // The estimate comes down by 0.005 at most, goes up at once by at least 0.05.
        zstd.batchClosed(compressedBytes: 100, recordsBytes: 1000)
        #expect(abs(zstd.estimatedRatio - 0.245) < 1e-6)
        zstd.batchClosed(compressedBytes: 300, recordsBytes: 1000)
        #expect(abs(zstd.estimatedRatio - 0.3) < 1e-6)
        zstd.batchClosed(compressedBytes: 320, recordsBytes: 1000)
        #expect(abs(zstd.estimatedRatio - 0.35) < 1e-6)
    }
}
