import KafkaCompression

extension RecordBatchError {
    /// The kind of failure and the numbers that explain it.
    ///
    /// A struct that can grow new kinds without breaking callers: match on ``code``
    /// (`error.reason.code == .truncated`), build one with the static factories
    /// (`reason: .truncated(needed: 8, available: 3)`). `==` compares the code and its numbers.
    public struct Reason: Sendable, Hashable, CustomStringConvertible {
        /// The kind of a ``Reason``; new kinds may be added in any release.
        public struct Code: Sendable, Hashable, CustomStringConvertible {
            private enum Base: String, Sendable, Hashable {
                case truncated, unsupportedMagic, crcMismatch, invalidLength, varintTooLong
                case recordCountMismatch, unconsumedBytes, recordLengthMismatch, unknownCodec, compression
                case legacyCRCMismatch, nestedCompression, emptyCompressedSet, wrapperOffsetBelowInner
                case unsupportedCodecForMagic, invalidVersion
            }

            private let base: Base
            private init(_ base: Base) { self.base = base }

            /// Fewer bytes are left than the field needs.
            public static let truncated = Code(.truncated)
            /// The magic byte is not 2.
            public static let unsupportedMagic = Code(.unsupportedMagic)
            /// The stored CRC-32C does not match the computed one.
            public static let crcMismatch = Code(.crcMismatch)
            /// A length or count is negative or larger than the bytes that could hold it.
            public static let invalidLength = Code(.invalidLength)
            /// A varint or varlong keeps its continuation bit past its maximum length.
            public static let varintTooLong = Code(.varintTooLong)
            /// The batch header declares more records than its records block holds.
            public static let recordCountMismatch = Code(.recordCountMismatch)
            /// Bytes are left after the declared records.
            public static let unconsumedBytes = Code(.unconsumedBytes)
            /// A record's fields do not add up to the length it declares.
            public static let recordLengthMismatch = Code(.recordLengthMismatch)
            /// The attributes name a codec this build does not know.
            public static let unknownCodec = Code(.unknownCodec)
            /// The codec failed (see ``Reason/compressionError``).
            public static let compression = Code(.compression)
            /// A legacy message's stored CRC-32 (IEEE) does not match the computed one.
            public static let legacyCRCMismatch = Code(.legacyCRCMismatch)
            /// A message inside a compressed legacy wrapper is itself compressed.
            public static let nestedCompression = Code(.nestedCompression)
            /// A compressed legacy wrapper holds no inner message.
            public static let emptyCompressedSet = Code(.emptyCompressedSet)
            /// A v1 wrapper's offset is below its last inner message's relative offset.
            public static let wrapperOffsetBelowInner = Code(.wrapperOffsetBelowInner)
            /// A codec the message format cannot carry (zstd in a v0/v1 wrapper).
            public static let unsupportedCodecForMagic = Code(.unsupportedCodecForMagic)
            /// A version field holds a value the format does not define (control records).
            public static let invalidVersion = Code(.invalidVersion)

            /// The kind's name, e.g. `truncated`.
            public var description: String { base.rawValue }
        }

        private enum Storage: Sendable, Hashable {
            case truncated(needed: Int, available: Int)
            case unsupportedMagic(Int8)
            case crcMismatch(stored: UInt32, computed: UInt32)
            case invalidLength(Int64, available: Int)
            case varintTooLong(maxBytes: Int)
            case recordCountMismatch(declared: Int32, found: Int)
            case unconsumedBytes(Int)
            case recordLengthMismatch(declared: Int, consumed: Int)
            case unknownCodec(bits: UInt8)
            case compression(CompressionError)
            case legacyCRCMismatch(stored: UInt32, computed: UInt32)
            case nestedCompression(codecBits: UInt8)
            case emptyCompressedSet
            case wrapperOffsetBelowInner(wrapper: Int64, lastInner: Int64)
            case unsupportedCodecForMagic(codecBits: UInt8, magic: Int8)
            case invalidVersion(Int16)
        }

        private let storage: Storage
        private init(_ storage: Storage) { self.storage = storage }

        /// Fewer bytes are left than the field needs.
        public static func truncated(needed: Int, available: Int) -> Self {
            Self(.truncated(needed: needed, available: available))
        }

        /// The magic byte is not one the reader handles (2 for a batch; 0 or 1 for a legacy message).
        public static func unsupportedMagic(_ magic: Int8) -> Self { Self(.unsupportedMagic(magic)) }

        /// The stored CRC-32C does not match the one computed over bytes 21…end.
        public static func crcMismatch(stored: UInt32, computed: UInt32) -> Self {
            Self(.crcMismatch(stored: stored, computed: computed))
        }

        /// A length or count is negative or larger than the bytes that could hold it.
        public static func invalidLength(_ length: Int64, available: Int) -> Self {
            Self(.invalidLength(length, available: available))
        }

        /// A varint (5 bytes at most) or varlong (10 bytes at most) keeps its continuation bit.
        public static func varintTooLong(maxBytes: Int) -> Self { Self(.varintTooLong(maxBytes: maxBytes)) }

        /// The batch header declares more records than its records block holds.
        public static func recordCountMismatch(declared: Int32, found: Int) -> Self {
            Self(.recordCountMismatch(declared: declared, found: found))
        }

        /// Bytes are left in the records block after the declared number of records.
        public static func unconsumedBytes(_ count: Int) -> Self { Self(.unconsumedBytes(count)) }

        /// A record's fields do not add up to the length it declares.
        public static func recordLengthMismatch(declared: Int, consumed: Int) -> Self {
            Self(.recordLengthMismatch(declared: declared, consumed: consumed))
        }

        /// The attributes name a codec this build does not know (codec bits 5–7).
        public static func unknownCodec(bits: UInt8) -> Self { Self(.unknownCodec(bits: bits)) }

        /// The codec failed (corrupt block, decompression ceiling, missing codec).
        public static func compression(_ error: CompressionError) -> Self { Self(.compression(error)) }

        /// The stored CRC-32 (IEEE, zlib's) of a legacy message does not match the one computed
        /// over its magic byte to its end.
        public static func legacyCRCMismatch(stored: UInt32, computed: UInt32) -> Self {
            Self(.legacyCRCMismatch(stored: stored, computed: computed))
        }

        /// A message inside a compressed legacy wrapper names a codec itself.
        public static func nestedCompression(codecBits: UInt8) -> Self { Self(.nestedCompression(codecBits: codecBits)) }

        /// A compressed legacy wrapper whose value decompresses to no message.
        public static let emptyCompressedSet = Self(.emptyCompressedSet)

        /// A v1 wrapper's (non-zero) offset is below its last inner message's relative offset.
        public static func wrapperOffsetBelowInner(wrapper: Int64, lastInner: Int64) -> Self {
            Self(.wrapperOffsetBelowInner(wrapper: wrapper, lastInner: lastInner))
        }

        /// A codec the message format cannot carry (zstd needs magic 2).
        public static func unsupportedCodecForMagic(codecBits: UInt8, magic: Int8) -> Self {
            Self(.unsupportedCodecForMagic(codecBits: codecBits, magic: magic))
        }

        /// A version field with a value the format does not define (negative control versions).
        public static func invalidVersion(_ version: Int16) -> Self { Self(.invalidVersion(version)) }

        /// The kind of failure.
        public var code: Code {
            switch storage {
            case .truncated: .truncated
            case .unsupportedMagic: .unsupportedMagic
            case .crcMismatch: .crcMismatch
            case .invalidLength: .invalidLength
            case .varintTooLong: .varintTooLong
            case .recordCountMismatch: .recordCountMismatch
            case .unconsumedBytes: .unconsumedBytes
            case .recordLengthMismatch: .recordLengthMismatch
            case .unknownCodec: .unknownCodec
            case .compression: .compression
            case .legacyCRCMismatch: .legacyCRCMismatch
            case .nestedCompression: .nestedCompression
            case .emptyCompressedSet: .emptyCompressedSet
            case .wrapperOffsetBelowInner: .wrapperOffsetBelowInner
            case .unsupportedCodecForMagic: .unsupportedCodecForMagic
            case .invalidVersion: .invalidVersion
            }
        }

        /// The codec's error (``Code/compression``).
        public var compressionError: CompressionError? {
            if case .compression(let error) = storage { return error }
            return nil
        }

        /// Bytes the field needs and bytes left (``Code/truncated``).
        public var truncation: (needed: Int, available: Int)? {
            if case .truncated(let needed, let available) = storage { return (needed, available) }
            return nil
        }

        /// The declared length and the bytes available (``Code/invalidLength``).
        public var invalidLength: (length: Int64, available: Int)? {
            if case .invalidLength(let length, let available) = storage { return (length, available) }
            return nil
        }

        /// A short human explanation.
        public var description: String {
            switch storage {
            case .truncated(let needed, let available):
                "truncated: needs \(needed) bytes, \(available) left"
            case .unsupportedMagic(let magic):
                "unsupported magic \(magic) (only RecordBatch v2, magic 2, is supported)"
            case .crcMismatch(let stored, let computed):
                "CRC-32C mismatch: stored \(stored), computed \(computed)"
            case .invalidLength(let length, let available):
                length < 0
                    ? "invalid negative length \(length)"
                    : "length \(length) exceeds the \(available) bytes available"
            case .varintTooLong(let maxBytes):
                "varint longer than \(maxBytes) bytes"
            case .recordCountMismatch(let declared, let found):
                "batch declares \(declared) records but its records block ends after \(found)"
            case .unconsumedBytes(let count):
                "\(count) bytes left after the declared records"
            case .recordLengthMismatch(let declared, let consumed):
                "record declares \(declared) bytes but its fields take \(consumed)"
            case .unknownCodec(let bits):
                "unknown compression codec \(bits) in attributes"
            case .compression(let error):
                error.description
            case .legacyCRCMismatch(let stored, let computed):
                "CRC-32 mismatch: stored \(stored), computed \(computed)"
            case .nestedCompression(let bits):
                "inner message of a compressed set is compressed itself (codec \(bits))"
            case .emptyCompressedSet:
                "compressed message set holds no inner message"
            case .wrapperOffsetBelowInner(let wrapper, let lastInner):
                "wrapper offset \(wrapper) is less than the last inner relative offset \(lastInner) and not zero"
            case .unsupportedCodecForMagic(let bits, let magic):
                "codec \(bits) cannot be used with magic \(magic)"
            case .invalidVersion(let version):
                "invalid version \(version)"
            }
        }
    }
}
