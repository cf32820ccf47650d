import Foundation
import KBenchReports
import Testing
import TestSupport

/// `kbench report` through the built executable, with --quick.
@Suite("kbench report")
struct ReportCommandTests {
    @Test("--quick --output-dir writes results and one summary line per stage")
    func quick() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-report-cli-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KBenchExecutable.run(["report", "--quick", "--output-dir", directory.path, "--seed", "7"])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.isEmpty)
        let lines = result.err.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("kbench: warning:") }
        #expect(lines.count == 5, "\(result.err)")
        #expect(lines.first?.hasPrefix("hash: 18 cells in ") == true)
        #expect(lines.first?.hasSuffix("→ \(directory.path)/hash.md") == true)
        #expect(lines.last?.hasSuffix("→ \(directory.path)/index.html") == true)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for file in ["hash.md", "hash.json", "compress.md", "compress.json", "partitions.md", "partitions.json", "produce.md", "produce.json", "index.html", "machine.json", "README.md"] {
            #expect(files.contains(file), "\(file)")
        }
        let machine = try JSONDecoder().decode(MachineInfo.self, from: Data(contentsOf: directory.appendingPathComponent("machine.json")))
        #expect(machine.librdkafkaVersion?.isEmpty == false)
        #expect(machine.kbenchVersion.isEmpty == false)
    }

    @Test("every chart of --quick lays out clean: no label overlaps another text, a marker or a bar")
    func quickChartsLayOutClean() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-report-charts-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KBenchExecutable.run(["report", "--quick", "--output-dir", directory.path, "--seed", "7"])
        #expect(result.status == 0, "\(result.err)")
        let renderer = SVGChartRenderer()
        var charts = 0
        for report in ["hash", "compress", "partitions", "produce"] {
            let document = try JSONReportRenderer().decode(Data(contentsOf: directory.appendingPathComponent("\(report).json")))
            for chart in document.allCharts {
                charts += 1
                #expect(renderer.layoutProblems(chart) == [], "\(report) \(chart.id)")
            }
        }
        #expect(charts >= 10, "\(charts) charts")
    }

    @Test("--only runs the stages named")
    func only() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-report-only-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KBenchExecutable.run(["report", "--quick", "--only", "partitions", "--output-dir", directory.path])
        #expect(result.status == 0, "\(result.err)")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(files.contains("partitions.md"))
        #expect(!files.contains("hash.md"))
    }

    @Test("--only produce runs the producer stage alone: its report, both charts and the client-side label in index.html")
    func onlyProduce() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kbench-report-produce-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try KBenchExecutable.run(["report", "--quick", "--only", "produce", "--output-dir", directory.path])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.err.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("kbench: warning:") }
        #expect(lines.count == 2, "\(result.err)")
        #expect(lines.first?.hasPrefix("produce: 7 producer runs in ") == true, "\(result.err)")
        #expect(lines.first?.hasSuffix("→ \(directory.path)/produce.md") == true)
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: directory.path))
        for file in ["produce.md", "produce.json", "produce-steps-latency-vs-throughput.svg", "produce-sweep-p99.svg", "index.html"] {
            #expect(files.contains(file), "\(file)")
        }
        #expect(!files.contains("hash.md"))
        let index = try String(contentsOf: directory.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("client side only"))
    }

    @Test("bad values are usage errors: exit 2, one line", arguments: [
        (["--only", "hash,inspect"], "kbench: --only: unknown stage 'inspect' (expected one of: hash, compress, partitions, produce)"),
        (["--only", ""], "kbench: --only: no stage given"),
        (["--output-dir", ""], "kbench: --output-dir must not be empty"),
    ])
    func usageErrors(arguments: [String], message: String) throws {
        let result = try KBenchExecutable.run(["report"] + arguments)
        #expect(result.status == 2)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix(message) == true, "\(result.err)")
    }

    @Test("an unwritable output directory is a failure: exit 1, one line")
    func unwritable() throws {
        let result = try KBenchExecutable.run(["report", "--quick", "--only", "partitions", "--output-dir", "/proc/kbench-results"])
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n").filter { !$0.hasPrefix("kbench: warning:") }
        #expect(lines.count == 1)
        #expect(lines.first?.hasPrefix("kbench: cannot write /proc/kbench-results") == true, "\(result.err)")
    }

    @Test("help lists the stages and what is written")
    func help() throws {
        let result = try KBenchExecutable.run(["report", "--help"])
        #expect(result.status == 0)
        #expect(result.out.contains("index.html"))
        #expect(result.out.contains("--quick"))
        #expect(try KBenchExecutable.run(["--help"]).out.contains("report"))
    }
}
