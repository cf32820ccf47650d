import Foundation

/// Why a storage file or directory could not be read: one line naming the path.
package struct StorageReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or directory.
    package var path: String
    /// What went wrong (an OS message or a decoding error's description).
    package var message: String

    /// An error for `path`.
    package init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    /// `path: message`.
    package var description: String { "\(path): \(message)" }
}

/// A read-only file read by position (`pread`): segments and indexes are never loaded
/// whole, so memory stays bounded by what one read asks for. Owns its descriptor.
package final class StorageFile {
    /// The path it was opened with.
    package let path: String
    /// Its size in bytes when opened.
    package let size: Int
    private let descriptor: Int32

    /// Opens a regular file.
    package init(path: String) throws(StorageReadError) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw StorageReadError(path: path, message: "cannot open: \(String(cString: strerror(errno)))") }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw StorageReadError(path: path, message: "not a regular file")
        }
        size = Int(status.st_size)
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset` (fewer at the end of the file).
    package func read(at offset: Int, count: Int) throws(StorageReadError) -> [UInt8] {
        let wanted = Swift.max(0, Swift.min(count, size - offset))
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, filled in
            filled = 0
            guard let base = buffer.baseAddress else { return }
            while filled < wanted {
                let got = pread(descriptor, base + filled, wanted - filled, off_t(offset + filled))
                if got < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot read at byte \(offset + filled): \(String(cString: strerror(errno)))"
                    return
                }
                if got == 0 { return }
                filled += got
            }
        }
        if let failure { throw StorageReadError(path: path, message: failure) }
        return bytes
    }

    /// The whole file, refused past `limit` bytes (for the small files: snapshots, checkpoints).
    package func readAll(limit: Int) throws(StorageReadError) -> [UInt8] {
        guard size <= limit else {
            throw StorageReadError(path: path, message: "\(size) bytes is more than the \(limit) bytes such a file can plausibly hold")
        }
        return try read(at: 0, count: size)
    }
}
