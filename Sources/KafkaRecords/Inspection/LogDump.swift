import KafkaCompression

/// What ``LogDump/dump(_:fileName:options:emit:)`` prints.
public struct LogDumpOptions: Sendable, Hashable {
    /// Print a line per record (`--deep-iteration`).
    public var deepIteration: Bool
    /// Print keys and payloads too (`--print-data-log`; implies deep iteration, as in Kafka).
    public var printDataLog: Bool
    /// Ceiling on each batch's decompressed records block.
    public var decompressionLimit: Int
    /// How keys and payloads are shown (`--offsets-decoder`, `--transaction-log-decoder`;
    /// any decoder but ``RecordDataDecoder/text`` implies `printDataLog`, as in Kafka).
    public var decoder: RecordDataDecoder

    /// Options; defaults print batch lines only.
    public init(deepIteration: Bool = false, printDataLog: Bool = false, decompressionLimit: Int = defaultDecompressionLimit, decoder: RecordDataDecoder = .text) {
        self.deepIteration = deepIteration
        self.printDataLog = printDataLog
        self.decompressionLimit = decompressionLimit
        self.decoder = decoder
    }

    /// Whether record lines are printed.
    public var printsRecords: Bool { deepIteration || printsData }
    /// Whether keys and payloads are printed.
    public var printsData: Bool { printDataLog || decoder != .text }
}

/// The outcome of a dump: counts, CRC failures, offset gaps, and the error that stopped it.
public struct LogDumpSummary: Sendable, Equatable {
    /// Entries whose header was read (and printed): batches and legacy messages.
    public var batches = 0
    /// Of those, legacy (magic 0/1) log entries.
    public var legacyEntries = 0
    /// Records printed.
    public var records = 0
    /// Positions of batches whose CRC-32C did not match.
    public var invalidCRCPositions: [Int] = []
    /// Positions of legacy (magic 0/1) log entries whose CRC-32 did not match.
    public var invalidLegacyCRCPositions: [Int] = []
    /// Record offsets that did not follow their predecessor by one (`previous`, `next`), as
    /// kafka-dump-log reports under "Non-consecutive offsets"; deep iteration only.
    public var nonConsecutiveOffsets: [NonConsecutiveOffsets] = []
    /// Offsets of records an internal-topic decoder could not decode (printed inline as
    /// `Error at offset N, skipping. …`, as kafka-dump-log does).
    public var undecodedRecordOffsets: [Int64] = []
    /// Where decoding stopped on malformed data, with the position of the batch being read.
    public var failure: LogDumpFailure?

    /// Creates an empty summary.
    public init() {}
}

/// Tracks record offsets across entries, as kafka-dump-log's "Non-consecutive offsets".
struct OffsetContinuity {
    private var last: Int64?

    /// Notes `offset`, recording a gap from the previous one in `summary`.
    mutating func record(_ offset: Int64, in summary: inout LogDumpSummary) {
        if let last, offset != last &+ 1 {
            summary.nonConsecutiveOffsets.append(NonConsecutiveOffsets(previous: last, next: offset))
        }
        last = offset
        summary.records += 1
    }
}

/// A pair of record offsets that are not consecutive.
public struct NonConsecutiveOffsets: Sendable, Hashable {
    /// The earlier offset.
    public var previous: Int64
    /// The offset that followed it.
    public var next: Int64
}

/// A decoding error met while dumping, with the position of the batch being read.
public struct LogDumpFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The decoding error (field, absolute byte offset, reason).
    public var error: RecordBatchError
    /// Position of the batch being read when it happened.
    public var batchPosition: Int

    /// One line naming the batch position, the field and its byte offset.
    public var description: String {
        "invalid batch at position \(batchPosition): \(error)"
    }
}

/// kafka-dump-log for log segment bytes — RecordBatch v2 batches and legacy (magic 0/1)
/// messages, in any mix: prints as it decodes, so everything read before
/// malformed data is shown, then reports where decoding stopped.
public enum LogDump {
    /// Dumps `bytes` (a `.log` segment or any concatenation of batches) line by line.
    ///
    /// - Parameters:
    ///   - bytes: the batches, back to back.
    ///   - fileName: used for the `Log starting offset` line of `<N>.log` files.
    ///   - options: which lines to print and the decompression ceiling.
    ///   - emit: receives each output line (without newline), in order.
    /// - Returns: the summary; ``LogDumpSummary/failure`` is set when the data is malformed.
    public static func dump(_ bytes: [UInt8], fileName: String? = nil, options: LogDumpOptions = LogDumpOptions(), emit: (String) -> Void) -> LogDumpSummary {
        dumpBytes(bytes, fileName: fileName, options: options) { emit(String(decoding: $0, as: UTF8.self)) }
    }

    /// ``dump(_:fileName:options:emit:)`` with each line as bytes: header keys, keys and
    /// payloads byte-exact (``DumpLogFormat/recordLineBytes(_:in:printData:)``), for output that
    /// must reproduce them (`--raw-payload`) or escape them itself.
    public static func dumpBytes(_ bytes: [UInt8], fileName: String? = nil, options: LogDumpOptions = LogDumpOptions(), emit: ([UInt8]) -> Void) -> LogDumpSummary {
        var summary = LogDumpSummary()
        if let fileName, let line = DumpLogFormat.startingOffsetLine(fileName: fileName) { emit(Array(line.utf8)) }
        var reader = LogSegmentReader(bytes)
        var decompressor = RecordBatchDecompressor(decompressionLimit: options.decompressionLimit)
        var offsets = OffsetContinuity()
        while true {
            let position = reader.position
            do throws(RecordBatchError) {
                guard let entry = try reader.nextEntry() else { break }
                summary.batches += 1
                switch entry {
                case .batch(let frame):
                    if !frame.isValid { summary.invalidCRCPositions.append(frame.position) }
                    emit(Array(DumpLogFormat.batchLine(frame).utf8))
                    guard options.printsRecords else { continue }
                    var records = try decompressor.records(of: frame)
                    while let view = try records.nextView() {
                        if frame.header.attributes.isControl { _ = try records.controlRecord(view) }
                        offsets.record(view.offset, in: &summary)
                        if options.decoder != .text, !frame.header.attributes.isControl {
                            let data = records.withUnsafeBytes { buffer in
                                options.decoder.decode(key: view.key.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, value: view.value.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, offset: view.offset)
                            }
                            emit(DumpLogFormat.recordLineBytes(view, in: records, printData: false) + decodedText(data, in: &summary, offset: view.offset))
                        } else {
                            emit(DumpLogFormat.recordLineBytes(view, in: records, printData: options.printsData))
                        }
                    }
                case .legacy(let frame):
                    summary.legacyEntries += 1
                    if !frame.isValid { summary.invalidLegacyCRCPositions.append(frame.position) }
                    emit(Array(DumpLogFormat.legacyEntryLine(frame).utf8))
                    guard options.printsRecords else { continue }
                    var records = try decompressor.records(of: frame)
                    while let view = try records.next() {
                        offsets.record(view.offset, in: &summary)
                        if options.decoder != .text {
                            let message = view.message
                            let data = records.storage.withUnsafeBytes { buffer in
                                options.decoder.decode(key: message.key.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, value: message.value.map { UnsafeRawBufferPointer(rebasing: buffer[$0]) }, offset: view.offset)
                            }
                            emit(DumpLogFormat.legacyRecordLineBytes(view, in: records, printData: false) + decodedText(data, in: &summary, offset: view.offset))
                        } else {
                            emit(DumpLogFormat.legacyRecordLineBytes(view, in: records, printData: options.printsData))
                        }
                    }
                }
            } catch {
                summary.failure = LogDumpFailure(error: error, batchPosition: position)
                break
            }
        }
        return summary
    }

    /// ` key: … payload: …` from an internal-topic decoder; notes undecodable records.
    private static func decodedText(_ data: DecodedRecordData?, in summary: inout LogDumpSummary, offset: Int64) -> [UInt8] {
        guard let data else { return [] }
        if data.isError { summary.undecodedRecordOffsets.append(offset) }
        var text = ""
        if let key = data.key { text += " key: " + key }
        if let payload = data.payload { text += " payload: " + payload }
        return Array(text.utf8)
    }
}
