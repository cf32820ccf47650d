import KafkaPartitioning

/// Appends text and binary fields to a record under construction (corpus generators only).
struct RecordWriter {
    var bytes: [UInt8] = []

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends the UTF-8 bytes of `text`.
    mutating func text(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Appends one ASCII byte.
    mutating func byte(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Appends `value` in decimal.
    mutating func decimal(_ value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            decimal(magnitude: value.magnitude, width: 1)
        } else {
            decimal(magnitude: UInt(value), width: 1)
        }
    }

    /// Appends `value` in decimal, left-padded with zeros to `width` digits.
    mutating func decimal(_ value: Int, width: Int) {
        decimal(magnitude: value.magnitude, width: width)
    }

    private mutating func decimal(magnitude: UInt, width: Int) {
        var digits: [UInt8] = []
        var rest = magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        if digits.count < width { bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width - digits.count)) }
        bytes.append(contentsOf: digits.reversed())
    }

    /// Appends `units / 10^places` with exactly `places` decimals (`fixed(1999, 2)` → `19.99`).
    mutating func fixed(_ units: Int, places: Int) {
        if units < 0 { bytes.append(UInt8(ascii: "-")) }
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = Int(units.magnitude)
        decimal(magnitude / scale)
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            decimal(magnitude % scale, width: places)
        }
    }

    /// Appends the low `digits` hex digits of `value`, lowercase.
    mutating func hex(_ value: UInt64, digits: Int) {
        Hex.append(value, digits: digits, to: &bytes)
    }

    /// Appends a random version-4 UUID in its 36-character text form.
    mutating func uuid(_ random: inout SplitMix64) {
        let high = (random.next() & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000
        let low = (random.next() & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        hex(high &>> 32, digits: 8)
        byte(UInt8(ascii: "-"))
        hex(high &>> 16, digits: 4)
        byte(UInt8(ascii: "-"))
        hex(high, digits: 4)
        byte(UInt8(ascii: "-"))
        hex(low &>> 48, digits: 4)
        byte(UInt8(ascii: "-"))
        hex(low, digits: 12)
    }

    /// Appends a Unix millisecond timestamp as ISO 8601 UTC (`2023-11-14T22:13:20.123Z`).
    mutating func isoTimestamp(milliseconds: Int64) {
        let date = CivilTime(milliseconds: milliseconds)
        decimal(date.year, width: 4); byte(UInt8(ascii: "-"))
        decimal(date.month, width: 2); byte(UInt8(ascii: "-"))
        decimal(date.day, width: 2); byte(UInt8(ascii: "T"))
        clock(date)
        byte(UInt8(ascii: "Z"))
    }

    /// Appends an access-log timestamp (`14/Nov/2023:22:13:20 +0000`).
    mutating func accessLogTimestamp(milliseconds: Int64) {
        let date = CivilTime(milliseconds: milliseconds)
        decimal(date.day, width: 2); byte(UInt8(ascii: "/"))
        text(CivilTime.monthNames[date.month - 1]); byte(UInt8(ascii: "/"))
        decimal(date.year, width: 4); byte(UInt8(ascii: ":"))
        decimal(date.hour, width: 2); byte(UInt8(ascii: ":"))
        decimal(date.minute, width: 2); byte(UInt8(ascii: ":"))
        decimal(date.second, width: 2)
        text(" +0000")
    }

    private mutating func clock(_ date: CivilTime) {
        decimal(date.hour, width: 2); byte(UInt8(ascii: ":"))
        decimal(date.minute, width: 2); byte(UInt8(ascii: ":"))
        decimal(date.second, width: 2); byte(UInt8(ascii: "."))
        decimal(date.millisecond, width: 3)
    }

    // MARK: Avro binary encoding

    /// Avro `long`/`int`: zigzag, then 7 bits a byte, low group first.
    mutating func avroLong(_ value: Int64) {
        var zigzag = UInt64(bitPattern: (value &<< 1) ^ (value &>> 63))
        while zigzag >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: zigzag) | 0x80)
            zigzag &>>= 7
        }
        bytes.append(UInt8(zigzag))
    }

    /// Avro `string`/`bytes`: the length as a `long`, then the UTF-8 bytes.
    mutating func avroString(_ value: String) {
        avroLong(Int64(value.utf8.count))
        text(value)
    }

    /// Avro `double`: the IEEE 754 bits, 8 bytes little-endian.
    mutating func avroDouble(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: bits &>> UInt64(shift)))
        }
    }

    /// A 4-byte big-endian integer (the Schema Registry id).
    mutating func int32BigEndian(_ value: Int32) {
        let bits = UInt32(bitPattern: value)
        for shift in [24, 16, 8, 0] {
            bytes.append(UInt8(truncatingIfNeeded: bits &>> UInt32(shift)))
        }
    }
}

/// A UTC calendar time from Unix milliseconds (proleptic Gregorian, Hinnant's civil-from-days).
struct CivilTime {
    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    let year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int

    init(milliseconds: Int64) {
        var days = milliseconds / 86_400_000
        var rest = milliseconds % 86_400_000
        if rest < 0 { rest += 86_400_000; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthPrime = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthPrime + 2) / 5 + 1)
        month = Int(monthPrime < 10 ? monthPrime + 3 : monthPrime - 9)
        year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        hour = Int(rest / 3_600_000)
        minute = Int(rest / 60_000 % 60)
        second = Int(rest / 1000 % 60)
        millisecond = Int(rest % 1000)
    }
}
