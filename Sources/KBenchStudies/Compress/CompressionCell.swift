import KafkaCompression
import KafkaRecords

/// Measures one setting at one batch size: kbench builds the batches as the setting's client
/// writes them (its framing, a fresh codec context per batch) and decodes them, the bare
/// library compresses and decompresses the same records blocks.
final class CompressionCell {
    let setting: CompressionSetting
    let baseline: BatchSizeBaseline
    let records: PackedRecords
    let settings: RecordBatchSettings
    let decompressionLimit: Int
    var builder: RecordBatchBuilder
    /// Keeps one codec context and decompression buffer across batches, as a consumer would.
    var decompressor: RecordBatchDecompressor
    /// The compressed batches back to back, as a fetch response or segment holds them.
    var segment: [UInt8] = []
    /// Each batch's compressed payload in ``segment`` and its bare codec blocks (nil: gzip, none).
    var batchPayloads: [(range: Range<Int>, blocks: [CodecBlock]?)] = []
    /// One bare-library reference per batch, so each holds its batch's compressed block for
    /// the decompress pass; reference 0 also compresses every block in the compress pass (one
    /// warm context, as kbench's builder has).
    let references: [RawCodecReference]
    /// Results folded into here so no pass can be optimised away.
    var sink = 0

    init(setting: CompressionSetting, baseline: BatchSizeBaseline, records: PackedRecords, decompressionLimit: Int) throws(CompressionStudyError) {
        self.setting = setting
        self.baseline = baseline
        self.records = records
        self.decompressionLimit = decompressionLimit
        settings = RecordBatchSettings(compression: setting.type)
        decompressor = RecordBatchDecompressor(decompressionLimit: decompressionLimit)
        do {
            let client = setting.client, level = setting.level
            _ = try client.perBatchCodec(setting.type, level: level)  // a refused level fails here
            let codecs = CompressionCodecProvider.configured { (type, _) throws(CompressionError) in
                try client.perBatchCodec(type, level: level)
            }
            builder = RecordBatchBuilder(settings: settings, capacity: baseline.largestBlock + 1024, codecs: codecs)
            let libraryLevel = client.levels(setting.type).libraryLevel(level)
            references = try baseline.blockRanges.map { _ throws(CompressionError) in
                try RawCodecReference(type: setting.type, level: libraryLevel, capacity: baseline.largestBlock)
            }
        } catch {
            throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
        }
    }

    // MARK: Passes (each over every batch of the cell)

    /// Builds and compresses every batch.
    func compressPass() throws(CompressionStudyError) {
        for range in baseline.plan {
            builder.reset(settings)
            do {
                try records.append(range, to: &builder)
                try builder.finish()
            } catch {
                throw .encoding(setting: setting, batchSize: baseline.batchSize, error)
            }
            sink &+= builder.sizeInBytes
        }
    }

    /// Decodes every batch of ``segment``: header, CRC, decompression, every record walked and
    /// its offset, key and value located and read, as a consumer does (``LocatedRecords``), in
    /// one `LogSegmentReader.forEachView(decompressingWith:_:)` (no frame made per batch), each
    /// CRC checked (`.strict`: a mismatch is an error).
    ///
    /// The decompressor is moved out of the cell for the pass (a swap, nothing copied) and the
    /// record counts summed in a local, as a consumer's loop holds them: not a checked access to
    /// a class property per batch. ``rawDecompressPass()`` sums the same way. Neither pass is
    /// inlined into its caller, so that callgrind counts each by name
    /// (scripts/decode-instructions.sh).
    @inline(never)
    func decodePass() throws(CompressionStudyError) {
        var reader = LogSegmentReader(segment, crcCheck: .strict)  // every batch's CRC checked
        var decompressor = RecordBatchDecompressor(decompressionLimit: decompressionLimit)
        swap(&decompressor, &self.decompressor)
        defer { swap(&decompressor, &self.decompressor) }
        var records = 0
        var located = LocatedRecords()
        do {
            records = try reader.forEachView(decompressingWith: &decompressor, &located)
        } catch {
            throw .decoding(setting: setting, batchSize: baseline.batchSize, error)
        }
        sink &+= records &+ located.sum
    }

    /// The bare library compresses every records block on one context.
    func rawCompressPass() throws(CompressionStudyError) {
        guard let reference = references.first else { return }
        for index in baseline.blockRanges.indices {
            do { sink &+= try reference.compress(baseline.block(index)) } catch {
                throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
            }
        }
    }

    /// Makes reference `index` hold block `index` compressed (untimed set-up).
    func primeReference(_ index: Int) throws(CompressionStudyError) -> Int {
        do { return try references[index].compress(baseline.block(index)) } catch {
            throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
        }
    }

    /// Makes reference `index` hold the compressed payload of kbench's batch `index`, when the
    /// bare call can read its codec blocks (``FramedCodecBlocks``): the decompress pass then
    /// decodes the very bytes ``decodePass()`` decodes. Otherwise (gzip) the reference holds its
    /// own compressor's output of block `index`. Untimed set-up; ``batchPayloads`` must be filled.
    func primeDecompression(_ index: Int) throws(CompressionStudyError) {
        guard index < batchPayloads.count, let blocks = batchPayloads[index].blocks else {
            _ = try primeReference(index)
            return
        }
        let range = batchPayloads[index].range
        do {
            try references[index].load(segment, range, blocks: blocks)
        } catch {
            throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
        }
    }

    /// Finds each batch's compressed payload in ``segment`` and its codec blocks.
    func findBatchPayloads() throws(CompressionStudyError) {
        batchPayloads.removeAll(keepingCapacity: true)
        var reader = LogSegmentReader(segment)
        do {
            while let frame = try reader.next() {
                let range = frame.recordsRange
                let blocks = try segment.withUnsafeBytes { (bytes) throws(CompressionStudyError) in
                    try FramedCodecBlocks.blocks(of: UnsafeRawBufferPointer(rebasing: bytes[range]), type: setting.type)
                }
                batchPayloads.append((range, blocks))
            }
        } catch {
            throw studyError(error)
        }
    }

    /// The bare library decompresses every records block.
    @inline(never)
    func rawDecompressPass() throws(CompressionStudyError) {
        var bytes = 0
        for (index, range) in baseline.blockRanges.enumerated() {
            do { bytes &+= try references[index].decompressLast(originalSize: range.count) } catch {
                throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
            }
        }
        sink &+= bytes
    }

    // MARK: Measurement

    /// Builds the compressed batches, checks every round trip, then times the four passes.
    func measure(minimumTime: Double) throws(CompressionStudyError) -> CompressionMeasurement {
        // Set-up runs double as warm-up and calibration (elapsed time, as the study always measured).
        let timer = InterleavedTimer(minimumTime: minimumTime, clock: .wall)
        let compressCalibration = try timer.time { () throws(CompressionStudyError) in try compressPass() }
        segment.removeAll(keepingCapacity: true)
        for range in baseline.plan {
            builder.reset(settings)
            do {
                try records.append(range, to: &builder)
                try builder.finish()
            } catch {
                throw .encoding(setting: setting, batchSize: baseline.batchSize, error)
            }
            builder.withUnsafeBytes { segment.append(contentsOf: $0) }
        }
        try verifyDecoding()
        let decodeCalibration = try timer.time { () throws(CompressionStudyError) in try decodePass() }
        var rawCompressed = 0
        let rawCompressCalibration = try timer.time { () throws(CompressionStudyError) in
            for index in references.indices { rawCompressed += try primeReference(index) }
        }
        try findBatchPayloads()
        for index in references.indices { try primeDecompression(index) }
        let rawDecompressCalibration = try timer.time { () throws(CompressionStudyError) in try verifyRawDecompression() }

        let calibration = [compressCalibration, rawCompressCalibration, decodeCalibration, rawDecompressCalibration]
        let (timings, rounds) = try timer.measure([
            .init(run: compressPass),
            .init(run: rawCompressPass),
            .init(run: decodePass),
            .init(prepare: { () throws(CompressionStudyError) in try self.primeDecompression(0) }, run: rawDecompressPass),
        ], runsPerSample: calibration.map(timer.runsPerSample(secondsPerRun:)))
        return CompressionMeasurement(
            setting: setting, batchSize: baseline.batchSize, batches: baseline.plan.count,
            records: baseline.recordCount, payloadBytes: baseline.payloadBytes,
            uncompressedBytes: baseline.uncompressedBytes, compressedBytes: segment.count,
            recordsBytes: baseline.recordsBytes, rawCompressedBytes: rawCompressed,
            compressSeconds: timings[0].medianSeconds, decompressSeconds: timings[2].medianSeconds,
            rawCompressSeconds: timings[1].medianSeconds, rawDecompressSeconds: timings[3].medianSeconds,
            rounds: rounds, compressSpread: timings[0].spread.low...timings[0].spread.high,
            ranges: CompressionRanges(compress: timings[0].range, decompress: timings[2].range,
                                      rawCompress: timings[1].range, rawDecompress: timings[3].range)
        )
    }

    /// Every batch decodes with a valid CRC, the expected record count and, once
    /// decompressed, exactly the records block kbench built uncompressed.
    func verifyDecoding() throws(CompressionStudyError) {
        var reader = LogSegmentReader(segment)
        var index = 0
        do {
            while let frame = try reader.next() {
                guard index < baseline.plan.count, frame.isValid,
                      Int(frame.header.recordsCount) == baseline.plan[index].count,
                      frame.header.attributes.compression == setting.type else {
                    throw CompressionStudyError.verification("\(setting): batch \(index) has a bad header or CRC")
                }
                var iterator = try frame.records(decompressionLimit: decompressionLimit)
                let block = baseline.block(index)
                let same = setting.type == .none || iterator.storage[..<iterator.recordsEnd].elementsEqual(block)
                guard same else { throw CompressionStudyError.verification("\(setting): batch \(index) decompresses to other bytes") }
                try iterator.forEachView { _, _ in true }
                guard iterator.count == baseline.plan[index].count else {
                    throw CompressionStudyError.verification("\(setting): batch \(index) yields \(iterator.count) records")
                }
                index += 1
            }
        } catch {
            throw studyError(error)
        }
        guard index == baseline.plan.count else {
            throw .verification("\(setting): \(index) batches decoded, \(baseline.plan.count) built")
        }
    }

    /// `error` from a set-up or verification walk over ``segment`` as a study error: kept as it
    /// is, a decoding error of this cell, or a verification failure naming it.
    private func studyError(_ error: any Error) -> CompressionStudyError {
        switch error {
        case let error as CompressionStudyError: error
        case let error as RecordBatchError: .decoding(setting: setting, batchSize: baseline.batchSize, error)
        default: .verification("\(setting): \(error)")
        }
    }

    /// Every reference decompresses its block back to the block's size.
    func verifyRawDecompression() throws(CompressionStudyError) {
        for (index, range) in baseline.blockRanges.enumerated() {
            let size: Int
            do { size = try references[index].decompressLast(originalSize: range.count) } catch {
                throw .rawCodec(setting: setting, batchSize: baseline.batchSize, error)
            }
            guard size == range.count else {
                throw .verification("\(setting): raw block \(index) decompresses to \(size) bytes, not \(range.count)")
            }
        }
    }
}

/// What the decode pass reads of each record, as a consumer does: its offset, key and value
/// located, folded into one sum so that none of it can be dropped.
struct LocatedRecords: RecordViewVisitor {
    var sum = 0

    @inline(__always)
    mutating func visit(_ view: RecordView, in bytes: UnsafeRawBufferPointer) -> Bool {
        sum &+= Int(truncatingIfNeeded: view.offset) &+ (view.key?.upperBound ?? 0) &+ (view.value?.upperBound ?? 0)
        return true
    }
}
