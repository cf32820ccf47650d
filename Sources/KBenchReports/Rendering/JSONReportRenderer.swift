import Foundation

/// Renders report models as stable JSON and reads them back.
///
/// Stable means: keys sorted, two-space pretty printing, numbers as the shortest text that
/// reads back exactly, non-finite numbers as the strings `"inf"`, `"-inf"`, `"nan"`, slashes
/// unescaped, DEL, C1 and bidi controls as `\u` escapes (``Escaping/jsonControls(_:)``: safe
/// to print on a terminal), a trailing newline — and no timestamp unless the model holds one. The same
/// model always gives the same bytes, so CI can diff reports.
package struct JSONReportRenderer: Sendable {
    /// A renderer.
    package init() {}

    /// `document` as JSON text ending in a newline.
    /// - Throws: `EncodingError` (not expected: every model value is encodable).
    package func render(_ document: ReportDocument) throws -> String {
        try render(value: document)
    }

    /// `document` as JSON with one more top-level member, `key`: data for programs that the
    /// document's tables do not carry (`kbench produce`'s mergeable run). The document's own
    /// members are unchanged, so ``decode(_:)`` reads it as before.
    package func render(_ document: ReportDocument, attaching value: some Encodable & Sendable, as key: String) throws -> String {
        try render(value: AttachedDocument(document: document, key: key, value: value))
    }

    /// Any encodable value (e.g. ``MachineInfo``) with the same stable settings.
    package func render<Value: Encodable>(value: Value) throws -> String {
        Escaping.jsonControls(String(decoding: try Self.makeEncoder().encode(value), as: UTF8.self)) + "\n"
    }

    /// Reads a document written by ``render(_:)``.
    /// - Throws: `DecodingError` naming the path of the offending field.
    package func decode(_ data: Data) throws -> ReportDocument {
        try decode(ReportDocument.self, from: data)
    }

    /// Reads any decodable value written by ``render(value:)``.
    package func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try Self.makeDecoder().decode(type, from: data)
    }

    /// The encoder behind ``render(value:)``.
    package static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    /// The decoder behind ``decode(_:from:)``.
    package static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}

/// A document's JSON object with one more member (``JSONReportRenderer/render(_:attaching:as:)``).
private struct AttachedDocument<Value: Encodable & Sendable>: Encodable {
    var document: ReportDocument
    var key: String
    var value: Value

    /// The document's members, then `key` in the same object.
    func encode(to encoder: any Encoder) throws {
        try document.encode(to: encoder)
        var container = encoder.container(keyedBy: JSONMemberKey.self)
        try container.encode(value, forKey: JSONMemberKey(key))
    }
}

/// A JSON object member named at run time (an attached member, a member read on its own).
package struct JSONMemberKey: CodingKey, Sendable {
    /// The member's name.
    package var stringValue: String
    /// Never an array index.
    package var intValue: Int? { nil }

    /// The member `name`.
    package init(_ name: String) { stringValue = name }
    /// The member `stringValue`.
    package init(stringValue: String) { self.stringValue = stringValue }
    /// Not an index key.
    package init?(intValue: Int) { nil }
}
