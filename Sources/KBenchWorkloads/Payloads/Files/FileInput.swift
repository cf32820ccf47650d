#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A file (or standard input, path `-`) read sequentially through a fixed-size buffer.
///
/// Owns its descriptor (closed on deinit). Not `Sendable`: one reader at a time.
final class FileInput {
    /// The path as given, `standard input` for `-` (named in errors).
    let path: String
    /// Size of a regular file, nil for pipes and terminals.
    let regularFileSize: Int?
    private let descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    /// File offset of the next unread byte.
    private(set) var offset = 0
    private var reachedEnd = false

    /// Opens `path` (`-` = standard input) for reading with a buffer of `bufferSize` bytes.
    init(path: String, bufferSize: Int = 1 << 16) throws(PayloadReadError) {
        self.path = InputPath.displayName(path)
        buffer = [UInt8](repeating: 0, count: Swift.max(bufferSize, 16))
        if path == "-" {
            descriptor = 0
            ownsDescriptor = false
        } else {
            let opened = open(path, O_RDONLY)
            guard opened >= 0 else { throw PayloadReadError(path: path, offset: nil, reason: .cannotOpen(Self.systemMessage())) }
            descriptor = opened
            ownsDescriptor = true
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            let message = Self.systemMessage()
            if ownsDescriptor { close(descriptor) }
            throw PayloadReadError(path: path, offset: nil, reason: .cannotOpen(message))
        }
        let kind = status.st_mode & S_IFMT
        if kind == S_IFDIR {
            if ownsDescriptor { close(descriptor) }
            throw PayloadReadError(path: path, offset: nil, reason: .notAFile)
        }
        regularFileSize = kind == S_IFREG ? Int(status.st_size) : nil
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// The system's message for `errno`.
    static func systemMessage() -> String {
        String(cString: strerror(errno))
    }

    /// Buffered bytes not consumed yet (refilled by ``fill()``).
    var available: Int { end - start }

    /// Reads more bytes into the buffer; returns false at the end of the input.
    func fill() throws(PayloadReadError) -> Bool {
        if reachedEnd { return false }
        if start > 0 {
            let count = end - start
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress, count > 0 else { return }
                memmove(base, base + start, count)
            }
            start = 0
            end = count
        }
        if end == buffer.count { return true }  // full: the caller consumes first
        while true {
            let room = buffer.count - end
            let filled = end
            let got = buffer.withUnsafeMutableBytes { raw -> Int in
                guard let base = raw.baseAddress else { return 0 }
                return read(descriptor, base + filled, room)
            }
            if got < 0 {
                if errno == EINTR { continue }
                throw PayloadReadError(path: path, offset: offset + available, reason: .readFailed(Self.systemMessage()))
            }
            if got == 0 {
                reachedEnd = true
                return false
            }
            end += got
            return true
        }
    }

    /// Calls `body` with the buffered, unconsumed bytes; it returns how many it consumed.
    func consume(_ body: (UnsafeRawBufferPointer) throws(PayloadReadError) -> Int) throws(PayloadReadError) {
        let outcome = buffer.withUnsafeBytes { raw -> Result<Int, PayloadReadError> in
            do throws(PayloadReadError) {
                return .success(try body(UnsafeRawBufferPointer(rebasing: raw[start..<end])))
            } catch {
                return .failure(error)
            }
        }
        let used = try outcome.get()
        start += used
        offset += used
    }

    /// Reads exactly `count` bytes, or fewer at the end of the input.
    func readBytes(upTo count: Int) throws(PayloadReadError) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(Swift.min(count, buffer.count))
        while result.count < count {
            if available == 0, try !fill() { break }
            let wanted = count - result.count
            try consume { (chunk) throws(PayloadReadError) -> Int in
                let taken = Swift.min(wanted, chunk.count)
                result.append(contentsOf: chunk[0..<taken])
                return taken
            }
        }
        return result
    }
}
