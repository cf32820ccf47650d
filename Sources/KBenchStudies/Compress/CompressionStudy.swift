import KafkaCompression
import KafkaRecords
import KBenchReports
import KBenchWorkloads

/// A codec comparison on payloads packed as real RecordBatch v2 batches: every setting at every
/// batch size, against the bare codec library on the same bytes in the same run.
///
/// ```swift
/// var corpus = PayloadCorpus.json.generator(seed: 42)
/// let study = try CompressionStudy(configuration: CompressionStudyConfiguration(), payload: &corpus)
/// let result = try study.run(progress: ProgressReporter(label: "compress", total: study.cellCount))
/// let document = CompressionReport.document(result)
/// ```
///
/// For each batch size and setting, consecutive batches are filled from the first records as the
/// setting's client fills them (librdkafka: ``StudyRecords/plan(librdkafka:maximumBatches:)``;
/// Java: ``StudyRecords/plan(java:maximumBatches:compressedRecordsBytes:)``), as many as
/// ``CompressionStudyConfiguration/batchCount(forSize:)`` says. Each setting then builds and
/// compresses those batches with `RecordBatchBuilder` and the client's codec (its framing, a
/// fresh context per batch: ``ProducerClient/perBatchCodec(_:level:)``), decodes them with
/// `LogSegmentReader` (CRC, decompression, every record walked), and the bare library
/// (`RawCodecReference`) compresses and decompresses their records blocks; every round trip is
/// checked once before anything is timed.
package struct CompressionStudy: Sendable {
    /// What is measured.
    package let configuration: CompressionStudyConfiguration
    /// The records packed into batches.
    package let records: StudyRecords
    /// Where the payloads came from.
    package let payloadSource: String
    /// Whether the payload ran out before the study's budget.
    package let payloadExhausted: Bool

    /// A study of `configuration` on the first records of `payload` (as many as the batch sizes
    /// need, see ``CompressionStudyConfiguration/payloadBytesNeeded``).
    package init(configuration: CompressionStudyConfiguration, payload: inout some PayloadSource) throws(CompressionStudyError) {
        try configuration.validate()
        let sample: PayloadSample
        do {
            sample = try PayloadSample.collect(from: &payload, targetBytes: configuration.payloadBytesNeeded)
        } catch {
            throw .payload(error)
        }
        self.init(configuration: configuration, sample: sample)
    }

    /// A study of `configuration` on an already collected sample.
    package init(configuration: CompressionStudyConfiguration, sample: PayloadSample) {
        self.configuration = configuration
        records = StudyRecords(values: sample.records, seed: configuration.seed)
        payloadSource = sample.source
        payloadExhausted = sample.isExhausted
    }

    /// Measurements the run makes (settings × batch sizes), for progress.
    package var cellCount: Int { configuration.settings.count * configuration.batchSizes.count }

    /// Runs every measurement; `progress` advances once per setting and batch size.
    package func run(progress: ProgressReporter? = nil) throws(CompressionStudyError) -> CompressionStudyResult {
        try configuration.validate()
        guard records.count > 0 else { throw .payload(PayloadReadError(path: payloadSource, offset: nil, reason: .noRecords)) }
        let started = ContinuousClock.now
        var measurements: [CompressionMeasurement] = []
        let packed = PackedRecords(records)
        for batchSize in configuration.batchSizes {
            let maximumBatches = configuration.batchCount(forSize: batchSize)
            let librdkafka = LibrdkafkaBatchFilling(
                batchSize: batchSize, topic: configuration.topic, clientID: configuration.clientID,
                messageMaxBytes: configuration.messageMaxBytes, batchNumMessages: configuration.batchNumMessages)
            var baselines: [[Range<Int>]: BatchSizeBaseline] = [:]
            for setting in configuration.settings {
                let plan = switch setting.client {
                case .librdkafka: records.plan(librdkafka: librdkafka, maximumBatches: maximumBatches)
                case .java: try javaPlan(setting, batchSize: batchSize, maximumBatches: maximumBatches, packed: packed)
                }
                let baseline: BatchSizeBaseline
                if let shared = baselines[plan] { baseline = shared } else {
                    baseline = try BatchSizeBaseline(packed: packed, batchSize: batchSize, plan: plan)
                    baselines[plan] = baseline
                }
                let cell = try CompressionCell(
                    setting: setting, baseline: baseline, records: packed,
                    decompressionLimit: configuration.decompressionLimit
                )
                measurements.append(try cell.measure(minimumTime: configuration.minimumTime))
                progress?.advance()
            }
        }
        progress?.finish()
        return CompressionStudyResult(
            configuration: configuration, payloadSource: payloadSource,
            sampleRecords: records.count, sampleBytes: records.values.reduce(0) { $0 + $1.count },
            payloadExhausted: payloadExhausted, measurements: measurements,
            elapsedSeconds: (ContinuousClock.now - started).seconds
        )
    }

    /// The batches the Java producer fills for `setting`: by the estimated compressed size,
    /// each batch's real compression (the client's codec on its records block) updating the
    /// estimate.
    func javaPlan(_ setting: CompressionSetting, batchSize: Int, maximumBatches: Int, packed: PackedRecords) throws(CompressionStudyError) -> [Range<Int>] {
        var codec: any CompressionCodec
        do { codec = try setting.client.levels(setting.type).makeCodec(setting.level) } catch {
            throw .rawCodec(setting: setting, batchSize: batchSize, error)
        }
        var builder = RecordBatchBuilder(capacity: batchSize + 1024)
        var compressed: [UInt8] = []
        let rule = JavaBatchFilling(batchSize: batchSize, isCompressed: setting.type != .none)
        return try records.plan(java: rule, maximumBatches: maximumBatches) { (batch) throws(CompressionStudyError) in
            builder.reset()
            do throws(RecordBatchEncodingError) {
                try packed.append(batch, to: &builder)
                try builder.finish()
            } catch {
                throw .encoding(setting: setting, batchSize: batchSize, error)
            }
            compressed.removeAll(keepingCapacity: true)
            do throws(CompressionError) {
                try builder.withUnsafeBytes { (bytes) throws(CompressionError) in
                    try codec.compress(UnsafeRawBufferPointer(rebasing: bytes[RecordBatchHeader.size...]), appendingTo: &compressed)
                }
            } catch {
                throw .rawCodec(setting: setting, batchSize: batchSize, error)
            }
            return compressed.count
        }
    }
}
