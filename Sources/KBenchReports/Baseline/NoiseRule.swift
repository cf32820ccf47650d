/// When a timed cell moved beyond noise between a baseline run and this one: the spreads of
/// its own rounds in the two runs do not overlap, and its median changed by more than a floor.
///
/// The spreads come from the tables' ``ReportTableComparison``: the fastest and slowest timing
/// sample (hash, compress) or the lowest and highest of the runs (produce). A cell whose
/// spreads overlap moved within its own noise, whatever the change; the floor keeps tiny,
/// consistent shifts (a few per cent from a busy neighbour, a turbo state) out of the list.
package struct NoiseRule: Sendable, Hashable {
    /// The default floor: 25 %. Runs one after the other on a busy machine drift by 10–40 %
    /// together (every cell of a run faster or slower: the neighbours' load, the clock), which
    /// no spread within one run shows; a dedicated CI machine can ask for less (--noise-floor).
    package static let defaultFloor = 0.25

    /// The smallest relative change (fraction) that counts.
    package var floor: Double

    /// A rule with `floor` (fraction, e.g. 0.1 for 10 %).
    package init(floor: Double = defaultFloor) {
        self.floor = floor
    }

    /// Whether `current` (with its spread) moved beyond noise from `baseline` (with its).
    package func moved(current: Double, _ currentSpread: ReportSpread, baseline: Double, _ baselineSpread: ReportSpread) -> Bool {
        guard current.isFinite, baseline.isFinite, baseline != 0 else { return false }
        return !currentSpread.overlaps(baselineSpread) && abs(current / baseline - 1) > floor
    }

    /// The rule in one sentence, for every report that compares.
    package var description: String {
        "A timed cell moved beyond noise when the spreads of its own rounds in the two runs do not overlap "
            + "(from its fastest to its slowest timing sample; for the producer, the lowest and highest of its runs) "
            + "and its median changed by more than \(BaselineCell.percentText(floor, signed: false)) (--noise-floor). "
            + "Change = this run ÷ the baseline − 1, on the column's own figure (a time: + is slower; a rate: − is slower)."
    }
}
