import CRdKafka

/// The librdkafka this process is linked with, for reports that say what they measured against
/// (the reports module itself does not link librdkafka: callers pass this string in).
package enum LibrdkafkaVersion {
    /// `rd_kafka_version_str()` of the library loaded at run time (`2.0.2`).
    package static var current: String { String(cString: rd_kafka_version_str()) }
}
