import KafkaPartitioning

/// Anything that yields keys one at a time into a reusable ``KeyBuffer``: a generator
/// (``KeyGenerator``) or a key file (``KeyFileReader``).
///
/// Sources stream: they hold no more than one key (plus a read buffer for files), so memory is
/// independent of the number of keys.
package protocol KeySource {
    /// Where the keys come from, for reports (`seq:user-:1000 (seed 42)`, `keys.txt`).
    var description: String { get }
    /// The number of keys the source yields in all, when known in advance (nil for files).
    var expectedCount: Int? { get }

    /// Writes the next key into `key`, replacing its contents; returns false (leaving `key`
    /// unchanged) when the source is exhausted.
    mutating func nextKey(into key: inout KeyBuffer) throws(KeyReadError) -> Bool

    /// Appends up to `limit` next keys to `batch`; returns how many (0 when the source is
    /// exhausted). Key files copy lines straight from their read buffer; the default goes
    /// through ``nextKey(into:)``.
    mutating func appendKeys(to batch: inout KeyBatch, limit: Int) throws(KeyReadError) -> Int
}

extension KeySource {
    /// Appends up to `limit` next keys to `batch` one at a time through a ``KeyBuffer``.
    package mutating func appendKeys(to batch: inout KeyBatch, limit: Int) throws(KeyReadError) -> Int {
        var key = KeyBuffer()
        var added = 0
        while added < limit, try nextKey(into: &key) {
            key.withUnsafeBytes { batch.append(bytes: $0) }
            added += 1
        }
        return added
    }

    /// Calls `body` with every remaining key, in order, through one reused buffer.
    package mutating func forEachKey(_ body: (UnsafeRawBufferPointer) -> Void) throws(KeyReadError) {
        var key = KeyBuffer()
        while try nextKey(into: &key) {
            key.withUnsafeBytes { body($0) }
        }
    }

    /// Up to `limit` remaining keys as arrays (allocates: for tests and small samples).
    package mutating func collectKeys(limit: Int = .max) throws(KeyReadError) -> [[UInt8]] {
        var keys: [[UInt8]] = []
        var key = KeyBuffer()
        while keys.count < limit, try nextKey(into: &key) {
            keys.append(key.bytes)
        }
        return keys
    }
}
