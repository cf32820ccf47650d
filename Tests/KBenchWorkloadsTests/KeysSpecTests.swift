import KBenchWorkloads
import Testing

@Suite("Key specs: parsing, canonical text, typed errors")
struct KeysSpecTests {
    @Test("every kind parses, with counts in any accepted spelling")
    func kinds() throws {
        #expect(try KeySpec(parsing: "seq:user-:1000") == .sequence(prefix: "user-", count: 1000))
        #expect(try KeySpec(parsing: "seq::5") == .sequence(prefix: "", count: 5))
        #expect(try KeySpec(parsing: "seq:a:b:10") == .sequence(prefix: "a:b", count: 10))
        #expect(try KeySpec(parsing: "uuid:1_000") == .uuid(count: 1000))
        #expect(try KeySpec(parsing: "random:16:2k") == .random(length: 16, count: 2000))
        #expect(try KeySpec(parsing: "zipf:1.1:1M") == .zipf(exponent: 1.1, count: 1_000_000, distinctKeys: 1_000_000))
        #expect(try KeySpec(parsing: "zipf:0.9:500:20") == .zipf(exponent: 0.9, count: 500, distinctKeys: 20))
        #expect(try KeySpec(parsing: "zipf:1:0").count == 0)
    }

    @Test("the canonical text parses back to the same spec")
    func canonicalRoundTrip() throws {
        for text in ["seq:user-:1000", "seq::7", "uuid:12", "random:8:3", "zipf:1.1:100", "zipf:2:100:10", "seq:a:b:3"] {
            let spec = try KeySpec(parsing: text)
            #expect(spec.description == text)
            #expect(try KeySpec(parsing: spec.description) == spec)
        }
    }

    @Test("errors name the field and its text", arguments: [
        ("", "empty key spec"),
        ("hash:10", "unknown kind 'hash'"),
        ("uuid", "wrong number of fields for uuid"),
        ("uuid:10:3", "wrong number of fields for uuid"),
        ("seq:10", "wrong number of fields for seq"),
        ("random:8", "wrong number of fields for random"),
        ("zipf:1.1", "wrong number of fields for zipf"),
        ("uuid:ten", "field N 'ten' is not a number"),
        ("uuid:-5", "field N '-5' is out of range (at least 0)"),
        ("random:x:10", "field LEN 'x' is not a number"),
        ("random:2000000:10", "field LEN '2000000' is out of range"),
        ("zipf:abc:10", "field S 'abc' is not a number"),
        ("zipf:-1:10", "field S '-1' is out of range"),
        ("zipf:inf:10", "field S 'inf' is not a number"),
        ("zipf:1:10:0", "field KEYS '0' is out of range"),
        ("seq:k:99999999999999999999", "field N '99999999999999999999' is out of range (at most 9223372036854775807)"),
        ("seq:k:99999999999999G", "field N '99999999999999G' is out of range"),
    ])
    func errors(text: String, expected: String) {
        #expect {
            _ = try KeySpec(parsing: text)
        } throws: { error in
            guard let error = error as? KeySpecError else { return false }
            return error.description.contains(expected) && !error.description.contains("\n")
        }
    }
}
