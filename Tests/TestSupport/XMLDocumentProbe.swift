import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's XMLParser and records every element, so tests can check
/// well-formedness and count elements by class.
public final class XMLDocumentProbe: NSObject, XMLParserDelegate {
    /// One element: its name and attributes.
    public struct Element {
        /// The element name (`svg`, `rect`).
        public var name: String
        /// The attributes by name.
        public var attributes: [String: String]
    }

    /// Every element in document order.
    public private(set) var elements: [Element] = []
    /// The character data, concatenated.
    public private(set) var text = ""
    /// The parse error, if the text is not well-formed XML.
    public private(set) var error: (any Error)?

    /// Parses `xml`.
    public init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        if !parser.parse() {
            error = parser.parserError ?? CocoaError(.propertyListReadCorrupt)
        }
    }

    /// Whether the text parsed without error.
    public var isWellFormed: Bool { error == nil }

    /// Records an element.
    public func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    /// Records character data.
    public func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    /// Records the parse error.
    public func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = parseError
    }

    /// Elements whose `class` attribute contains `className` as a word.
    public func elements(withClass className: String) -> [Element] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains { $0 == className } }
    }

    /// Elements with this name.
    public func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }
}
