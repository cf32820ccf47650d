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
/// For each batch size, consecutive batches are filled from the first records up to the size
/// (uncompressed, header included; see ``StudyRecords/plan(batchSize:maximumBatches:)``), as
/// many as ``CompressionStudyConfiguration/batchCount(forSize:)`` says. Each setting then
/// builds and compresses those batches with `RecordBatchBuilder`, decodes them with
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
            let baseline = try BatchSizeBaseline(
                records: records, packed: packed, batchSize: batchSize,
                maximumBatches: configuration.batchCount(forSize: batchSize)
            )
            for setting in configuration.settings {
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
}
