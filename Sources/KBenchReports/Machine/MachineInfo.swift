import Foundation

/// The machine, date and software versions a report was produced with (`machine.json`).
/// Kept apart from ``ReportDocument`` so report JSON stays diffable between runs.
package struct MachineInfo: Sendable, Hashable, Codable {
    /// When the run started, ISO-8601 in UTC: `2025-06-01T12:34:56Z`.
    package var date: String
    /// kbench's version string.
    package var kbenchVersion: String
    /// librdkafka's version string (`rd_kafka_version_str()`), if the caller measured with it.
    package var librdkafkaVersion: String?
    /// Operating system: `PRETTY_NAME` from /etc/os-release on Linux (`Debian GNU/Linux 12
    /// (bookworm)`), the product version on macOS.
    package var operatingSystem: String
    /// Kernel name and release from uname: `Linux 6.8.0-45-generic`.
    package var kernel: String
    /// Machine architecture from uname: `x86_64`, `arm64`, `aarch64`.
    package var architecture: String
    /// CPU model: `model name` from /proc/cpuinfo on Linux, the brand string on macOS;
    /// `unknown` if neither is available.
    package var cpuModel: String
    /// Logical processors online.
    package var logicalCores: Int
    /// Physical memory in bytes (MemTotal from /proc/meminfo on Linux).
    package var memoryBytes: Int64
    /// Swift compiler kbench was built with, from compile-time checks (`6.3` means 6.3.x).
    package var swiftCompiler: String

    /// A record with every field given (for tests and for reading old runs).
    package init(
        date: String, kbenchVersion: String, librdkafkaVersion: String?, operatingSystem: String,
        kernel: String, architecture: String, cpuModel: String, logicalCores: Int, memoryBytes: Int64,
        swiftCompiler: String
    ) {
        self.date = date
        self.kbenchVersion = kbenchVersion
        self.librdkafkaVersion = librdkafkaVersion
        self.operatingSystem = operatingSystem
        self.kernel = kernel
        self.architecture = architecture
        self.cpuModel = cpuModel
        self.logicalCores = logicalCores
        self.memoryBytes = memoryBytes
        self.swiftCompiler = swiftCompiler
    }

    /// This machine now. Reads /etc/os-release, /proc/cpuinfo and /proc/meminfo on Linux
    /// (sysctl on macOS); anything unreadable becomes `unknown` rather than an error.
    /// - Parameters:
    ///   - kbenchVersion: the CLI's version string.
    ///   - librdkafkaVersion: `rd_kafka_version_str()` if librdkafka took part (the reports
    ///     module does not link librdkafka itself).
    ///   - date: the run's start (now by default).
    package static func current(kbenchVersion: String, librdkafkaVersion: String? = nil, date: Date = Date()) -> MachineInfo {
        let uname = MachineProbe.uname()
        return MachineInfo(
            date: MachineProbe.iso8601(date),
            kbenchVersion: kbenchVersion,
            librdkafkaVersion: librdkafkaVersion,
            operatingSystem: MachineProbe.operatingSystem(),
            kernel: "\(uname.system) \(uname.release)",
            architecture: uname.machine,
            cpuModel: MachineProbe.cpuModel(),
            logicalCores: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: MachineProbe.memoryBytes(),
            swiftCompiler: MachineProbe.swiftCompiler
        )
    }

    /// The record as labelled facts, for report headers and the HTML index.
    package var facts: [ReportFact] {
        var facts = [
            ReportFact("date", .text(date)),
            ReportFact("kbench", .text(kbenchVersion)),
        ]
        if let librdkafkaVersion { facts.append(ReportFact("librdkafka", .text(librdkafkaVersion))) }
        facts += [
            ReportFact("Swift", .text(swiftCompiler)),
            ReportFact("OS", .text(operatingSystem)),
            ReportFact("kernel", .text("\(kernel) \(architecture)")),
            ReportFact("CPU", .text(cpuModel)),
            ReportFact("logical cores", .integer(Int64(logicalCores))),
            ReportFact("memory", .number(Double(memoryBytes)), format: .bytes),
        ]
        return facts
    }

    /// One line for footers: `2025-06-01T12:34:56Z · kbench 0.1.0 · AMD EPYC · 2 cores · 23.5 GiB · Debian GNU/Linux 12 (bookworm)`.
    package var summaryLine: String {
        var parts = [date, "kbench \(kbenchVersion)"]
        if let librdkafkaVersion { parts.append("librdkafka \(librdkafkaVersion)") }
        parts += [cpuModel, "\(logicalCores) cores", UnitText.bytes(Double(memoryBytes)), operatingSystem]
        return parts.joined(separator: " · ")
    }
}

extension MachineInfo {
    /// This machine's host name (gethostname(2); `unknown` when it cannot be read): what tells
    /// apart the runs `kbench merge` combines.
    package static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return MachineProbe.unknown }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? MachineProbe.unknown : name
    }
}
