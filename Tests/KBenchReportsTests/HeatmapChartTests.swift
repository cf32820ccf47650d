import Foundation
import Testing
@testable import KBenchReports

@Suite("Heatmap charts: cells, colour scale, JSON")
struct HeatmapChartTests {
    static let chart = HeatmapChart(
        id: "agreement-n12", title: "Keys placed alike <12>", subtitle: "random:16",
        rowLabels: ["java +8", "librdkafka:consistent_random", "sarama:hash"],
        columnLabels: ["java +8", "librdkafka:consistent_random", "sarama:hash"],
        values: [[1, 0.083, nil], [0.083, 1, 0.5], [nil, 0.5, 0]], valueLabel: "share")

    @Test("one cell per value, blank for missing, the value written in each, numbered rows and columns with their key, no overlap")
    func cells() {
        let svg = SVGChartRenderer().render(.heatmap(Self.chart))
        #expect(SVGChartRenderer().layoutProblems(.heatmap(Self.chart)) == [])
        #expect(svg.components(separatedBy: "class=\"key\"").count - 1 == 3)
        #expect(svg.contains(">2  librdkafka:consistent_random<"))
        #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 == 9)
        #expect(svg.components(separatedBy: "class=\"cell-value\"").count - 1 == 9)
        #expect(svg.contains(">100%<"))
        #expect(svg.contains(">8.3%<"))
        #expect(svg.contains(">—<"))
        #expect(svg.contains("Keys placed alike &lt;12&gt;"))
        #expect(svg.components(separatedBy: "class=\"row-label\"").count - 1 == 3)
        #expect(svg.components(separatedBy: "class=\"column-label\"").count - 1 == 3)
    }

    @Test("colour: white at 0, the series blue at 1, clamped outside")
    func colours() {
        #expect(HeatmapChartRenderer.colour(0) == "#FFFFFF")
        #expect(HeatmapChartRenderer.colour(1) == "#0072B2")
        #expect(HeatmapChartRenderer.colour(2) == "#0072B2")
        #expect(HeatmapChartRenderer.colour(-1) == "#FFFFFF")
        #expect(HeatmapChartRenderer.colour(0.5) == "#80B9D9")
    }

    @Test("JSON: {type: heatmap, chart: …} round-trips; a joined report prefixes its id")
    func json() throws {
        let data = try JSONEncoder().encode(Chart.heatmap(Self.chart))
        #expect(String(decoding: data, as: UTF8.self).contains(#""type":"heatmap""#))
        #expect(try JSONDecoder().decode(Chart.self, from: data) == .heatmap(Self.chart))
        let prefixed = Chart.heatmap(Self.chart).prefixed(id: "random-16", title: "Key set")
        #expect(prefixed.id == "random-16-agreement-n12")
        #expect(prefixed.title == "Key set: Keys placed alike <12>")
    }
}
