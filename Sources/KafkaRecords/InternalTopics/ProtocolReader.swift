/// Reads the fields of a Kafka protocol message (the generated `Readable` code of Apache
/// Kafka's message schemas) from a key or value: fixed-width integers, strings, bytes and arrays
/// in the classic encoding (int16/int32 lengths, -1 = null) or the flexible one (unsigned varint
/// length + 1, 0 = null; tagged fields after each struct). Every length is checked against the
/// bytes left before anything is read; errors name the field and its byte offset in the
/// key or value.
struct ProtocolReader {
    private var cursor: ByteCursor
    /// Whether the message version is flexible (compact lengths, tagged fields).
    let flexible: Bool

    init(_ bytes: UnsafeRawBufferPointer, from index: Int = 0, flexible: Bool) {
        cursor = ByteCursor(bytes, from: index)
        self.flexible = flexible
    }

    /// The buffer read from.
    var bytes: UnsafeRawBufferPointer { cursor.bytes }
    /// Bytes not read yet.
    var remaining: Int { cursor.remaining }

    mutating func int8(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int8 { try cursor.readInteger(Int8.self, field()) }
    mutating func int16(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int16 { try cursor.readInteger(Int16.self, field()) }
    mutating func int32(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int32 { try cursor.readInteger(Int32.self, field()) }
    mutating func int64(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Int64 { try cursor.readInteger(Int64.self, field()) }

    /// An unsigned varint (at most 5 bytes).
    mutating func unsignedVarint(_ field: @autoclosure () -> String) throws(RecordBatchError) -> UInt32 {
        let start = cursor.index
        var value: UInt32 = 0
        var shift: UInt32 = 0
        while true {
            guard cursor.index < cursor.end else {
                throw cursor.location.error(field(), at: start, .truncated(needed: cursor.index &- start &+ 1, available: cursor.index &- start))
            }
            let byte = cursor.bytes[cursor.index]
            cursor.index &+= 1
            value |= UInt32(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift &+= 7
            if shift > 28 { throw cursor.location.error(field(), at: start, .varintTooLong(maxBytes: 5)) }
        }
    }

    /// A length prefix: int16 (strings) or int32 (bytes, arrays) classic, compact when flexible;
    /// -1 = null. A length past the bytes left (times `elementSize`) is an error.
    private mutating func length(_ field: () -> String, wide: Bool, elementSize: Int = 1) throws(RecordBatchError) -> Int? {
        let start = cursor.index
        let length: Int
        if flexible {
            length = Int(try unsignedVarint(field())) &- 1
        } else {
            length = wide ? Int(try cursor.readInteger(Int32.self, field())) : Int(try cursor.readInteger(Int16.self, field()))
        }
        if length < 0 {
            guard length == -1 else {
                throw cursor.location.error(field(), at: start, .invalidLength(Int64(length), available: cursor.remaining))
            }
            return nil
        }
        guard length <= cursor.remaining / elementSize else {
            throw cursor.location.error(field(), at: start, .invalidLength(Int64(length), available: cursor.remaining))
        }
        return length
    }

    /// A nullable string, decoded as UTF-8 (U+FFFD for malformed bytes, as Java).
    mutating func nullableString(_ field: @autoclosure () -> String) throws(RecordBatchError) -> String? {
        guard let length = try length(field, wide: false) else { return nil }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: cursor.bytes[cursor.index..<(cursor.index &+ length)]), as: UTF8.self)
        cursor.index &+= length
        return text
    }

    /// A string that must not be null.
    mutating func string(_ field: @autoclosure () -> String) throws(RecordBatchError) -> String {
        let start = cursor.index
        guard let text = try nullableString(field()) else {
            throw cursor.location.error(field(), at: start, .invalidLength(-1, available: cursor.remaining))
        }
        return text
    }

    /// Nullable bytes: their range in ``bytes``.
    mutating func nullableBytes(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int>? {
        guard let length = try length(field, wide: true) else { return nil }
        defer { cursor.index &+= length }
        return cursor.index..<(cursor.index &+ length)
    }

    /// Bytes that must not be null.
    mutating func bytes(_ field: @autoclosure () -> String) throws(RecordBatchError) -> Range<Int> {
        let start = cursor.index
        guard let range = try nullableBytes(field()) else {
            throw cursor.location.error(field(), at: start, .invalidLength(-1, available: cursor.remaining))
        }
        return range
    }

    /// An array's element count (nil = null array), at most the bytes left / `elementSize`.
    mutating func arrayCount(_ field: @autoclosure () -> String, elementSize: Int = 1) throws(RecordBatchError) -> Int? {
        try length(field, wide: true, elementSize: elementSize)
    }

    /// An array count that must not be null.
    mutating func count(_ field: @autoclosure () -> String, elementSize: Int = 1) throws(RecordBatchError) -> Int {
        let start = cursor.index
        guard let count = try arrayCount(field(), elementSize: elementSize) else {
            throw cursor.location.error(field(), at: start, .invalidLength(-1, available: cursor.remaining))
        }
        return count
    }

    /// Skips the tagged fields that end a struct in a flexible version (nothing otherwise);
    /// calls `body` with each tag and its data range so that known tags can be read.
    mutating func taggedFields(_ field: @autoclosure () -> String, _ body: (UInt32, Range<Int>) -> Void = { _, _ in }) throws(RecordBatchError) {
        guard flexible else { return }
        let count = try unsignedVarint(field() + ".taggedFields")
        for _ in 0..<count {
            let tag = try unsignedVarint(field() + ".tag")
            let start = cursor.index
            let size = Int(try unsignedVarint(field() + ".tagSize"))
            guard size <= cursor.remaining else {
                throw cursor.location.error(field() + ".tagSize", at: start, .invalidLength(Int64(size), available: cursor.remaining))
            }
            body(tag, cursor.index..<(cursor.index &+ size))
            cursor.index &+= size
        }
    }
}
