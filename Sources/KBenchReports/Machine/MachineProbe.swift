import Foundation

/// Reads machine facts from the operating system. The parsers are separate from the file
/// reading so they can be tested on known text.
enum MachineProbe {
    static let unknown = "unknown"

    /// Kernel name, release and machine from uname(2).
    static func uname() -> (system: String, release: String, machine: String) {
        var names = utsname()
        guard Foundation.uname(&names) == 0 else { return (unknown, unknown, unknown) }
        func field<T>(_ tuple: T) -> String {
            withUnsafeBytes(of: tuple) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return (field(names.sysname), field(names.release), field(names.machine))
    }

    /// `date` as `yyyy-MM-ddTHH:mm:ssZ` in UTC (whole seconds).
    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        guard gmtime_r(&seconds, &parts) != nil else { return unknown }
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(two(parts.tm_mon + 1))-\(two(parts.tm_mday))"
            + "T\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec))Z"
    }

    static func operatingSystem() -> String {
        #if os(Linux)
        for path in ["/etc/os-release", "/usr/lib/os-release"] {
            if let text = readText(path), let name = prettyName(fromOSRelease: text) { return name }
        }
        #endif
        let fallback = ProcessInfo.processInfo.operatingSystemVersionString
        return fallback.isEmpty ? unknown : fallback
    }

    static func cpuModel() -> String {
        #if os(Linux)
        if let text = readText("/proc/cpuinfo"), let model = cpuModel(fromCPUInfo: text) { return model }
        #elseif canImport(Darwin)
        if let model = sysctlString("machdep.cpu.brand_string") { return model }
        #endif
        return unknown
    }

    static func memoryBytes() -> Int64 {
        #if os(Linux)
        if let text = readText("/proc/meminfo"), let bytes = memoryBytes(fromMemInfo: text) { return bytes }
        #endif
        return Int64(clamping: ProcessInfo.processInfo.physicalMemory)
    }

    /// The compiler version, known at compile time to the minor version (6.3 is the oldest
    /// that builds kbench: see the README's "Minimum Swift version").
    static let swiftCompiler: String = {
        #if compiler(>=6.5)
        return "6.5 or later"
        #elseif compiler(>=6.4)
        return "6.4"
        #else
        return "6.3"
        #endif
    }()

    // MARK: Parsers

    /// `PRETTY_NAME` from os-release text (quotes and backslash escapes removed), or `NAME`
    /// followed by `VERSION` if there is no pretty name.
    static func prettyName(fromOSRelease text: String) -> String? {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = String(trimmed[..<equals])
            fields[key] = unquoted(trimmed[trimmed.index(after: equals)...])
        }
        if let pretty = fields["PRETTY_NAME"], !pretty.isEmpty { return pretty }
        guard let name = fields["NAME"], !name.isEmpty else { return nil }
        return fields["VERSION"].map { "\(name) \($0)" } ?? name
    }

    /// The first `model name` (x86) or `Hardware`/`Processor`/`CPU part` (Arm) value.
    static func cpuModel(fromCPUInfo text: String) -> String? {
        let keys = ["model name", "Hardware", "Processor", "cpu model", "CPU part"]
        var found: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if keys.contains(key), found[key] == nil, !value.isEmpty { found[key] = value }
        }
        return keys.lazy.compactMap { found[$0] }.first
    }

    /// `MemTotal` in bytes (the file gives kB, meaning KiB).
    static func memoryBytes(fromMemInfo text: String) -> Int64? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("MemTotal:") {
            let fields = line.split(whereSeparator: \.isWhitespace)
            guard fields.count >= 2, let kibibytes = Int64(fields[1]) else { return nil }
            let (bytes, overflow) = kibibytes.multipliedReportingOverflow(by: 1024)
            return overflow ? nil : bytes
        }
        return nil
    }

    /// A shell-style value without its surrounding quotes and with `\x` escapes resolved.
    private static func unquoted(_ value: Substring) -> String {
        guard let quote = value.first, quote == "\"" || quote == "'" else { return String(value) }
        var result = ""
        var escaping = false
        for character in value.dropFirst() {
            if escaping {
                result.append(character)
                escaping = false
            } else if character == "\\" && quote == "\"" {
                escaping = true
            } else if character == quote {
                break
            } else {
                result.append(character)
            }
        }
        return result
    }

    private static func readText(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    #if canImport(Darwin)
    private static func sysctlString(_ name: String) -> String? {
        var size = 0
        guard sysctlbyname(name, nil, &size, nil, 0) == 0, size > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: size)
        guard sysctlbyname(name, &buffer, &size, nil, 0) == 0 else { return nil }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
    #endif
}
