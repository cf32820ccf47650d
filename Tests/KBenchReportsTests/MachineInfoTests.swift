import Foundation
import Testing
@testable import KBenchReports

@Suite("MachineInfo")
struct MachineInfoTests {
    @Test("this machine's fields are filled in")
    func current() throws {
        let info = MachineInfo.current(kbenchVersion: "9.9.9", librdkafkaVersion: "2.3.0",
                                       date: Date(timeIntervalSince1970: 0))
        #expect(info.date == "1970-01-01T00:00:00Z")
        #expect(info.kbenchVersion == "9.9.9")
        #expect(info.librdkafkaVersion == "2.3.0")
        for (name, value) in [("os", info.operatingSystem), ("kernel", info.kernel), ("arch", info.architecture),
                              ("cpu", info.cpuModel), ("swift", info.swiftCompiler)] {
            #expect(!value.isEmpty && value != "unknown", "\(name) is \(value)")
        }
        #expect(info.logicalCores >= 1)
        #expect(info.memoryBytes > 64 << 20)
        #if os(Linux)
        #expect(info.kernel.hasPrefix("Linux "))
        #endif
        #expect(info.facts.map(\.label) == ["date", "kbench", "librdkafka", "Swift", "OS", "kernel", "CPU",
                                            "logical cores", "memory"])
        #expect(info.summaryLine.hasPrefix("1970-01-01T00:00:00Z · kbench 9.9.9 · librdkafka 2.3.0 · "))
    }

    @Test("dates are ISO-8601 UTC with zero padding")
    func dates() {
        #expect(MachineProbe.iso8601(Date(timeIntervalSince1970: 1_709_251_199.9)) == "2024-02-29T23:59:59Z")
        #expect(MachineProbe.iso8601(Date(timeIntervalSince1970: 946_684_800)) == "2000-01-01T00:00:00Z")
    }

    @Test("os-release, cpuinfo and meminfo parsers")
    func parsers() {
        let osRelease = """
            # comment
            NAME="Debian GNU/Linux"
            VERSION="12 (bookworm)"
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm) \\"quoted\\""
            ID=debian
            """
        #expect(MachineProbe.prettyName(fromOSRelease: osRelease) == "Debian GNU/Linux 12 (bookworm) \"quoted\"")
        #expect(MachineProbe.prettyName(fromOSRelease: "NAME='Alpine'\nVERSION=3.19") == "Alpine 3.19")
        #expect(MachineProbe.prettyName(fromOSRelease: "ID=x") == nil)

        let x86 = "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu\n\nprocessor\t: 1\nmodel name\t: AMD EPYC 7B13\n"
        #expect(MachineProbe.cpuModel(fromCPUInfo: x86) == "AMD EPYC 7B13")
        let arm = "processor\t: 0\nBogoMIPS\t: 50.00\nCPU part\t: 0xd0c\n"
        #expect(MachineProbe.cpuModel(fromCPUInfo: arm) == "0xd0c")
        #expect(MachineProbe.cpuModel(fromCPUInfo: "") == nil)

        #expect(MachineProbe.memoryBytes(fromMemInfo: "MemTotal:       24684092 kB\nMemFree: 1 kB\n") == Int64(25_276_510_208))
        #expect(MachineProbe.memoryBytes(fromMemInfo: "MemTotal: lots kB") == nil)
        #expect(MachineProbe.memoryBytes(fromMemInfo: "MemTotal: 9223372036854775807 kB") == nil)
    }
}
