package dev.coldbrew.functions.cpu;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.FunctionException;
import dev.coldbrew.runtime.JsonHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Deterministic CPU work sized by the event: {@code rounds} passes of an integer recurrence over a 16 KB
 * array (cache-resident, bounds-checked, the kind of loop C2 compiles much better than C1), split over
 * {@code threads} threads. Single-threaded work speeds up with memory until one full vCPU
 * (1769 MB); only more threads can use the extra vCPUs Lambda gives above that.
 */
public class CpuBoundHandler extends JsonHandler<CpuBoundHandler.Request, CpuBoundHandler.Response> {
    public static final long MAX_ROUNDS = 10_000_000L;
    public static final int MAX_THREADS = 6;

    /** @param threads 0 or absent means 1 */
    public record Request(long rounds, int threads) {
        public Request {
            if (rounds < 1 || rounds > MAX_ROUNDS) {
                throw new IllegalArgumentException("rounds must be between 1 and " + MAX_ROUNDS + ", was " + rounds);
            }
            if (threads < 0 || threads > MAX_THREADS) {
                throw new IllegalArgumentException("threads must be between 1 and " + MAX_THREADS + " (Lambda's most vCPUs), was " + threads);
            }
            threads = Math.max(threads, 1);
        }
    }

    /** @param checksum hex digest of the work, identical for identical requests */
    public record Response(long rounds, int threads, String checksum) {
    }

    public CpuBoundHandler() {
        super(Request.class);
        primeDuringInit();
    }

    @Override
    protected Response handle(Request event, Context context) {
        long checksum = event.threads() == 1 ? work(0, event.rounds()) : parallel(event.rounds(), event.threads());
        return new Response(event.rounds(), event.threads(), String.format("%016x", checksum));
    }

    private static long parallel(long rounds, int threads) {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Long>> parts = new ArrayList<>();
            for (int part = 0; part < threads; part++) {
                long seed = part;
                long share = rounds / threads + (part < rounds % threads ? 1 : 0);
                parts.add(pool.submit(() -> work(seed, share)));
            }
            long combined = 0;
            for (Future<Long> part : parts) {
                combined ^= part.get();
            }
            return combined;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FunctionException("CPU work interrupted", e);
        } catch (ExecutionException e) {
            throw new FunctionException("CPU work failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Fills the array from the seed, then runs the recurrence; every step depends on the one before. */
    static long work(long seed, long rounds) {
        int[] values = new int[4096];
        long x = seed * 0x9E3779B97F4A7C15L + 1;
        for (int i = 0; i < values.length; i++) {
            x ^= x >>> 31;
            x *= 0xBF58476D1CE4E5B9L;
            values[i] = (int) x;
        }
        long sum = 0;
        for (long round = 0; round < rounds; round++) {
            for (int i = 1; i < values.length; i++) {
                values[i] = values[i] * 31 + (values[i - 1] >>> 3);
                sum += values[i] & 0xff;
            }
        }
        return sum ^ values[17];
    }
}
