/// A reusable buffer holding one key: key sources write into it, the caller reads it, and the
/// next key overwrites it. Its storage only ever grows (to the longest key seen), so a stream
/// of keys costs no allocation once the buffer is warm.
package struct KeyBuffer: Sendable {
    @usableFromInline var storage: [UInt8]
    /// The length of the current key.
    package var count: Int { length }
    @usableFromInline var length: Int

    /// An empty buffer with room for keys of `capacity` bytes before it grows.
    package init(capacity: Int = 64) {
        storage = [UInt8](repeating: 0, count: Swift.max(capacity, 1))
        length = 0
    }

    /// True when the current key is empty.
    package var isEmpty: Bool { count == 0 }

    /// Lends the current key's bytes (valid only during the call).
    @inlinable
    package func withUnsafeBytes<Result, Failure: Error>(
        _ body: (UnsafeRawBufferPointer) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        let count = self.count
        let result: Swift.Result<Result, Failure> = storage.withUnsafeBytes { raw in
            do throws(Failure) {
                return .success(try body(UnsafeRawBufferPointer(rebasing: raw[0..<count])))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// A copy of the current key (allocates: for tests, reports and examples, not hot loops).
    package var bytes: [UInt8] { Array(storage[0..<count]) }

    /// The current key as text (invalid UTF-8 repaired), for reports and examples.
    package var text: String { String(decoding: storage[0..<count], as: UTF8.self) }

    /// Replaces the key with `length` bytes written by `body` into uninitialised room.
    @inlinable
    package mutating func write(length: Int, _ body: (UnsafeMutableRawBufferPointer) -> Void) {
        let length = Swift.max(0, length)
        if storage.count < length {
            storage.append(contentsOf: repeatElement(0, count: length - storage.count))
        }
        storage.withUnsafeMutableBytes { raw in body(UnsafeMutableRawBufferPointer(rebasing: raw[0..<length])) }
        self.length = length
    }

    /// Replaces the key with a copy of `bytes`.
    @inlinable
    package mutating func set(_ bytes: UnsafeRawBufferPointer) {
        write(length: bytes.count) { destination in
            if let base = bytes.baseAddress, !bytes.isEmpty { destination.copyMemory(from: UnsafeRawBufferPointer(start: base, count: bytes.count)) }
        }
    }

    /// Replaces the key with the UTF-8 bytes of `text`.
    package mutating func set(text: String) {
        var text = text
        text.withUTF8 { set(UnsafeRawBufferPointer($0)) }
    }
}
