import Foundation

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses XML with Foundation's XMLParser and records every element, so tests can check
/// well-formedness and count elements by class.
package final class XMLDocumentProbe: NSObject, XMLParserDelegate {
    /// One element: its name and attributes.
    package struct Element {
        /// The element name (`svg`, `rect`).
        package var name: String
        /// The attributes by name.
        package var attributes: [String: String]
    }

    /// Every element in document order.
    package private(set) var elements: [Element] = []
    /// The character data, concatenated.
    package private(set) var text = ""
    /// The parse error, if the text is not well-formed XML.
    package private(set) var error: (any Error)?

    /// Parses `xml`.
    package init(_ xml: String) {
        super.init()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = self
        if !parser.parse() {
            error = parser.parserError ?? CocoaError(.propertyListReadCorrupt)
        }
    }

    /// Whether the text parsed without error.
    package var isWellFormed: Bool { error == nil }

    /// Records an element.
    package func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
    }

    /// Records character data.
    package func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    /// Records the parse error.
    package func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        error = parseError
    }

    /// Elements whose `class` attribute contains `className` as a word.
    package func elements(withClass className: String) -> [Element] {
        elements.filter { ($0.attributes["class"] ?? "").split(separator: " ").contains { $0 == className } }
    }

    /// Elements with this name.
    package func elements(named name: String) -> [Element] {
        elements.filter { $0.name == name }
    }
}
