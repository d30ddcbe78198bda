/**
 * Deciding a power-tuning run with fewer calls and honest confidence, as pure logic (no Lambda calls, no I/O):
 * {@link dev.coldbrew.tuner.search.TrimmedMeanInterval} puts a Tukey–McLaughlin interval around Power Tuning's trimmed
 * mean, {@link dev.coldbrew.tuner.search.Verdict} says whether a strategy's winner is clear or tied with other
 * sizes, and {@link dev.coldbrew.tuner.search.AdaptiveSearch} finds the best memory size from a handful of sizes
 * instead of a sweep, given a {@link dev.coldbrew.tuner.search.AdaptiveSearch.Measurer} that runs the calls.
 * {@link dev.coldbrew.tuner.search.Objective} mirrors the tuner's strategies so that this package depends on
 * nothing else in the tuner.
 */
package dev.coldbrew.tuner.search;
