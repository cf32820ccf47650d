#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A file the user names for streamed output (`--per-key FILE`, `--export-messages FILE`):
/// opened in place — created with mode 0644 or truncated — never replaced.
///
/// Foundation's `FileManager.createFile(atPath:contents:)` writes atomically on Linux: a
/// temporary file renamed over the path. Run as root with `/dev/null` as the path, that replaced
/// the device with a regular file, which then filled `/dev` with every other process's
/// discarded output. Opened in place, `/dev/null`, a FIFO or a symbolic link's target stay what
/// they are.
package enum OutputFile {
    /// A handle writing to `path` from its start, or nil when it cannot be opened.
    package static func open(_ path: String) -> FileHandle? {
        let descriptor = path.withCString { name in
            #if canImport(Darwin)
            Darwin.open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            #elseif canImport(Musl)
            Musl.open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            #else
            Glibc.open(name, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            #endif
        }
        guard descriptor >= 0 else { return nil }
        return FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }
}
