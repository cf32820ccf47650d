import CRdKafka

/// librdkafka's exported partitioner functions (`rd_kafka_msg_partitioner_*`), for code that
/// compares kbench with the C implementation in the same process (benchmarks, prediction
/// checks). The hashing partitioners never touch the topic handle, so they are called with nil.
/// Exposed as C function pointers: calling one is exactly how librdkafka calls its partitioner.
package enum LibrdkafkaPartitioners {
    /// The signature every librdkafka partitioner shares:
    /// `(rkt, key, keylen, partition_cnt, rkt_opaque, msg_opaque) -> partition`.
    package typealias Function = @convention(c) (
        OpaquePointer?, UnsafeRawPointer?, Int, Int32, UnsafeMutableRawPointer?, UnsafeMutableRawPointer?
    ) -> Int32

    /// `rd_kafka_msg_partitioner_murmur2`: `(murmur2(key) & 0x7fffffff) % n`.
    package static let murmur2: Function = rd_kafka_msg_partitioner_murmur2
    /// `rd_kafka_msg_partitioner_consistent`: `crc32(key) % n`.
    package static let consistent: Function = rd_kafka_msg_partitioner_consistent
    /// `rd_kafka_msg_partitioner_fnv1a`: `rd_fnv1a(key) % n`.
    package static let fnv1a: Function = rd_kafka_msg_partitioner_fnv1a

    /// The deterministic partitioner named `murmur2`, `consistent` or `fnv1a` (librdkafka's
    /// `partitioner` values), or nil.
    package static func function(named name: String) -> Function? {
        switch name {
        case "murmur2": return murmur2
        case "consistent": return consistent
        case "fnv1a": return fnv1a
        default: return nil
        }
    }

    /// Calls `function` for one key (a non-empty key or an empty buffer; never a null key,
    /// which the `_random` variants would send to a topic-dependent random choice).
    @inlinable
    package static func partition(_ function: Function, key: UnsafeRawBufferPointer, partitionCount: Int32) -> Int32 {
        function(nil, key.baseAddress, key.count, partitionCount, nil, nil)
    }
}
