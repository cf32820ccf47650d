/// Why a `kbench consume` run could not start.
package struct ConsumeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    package enum Kind: Sendable, Hashable {
        /// The topic is not on the cluster.
        case missingTopic
    }

    /// What went wrong.
    package var kind: Kind
    /// The topic concerned.
    package var topic: String

    package var description: String {
        switch kind {
        case .missingTopic: "topic \(topic) does not exist on the cluster (kbench consume reads an existing topic; produce to it first)"
        }
    }
}
