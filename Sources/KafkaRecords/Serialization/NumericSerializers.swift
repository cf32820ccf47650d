/// Fixed-width integers as big-endian bytes: Java `ShortSerializer` (Int16),
/// `IntegerSerializer` (Int32), `LongSerializer` (Int64); also usable for unsigned types.
public struct BigEndianIntegerSerializer<Value: FixedWidthInteger & Sendable>: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}

    /// `MemoryLayout<Value>.size` bytes, most significant first.
    public func serialize(_ value: Value) throws(SerializationError) -> [UInt8]? {
        withUnsafeBytes(of: value.bigEndian) { Array($0) }
    }
}

/// Big-endian bytes back to a fixed-width integer (Java `ShortDeserializer`,
/// `IntegerDeserializer`, `LongDeserializer`): any other length is an error.
public struct BigEndianIntegerDeserializer<Value: FixedWidthInteger & Sendable>: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}

    /// Reads exactly `MemoryLayout<Value>.size` bytes.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Value {
        let bytes = try bytes.required("\(Value.self)")
        guard bytes.count == MemoryLayout<Value>.size else {
            throw .wrongLength(type: "\(Value.self)", expected: MemoryLayout<Value>.size, actual: bytes.count)
        }
        return bytes.withUnsafeBytes { Value(bigEndian: $0.loadUnaligned(as: Value.self)) }
    }
}

/// Java `ShortSerializer`: 2 bytes big-endian.
public typealias Int16Serializer = BigEndianIntegerSerializer<Int16>
/// Java `IntegerSerializer`: 4 bytes big-endian.
public typealias Int32Serializer = BigEndianIntegerSerializer<Int32>
/// Java `LongSerializer`: 8 bytes big-endian.
public typealias Int64Serializer = BigEndianIntegerSerializer<Int64>
/// Java `ShortDeserializer`.
public typealias Int16Deserializer = BigEndianIntegerDeserializer<Int16>
/// Java `IntegerDeserializer`.
public typealias Int32Deserializer = BigEndianIntegerDeserializer<Int32>
/// Java `LongDeserializer`.
public typealias Int64Deserializer = BigEndianIntegerDeserializer<Int64>

/// Java `FloatSerializer`: the IEEE 754 bits, 4 bytes big-endian (NaN payloads kept).
public struct FloatSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// The bit pattern, most significant byte first.
    public func serialize(_ value: Float) throws(SerializationError) -> [UInt8]? {
        try BigEndianIntegerSerializer<UInt32>().serialize(value.bitPattern)
    }
}

/// Java `FloatDeserializer`: exactly 4 bytes.
public struct FloatDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// The float with those bits.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Float {
        let bytes = try bytes.required("Float")
        guard bytes.count == 4 else { throw .wrongLength(type: "Float", expected: 4, actual: bytes.count) }
        return Float(bitPattern: try BigEndianIntegerDeserializer<UInt32>().deserialize(bytes))
    }
}

/// Java `DoubleSerializer`: the IEEE 754 bits, 8 bytes big-endian.
public struct DoubleSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// The bit pattern, most significant byte first.
    public func serialize(_ value: Double) throws(SerializationError) -> [UInt8]? {
        try BigEndianIntegerSerializer<UInt64>().serialize(value.bitPattern)
    }
}

/// Java `DoubleDeserializer`: exactly 8 bytes.
public struct DoubleDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// The double with those bits.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Double {
        let bytes = try bytes.required("Double")
        guard bytes.count == 8 else { throw .wrongLength(type: "Double", expected: 8, actual: bytes.count) }
        return Double(bitPattern: try BigEndianIntegerDeserializer<UInt64>().deserialize(bytes))
    }
}

/// Java `BooleanSerializer`: one byte, 0x01 for true, 0x00 for false.
public struct BoolSerializer: Serializer, Sendable {
    /// Creates the serializer.
    public init() {}
    /// `[0x01]` or `[0x00]`.
    public func serialize(_ value: Bool) throws(SerializationError) -> [UInt8]? {
        [value ? 0x01 : 0x00]
    }
}

/// Java `BooleanDeserializer`: exactly one byte, 0x00 or 0x01; anything else is an error.
public struct BoolDeserializer: Deserializer, Sendable {
    /// Creates the deserializer.
    public init() {}
    /// `false` for 0x00, `true` for 0x01.
    public func deserialize(_ bytes: [UInt8]?) throws(SerializationError) -> Bool {
        let bytes = try bytes.required("Bool")
        guard bytes.count == 1 else { throw .wrongLength(type: "Bool", expected: 1, actual: bytes.count) }
        switch bytes[0] {
        case 0x00: return false
        case 0x01: return true
        default: throw .invalidValue(type: "Bool", reason: "byte \(bytes[0]) is neither 0x00 nor 0x01")
        }
    }
}
