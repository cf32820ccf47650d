/// What defines a `kbench consume` run beyond the result's own topic, partitions, consumers
/// and group (``ConsumeResult/recorded``), for `kbench merge`.
package struct ConsumeRecordedSettings: Sendable, Hashable, Codable {
    /// Records to read at most (`--messages`); nil: everything the topic held.
    package var messages: Int?
    /// Progress windows' length in seconds.
    package var reportIntervalSeconds: Double
    /// The librdkafka properties set (`-X` and kbench's defaults), without the bootstrap
    /// servers, secret values redacted (as ``ProduceRunSettings/properties``).
    package var properties: [String: String]
    /// The machine's host name.
    package var host: String

    /// Settings from their parts; `properties` recorded as a producer run's are.
    package init(messages: Int?, reportIntervalSeconds: Double, properties: [String: String], host: String) {
        self.messages = messages
        self.reportIntervalSeconds = reportIntervalSeconds
        self.properties = ProduceRunSettings.recorded(properties)
        self.host = host
    }
}
