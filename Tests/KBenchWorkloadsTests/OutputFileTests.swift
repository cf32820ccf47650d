import Foundation
import KBenchWorkloads
import Testing

/// Streamed output files are opened in place: a symbolic link (like `/dev/null`, a device)
/// stays what it is, its target written.
@Suite("OutputFile: opened in place, never replaced")
struct OutputFileTests {
    @Test("a symbolic link stays a link and its target is truncated and written; a new file is created; a missing folder fails with the reason")
    func inPlace() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-output-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("target.txt").path
        let link = folder.appendingPathComponent("link").path
        try Data("old contents, longer than the new".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)

        let handle = try OutputFile.openInPlace(link).get()
        try handle.write(contentsOf: Data("new".utf8))
        try handle.close()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == target, "still a link")
        #expect(try String(contentsOfFile: target, encoding: .utf8) == "new")

        let fresh = folder.appendingPathComponent("fresh.csv").path
        let created = try OutputFile.openInPlace(fresh).get()
        try created.close()
        #expect(FileManager.default.fileExists(atPath: fresh))
        guard case .failure(let failure) = OutputFile.openInPlace(folder.appendingPathComponent("missing/x").path) else {
            Issue.record("a path in a missing folder opened")
            return
        }
        #expect(failure.reason == "No such file or directory")
    }
}
