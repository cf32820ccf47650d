import KBenchTerminal

/// Text widths for laying out chart labels without a font engine: the advance widths of
/// DejaVu Sans (the first font of ``ChartStyle/fontFamily`` and the widest of the list), so
/// estimated boxes are at least as wide as the text a browser draws.
enum TextMetrics {
    /// Advance widths of ASCII 32…126 in DejaVu Sans, in thousandths of an em.
    private static let regular: [UInt16] = [
        318, 401, 460, 838, 636, 950, 780, 275, 390, 390, 500, 838, 318, 361, 318, 337, 636, 636, 636, 636, 636,
        636, 636, 636, 636, 636, 337, 337, 838, 838, 838, 531, 1000, 684, 686, 698, 770, 632, 575, 775, 752, 295,
        295, 656, 557, 863, 748, 787, 603, 787, 695, 635, 611, 732, 684, 989, 685, 611, 685, 390, 337, 390, 838,
        500, 500, 613, 635, 550, 635, 615, 352, 635, 634, 278, 278, 579, 278, 974, 634, 612, 635, 635, 411, 521,
        392, 634, 592, 818, 592, 592, 525, 636, 337, 636, 838,
    ]
    /// Advance widths of ASCII 32…126 in DejaVu Sans Bold, in thousandths of an em.
    private static let bold: [UInt16] = [
        348, 456, 521, 838, 696, 1002, 872, 306, 457, 457, 523, 838, 380, 415, 380, 365, 696, 696, 696, 696, 696,
        696, 696, 696, 696, 696, 400, 400, 838, 838, 838, 580, 1000, 774, 762, 734, 830, 683, 683, 821, 837, 372,
        372, 775, 637, 995, 837, 850, 733, 850, 770, 720, 682, 812, 774, 1103, 771, 724, 725, 457, 365, 457, 838,
        500, 500, 675, 716, 593, 716, 678, 435, 716, 712, 343, 343, 665, 343, 1042, 712, 687, 716, 716, 493, 595,
        478, 712, 652, 924, 645, 652, 582, 712, 365, 712, 838,
    ]
    /// Em width assumed per terminal column for everything outside ASCII (× ÷ ≥ → are 0.838).
    private static let otherPerColumn = 0.84

    /// Width of `text` set at `size` pixels, regular or bold.
    static func width(of text: String, size: Double, bold isBold: Bool = false) -> Double {
        let table = isBold ? bold : regular
        var ems = 0.0
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value >= 32, value <= 126 {
                ems += Double(table[Int(value - 32)]) / 1000
            } else {
                ems += Double(DisplayWidth.of(String(scalar))) * otherPerColumn
            }
        }
        return ems * size
    }
}
