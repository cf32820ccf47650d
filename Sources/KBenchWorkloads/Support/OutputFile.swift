import Foundation

/// A file a command writes for the user (`--per-key FILE`, `--export-messages FILE`), opened in
/// place: created or truncated, never replaced. Foundation's `createFile` writes a new file and
/// renames it over the path, which, run as root, turns a device such as `/dev/null` or
/// `/dev/stdout` into a regular file.
package enum OutputFile {
    /// Opens `path` for writing, created (mode 0644) or truncated; the handle closes its
    /// descriptor when released.
    ///
    /// - Returns: the handle, or the system's reason (`strerror`) when the path cannot be opened.
    package static func openInPlace(_ path: String) -> Result<FileHandle, OutputFileError> {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { return .failure(OutputFileError(path: path, reason: String(cString: strerror(errno)))) }
        return .success(FileHandle(fileDescriptor: descriptor, closeOnDealloc: true))
    }
}

/// Why an ``OutputFile`` could not be opened.
package struct OutputFileError: Error, Sendable {
    /// The path as given.
    package var path: String
    /// The system's reason (`strerror(errno)`).
    package var reason: String
}
