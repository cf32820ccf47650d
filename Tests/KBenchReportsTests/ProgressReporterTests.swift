import Foundation
import KBenchTerminal
import Testing
@testable import KBenchReports

@Suite("Progress")
struct ProgressReporterTests {
    /// A pipe whose read end collects everything written to the write end.
    struct Pipe {
        let read: Int32
        let write: Int32

        init() throws {
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            read = fds[0]
            write = fds[1]
        }

        /// Closes the write end and returns what was written.
        func drain() -> String {
            close(write)
            var bytes: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let count = buffer.withUnsafeMutableBytes { Foundation.read(read, $0.baseAddress, $0.count) }
                if count <= 0 { break }
                bytes += buffer.prefix(count)
            }
            close(read)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    @Test("silent when the descriptor is not a terminal (a pipe)")
    func silentOnPipe() throws {
        let pipe = try Pipe()
        #expect(!ProgressReporter.isTerminal(pipe.write))
        let reporter = ProgressReporter(label: "keys", total: 100, fileDescriptor: pipe.write, initialDelay: .zero)
        #expect(!reporter.isEnabled)
        for _ in 0..<100 { reporter.advance() }
        reporter.update(completed: 100)
        reporter.finish()
        #expect(pipe.drain().isEmpty)
    }

    @Test("when forced on: draws a line with the count, then erases it on finish")
    func drawsAndClears() throws {
        let pipe = try Pipe()
        let reporter = ProgressReporter(label: "keys", total: 10, unit: "keys", fileDescriptor: pipe.write,
                                        enabled: true, initialDelay: .zero)
        reporter.advance(by: 5)
        reporter.advance(by: 1)  // within 100 ms of the first draw: throttled
        reporter.finish()
        reporter.finish()  // idempotent
        reporter.advance()  // after finish: nothing
        let output = pipe.drain()
        #expect(output.hasPrefix("\rkeys  [====="))
        #expect(output.contains(" 50%  5/10  "))
        #expect(!output.contains("6/10"))
        #expect(output.hasSuffix("\u{1B}[K\r\u{1B}[K"))
        #expect(output.components(separatedBy: "\r").count == 3)  // one draw, one clear
    }

    @Test("nothing is drawn before the initial delay")
    func initialDelay() throws {
        let pipe = try Pipe()
        let reporter = ProgressReporter(label: "x", total: 10, fileDescriptor: pipe.write, enabled: true,
                                        initialDelay: .seconds(3600))
        reporter.advance(by: 10)
        reporter.finish()
        #expect(pipe.drain().isEmpty)
    }

    @Test("counts from many tasks at once")
    func concurrent() async throws {
        let pipe = try Pipe()
        let reporter = ProgressReporter(label: "x", total: 8000, fileDescriptor: pipe.write, enabled: true,
                                        initialDelay: .seconds(3600))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask { for _ in 0..<1000 { reporter.advance() } }
            }
        }
        #expect(reporter.completed == 8000)
        reporter.finish()
        _ = pipe.drain()
    }

    @Test("progress line layout with and without a total")
    func lines() {
        #expect(ProgressLine.render(label: "keys", completed: 4500, total: 10000, elapsedSeconds: 2, unit: "keys")
                == "keys  [============>              ]   45%  4,500/10,000  2.25 k keys/s  ETA 0:02")
        #expect(ProgressLine.render(label: "keys", completed: 4500, total: nil, elapsedSeconds: 2, unit: "keys")
                == "keys  4,500 keys  2.25 k keys/s  0:02")
        #expect(ProgressLine.render(label: "x", completed: 0, total: 5, elapsedSeconds: 0)
                == "x  [>                                       ]    0%  0/5  —  ETA --:--")
        #expect(ProgressLine.render(label: "x", completed: 5, total: 5, elapsedSeconds: 1).contains("[========================================]  100%"))
        let narrow = ProgressLine.render(label: "a long label", completed: 1, total: 2, elapsedSeconds: 1, width: 30)
        #expect(DisplayWidth.of(narrow) <= 30)
        #expect(ProgressLine.bar(0.5, width: 10) == "[=====>    ]")
    }
}
