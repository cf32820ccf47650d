import KafkaCompression
import KafkaRecords
import KBenchWorkloads

/// The compression study's prediction (librdkafka's client profile, sizes only) of what
/// librdkafka's batches of given records put on the wire: `kbench compress --client librdkafka`
/// for one codec, level and `batch.size`, on the records themselves.
///
/// The study packs full batches by librdkafka's filling rule with the producer's
/// `message.max.bytes` and `batch.num.messages` (librdkafka's defaults unless given); a producer whose batches leave earlier
/// (`linger.ms` expired, the run ended) sends smaller ones.
package struct WirePrediction: Sendable, Hashable, Codable {
    /// The codec and level (librdkafka's scale, the default written as the level it runs).
    package var setting: CompressionSetting
    /// `batch.size`.
    package var batchSize: Int
    /// Batches the study packed (the first records, up to its sample budget).
    package var batches: Int
    /// Records in them.
    package var records: Int
    /// Their key and value bytes.
    package var recordBytes: Int
    /// The batches' bytes uncompressed (headers included).
    package var uncompressedBytes: Int
    /// The batches' bytes as librdkafka sends them (headers and framing included).
    package var wireBytes: Int

    /// The prediction of `measurement` (one setting at one batch size).
    package init(_ measurement: CompressionMeasurement) {
        setting = measurement.setting
        batchSize = measurement.batchSize
        batches = measurement.batches
        records = measurement.records
        recordBytes = measurement.payloadBytes
        uncompressedBytes = measurement.uncompressedBytes
        wireBytes = measurement.compressedBytes
    }

    /// Records per batch.
    package var recordsPerBatch: Double { batches > 0 ? Double(records) / Double(batches) : 0 }
    /// Wire bytes per record.
    package var bytesPerRecord: Double { records > 0 ? Double(wireBytes) / Double(records) : 0 }
    /// Key and value bytes ÷ wire bytes (a run's achieved ratio, ``ProduceWire/ratio``).
    package var ratio: Double { wireBytes > 0 ? Double(recordBytes) / Double(wireBytes) : 0 }
    /// Uncompressed ÷ compressed batch bytes (the study's own ratio).
    package var batchRatio: Double { wireBytes > 0 ? Double(uncompressedBytes) / Double(wireBytes) : 0 }

    /// The study's prediction for `keys` and `values` (record i = key i, value i; a null key
    /// counts as an empty one: both encode in one byte and librdkafka counts 0 key bytes for
    /// either) produced to `topic` by a client named `clientID` with `setting` at `batchSize`.
    /// Timestamps: the study's (1–3 ms apart), or, given `timestamps`, those.
    ///
    /// - Throws: ``CompressionStudyError`` when a batch cannot be built or compressed.
    package static func predict(
        keys: [[UInt8]], values: [[UInt8]], timestamps: [Int64]? = nil,
        setting: CompressionSetting, batchSize: Int, topic: String, clientID: String,
        messageMaxBytes: Int = LibrdkafkaBatchFilling.defaultMessageMaxBytes,
        batchNumMessages: Int = LibrdkafkaBatchFilling.defaultBatchNumMessages
    ) throws(CompressionStudyError) -> WirePrediction? {
        var configuration = CompressionStudyConfiguration(
            settings: [setting], batchSizes: [batchSize], minimumTime: 0, topic: topic, clientID: clientID)
        configuration.messageMaxBytes = messageMaxBytes
        configuration.batchNumMessages = batchNumMessages
        let records = StudyRecords(keys: keys, values: values, timestamps: timestamps, seed: configuration.seed)
        let study = CompressionStudy(configuration: configuration, records: records, source: "the run's first \(records.count) messages")
        return try study.run().measurements.first.map(WirePrediction.init)
    }

    /// Record bytes the study needs at `batchSize` (its sample budget).
    package static func sampleBytes(batchSize: Int) -> Int {
        CompressionStudyConfiguration(batchSizes: [batchSize]).payloadBytesNeeded
    }
}

extension StudyRecords {
    /// `keys` and `values` as they are (an empty key for every missing one), with `timestamps`
    /// when given for every value, else the study's drawn from `seed`.
    init(keys: [[UInt8]], values: [[UInt8]], timestamps: [Int64]?, seed: UInt64) {
        self.keys = values.indices.map { $0 < keys.count ? keys[$0] : [] }
        self.values = values
        if let timestamps, timestamps.count >= values.count {
            self.timestamps = Array(timestamps.prefix(values.count))
        } else {
            self.timestamps = StudyRecords(values: values, seed: seed).timestamps
        }
    }
}

extension CompressionStudy {
    /// A study of `configuration` on records already made.
    init(configuration: CompressionStudyConfiguration, records: StudyRecords, source: String) {
        self.configuration = configuration
        self.records = records
        payloadSource = source
        payloadExhausted = false
    }
}
