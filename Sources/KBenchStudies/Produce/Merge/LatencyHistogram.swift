import Histogram

/// An HdrHistogram of latencies in microseconds that can be hashed, compared with `==` and
/// written to JSON in a compact, lossless form (the form `kbench merge` reads back).
///
/// hdrhistogram-swift's own `Codable` form writes every slot of the counts array (23 552 for
/// the one-hour, three-digit range kbench uses), most of them zero: about 260 KB of pretty
/// JSON per histogram. This form keeps the layout, the exact extremes and only the non-empty
/// buckets, as text: `"counts": "812:3 813:10 1022:1"` (each bucket's lowest value, a colon,
/// its count; ascending), a few KB for a typical run. Decoding records each bucket's count at
/// its lowest value, the smallest non-zero and the largest value at their exact values, which
/// gives a `Histogram` equal (`==`) to the one encoded, with the same percentiles, minimum and
/// maximum (``LatencyHistogramTests`` checks both forms).
package struct LatencyHistogram: Sendable, Codable, Hashable {
    /// The histogram (values in microseconds).
    package var histogram: Histogram<UInt64>

    /// Wraps `histogram`.
    package init(_ histogram: Histogram<UInt64>) {
        self.histogram = histogram
    }

    /// Equal when the histograms are (`Histogram`'s `==`: layout, counts and extremes).
    package static func == (lhs: LatencyHistogram, rhs: LatencyHistogram) -> Bool {
        lhs.histogram == rhs.histogram
    }

    /// Hashes what `==` compares cheaply (equal histograms have equal totals and maxima).
    package func hash(into hasher: inout Hasher) {
        hasher.combine(histogram.totalCount)
        hasher.combine(histogram.max)
    }

    private enum CodingKeys: String, CodingKey {
        case lowestDiscernibleValue, highestTrackableValue, significantDigits, totalCount
        case minimumNonZero, maximum, counts
    }

    /// Writes the layout, the total, the exact extremes and the non-empty buckets.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(histogram.lowestDiscernibleValue, forKey: .lowestDiscernibleValue)
        try container.encode(histogram.highestTrackableValue, forKey: .highestTrackableValue)
        try container.encode(histogram.numberOfSignificantValueDigits.rawValue, forKey: .significantDigits)
        try container.encode(histogram.totalCount, forKey: .totalCount)
        try container.encodeIfPresent(exactMinimumNonZero, forKey: .minimumNonZero)
        try container.encode(histogram.totalCount == 0 ? 0 : histogram.maxRecorded, forKey: .maximum)
        let counts = histogram.recordedValues().map { "\(histogram.lowestEquivalentForValue($0.value)):\($0.count)" }
        try container.encode(counts.joined(separator: " "), forKey: .counts)
    }

    /// Reads the form ``encode(to:)`` writes.
    /// - Throws: `DecodingError.dataCorrupted` naming the field: a layout hdrhistogram-swift
    ///   cannot build, a bucket that is not `value:count` (with its character offset), buckets
    ///   out of order or out of range, or counts that do not add up to `totalCount`.
    package init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let lowest = try container.decode(UInt64.self, forKey: .lowestDiscernibleValue)
        let highest = try container.decode(UInt64.self, forKey: .highestTrackableValue)
        let digitsValue = try container.decode(Int8.self, forKey: .significantDigits)
        guard lowest >= 1, highest >= 2 * lowest, lowest <= UInt64.max / 2, highest <= UInt64.max / 2 else {
            throw DecodingError.dataCorruptedError(
                forKey: .highestTrackableValue, in: container,
                debugDescription: "no HdrHistogram has lowest discernible value \(lowest) and highest trackable value \(highest)")
        }
        guard let digits = SignificantDigits(rawValue: digitsValue) else {
            throw DecodingError.dataCorruptedError(forKey: .significantDigits, in: container, debugDescription: "must be 0…5, got \(digitsValue)")
        }
        let total = try container.decode(UInt64.self, forKey: .totalCount)
        let minimumNonZero = try container.decodeIfPresent(UInt64.self, forKey: .minimumNonZero)
        let maximum = try container.decode(UInt64.self, forKey: .maximum)
        let text = try container.decode(String.self, forKey: .counts)
        var histogram = Histogram<UInt64>(lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: digits)
        let buckets: [HistogramBucket]
        do {
            buckets = try HistogramBucket.parse(text, in: histogram)
        } catch {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: error.description)
        }
        let sum = buckets.reduce(UInt64(0)) { $0 &+ $1.count }
        guard sum == total else {
            throw DecodingError.dataCorruptedError(forKey: .counts, in: container, debugDescription: "the counts add up to \(sum), totalCount says \(total)")
        }
        histogram.rebuild(from: buckets, minimumNonZero: minimumNonZero, maximum: maximum)
        self.histogram = histogram
    }

    /// The smallest non-zero value as recorded when the histogram shows it (no zero recorded),
    /// else the lowest value of its bucket; nil when none was recorded.
    private var exactMinimumNonZero: UInt64? {
        guard histogram.totalCount > 0, histogram.minNonZero != .max else { return nil }
        return histogram.min != 0 ? histogram.min : histogram.minNonZero
    }
}

/// One non-empty bucket of a histogram: its lowest value and its count.
struct HistogramBucket: Sendable, Hashable {
    /// The lowest value the bucket holds.
    var value: UInt64
    /// Values counted in it.
    var count: UInt64

    /// The buckets written as `value:count value:count …` for `histogram`'s layout.
    /// - Throws: ``HistogramBucketError`` at the character offset of the first bad bucket.
    static func parse(_ text: String, in histogram: Histogram<UInt64>) throws(HistogramBucketError) -> [HistogramBucket] {
        var buckets: [HistogramBucket] = []
        var offset = 0
        for word in text.utf8.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false) {
            defer { offset += word.count + 1 }
            if word.isEmpty && text.isEmpty { break }
            let parts = word.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard parts.count == 2, let value = UInt64(String(decoding: parts[0], as: UTF8.self)),
                  let count = UInt64(String(decoding: parts[1], as: UTF8.self)), count > 0 else {
                throw HistogramBucketError(offset: offset, problem: "expected value:count with a count ≥ 1")
            }
            guard value <= histogram.highestTrackableValue, histogram.lowestEquivalentForValue(value) == value else {
                throw HistogramBucketError(offset: offset, problem: "\(value) is not the lowest value of a bucket of this histogram")
            }
            guard buckets.last.map({ $0.value < value }) ?? true else {
                throw HistogramBucketError(offset: offset, problem: "buckets must be in ascending order")
            }
            buckets.append(HistogramBucket(value: value, count: count))
        }
        return buckets
    }
}

/// A bad bucket in a histogram's `counts` text.
struct HistogramBucketError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Character (byte) offset of the bucket in the text.
    var offset: Int
    /// What is wrong with it.
    var problem: String

    /// `bucket at offset 12: expected value:count …`.
    var description: String { "bucket at offset \(offset): \(problem)" }
}

extension Histogram<UInt64> {
    /// Records `buckets` into this empty histogram so that it equals the histogram they were
    /// counted from: each bucket at its lowest value, except that the bucket of
    /// `minimumNonZero` and the bucket of `maximum` record those exact values (what a
    /// histogram keeps of its values besides the counts).
    mutating func rebuild(from buckets: some Sequence<HistogramBucket>, minimumNonZero: UInt64?, maximum: UInt64) {
        let minimumBucket = minimumNonZero.map { lowestEquivalentForValue($0) }
        let maximumBucket = maximum > 0 ? lowestEquivalentForValue(maximum) : nil
        for bucket in buckets {
            var count = bucket.count
            let value: UInt64
            if let minimumNonZero, bucket.value == minimumBucket {
                // Both extremes in this bucket: the maximum once, the minimum for the rest.
                if bucket.value == maximumBucket && minimumNonZero != maximum && count > 1 {
                    record(maximum)
                    count -= 1
                }
                value = minimumNonZero
            } else if bucket.value == maximumBucket {
                value = maximum
            } else {
                value = bucket.value
            }
            record(value, count: count)
        }
    }
}
