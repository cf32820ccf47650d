import Histogram

/// Delivery latencies (microseconds) counted in exactly the bucket layout of an HdrHistogram
/// with lowest discernible value 1 and three significant digits, so that recording one value
/// is an index computation and an increment in memory the recorder owns (no generic code, no
/// array uniqueness check, no reference counting per report). ``histogram()`` turns the counts
/// into the `Histogram` that recording every value directly would have built (equal counts,
/// total, minimum and maximum — the tests compare the two with `==`).
///
/// Values the histogram could not track (beyond the last bucket) are dropped, as
/// `Histogram.record` drops them. Free the memory with ``deallocate()``.
struct LatencyRecorder {
    /// HdrHistogram's layout for 3 significant digits from 1: single-unit resolution up to
    /// 2 × 10³, i.e. 2048 sub-buckets (half count 1024, magnitude 10).
    private static let subBucketHalfCountMagnitude = 10
    private static let subBucketHalfCount = 1 << subBucketHalfCountMagnitude
    private static let subBucketMask: UInt64 = (1 << (subBucketHalfCountMagnitude + 1)) - 1
    /// 64 − unit magnitude (0) − sub-bucket count magnitude (11).
    private static let leadingZeroCountBase = 64 - (subBucketHalfCountMagnitude + 1)

    /// The largest value asked to be trackable.
    let highestTrackableValue: UInt64
    private let counts: UnsafeMutableBufferPointer<UInt64>
    // As HdrHistogram tracks them: the smallest non-zero value and the largest value.
    private var minimumNonZero = UInt64.max
    private var maximum: UInt64 = 0
    private var total = 0

    /// A recorder for values up to (at least) `highestTrackableValue`.
    init(highestTrackableValue: UInt64) {
        self.highestTrackableValue = Swift.max(2, highestTrackableValue)
        // Buckets needed to cover the value: bucket k (k ≥ 0) ends below 2048 × 2^k.
        var smallestUntrackable = Self.subBucketMask + 1
        var buckets = 1
        while smallestUntrackable <= self.highestTrackableValue && smallestUntrackable <= UInt64.max / 2 {
            smallestUntrackable <<= 1
            buckets += 1
        }
        if smallestUntrackable <= self.highestTrackableValue { buckets += 1 }
        counts = .allocate(capacity: (buckets + 1) * Self.subBucketHalfCount)
        counts.initialize(repeating: 0)
    }

    /// Frees the counts (the recorder must not be used afterwards).
    func deallocate() {
        counts.deallocate()
    }

    /// The counts index of `value` (HdrHistogram's `countsIndexForValue`).
    @inline(__always)
    private static func index(of value: UInt64) -> Int {
        let bucket = leadingZeroCountBase &- (value | subBucketMask).leadingZeroBitCount
        let subBucket = Int(truncatingIfNeeded: value &>> UInt64(truncatingIfNeeded: bucket))
        return ((bucket &+ 1) &<< subBucketHalfCountMagnitude) &+ subBucket &- subBucketHalfCount
    }

    /// The lowest value of the counts at `index` (HdrHistogram's `valueFromIndex`).
    private static func value(at index: Int) -> UInt64 {
        var bucket = (index >> subBucketHalfCountMagnitude) - 1
        var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
        if bucket < 0 {
            subBucket -= subBucketHalfCount
            bucket = 0
        }
        return UInt64(subBucket) << UInt64(bucket)
    }

    /// Counts one value; false when it is beyond the trackable range (not counted).
    @inline(__always)
    @discardableResult
    mutating func record(_ value: UInt64) -> Bool {
        let index = Self.index(of: value)
        guard index < counts.count else { return false }
        counts[index] &+= 1
        total &+= 1
        if value > maximum { maximum = value }
        if value < minimumNonZero && value != 0 { minimumNonZero = value }
        return true
    }

    /// Values counted.
    var count: Int { total }

    /// The smallest non-zero value counted, if any.
    var minimumNonZeroValue: UInt64? { minimumNonZero == .max ? nil : minimumNonZero }

    /// The HdrHistogram of every value counted: each non-empty bucket recorded once with its
    /// count, the buckets of the smallest non-zero and the largest value through those exact
    /// values (what `Histogram` keeps of them besides the counts).
    func histogram() -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(highestTrackableValue: highestTrackableValue, numberOfSignificantValueDigits: .three)
        guard total > 0 else { return histogram }
        let buckets = counts.indices.lazy.filter { counts[$0] > 0 }.map { HistogramBucket(value: Self.value(at: $0), count: counts[$0]) }
        histogram.rebuild(from: buckets, minimumNonZero: minimumNonZeroValue, maximum: maximum)
        return histogram
    }
}
