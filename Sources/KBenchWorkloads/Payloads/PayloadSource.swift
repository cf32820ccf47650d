/// Anything that yields payload records one at a time: a built-in corpus or a user's file.
package protocol PayloadSource {
    /// Where the records come from, for reports (`corpus json (seed 42)`, `events.log (lines)`).
    var description: String { get }

    /// The next record, or nil when the source is exhausted.
    mutating func nextPayload() throws(PayloadReadError) -> [UInt8]?
}

/// The first records of a source, up to a byte budget: what a study measures.
package struct PayloadSample: Sendable, Hashable {
    /// The records, in source order.
    package var records: [[UInt8]]
    /// Where they came from.
    package var source: String
    /// Whether the source ran out before the budget was reached.
    package var isExhausted: Bool

    /// A sample from its parts.
    package init(records: [[UInt8]], source: String, isExhausted: Bool) {
        self.records = records
        self.source = source
        self.isExhausted = isExhausted
    }

    /// Total payload bytes.
    package var totalBytes: Int { records.reduce(0) { $0 + $1.count } }

    /// Mean record size in bytes (0 when empty).
    package var meanRecordSize: Double {
        records.isEmpty ? 0 : Double(totalBytes) / Double(records.count)
    }

    /// Reads records from `source` until they total at least `targetBytes` (or `maxRecords`
    /// records, or the source ends). Memory stays bounded by the budget plus one record.
    ///
    /// Throws what the source throws; a source with no record at all is
    /// ``PayloadReadError/Reason/noRecords``.
    package static func collect(
        from source: inout some PayloadSource,
        targetBytes: Int,
        maxRecords: Int = .max
    ) throws(PayloadReadError) -> PayloadSample {
        var records: [[UInt8]] = []
        var total = 0
        var exhausted = false
        while total < targetBytes, records.count < maxRecords {
            guard let record = try source.nextPayload() else {
                exhausted = true
                break
            }
            total += record.count
            records.append(record)
        }
        if records.isEmpty, exhausted {
            throw PayloadReadError(path: source.description, offset: nil, reason: .noRecords)
        }
        return PayloadSample(records: records, source: source.description, isExhausted: exhausted)
    }
}
