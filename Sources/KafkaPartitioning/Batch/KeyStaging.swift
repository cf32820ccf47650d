#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Copies keys held in separate buffers into contiguous, padded chunks for the batch kernels.
enum KeyStaging {
    /// Keys per chunk: large enough to amortise the call, small enough to stay in cache.
    static let keysPerChunk = 4096

    /// Calls `body` with consecutive chunks of `keys` (in order) as ``ContiguousKeys``.
    /// One staging buffer serves every chunk.
    static func forEachChunk<Keys: Collection>(of keys: Keys, _ body: (ContiguousKeys) -> Void)
    where Keys.Element: ContiguousBytes {
        var batch = KeyBatch(keyCapacity: keysPerChunk)
        for key in keys {
            batch.append(key)
            if batch.count == keysPerChunk {
                batch.withContiguousKeys(body)
                batch.removeAll()
            }
        }
        if !batch.isEmpty {
            batch.withContiguousKeys(body)
        }
    }
}
