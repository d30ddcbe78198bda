package dev.coldbrew.tuner;

import dev.coldbrew.lambda.report.ReportLine;
import java.util.Collection;

/**
 * Which kind of cold start REPORT records show: an on-demand init (Init Duration) or a SnapStart restore
 * (Restore Duration, and no Init Duration). A set of records that shows both is {@link #MIXED}.
 */
public enum ColdStartKind {
    NONE("none", "init", "no cold start"),
    ON_DEMAND("on-demand", "init", "Init Duration"),
    SNAPSTART("SnapStart", "restore", "Restore Duration"),
    MIXED("mixed", "init/restore", "on-demand and SnapStart");

    private final String label;
    private final String phase;
    private final String source;

    ColdStartKind(String label, String phase, String source) {
        this.label = label;
        this.phase = phase;
        this.source = source;
    }

    /** The kind's name in the reports: none, on-demand, SnapStart or mixed. */
    public String label() {
        return label;
    }

    /** What the start-up before the first invoke is called: init, restore, or init/restore when mixed. */
    public String phase() {
        return phase;
    }

    /** The kind with the REPORT field it was read from, e.g. "on-demand (Init Duration)". */
    public String describe() {
        return this == NONE ? source : label + " (" + source + ")";
    }

    public static ColdStartKind of(ReportLine report) {
        if (report.restoreDurationMs() > 0) {
            return SNAPSTART;
        }
        return report.initDurationMs() > 0 ? ON_DEMAND : NONE;
    }

    /** The one kind the given kinds share, ignoring NONE; MIXED when they differ. */
    public static ColdStartKind common(Collection<ColdStartKind> kinds) {
        ColdStartKind common = NONE;
        for (ColdStartKind kind : kinds) {
            if (kind != NONE && common != kind) {
                common = common == NONE ? kind : MIXED;
            }
        }
        return common;
    }
}
