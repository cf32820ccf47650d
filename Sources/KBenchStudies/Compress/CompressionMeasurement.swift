import KafkaCompression

/// One cell of a compression study: a codec setting at a batch size, measured on the same
/// batches as kbench builds them and as the bare codec library compresses their records.
package struct CompressionMeasurement: Sendable, Hashable, Codable {
    /// The codec and level.
    package var setting: CompressionSetting
    /// The target batch size (bytes, uncompressed, header included).
    package var batchSize: Int
    /// Batches measured.
    package var batches: Int
    /// Records in those batches.
    package var records: Int
    /// Key and value bytes of those records.
    package var payloadBytes: Int
    /// Sum of the batches' sizes uncompressed (61-byte headers plus record framing and data).
    package var uncompressedBytes: Int
    /// Sum of the batches' sizes compressed (headers and the codec's Kafka framing included).
    package var compressedBytes: Int
    /// Sum of the uncompressed records blocks: the bytes the codecs compress.
    package var recordsBytes: Int
    /// Sum of the bare library's output on the same records blocks.
    package var rawCompressedBytes: Int
    /// Median seconds to build and compress all the batches (encode records, compress, CRC).
    package var compressSeconds: Double
    /// Median seconds to decode all the batches (CRC, decompress, walk every record).
    package var decompressSeconds: Double
    /// Median seconds for the bare library to compress every records block.
    package var rawCompressSeconds: Double
    /// Median seconds for the bare library to decompress every records block.
    package var rawDecompressSeconds: Double
    /// Timed rounds behind the medians.
    package var rounds: Int
    /// Lower and upper quartile of the compress samples (seconds): the spread a speed
    /// difference must clear to rank (see ``CompressionPicks``).
    package var compressSpread: ClosedRange<Double>
    /// Fastest to slowest sample of each timing (seconds): compress, decompress, the bare
    /// library's compress and decompress; what `kbench report --baseline` compares.
    package var ranges: CompressionRanges

    /// A measurement from its parts.
    package init(
        setting: CompressionSetting, batchSize: Int, batches: Int, records: Int, payloadBytes: Int,
        uncompressedBytes: Int, compressedBytes: Int, recordsBytes: Int, rawCompressedBytes: Int,
        compressSeconds: Double, decompressSeconds: Double, rawCompressSeconds: Double, rawDecompressSeconds: Double,
        rounds: Int, compressSpread: ClosedRange<Double>? = nil, ranges: CompressionRanges? = nil
    ) {
        self.setting = setting
        self.batchSize = batchSize
        self.batches = batches
        self.records = records
        self.payloadBytes = payloadBytes
        self.uncompressedBytes = uncompressedBytes
        self.compressedBytes = compressedBytes
        self.recordsBytes = recordsBytes
        self.rawCompressedBytes = rawCompressedBytes
        self.compressSeconds = compressSeconds
        self.decompressSeconds = decompressSeconds
        self.rawCompressSeconds = rawCompressSeconds
        self.rawDecompressSeconds = rawDecompressSeconds
        self.rounds = rounds
        self.compressSpread = compressSpread ?? compressSeconds...compressSeconds
        self.ranges = ranges ?? CompressionRanges(
            compress: compressSeconds...compressSeconds, decompress: decompressSeconds...decompressSeconds,
            rawCompress: rawCompressSeconds...rawCompressSeconds, rawDecompress: rawDecompressSeconds...rawDecompressSeconds)
    }

    /// Uncompressed ÷ compressed batch bytes, framing included (> 1: the codec saves bytes).
    package var ratio: Double { Self.quotient(uncompressedBytes, compressedBytes) }
    /// Records bytes ÷ the bare library's output (no batch header, no Kafka framing).
    package var rawRatio: Double { Self.quotient(recordsBytes, rawCompressedBytes) }
    /// Uncompressed batch bytes produced per second (build + compress).
    package var compressBytesPerSecond: Double { Double(uncompressedBytes) / compressSeconds }
    /// Uncompressed batch bytes decoded per second (decompress + walk the records).
    package var decompressBytesPerSecond: Double { Double(uncompressedBytes) / decompressSeconds }
    /// Compress throughput at the slow and fast end of the middle half of the samples.
    package var compressBytesPerSecondSpread: ClosedRange<Double> {
        Double(uncompressedBytes) / compressSpread.upperBound...Double(uncompressedBytes) / compressSpread.lowerBound
    }
    /// Records built and compressed per second.
    package var recordsPerSecond: Double { Double(records) / compressSeconds }
    /// Records bytes the bare library compresses per second.
    package var rawCompressBytesPerSecond: Double { Double(recordsBytes) / rawCompressSeconds }
    /// Records bytes the bare library decompresses per second.
    package var rawDecompressBytesPerSecond: Double { Double(recordsBytes) / rawDecompressSeconds }
    /// kbench's compress time ÷ the bare library's (what batch building and framing cost).
    package var compressOverhead: Double { compressSeconds / rawCompressSeconds }
    /// kbench's decode time ÷ the bare library's decompress time.
    package var decompressOverhead: Double { decompressSeconds / rawDecompressSeconds }
    /// Bytes per batch the batch adds over the bare library's output: the 61-byte header, the
    /// codec's Kafka framing (gzip header and trailer, xerial or LZ4 frame headers…) and the
    /// cost of compressing in blocks (xerial: 32 KiB, LZ4 frame: 64 KiB independent blocks).
    package var extraBytesPerBatch: Double {
        batches > 0 ? Double(compressedBytes - rawCompressedBytes) / Double(batches) : 0
    }

    static func quotient(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : .nan
    }
}

/// The settings a study recommends at one batch size for one client, chosen only among the
/// settings that client accepts (the study measures no other).
package struct CompressionPicks: Sendable, Hashable, Codable {
    /// The client.
    package var client: ProducerClient
    /// The batch size.
    package var batchSize: Int
    /// Highest ratio (ties: the faster).
    package var bestRatio: CompressionSetting
    /// Highest compress throughput (median).
    package var fastest: CompressionSetting
    /// Settings whose compress speed cannot be told apart from the fastest's: the middle
    /// halves of their samples overlap. Empty when the fastest is clearly fastest.
    package var tiedWithFastest: [CompressionSetting]
    /// Highest ratio among the settings compressing at least ``balancedSpeedFraction`` as fast
    /// as the fastest (ties: the faster).
    package var balanced: CompressionSetting

    /// The share of the fastest setting's compress throughput a balanced pick must reach: 25 %.
    package static let balancedSpeedFraction = 0.25

    /// The rule behind ``balanced``, in one sentence.
    package static let balancedRule = "balanced = the best ratio among the settings that compress at least 25% as fast as the fastest one"

    /// The rule behind ties, in one sentence.
    package static let tieRule = "settings whose compress speeds overlap within the middle half of their timed samples are tied: no single one is named fastest"

    /// Whether `a` and `b` compress at speeds the samples cannot tell apart.
    package static func tied(_ a: CompressionMeasurement, _ b: CompressionMeasurement) -> Bool {
        let x = a.compressBytesPerSecondSpread, y = b.compressBytesPerSecondSpread
        return x.overlaps(y)
    }

    /// Picks among the measurements of `client` at `batchSize` (`none` is ignored). Nil when
    /// no codec was measured.
    package init?(client: ProducerClient, batchSize: Int, measurements: [CompressionMeasurement]) {
        let candidates = measurements.filter { $0.setting.type != .none && $0.batchSize == batchSize && $0.setting.client == client }
        func better(_ a: CompressionMeasurement, _ b: CompressionMeasurement) -> Bool {
            a.ratio != b.ratio ? a.ratio > b.ratio : a.compressBytesPerSecond > b.compressBytesPerSecond
        }
        guard let fastest = candidates.max(by: { $0.compressBytesPerSecond < $1.compressBytesPerSecond }),
              let best = candidates.min(by: better) else { return nil }
        let threshold = fastest.compressBytesPerSecond * Self.balancedSpeedFraction
        let balanced = candidates.filter { $0.compressBytesPerSecond >= threshold }.min(by: better) ?? fastest
        self.client = client
        self.batchSize = batchSize
        bestRatio = best.setting
        self.fastest = fastest.setting
        tiedWithFastest = candidates.filter { $0.setting != fastest.setting && Self.tied($0, fastest) }
            .sorted { $0.compressBytesPerSecond > $1.compressBytesPerSecond }.map(\.setting)
        self.balanced = balanced.setting
    }

    /// `lz4 0`, or `lz4 0 = snappy (tied)` when the fastest is tied.
    package var fastestLabel: String {
        tiedWithFastest.isEmpty ? fastest.label : ([fastest] + tiedWithFastest).map(\.label).joined(separator: " = ") + " (tied)"
    }
}

/// Everything a compression study produced: what was measured, on which payload, and the
/// measurements with the picks per batch size.
package struct CompressionStudyResult: Sendable, Hashable, Codable {
    /// The configuration run.
    package var configuration: CompressionStudyConfiguration
    /// Where the payloads came from (`corpus json (seed 42)`, a path).
    package var payloadSource: String
    /// Records in the payload sample.
    package var sampleRecords: Int
    /// Bytes in the payload sample.
    package var sampleBytes: Int
    /// Whether the payload ran out before the study's budget (batches may be fewer or partial).
    package var payloadExhausted: Bool
    /// One measurement per setting and batch size, batch size by batch size.
    package var measurements: [CompressionMeasurement]
    /// The picks per batch size.
    package var picks: [CompressionPicks]
    /// Wall-clock seconds the study took.
    package var elapsedSeconds: Double

    /// A result from its parts; the picks are derived from `measurements`.
    package init(
        configuration: CompressionStudyConfiguration, payloadSource: String, sampleRecords: Int, sampleBytes: Int,
        payloadExhausted: Bool, measurements: [CompressionMeasurement], elapsedSeconds: Double
    ) {
        self.configuration = configuration
        self.payloadSource = payloadSource
        self.sampleRecords = sampleRecords
        self.sampleBytes = sampleBytes
        self.payloadExhausted = payloadExhausted
        self.measurements = measurements
        self.elapsedSeconds = elapsedSeconds
        picks = configuration.clients.flatMap { client in
            configuration.batchSizes.compactMap { CompressionPicks(client: client, batchSize: $0, measurements: measurements) }
        }
    }

    /// The measurements of `client` at `batchSize`, in setting order.
    package func measurements(client: ProducerClient, batchSize: Int) -> [CompressionMeasurement] {
        measurements.filter { $0.batchSize == batchSize && $0.setting.client == client }
    }

    /// The picks of `client` at `batchSize`.
    package func picks(client: ProducerClient, batchSize: Int) -> CompressionPicks? {
        picks.first { $0.batchSize == batchSize && $0.client == client }
    }
}

/// The fastest to slowest sample (seconds) of each timing of a compression cell.
package struct CompressionRanges: Sendable, Hashable, Codable {
    /// Build and compress every batch.
    package var compress: ClosedRange<Double>
    /// Decode every batch.
    package var decompress: ClosedRange<Double>
    /// The bare library compresses every records block.
    package var rawCompress: ClosedRange<Double>
    /// The bare library decompresses every records block.
    package var rawDecompress: ClosedRange<Double>

    /// Ranges from their parts.
    package init(compress: ClosedRange<Double>, decompress: ClosedRange<Double>, rawCompress: ClosedRange<Double>, rawDecompress: ClosedRange<Double>) {
        self.compress = compress
        self.decompress = decompress
        self.rawCompress = rawCompress
        self.rawDecompress = rawDecompress
    }
}
