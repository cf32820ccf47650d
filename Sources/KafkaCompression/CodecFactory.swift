/// Default ceiling on the decompressed size of one batch's records block: 256 MiB.
public let defaultDecompressionLimit = 256 * 1024 * 1024

/// Returns a fresh codec for `type` at `level` (nil = the codec's Kafka default).
///
/// Placeholder until the codecs land: only ``CompressionType/none`` is available.
public func makeCodec(_ type: CompressionType, level: Int? = nil) throws(CompressionError) -> any CompressionCodec {
    switch type {
    case .none: return NoCompression()
    default: throw .unsupported(codec: type.rawValue)
    }
}
