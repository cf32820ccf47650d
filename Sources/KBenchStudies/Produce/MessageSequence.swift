import KBenchWorkloads

/// The messages of a producer run, in the order they are sent: values from the pool in turn,
/// keys from the run's ``KeyCursor`` (null; generated, cycled; a key file, re-read when it
/// ends), each key with its partition tag. The one sequence ``ProduceBenchmark`` sends and
/// ``ProduceExport`` writes, so an export is exactly what a run sends. No headers: the
/// benchmark sends none.
struct MessageSequence: ~Copyable {
    private var keys: KeyCursor
    private let values: PinnedValues
    private var valueIndex = 0

    /// The messages of a run of `keys` and `values` under `limit`, keys tagged by `predictor`.
    init(keys: ProduceKeys, values: PinnedValues, limit: ProduceLimit, predictor: PartitionPredictor) throws(KeyReadError) {
        self.keys = try KeyCursor(
            keys, predictor: predictor,
            cacheBudget: Self.mayOutlastOnePass(keys: keys, limit: limit) ? ProduceBenchmark.keyCacheBudget : 0)
        self.values = values
    }

    /// Calls `body` with the next message's key (nil: a null key), value (both valid only
    /// during the call) and partition tag; nil when the keys ran out for good (a key file on
    /// standard input read to its end).
    @inline(__always)
    mutating func withNext<Result>(
        _ body: (_ key: UnsafeRawBufferPointer?, _ value: UnsafeRawBufferPointer, _ tag: UInt) -> Result
    ) throws(KeyReadError) -> Result? {
        let value = values.value(valueIndex)
        valueIndex = valueIndex &+ 1 == values.count ? 0 : valueIndex &+ 1
        return try keys.withNext { key, tag in body(key, value, tag) }
    }

    /// Whether the run may need the keys more than once (then a pass is kept for replaying).
    static func mayOutlastOnePass(keys: ProduceKeys, limit: ProduceLimit) -> Bool {
        guard case .messages(let count) = limit else { return true }
        switch keys {
        case .none: return false
        case .generated(let spec, _): return count > spec.count
        case .file: return true
        }
    }
}
