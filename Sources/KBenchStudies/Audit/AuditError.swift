import KafkaLive

/// Why an audit could not be made.
package enum AuditError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The cluster has no topic of this name (the audit never creates one).
    case topicNotFound(topic: String, servers: String)
    /// Talking to the cluster failed.
    case kafka(KafkaLiveError)
    /// A records file (`--records`) could not be read (the reader's one-line message).
    case recordFile(String)
    /// A line of a records file is not `key<TAB>partition`: the file, the 1-based line, what is wrong.
    case badRecord(file: String, line: Int, reason: String)

    /// A one-line explanation (the topic name escaped: it may hold control characters).
    package var description: String {
        switch self {
        case .topicNotFound(let topic, let servers):
            "topic '\(Array(topic.utf8).withUnsafeBytes { displayKey($0) })' does not exist on \(servers)"
        case .kafka(let error):
            error.description
        case .recordFile(let message):
            message
        case .badRecord(let file, let line, let reason):
            "\(file): line \(line): \(reason)"
        }
    }
}
