/// One Kafka compression codec, described once: its attribute id, its `compression.type` name,
/// its level scale (range, default, each client's setting), how to make it in Kafka's framing,
/// and what a configuration means in a few words.
///
/// Every ``CompressionType`` has one (``CompressionType/codec``). Adding a codec is its own
/// folder (the codec and a `CodecDescription` extension holding its description), its C shim,
/// and the line registering the description in ``CompressionType/codec``; nothing else in the
/// library switches over the codecs.
///
/// The description is a plain value: a client profile can refine a copy (its own level range or
/// default framing, through ``levels`` and ``makeCodec``) without touching the codec.
public struct CodecDescription: Sendable {
    /// The codec bits in a batch's attributes.
    public var type: CompressionType
    /// The name Kafka tools and client configurations use (`compression.type`).
    public var name: String
    /// The level scale in kbench and each client's own setting.
    public var levels: CompressionLevels
    /// Makes a fresh codec in Kafka's framing configured by the options; a level the codec does
    /// not accept fails with ``CompressionError/invalidLevel(codec:level:accepted:)``.
    public var makeCodec: @Sendable (CompressionOptions) throws(CompressionError) -> any CompressionCodec
    /// What the options mean for this codec, a few words each (`fast`, `HC`, `ultra`,
    /// `xerial framing (Java)`); empty when there is nothing to say.
    public var notes: @Sendable (CompressionOptions) -> [String]

    /// A description from its parts.
    public init(
        type: CompressionType,
        name: String,
        levels: CompressionLevels,
        makeCodec: @escaping @Sendable (CompressionOptions) throws(CompressionError) -> any CompressionCodec,
        notes: @escaping @Sendable (CompressionOptions) -> [String]
    ) {
        self.type = type
        self.name = name
        self.levels = levels
        self.makeCodec = makeCodec
        self.notes = notes
    }
}
