import Foundation
import Testing
import TestSupport
@testable import KBenchReports

@Suite("SVG charts")
struct SVGChartTests {
    let renderer = SVGChartRenderer()

    @Test("per-partition bars: one bar per partition per strategy, a mean line per panel, heights to scale")
    func bars() throws {
        let chart = Fixtures.partitionChart()
        let svg = renderer.render(.bars(chart))
        let probe = XMLDocumentProbe(svg)
        #expect(probe.isWellFormed, "\(String(describing: probe.error))")
        #expect(probe.elements.first?.name == "svg")
        #expect(probe.elements.first?.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(probe.elements(withClass: "panel").count == 2)
        let bars = probe.elements(withClass: "bar")
        #expect(bars.count == 24)
        let means = probe.elements(withClass: "reference-line")
        #expect(means.count == 2)
        #expect(means.allSatisfy { $0.attributes["data-label"] == "mean" })
        #expect(probe.text.contains("Keys per partition"))
        #expect(probe.text.contains("hottest"))
        // Highlighted bars (partition 0 in the first panel, 1 in the second) are drawn apart.
        #expect(bars.filter { $0.attributes["fill"] == ChartStyle.highlightColour }.count == 2)
        // Small charts carry a tooltip per bar.
        #expect(probe.text.contains("partition 3: "))

        // Bar heights are proportional to the values, and the mean line sits at the mean.
        let values = chart.panels[0].values
        let first = bars.prefix(12).map { bar -> (top: Double, height: Double) in
            (Double(bar.attributes["y"] ?? "") ?? .nan, Double(bar.attributes["height"] ?? "") ?? .nan)
        }
        let baseline = first[0].top + first[0].height
        let pixelsPerKey = first[0].height / values[0]
        for (bar, value) in zip(first, values) {
            #expect(abs(bar.height - value * pixelsPerKey) < 0.02)
            #expect(abs(bar.top + bar.height - baseline) < 0.02)
        }
        let mean = values.reduce(0, +) / Double(values.count)
        let meanY = try #require(Double(means[0].attributes["y1"] ?? ""))
        #expect(abs(meanY - (baseline - mean * pixelsPerKey)) < 0.02)
        #expect(probe.text.contains("mean \(AxisFormat.number.exact(mean))"), "the mean line's tooltip or label")
    }

    @Test("1009 partitions: hairline bars without tooltips, thinned partition ticks")
    func manyPartitions() {
        let svg = renderer.render(.bars(Fixtures.partitionChart(partitions: 1009, strategies: ["java"])))
        let probe = XMLDocumentProbe(svg)
        #expect(probe.isWellFormed)
        #expect(probe.elements(withClass: "bar").count == 1009)
        #expect(!probe.text.contains("partition 3: "))
        let xAxis = svg.split(separator: "\n").drop { !$0.contains("class=\"axis x-axis\"") }
            .prefix { !$0.contains("</g>") }
        let labels = xAxis.filter { $0.contains("<text") }
        #expect((5...15).contains(labels.count), "\(labels.count) tick labels")
        #expect(labels.first?.contains(">0</text>") == true)
        #expect(labels.contains { $0.contains(">1000</text>") })
        #expect(svg.utf8.count < 150_000)
    }

    @Test("scatter: labelled points per series, log axis skips non-positive values, text escaped")
    func scatter() {
        let svg = renderer.render(.xy(Fixtures.scatterChart()))
        let probe = XMLDocumentProbe(svg)
        #expect(probe.isWellFormed, "\(String(describing: probe.error))")
        #expect(probe.elements(withClass: "point").count == 4)
        let labels = probe.elements(withClass: "point-label")
        #expect(labels.count == 4)
        for label in ["zstd -3", "zstd -19", "lz4 -1", "gzip -6"] {
            #expect(probe.text.contains(label))
        }
        #expect(!probe.text.contains("not on a log axis"))
        #expect(svg.contains("Ratio vs throughput &lt;codecs &amp; levels&gt;"))
        #expect(probe.text.contains("Ratio vs throughput <codecs & levels>"))
        #expect(probe.elements(withClass: "series").map { $0.attributes["data-series"] } == ["zstd", "lz4", "gzip"])
        // Log ticks at 1-2-5 steps, multiplier labels on x.
        #expect(probe.text.contains("100") && probe.text.contains("1k"))
        #expect(probe.text.contains("3×"))
    }

    @Test("point labels avoid each other, the points and the edges; a label with no room is dropped")
    func labelPlacement() {
        let points: [(x: Double, y: Double)] = [(100, 100), (106, 100), (100, 106), (106, 106), (390, 10)]
        let markers = points.map { ChartRect(left: $0.x - 5, top: $0.y - 5, width: 10, height: 10) }
        let bounds = ChartRect(left: 0, top: 0, width: 400, height: 300)
        var placer = LabelPlacer(obstacles: markers, bounds: bounds, fontSize: 11)
        let boxes = points.enumerated().compactMap { index, point in
            placer.place("label \(index)", x: point.x, y: point.y, markerRadius: 5)?.box
        }
        #expect(boxes.count == points.count)
        for (i, a) in boxes.enumerated() {
            #expect(bounds.contains(a), "label \(i) leaves the chart")
            for b in boxes[(i + 1)...] {
                #expect(a.overlap(with: b) == 0)
            }
            for marker in markers {
                #expect(a.overlap(with: marker) == 0)
            }
        }
        // A chart too small for any label drops it rather than overlapping.
        var cramped = LabelPlacer(obstacles: [bounds], bounds: bounds, fontSize: 11)
        #expect(cramped.place("no room", x: 50, y: 50, markerRadius: 5) == nil)
    }

    @Test("crowded labels: none overlaps another text or a mark; those placed far off get a leader line")
    func crowdedLabels() {
        let points = (0..<24).map { index in
            ChartPoint(x: 100 + Double(index % 4), y: 3 + Double(index) * 0.01, label: "setting number \(index)")
        }
        let chart = XYChart(id: "crowded", title: "Crowded", style: .scatter, xAxis: ChartAxis(label: "x (MB/s)", scale: .log10),
                            yAxis: ChartAxis(label: "y (×)", format: .multiplier),
                            series: [ChartSeries(name: "all", points: points)])
        #expect(renderer.layoutProblems(.xy(chart)) == [])
        let probe = XMLDocumentProbe(renderer.render(.xy(chart)))
        let labels = probe.elements(withClass: "point-label")
        #expect(!labels.isEmpty && labels.count < points.count, "\(labels.count) labels")
        // Every point keeps its name in its tooltip, placed label or not.
        for index in 0..<24 { #expect(probe.text.contains("setting number \(index):")) }
        // The chart's own tooltip lists the labels left out.
        let title = probe.elements.first { $0.name == "title" }
        #expect(title != nil)
        #expect(probe.text.contains("labels without room, on their points' tooltips: setting number"))
    }

    @Test("no text overlaps another text or a mark in any fixture chart")
    func fixtureLayouts() {
        for chart in Fixtures.document().allCharts + [.bars(Fixtures.partitionChart(partitions: 1009, strategies: ["java"]))] {
            #expect(renderer.layoutProblems(chart) == [], "\(chart.id)")
        }
    }

    @Test("series differ by marker shape as well as colour, and the legend shows both")
    func markerShapes() {
        let codecs = ["none", "gzip", "snappy", "lz4", "zstd"]
        let chart = XYChart(id: "codecs", title: "Codecs", style: .scatter, xAxis: ChartAxis(label: "x"), yAxis: ChartAxis(label: "y"),
                            series: codecs.enumerated().map { index, name in
                                ChartSeries(name: name, points: [ChartPoint(x: Double(index + 1), y: Double(index + 1), label: name)])
                            })
        let svg = renderer.render(.xy(chart))
        let probe = XMLDocumentProbe(svg)
        let groups = probe.elements(withClass: "series")
        let shapes = groups.compactMap { $0.attributes["data-marker"] }
        #expect(shapes.count == codecs.count && Set(shapes).count == codecs.count, "\(shapes)")
        // Each point is drawn in its series' shape: circles, rects and polygons with distinct corners.
        let points = probe.elements(withClass: "point")
        let geometry = points.map { $0.name + ($0.attributes["points"].map { ":\($0.split(separator: " ").count)" } ?? "") }
        #expect(Set(geometry).count >= 4, "\(geometry)")
        #expect(Set(points.compactMap { $0.attributes["points"] }).count == points.filter { $0.name == "polygon" }.count)
        // The legend draws a marker (not a plain box) before every series name.
        let legend = svg.split(separator: "\n").drop { !$0.contains("class=\"legend\"") }.prefix { !$0.contains("</g>") }
        #expect(legend.filter { $0.contains("<polygon") || $0.contains("<circle") || $0.contains("<rect") }.count == codecs.count)
    }

    @Test("y ranges end at a nice bound just above the data")
    func fittedRanges() {
        let bars = ChartScale(kind: .linear, values: [0, 217_000], minimum: nil, maximum: nil, startsAtZero: true,
                              pixels: (0, 1), targetTicks: 2)
        #expect(bars.upper == 220_000)
        let counts = ChartScale(kind: .linear, values: [81_000, 84_000], minimum: nil, maximum: nil, startsAtZero: true,
                                pixels: (0, 1), targetTicks: 3)
        #expect(counts.upper == 90_000)
        let log = ChartScale(kind: .log10, values: [3.2, 41], minimum: nil, maximum: nil, startsAtZero: false,
                             pixels: (0, 1), targetTicks: 5)
        #expect(log.lower == 2 && log.upper == 50)
        #expect(log.ticks(maximumCount: 8) == [2, 5, 10, 20, 50])
        let chart = BarChart(id: "b", title: "b", categoryLabel: "partition", valueLabel: "records",
                             panels: [BarPanel(title: "p", values: [217_000, 80_000, 60_000])])
        let text = XMLDocumentProbe(renderer.render(.bars(chart))).text
        #expect(text.contains("200k") && !text.contains("400k"))
    }

    @Test("a logarithmic axis says so in its title; a linear one does not")
    func logAxisTitle() {
        let probe = XMLDocumentProbe(renderer.render(.xy(Fixtures.scatterChart())))
        let titles = probe.elements(withClass: "axis-title")
        #expect(titles.count == 2)
        #expect(probe.text.contains("compress (MB/s), log scale"))
        #expect(probe.text.contains("ratio (×)") && !probe.text.contains("ratio (×), log scale"))
    }

    @Test("the 1× line is drawn bolder than the grid and labelled with its meaning")
    func breakEvenLine() throws {
        var chart = Fixtures.lineChart()
        chart.yAxis = ChartAxis(label: "speedup (×)", scale: .log10, format: .multiplier)
        chart.referenceLines = [ReferenceLine(label: "1× = as fast as librdkafka", value: 1)]
        let probe = XMLDocumentProbe(renderer.render(.xy(chart)))
        let line = try #require(probe.elements(withClass: "reference-line").first)
        #expect(Double(line.attributes["stroke-width"] ?? "") ?? 0 >= 2)
        #expect(probe.elements(withClass: "reference-label").count == 1)
        #expect(probe.text.contains("1× = as fast as librdkafka"))
        #expect(renderer.layoutProblems(.xy(chart)) == [])
    }

    @Test("picks are ringed and the Pareto front joined, both in the legend")
    func highlights() {
        var chart = Fixtures.scatterChart()
        chart.highlights = [
            ChartHighlight(name: "Pareto front", kind: .front, points: [ChartPoint(x: 2.5, y: 1200), ChartPoint(x: 4.1, y: 410)]),
            ChartHighlight(name: "picks", kind: .ring, points: [ChartPoint(x: 4.1, y: 410, label: "balanced: zstd -3")]),
        ]
        let probe = XMLDocumentProbe(renderer.render(.xy(chart)))
        #expect(probe.elements(withClass: "front-line").count == 1)
        #expect(probe.elements(withClass: "pick").count == 1)
        #expect(probe.text.contains("Pareto front") && probe.text.contains("picks: balanced: zstd -3"))
        #expect(renderer.layoutProblems(.xy(chart)) == [])
    }

    @Test("deviation bars: above and below the mean line, tooltips with the count and the deviation")
    func deviationBars() throws {
        let chart = BarChart(id: "d", title: "d", categoryLabel: "partition", valueLabel: "records",
                             panels: [BarPanel(title: "java", values: [110, 90, 100, 100])], deviationFromMean: true)
        let probe = XMLDocumentProbe(renderer.render(.bars(chart)))
        let bars = probe.elements(withClass: "bar")
        let mean = try #require(probe.elements(withClass: "mean-line").first.flatMap { Double($0.attributes["y1"] ?? "") })
        let tops = bars.compactMap { Double($0.attributes["y"] ?? "") }
        let heights = bars.compactMap { Double($0.attributes["height"] ?? "") }
        #expect(abs(tops[0] + heights[0] - mean) < 0.02, "above the mean: ends on the line")
        #expect(abs(tops[1] - mean) < 0.02, "below the mean: starts on the line")
        #expect(abs(heights[0] - heights[1]) < 0.02 && heights[2] < 0.02)
        #expect(probe.text.contains("partition 0: 110 records, +10.00% vs mean"))
        #expect(probe.text.contains("partition 1: 90 records, -10.00% vs mean"))
        #expect(probe.text.contains("records vs the panel's mean"))
    }

    @Test("a panel heading too long for the chart keeps its first names and '+N more', the full list in its tooltip")
    func longPanelTitle() throws {
        let names = (1...12).map { "client\($0):strategy" }.joined(separator: ", ")
        let chart = BarChart(id: "t", title: "t", categoryLabel: "partition", valueLabel: "records",
                             panels: [BarPanel(title: names, values: [1, 2, 3], note: "max÷mean 1.500")])
        let svg = renderer.render(.bars(chart))
        let heading = try #require(svg.split(separator: "\n").first { $0.contains("class=\"panel-title\"") })
        #expect(heading.contains("<title>\(names)</title>"))
        #expect(heading.contains("client1:strategy, ") && heading.contains(" more</text>"))
        #expect(svg.contains(">max÷mean 1.500</text>"))
        #expect(renderer.layoutProblems(.bars(chart)) == [])
    }

    @Test("text reads at phone width: every font size scales to at least 11 px on a 390 px screen")
    func phoneWidth() {
        let minimum = ChartStyle.standard.width * ChartStyle.minimumPhoneTextPixels / ChartStyle.phoneWidth
        for chart in Fixtures.document().allCharts {
            let probe = XMLDocumentProbe(renderer.render(chart))
            let sizes = probe.elements(named: "text").compactMap { $0.attributes["font-size"].flatMap(Double.init) }
            #expect(sizes.count == probe.elements(named: "text").count, "every text sets its size")
            #expect(sizes.allSatisfy { $0 >= minimum - 0.01 }, "\(chart.id): \(sizes.min() ?? 0) < \(minimum)")
            #expect(probe.elements.first?.attributes["viewBox"]?.hasPrefix("0 0 \(svgNumber(ChartStyle.standard.width)) ") == true)
        }
    }

    private func svgNumber(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    @Test("line chart: one path per series, markers per point, log2 byte ticks from 8 B to 64 KiB")
    func line() {
        let svg = renderer.render(.xy(Fixtures.lineChart()))
        let probe = XMLDocumentProbe(svg)
        #expect(probe.isWellFormed)
        #expect(probe.elements(withClass: "series-line").count == 2)
        #expect(probe.elements(withClass: "point").count == 28)
        #expect(probe.text.contains("8 B"))
        #expect(probe.text.contains("64 KiB"))
        #expect(probe.text.contains("kbench murmur2"))
        #expect(probe.text.contains("librdkafka"))
        // Series are told apart by marker shape as well as colour.
        let shapes = probe.elements(withClass: "point").map(\.name)
        #expect(Set(shapes) == ["circle", "rect"])
    }

    @Test("output is deterministic and self-contained")
    func deterministic() {
        for chart in Fixtures.document().allCharts {
            let first = renderer.render(chart)
            #expect(first == renderer.render(chart))
            #expect(!first.contains("<script"))
            #expect(!first.contains("href"))
            #expect(!first.hasPrefix("<?xml"))
        }
    }

    @Test("degenerate data still gives well-formed SVG")
    func degenerate() {
        let charts: [Chart] = [
            .bars(BarChart(id: "e", title: "empty", categoryLabel: "p", valueLabel: "v", panels: [])),
            .bars(BarChart(id: "z", title: "zeros & NaN", categoryLabel: "p", valueLabel: "v",
                           panels: [BarPanel(title: "z", values: [0, 0, .nan, .infinity])], sharedScale: false)),
            .xy(XYChart(id: "n", title: "no points", style: .line, xAxis: ChartAxis(label: "x", scale: .log2),
                        yAxis: ChartAxis(label: "y", scale: .log10), series: [ChartSeries(name: "\"quoted\" <s>", points: [])])),
            .xy(XYChart(id: "c", title: "control \u{01} char", style: .scatter, xAxis: ChartAxis(label: "x"),
                        yAxis: ChartAxis(label: "y"), series: [ChartSeries(name: "s", points: [ChartPoint(x: 1, y: 1, label: "\u{0}")])])),
        ]
        for chart in charts {
            let probe = XMLDocumentProbe(renderer.render(chart))
            #expect(probe.isWellFormed, "\(chart.id): \(String(describing: probe.error))")
        }
    }

    @Test("nice linear ticks and power-of-base log ticks")
    func scales() {
        let linear = ChartScale(kind: .linear, values: [3, 97], minimum: nil, maximum: nil, startsAtZero: true,
                                pixels: (0, 100), targetTicks: 5)
        #expect(linear.lower == 0 && linear.upper == 100)
        #expect(linear.ticks(maximumCount: 10) == [0, 20, 40, 60, 80, 100])
        #expect(linear.ticks(maximumCount: 3) == [0, 50, 100])
        let log2 = ChartScale(kind: .log2, values: [8, 65536], minimum: nil, maximum: nil, startsAtZero: true,
                              pixels: (0, 100), targetTicks: 5)
        #expect(log2.ticks(maximumCount: 20).count == 14)
        #expect(log2.ticks(maximumCount: 7) == [8, 32, 128, 512, 2048, 8192, 32768])
        #expect(log2.position(8) == 0 && log2.position(65536) == 100)
        #expect(log2.position(0) == nil)
        let log10 = ChartScale(kind: .log10, values: [15, 900], minimum: nil, maximum: nil, startsAtZero: true,
                               pixels: (0, 100), targetTicks: 5)
        #expect(log10.ticks(maximumCount: 12) == [10, 20, 50, 100, 200, 500, 1000])
        // Floating-point steps keep their end ticks: 2.4 is 12 × 0.2 only approximately.
        let fractional = ChartScale(kind: .linear, values: [2.54, 3.9], minimum: nil, maximum: nil, startsAtZero: false,
                                    pixels: (0, 100), targetTicks: 8)
        #expect(fractional.ticks(maximumCount: 10) == [2.4, 2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 3.8, 4.0])
    }
}

@Suite("Chart model")
struct ChartModelTests {
    @Test("a panel from integer counts carries its mean and highlights the hottest partition")
    func panelFromCounts() {
        let panel = BarPanel(title: "java", counts: [3, 9, 9, 1] as [UInt64], highlightMaximum: true)
        #expect(panel.values == [3, 9, 9, 1])
        #expect(panel.highlighted == [1])
        #expect(panel.referenceLines == [ReferenceLine(label: "mean", value: 5.5)])
        #expect(BarPanel(title: "x", counts: [Int]()).referenceLines.isEmpty)
        #expect(BarPanel(title: "x", counts: [1, 2]).highlighted.isEmpty)
    }

    @Test("charts round-trip through JSON with their type tag")
    func chartJSON() throws {
        let charts: [Chart] = [.bars(Fixtures.partitionChart()), .xy(Fixtures.scatterChart())]
        let renderer = JSONReportRenderer()
        let json = try renderer.render(value: charts)
        #expect(json.contains("\"type\" : \"bars\"") && json.contains("\"type\" : \"xy\""))
        #expect(try renderer.decode([Chart].self, from: Data(json.utf8)) == charts)
    }
}
