#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a directory where each regular file is one record (a sample set of messages saved
/// one per file). Files are taken in byte order of their names; hidden files (`.name`) and
/// subdirectories are skipped. Only the names are listed up front; each file is read when its
/// turn comes, and a file larger than `maxRecordSize` fails before it is read.
package struct DirectoryPayloadReader: PayloadSource {
    /// The directory read.
    package let path: String
    /// The largest record accepted.
    package let maxRecordSize: Int
    /// The entry names, in the order they are read.
    package let names: [String]
    var nextIndex = 0

    /// Lists `path`.
    package init(path: String, maxRecordSize: Int = PayloadFile.defaultMaxRecordSize) throws(PayloadReadError) {
        guard Self.isDirectory(path) else {
            if access(path, F_OK) != 0 {
                throw PayloadReadError(path: path, offset: nil, reason: .cannotOpen(FileInput.systemMessage()))
            }
            throw PayloadReadError(path: path, offset: nil, reason: .notADirectory)
        }
        guard let directory = opendir(path) else {
            throw PayloadReadError(path: path, offset: nil, reason: .cannotOpen(FileInput.systemMessage()))
        }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { pointer in
                pointer.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name.hasPrefix(".") { continue }
            names.append(name)
        }
        self.path = path
        self.maxRecordSize = Swift.max(0, maxRecordSize)
        self.names = names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// Whether `path` is a directory (following symbolic links).
    package static func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The directory.
    package var description: String { path }

    /// The next file's bytes, or nil after the last file.
    package mutating func nextPayload() throws(PayloadReadError) -> [UInt8]? {
        while nextIndex < names.count {
            let file = path.hasSuffix("/") ? path + names[nextIndex] : path + "/" + names[nextIndex]
            nextIndex += 1
            var status = stat()
            guard stat(file, &status) == 0 else {
                throw PayloadReadError(path: file, offset: nil, reason: .cannotOpen(FileInput.systemMessage()))
            }
            guard (status.st_mode & S_IFMT) == S_IFREG else { continue }
            let size = Int(status.st_size)
            guard size <= maxRecordSize else {
                throw PayloadReadError(path: file, offset: 0, reason: .recordTooLarge(size: size, limit: maxRecordSize))
            }
            let input = try FileInput(path: file, bufferSize: Swift.min(Swift.max(size, 16), 1 << 16))
            let bytes = try input.readBytes(upTo: maxRecordSize + 1)
            guard bytes.count <= maxRecordSize else {
                throw PayloadReadError(path: file, offset: 0, reason: .recordTooLarge(size: bytes.count, limit: maxRecordSize))
            }
            return bytes
        }
        return nil
    }
}
