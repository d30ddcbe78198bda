package dev.coldbrew.tuner.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictTest {

    private static SizeEstimate size(int mb, double ms, double msLow, double msHigh, double cost, double costLow,
                                     double costHigh) {
        return new SizeEstimate(mb, new TrimmedMeanInterval(ms, msLow, msHigh, 10),
                new TrimmedMeanInterval(cost, costLow, costHigh, 10));
    }

    // A CPU-bound shape: faster with memory, cheapest at 512 MB but 1024 MB within the noise.
    private final Map<Integer, SizeEstimate> cpu = Map.of(
            512, size(512, 800, 760, 840, 6.6e-6, 6.3e-6, 6.9e-6),
            1024, size(1024, 400, 380, 420, 6.7e-6, 6.4e-6, 7.0e-6),
            2048, size(2048, 260, 250, 270, 8.7e-6, 8.4e-6, 9.0e-6));

    @Test
    void clearWhenNoOtherIntervalOverlapsTheWinners() {
        Verdict speed = Verdict.decide(cpu, new Objective.Speed());
        assertEquals(Verdict.clearWin(2048), speed);
        assertEquals("clear", speed.describe());
    }

    @Test
    void tiedWithEverySizeWhoseIntervalOverlaps() {
        // 512 MB is the cheapest estimate and 1024 MB costs 1.5 % more: a practical tie, which the faster wins.
        Verdict cost = Verdict.decide(cpu, new Objective.Cost());
        assertEquals(new Verdict(1024, 512, List.of(512), "the fastest"), cost);
        assertEquals("tied with 512 MB (the fastest)", cost.describe());

        Map<Integer, SizeEstimate> flat = Map.of(
                256, size(256, 9.95, 9, 11, 1, 0.9, 1.1),
                1024, size(1024, 9.9, 9, 11, 1, 0.9, 1.1),
                512, size(512, 9.8, 9, 11, 1, 0.9, 1.1),
                128, size(128, 9.97, 8.9, 11, 1, 0.9, 1.1));
        // A flat curve: 512 MB has the best estimate, but every size is within 2 % of it, so the cheapest wins.
        Verdict speed = Verdict.decide(flat, new Objective.Speed());
        assertEquals(512, speed.best());
        assertEquals(128, speed.winner());
        assertEquals("tied with 256, 512, 1024 MB (the cheapest)", speed.describe());
        // Equal costs and equal tie-break: the smaller size wins.
        assertEquals(new Verdict(512, 128, List.of(128, 256, 1024), "the fastest"), Verdict.decide(flat, new Objective.Cost()));
    }

    @Test
    void estimatesWithinTwoPercentOfTheBestAreAPracticalTieEvenWithNarrowIntervals() {
        Map<Integer, SizeEstimate> narrow = Map.of(
                1792, size(1792, 100, 99.9, 100.1, 3.0, 2.99, 3.01),
                2048, size(2048, 97.5, 97.4, 97.6, 3.4, 3.39, 3.41),
                3008, size(3008, 96, 95.9, 96.1, 4.9, 4.89, 4.91));
        Verdict speed = Verdict.decide(narrow, new Objective.Speed());
        // 2048 MB is 1.6 % slower than 3008 MB, 1792 MB 4.2 %: only 2048 MB is its practical tie, and cheaper.
        assertEquals(new Verdict(2048, 3008, List.of(3008), "the cheapest"), speed);
    }

    @Test
    void aSizeWhoseIntervalOverlapsButWhoseEstimateIsWorseIsTiedYetNeverPicked() {
        Map<Integer, SizeEstimate> wide = Map.of(
                512, size(512, 100, 80, 120, 1.0, 0.8, 1.2),
                1024, size(1024, 90, 70, 110, 1.8, 1.4, 2.2));
        // 512 MB is 11 % slower: tied on these calls, but not a practical tie, so the faster size stays the pick.
        Verdict speed = Verdict.decide(wide, new Objective.Speed());
        assertEquals(new Verdict(1024, 1024, List.of(512), ""), speed);
        assertEquals("tied with 512 MB", speed.describe(), "no tie-break chose it");
    }

    @Test
    void balancedScoresRunFromTheLowEndsToTheHighEndsScaledByTheLargestEstimates() {
        Objective.Balanced balanced = new Objective.Balanced(0.5);
        Map<Integer, TrimmedMeanInterval> scores = Verdict.objectiveIntervals(cpu, balanced);
        double maxCost = 8.7e-6;
        double maxMs = 800;
        assertEquals(0.5 * 6.7 / 8.7 + 0.5 * 400 / 800, scores.get(1024).estimate(), 1e-12);
        assertEquals(0.5 * 6.4e-6 / maxCost + 0.5 * 380 / maxMs, scores.get(1024).low(), 1e-12);
        assertEquals(0.5 * 7.0e-6 / maxCost + 0.5 * 420 / maxMs, scores.get(1024).high(), 1e-12);
        assertEquals(0.5 * 8.4e-6 / maxCost + 0.5 * 250 / maxMs, scores.get(2048).low(), 1e-12);
        // 1024 MB scores 0.635 (0.605..0.665), 2048 MB 0.663 (0.639..0.686): tied; 512 MB 0.879: out.
        assertEquals(new Verdict(1024, 1024, List.of(2048), ""), Verdict.decide(cpu, balanced));
        // The weight's ends are the other two objectives.
        assertEquals(2048, Verdict.decide(cpu, new Objective.Balanced(0)).winner());
        assertEquals(512, Verdict.decide(cpu, new Objective.Balanced(1)).best(), "weight 1 scores cost alone");
        assertEquals(512, Verdict.decide(cpu, new Objective.Balanced(1)).winner(), "its equal 1024 MB costs more");
    }

    @Test
    void sizeEstimatePricesTheRoundedUpTrimmedMeanOfBilledMilliseconds() {
        double price = 0.0000166667;
        double fee = 0.0000002;
        // Billed 11, 11, 11, 12, 100 ms → trimmed mean (one dropped from each end) 11.33 → 12 ms.
        SizeEstimate s = SizeEstimate.of(1024, new double[] {10.2, 10.9, 11.4, 10.5, 100}, 0.95, price, fee);
        assertEquals((10.5 + 10.9 + 11.4) / 3, s.duration().estimate(), 1e-9);
        assertEquals(12 / 1000.0 * price + fee, s.cost().estimate(), 1e-15);
        // The interval's ends are whole billed milliseconds too.
        for (double end : new double[] {s.cost().low(), s.cost().high()}) {
            double billedMs = (end - fee) / (price / 1000);
            assertEquals(Math.rint(billedMs), billedMs, 1e-6);
        }
    }

    @Test
    void aWinnerIsNeverTiedWithItselfAndOnlyTheBestWinsAlone() {
        assertThrows(IllegalArgumentException.class, () -> new Verdict(128, 128, List.of(128), "the cheapest"));
        assertThrows(IllegalArgumentException.class, () -> new Verdict(128, 256, List.of(), "the cheapest"));
        assertThrows(IllegalArgumentException.class, () -> Verdict.decide(Map.of(), new Objective.Cost()));
        assertThrows(IllegalArgumentException.class, () -> new Objective.Balanced(1.5));
    }
}
