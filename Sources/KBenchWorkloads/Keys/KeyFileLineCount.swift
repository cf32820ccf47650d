#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The floor of reading a key file: the file read through the same buffer as
/// ``KeyFileReader`` with only its lines counted (memchr over each buffer, as `wc -l` does),
/// no key split off or copied. What a key-file study costs beyond this is its own work.
package enum KeyFileLineCount {
    /// The lines of `path` (a last line without a newline counts, as ``KeyFileReader`` reads
    /// it) and its bytes.
    package static func count(path: String, bufferSize: Int = KeyFileReader.defaultBufferSize) throws(KeyReadError) -> (lines: Int, bytes: Int) {
        var newlines = 0
        var bytes = 0
        var last: UInt8 = 0x0A
        do throws(PayloadReadError) {
            let input = try FileInput(path: path, bufferSize: bufferSize)
            while try input.fill() {
                try input.consume { chunk in
                    guard let base = chunk.baseAddress else { return 0 }
                    var position = 0
                    while let found = memchr(base + position, 0x0A, chunk.count - position) {
                        newlines += 1
                        position = UnsafeRawPointer(found) - base + 1
                    }
                    last = chunk[chunk.count - 1]
                    return chunk.count
                }
            }
            bytes = input.offset
        } catch {
            throw KeyReadError(path: path, line: nil, payloadError: error)
        }
        return (newlines + (last == 0x0A ? 0 : 1), bytes)
    }
}
