import KafkaPartitioning

/// Helpers shared by the partitioning suites.
enum TestKeys {
    /// Calls `body` with the UTF-8 bytes of `text`.
    static func withBytes<R>(_ text: String, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try Array(text.utf8).withUnsafeBytes(body)
    }

    /// `count` random keys with lengths in `lengths`, random bytes, from a seeded generator.
    static func random(count: Int, lengths: ClosedRange<Int>, seed: UInt64) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { _ in
            let length = Int.random(in: lengths, using: &random)
            return (0..<length).map { _ in UInt8.random(in: 0...255, using: &random) }
        }
    }
}
