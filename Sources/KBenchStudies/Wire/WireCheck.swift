import KafkaCompression
import KafkaLive
import KBenchWorkloads

/// The compression study's prediction for librdkafka checked against librdkafka itself: the
/// records `kbench compress --client librdkafka` samples (a built-in corpus, seed 42 by
/// default) are produced through librdkafka to the embedded mock cluster in exactly the batches
/// the study plans (``WireRun``), once with the codec and once uncompressed, and librdkafka's
/// statistics give the bytes on the wire of both.
///
/// The wire ratio is uncompressed ÷ compressed batch bytes, both measured — the study's ratio
/// (``CompressionMeasurement/ratio``) on the same batches.
package struct WireCheck: Sendable {
    /// The codec.
    package var type: CompressionType
    /// librdkafka's `compression.level` (nil: not set, the codec default).
    package var level: Int?
    /// The `batch.size` values checked.
    package var batchSizes: [Int]
    /// The payload corpus.
    package var corpus: PayloadCorpus
    /// The corpus and key seed (the study's default: 42).
    package var seed: UInt64

    /// A check of `type` at `level` (nil = default) on `corpus` at `batchSizes`.
    package init(
        type: CompressionType, level: Int? = nil, batchSizes: [Int], corpus: PayloadCorpus = .json,
        seed: UInt64 = CompressionStudyConfiguration.defaultSeed
    ) {
        self.type = type
        self.level = level
        self.batchSizes = batchSizes
        self.corpus = corpus
        self.seed = seed
    }

    /// One batch size: the prediction and what librdkafka sent.
    package struct Row: Sendable, Hashable, Codable {
        /// The study's measurement: batches, records, uncompressed and compressed bytes.
        package var predicted: CompressionMeasurement
        /// librdkafka's totals with the codec.
        package var measured: WireTotals
        /// librdkafka's totals for the same records uncompressed.
        package var uncompressed: WireTotals

        /// Uncompressed ÷ compressed batch bytes on the wire.
        package var measuredRatio: Double {
            measured.batchBytes > 0 ? Double(uncompressed.batchBytes) / Double(measured.batchBytes) : .nan
        }
        /// measured ÷ predicted ratio − 1 (+0.01: librdkafka compresses 1 % better than predicted).
        package var ratioDifference: Double { measuredRatio / predicted.ratio - 1 }
        /// `snappy at 64 KiB`.
        package var label: String { "\(predicted.setting) at \(ByteSize.format(predicted.batchSize))" }
    }

    /// The study's setting (librdkafka's client profile).
    package var setting: CompressionSetting { CompressionSetting(type, level: level, client: .librdkafka) }

    /// Runs the study (sizes only, nothing timed), then produces its batches of every batch size.
    ///
    /// - Throws: ``CompressionStudyError`` from the study, ``KafkaLiveError`` from librdkafka.
    package func run() throws -> [Row] {
        let configuration = CompressionStudyConfiguration(
            settings: [setting], batchSizes: batchSizes, minimumTime: 0, seed: seed)
        var source = corpus.generator(seed: seed)
        let study = try CompressionStudy(configuration: configuration, payload: &source)
        let result = try study.run()
        return try result.measurements.map { predicted in
            let records = 0..<predicted.records
            let run = WireRun(setting: setting, batchSize: predicted.batchSize, topic: configuration.topic)
            var plain = run
            plain.setting = CompressionSetting(.none, client: .librdkafka)
            return Row(
                predicted: predicted,
                measured: try run.produce(study.records, records),
                uncompressed: try plain.produce(study.records, records))
        }
    }
}
