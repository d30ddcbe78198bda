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
        assertEquals(new Verdict(2048, true, List.of()), speed);
        assertEquals("clear", speed.describe());
    }

    @Test
    void tiedWithEverySizeWhoseIntervalOverlaps() {
        Verdict cost = Verdict.decide(cpu, new Objective.Cost());
        assertEquals(new Verdict(512, false, List.of(1024)), cost);
        assertEquals("tied with 1024 MB", cost.describe());

        Map<Integer, SizeEstimate> flat = Map.of(
                256, size(256, 10, 9, 11, 1, 0.9, 1.1),
                1024, size(1024, 10.2, 9, 11, 1, 0.9, 1.1),
                512, size(512, 9.8, 9, 11, 1, 0.9, 1.1),
                128, size(128, 10.1, 8.9, 11, 1, 0.9, 1.1));
        Verdict speed = Verdict.decide(flat, new Objective.Speed());
        assertEquals(512, speed.winner());
        assertEquals("tied with 128, 256, 1024 MB", speed.describe());
        // Equal estimates: the smaller size wins, as the tuner's strategies break ties.
        assertEquals(new Verdict(128, false, List.of(256, 512, 1024)), Verdict.decide(flat, new Objective.Cost()));
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
        assertEquals(new Verdict(1024, false, List.of(2048)), Verdict.decide(cpu, balanced));
        // The weight's ends are the other two objectives.
        assertEquals(2048, Verdict.decide(cpu, new Objective.Balanced(0)).winner());
        assertEquals(512, Verdict.decide(cpu, new Objective.Balanced(1)).winner());
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
    void aVerdictIsClearExactlyWhenItIsTiedWithNothing() {
        assertThrows(IllegalArgumentException.class, () -> new Verdict(128, true, List.of(256)));
        assertThrows(IllegalArgumentException.class, () -> new Verdict(128, false, List.of()));
        assertThrows(IllegalArgumentException.class, () -> Verdict.decide(Map.of(), new Objective.Cost()));
        assertThrows(IllegalArgumentException.class, () -> new Objective.Balanced(1.5));
    }
}
