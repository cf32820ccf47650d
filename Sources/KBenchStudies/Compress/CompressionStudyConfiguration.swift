import KafkaCompression
import KafkaRecords
import KBenchWorkloads

/// What a compression study measures and how long it measures it.
package struct CompressionStudyConfiguration: Sendable, Hashable, Codable {
    /// Batch sizes measured by default: 1 KiB, 16 KiB (Kafka's `batch.size` default), 64 KiB
    /// and 1 MiB.
    package static let defaultBatchSizes = [1 << 10, 16 << 10, 64 << 10, 1 << 20]
    /// Largest batch size accepted: 64 MiB.
    package static let maximumBatchSize = 64 << 20
    /// Default minimum measuring time per measurement: 0.2 s.
    package static let defaultMinimumTime = 0.2
    /// Default seed of the built-in corpora and keys.
    package static let defaultSeed: UInt64 = 42

    /// Default topic name: its length is part of librdkafka's batch filling rule.
    package static let defaultTopic = "kbench"

    /// Codec/level/client settings, in table order.
    package var settings: [CompressionSetting]
    /// The topic the batches are for (librdkafka counts its name against `batch.size`).
    package var topic: String
    /// librdkafka's `client.id` (counted against `batch.size` too).
    package var clientID: String
    /// librdkafka's `message.max.bytes`: a batch never grows past it, whatever `batch.size` says.
    package var messageMaxBytes = LibrdkafkaBatchFilling.defaultMessageMaxBytes
    /// librdkafka's `batch.num.messages`: the most records in a batch.
    package var batchNumMessages = LibrdkafkaBatchFilling.defaultBatchNumMessages
    /// Target batch sizes in bytes (uncompressed, header included), in table order.
    package var batchSizes: [Int]
    /// Each measurement repeats until it has taken at least this many seconds (0 = once).
    package var minimumTime: Double
    /// Seed of the keys and timestamps (and of a built-in corpus).
    package var seed: UInt64
    /// Ceiling on a batch's decompressed records block when decoding.
    package var decompressionLimit: Int
    /// Bytes of batches measured per batch size, at most (one batch when a batch is larger).
    package var sampleBytes: Int
    /// Batches measured per batch size, at most.
    package var maximumBatchesPerSize: Int

    /// A configuration; every parameter has the `kbench compress` default.
    package init(
        settings: [CompressionSetting] = CompressionSelection.defaultSettings(),
        batchSizes: [Int] = defaultBatchSizes,
        minimumTime: Double = defaultMinimumTime,
        seed: UInt64 = defaultSeed,
        decompressionLimit: Int = defaultDecompressionLimit,
        sampleBytes: Int = 1 << 20,
        maximumBatchesPerSize: Int = 32,
        topic: String = defaultTopic,
        clientID: String = LibrdkafkaBatchFilling.defaultClientID
    ) {
        self.settings = settings
        self.topic = topic
        self.clientID = clientID
        self.batchSizes = batchSizes
        self.minimumTime = minimumTime
        self.seed = seed
        self.decompressionLimit = decompressionLimit
        self.sampleBytes = sampleBytes
        self.maximumBatchesPerSize = maximumBatchesPerSize
    }

    /// The clients the settings are for, in setting order.
    package var clients: [ProducerClient] {
        ProducerClient.allCases.filter { client in settings.contains { $0.client == client } }
    }

    /// How many batches are measured at `batchSize`: enough to cover ``sampleBytes``, at least
    /// one, at most ``maximumBatchesPerSize``.
    package func batchCount(forSize batchSize: Int) -> Int {
        Swift.max(1, Swift.min(maximumBatchesPerSize, sampleBytes / Swift.max(batchSize, 1)))
    }

    /// Payload bytes the study needs: enough records to fill every batch size's batches.
    /// Java's producer fills batches by their estimated *compressed* size, so its batches may
    /// hold up to ``javaPackingAllowance`` times the batch size.
    package var payloadBytesNeeded: Int {
        let allowance = clients.contains(.java) ? Self.javaPackingAllowance : 1
        return (batchSizes.map { batchCount(forSize: $0) * $0 }.max() ?? 0) * allowance
    }

    /// How many times its batch size of records a Java batch is read for: 8.
    package static let javaPackingAllowance = 8

    /// Checks every value; throws a one-line error naming the bad one.
    package func validate() throws(CompressionStudyError) {
        guard !settings.isEmpty else { throw .invalidConfiguration("no codec to measure") }
        guard !batchSizes.isEmpty else { throw .invalidConfiguration("no batch size to measure") }
        for size in batchSizes where size <= 0 || size > Self.maximumBatchSize {
            throw .invalidConfiguration("batch size \(size) is out of range (1 byte...\(ByteSize.format(Self.maximumBatchSize)))")
        }
        guard minimumTime >= 0, minimumTime.isFinite, minimumTime <= 60 else {
            throw .invalidConfiguration("minimum time \(minimumTime) s is out of range (0...60 s)")
        }
        guard decompressionLimit > 0 else { throw .invalidConfiguration("decompression limit must be positive") }
        guard sampleBytes > 0, maximumBatchesPerSize > 0 else { throw .invalidConfiguration("sample size must be positive") }
    }
}
