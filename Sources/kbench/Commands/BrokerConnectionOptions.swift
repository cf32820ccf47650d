import ArgumentParser
import Foundation
import KafkaLive

/// How to talk to a cluster, whichever it is: librdkafka properties passed through
/// (`-X key=value`, as kcat takes them) and the bound on reaching it.
struct ClusterClientOptions: ParsableArguments {
    @Option(name: .customShort("X"), help: ArgumentHelp("A librdkafka property passed through, key=value (repeatable): security.protocol, sasl.*, linger.ms, …", valueName: "key=value"))
    var properties: [String] = []

    @Option(help: ArgumentHelp("Bound on reaching the cluster and reading topic metadata (e.g. 10s, 500ms).", valueName: "duration"))
    var timeout = DurationArgument(seconds: 10)

    func validate() throws {
        for property in properties where Self.split(property) == nil {
            throw ValidationError("-X expects key=value, got '\(property)'")
        }
    }

    static func split(_ property: String) -> (String, String)? {
        guard let equals = property.firstIndex(of: "="), equals != property.startIndex else { return nil }
        return (String(property[..<equals]), String(property[property.index(after: equals)...]))
    }

    /// The `-X` properties.
    var passedProperties: [String: String] {
        var result: [String: String] = [:]
        for property in properties {
            if let (key, value) = Self.split(property) { result[key] = value }
        }
        return result
    }

    /// The client configuration for `servers`: the `-X` properties over `defaults`.
    func configuration(servers: String, defaults: [String: String] = [:]) -> KafkaConfiguration {
        var properties = defaults
        properties.merge(passedProperties) { _, passed in passed }
        properties["bootstrap.servers"] = servers
        // librdkafka logs connection trouble on stderr by default; kbench reports it itself.
        if properties["log_level"] == nil { properties["log_level"] = "0" }
        return KafkaConfiguration(properties)
    }
}

/// Throws the usage error for an empty `--bootstrap`.
func validateBootstrap(_ bootstrap: String?) throws {
    if let bootstrap, bootstrap.trimmingCharacters(in: .whitespaces).isEmpty {
        throw ValidationError("--bootstrap is empty")
    }
}

/// The options of commands that can run on their own: where the cluster is (`--bootstrap`,
/// else an embedded mock cluster started in this process) and how to talk to it.
struct LiveClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Brokers to use, host:port,… (default: an embedded librdkafka mock cluster started in this process).", valueName: "servers"))
    var bootstrap: String?

    @OptionGroup var client: ClusterClientOptions

    @Option(name: .customLong("embedded-brokers"), parsing: .unconditional, help: ArgumentHelp("Brokers of the embedded cluster (without --bootstrap).", valueName: "n"))
    var embeddedBrokers: CountArgument = 3

    func validate() throws {
        try validateBootstrap(bootstrap)
        try embeddedBrokers.check("--embedded-brokers", in: 1...32)
    }

    /// `-X` properties as given.
    var properties: [String] { client.properties }
    /// `--timeout`.
    var timeout: DurationArgument { client.timeout }
    /// The `-X` properties.
    var passedProperties: [String: String] { client.passedProperties }

    /// The client configuration (bootstrap, `-X` properties over `defaults`) and the embedded
    /// cluster when no `--bootstrap` was given (keep it alive while clients use it).
    func connect(defaults: [String: String] = [:]) throws -> (KafkaConfiguration, MockCluster?) {
        if let bootstrap { return (client.configuration(servers: bootstrap, defaults: defaults), nil) }
        let cluster: MockCluster
        do {
            cluster = try MockCluster(brokers: embeddedBrokers.value)
        } catch {
            throw CLIFailure("cannot start the embedded cluster: \(error)")
        }
        return (client.configuration(servers: cluster.bootstrapServers, defaults: defaults), cluster)
    }

    /// `--timeout` in milliseconds.
    var timeoutMilliseconds: Int { timeout.milliseconds }
}

/// The options of commands that read what a running cluster holds (no embedded default):
/// `--bootstrap` (required) and how to talk to it.
struct ExistingClusterOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Brokers of the cluster holding the data, host:port,… (required; e.g. the address `kbench broker` prints).", valueName: "servers"))
    var bootstrap: String?

    @OptionGroup var client: ClusterClientOptions

    func validate() throws {
        try validateBootstrap(bootstrap)
    }

    /// The usage error for a missing `--bootstrap`: call it from the command's `validate()`
    /// after the command's own checks (which then name their option first).
    func requireBootstrap() throws {
        guard bootstrap != nil else {
            throw ValidationError("--bootstrap host:port is required: this command reads a topic of a running cluster (an embedded one would be empty)")
        }
    }

    /// The brokers (validated: present).
    var servers: String { bootstrap ?? "" }

    /// The client configuration: `--bootstrap`, `-X` properties over `defaults`.
    func configuration(defaults: [String: String] = [:]) -> KafkaConfiguration {
        client.configuration(servers: servers, defaults: defaults)
    }
}

/// A duration on the command line: `10s`, `500ms`, `2m`, `1.5` (seconds).
struct DurationArgument: ExpressibleByArgument, Sendable, Hashable {
    /// The duration in milliseconds.
    var milliseconds: Int

    init(seconds: Int) {
        milliseconds = seconds * 1000
    }

    init(milliseconds: Int) {
        self.milliseconds = milliseconds
    }

    init?(argument: String) {
        let text = argument.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)]
        var number = text
        var scale = 1000.0
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            number = String(text.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(number), value.isFinite, value >= 0, value * scale < 1e12 else { return nil }
        milliseconds = Int((value * scale).rounded())
    }

    /// As a Swift duration.
    var duration: Duration { .milliseconds(milliseconds) }

    var defaultValueDescription: String {
        milliseconds % 1000 == 0 ? "\(milliseconds / 1000)s" : "\(milliseconds)ms"
    }
}

/// A flag set once, thread-safely.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var claimed = false

    /// True for the first caller only.
    func claim() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if claimed { return false }
        claimed = true
        return true
    }
}

/// Writes a line to stdout immediately (no stdio buffering: scripts read it as it comes).
func writeLine(_ line: String) {
    FileHandle.standardOutput.write(Data("\(line)\n".utf8))
}
