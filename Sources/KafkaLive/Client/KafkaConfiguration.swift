import CRdKafka
import KafkaCompression

/// librdkafka configuration properties (`bootstrap.servers`, `compression.type`, `linger.ms`,
/// …), exactly as kcat's `-X key=value` or any librdkafka-based client takes them.
package struct KafkaConfiguration: Sendable, Hashable {
    /// The properties, applied in key order.
    package var properties: [String: String]

    /// A configuration with `properties`.
    package init(_ properties: [String: String] = [:]) {
        self.properties = properties
    }

    /// The value of `property`, if set.
    package subscript(property: String) -> String? {
        get { properties[property] }
        set { properties[property] = newValue }
    }

    /// A copy with `property` set to `value`.
    package func setting(_ property: String, _ value: String) -> KafkaConfiguration {
        var copy = self
        copy.properties[property] = value
        return copy
    }

    /// A copy with `bootstrap.servers`.
    package func bootstrapServers(_ servers: String) -> KafkaConfiguration {
        setting("bootstrap.servers", servers)
    }

    /// A copy with librdkafka's `compression.type` set to `type`'s Kafka name and, when given,
    /// `compression.level` (librdkafka's scale: -1 = codec default, see ``CompressionLevels``).
    package func compression(_ type: CompressionType, level: Int? = nil) -> KafkaConfiguration {
        var copy = setting("compression.type", type.description)
        if let level { copy.properties["compression.level"] = String(level) }
        return copy
    }

    /// Checks every property with librdkafka (`rd_kafka_conf_set`: a known name and a valid
    /// value) without creating a client.
    ///
    /// - Throws: ``KafkaLiveError/configuration(property:message:)`` for the first property
    ///   librdkafka rejects.
    package func validate() throws(KafkaLiveError) {
        rd_kafka_conf_destroy(try makeNativeConfiguration())
    }

    /// A new `rd_kafka_conf_t` with every property set, owned by the caller.
    func makeNativeConfiguration() throws(KafkaLiveError) -> OpaquePointer {
        guard let conf = rd_kafka_conf_new() else {
            throw .handleCreation(message: "rd_kafka_conf_new returned NULL")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        for (property, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, property, value, &errorText, errorText.count)
            guard result == RD_KAFKA_CONF_OK else {
                rd_kafka_conf_destroy(conf)
                throw .configuration(property: property, message: cText(errorText))
            }
        }
        return conf
    }
}

/// Creates an `rd_kafka_t` of `type` from `conf` (which it then owns; destroyed on failure).
func makeNativeHandle(_ type: rd_kafka_type_t, _ conf: OpaquePointer) throws(KafkaLiveError) -> OpaquePointer {
    var errorText = [CChar](repeating: 0, count: 512)
    guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
        rd_kafka_conf_destroy(conf)
        throw .handleCreation(message: cText(errorText))
    }
    return handle
}

/// The text of a NUL-terminated C buffer filled by librdkafka.
func cText(_ buffer: [CChar]) -> String {
    String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
}
