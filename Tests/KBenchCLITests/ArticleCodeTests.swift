import Foundation
import Testing
import TestSupport

/// The check that keeps the DocC articles' code identical to the code the library suites run
/// (``ArticleCode``) notices every kind of drift.
@Suite("DocC article code: the comparison with the test's marked regions notices drift")
struct ArticleCodeTests {
    static let source = """
        struct Example {
            func run() {
                let ignored = 0
                // article-code: begin
                let key = Array("kafka".utf8)

                let count = key.count  // 5
                // article-code: end
                // article-code: begin
                print(count)
                // article-code: end
            }
        }
        """

    static let article = """
        # Title

        ```swift
        let key = Array("kafka".utf8)

        let count = key.count  // 5
        ```

        Prose, and a block in another language:

        ```sh
        swift test
        ```

        ```swift
        print(count)
        ```
        """

    @Test("regions lose their marker's indentation; blank lines stay blank")
    func regions() {
        #expect(ArticleCode.markedRegions(inSource: Self.source) == [
            "let key = Array(\"kafka\".utf8)\n\nlet count = key.count  // 5", "print(count)",
        ])
        #expect(ArticleCode.swiftBlocks(inMarkdown: Self.article) == ArticleCode.markedRegions(inSource: Self.source))
    }

    @Test("identical code passes")
    func identical() {
        #expect(ArticleCode.mismatch(article: Self.article, source: Self.source) == nil)
    }

    @Test("a changed line is reported with its block and line")
    func changedLine() {
        let edited = Self.article.replacingOccurrences(of: "// 5", with: "// 6")
        #expect(ArticleCode.mismatch(article: edited, source: Self.source)
            == "block 1, line 3: article 'let count = key.count  // 6', test 'let count = key.count  // 5'")
    }

    @Test("a changed indentation, a missing block and an article without code all fail")
    func otherDrift() {
        let indented = Self.article.replacingOccurrences(of: "print(count)", with: "  print(count)")
        #expect(ArticleCode.mismatch(article: indented, source: Self.source) != nil)
        let oneBlock = Self.article.replacingOccurrences(of: "```swift\nprint(count)\n```", with: "")
        #expect(ArticleCode.mismatch(article: oneBlock, source: Self.source)
            == "the article has 1 ```swift blocks, the test marks 2 regions")
        #expect(ArticleCode.mismatch(article: "# Title\n", source: Self.source) == "the article has no ```swift block")
        let longer = Self.source.replacingOccurrences(of: "print(count)", with: "print(count)\n        print(key)")
        #expect(ArticleCode.mismatch(article: Self.article, source: longer)
            == "block 2, line 2: article (no line), test 'print(key)'")
    }
}
