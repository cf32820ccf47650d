/// `avro`: binary Avro-encoded order records, each in Confluent Schema Registry framing
/// (magic 0x00, schema id 4 bytes big-endian), as the Confluent Avro serializer writes them.
///
/// Schema (in field order): `order_id: long`, `created_at: long (timestamp-millis)`,
/// `customer: string`, `status: enum{CREATED, PAID, PACKED, SHIPPED, DELIVERED, CANCELLED}`,
/// `total: double`, `currency: string`, `items: array<{sku: string, quantity: int, price:
/// double}>`, `note: union{null, string}`, `attributes: map<string>`. Longs and ints are zigzag
/// varints, strings are a length then UTF-8, doubles are 8 bytes little-endian; arrays and maps
/// are one block (count, items) and the terminating 0.
enum AvroRecordCorpus {
    /// The schema id written in the framing.
    static let schemaId: Int32 = 1042
    static let currencies = ["EUR", "EUR", "USD", "GBP", "SEK"]
    static let notes = ["leave at the door", "gift wrap please", "call before delivery", "fragile"]
    static let channels = ["web", "ios", "android", "store"]

    static func record(_ state: inout CorpusState) -> [UInt8] {
        var w = RecordWriter(capacity: 256)
        w.byte(0x00)
        w.int32BigEndian(schemaId)
        w.avroLong(Int64(50_000_000 + state.index * 3 + state.random.next(below: 3)))
        w.avroLong(state.tick())
        w.avroString("cust-" + String(100_000 + state.skewed(250_000)))
        w.avroLong(Int64(state.skewed(6)))
        let count = 1 + state.skewed(6)
        var items: [(sku: Int, quantity: Int, price: Int)] = []
        var total = 0
        for _ in 0..<count {
            let item = (sku: 10_000 + state.skewed(40_000), quantity: 1 + state.skewed(3), price: 199 + state.random.next(below: 25_000))
            total += item.quantity * item.price
            items.append(item)
        }
        w.avroDouble(Double(total) / 100)
        w.avroString(state.random.pick(currencies))
        w.avroLong(Int64(count))
        for item in items {
            w.avroString("SKU-" + String(item.sku))
            w.avroLong(Int64(item.quantity))
            w.avroDouble(Double(item.price) / 100)
        }
        w.avroLong(0)
        if state.random.nextBool(probability: 0.15) {
            w.avroLong(1)
            w.avroString(state.random.pick(notes))
        } else {
            w.avroLong(0)
        }
        w.avroLong(2)
        w.avroString("channel"); w.avroString(state.random.pick(channels))
        w.avroString("warehouse"); w.avroString("wh-" + String(1 + state.skewed(9)))
        w.avroLong(0)
        return w.bytes
    }
}
