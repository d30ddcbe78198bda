package dev.coldbrew.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.Context;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Priming during INIT: which starts prime, and that nothing the exemplar does can break INIT. */
class InitPrimingTest {
    @ParameterizedTest
    @ValueSource(strings = {"on-demand", "provisioned-concurrency"})
    void onDemandAndProvisionedInitsRunTheExemplarOnce(String initializationType) {
        GreetingHandler handler = new GreetingHandler();
        assertTrue(Priming.duringInit(handler, initializationType, null, 5_000));
        assertEquals(1, handler.calls);
    }

    @Test
    void snapStartLeavesPrimingToTheSnapshotHook() {
        GreetingHandler handler = new GreetingHandler();
        assertFalse(Priming.duringInit(handler, "snap-start", null, 5_000));
        assertEquals(0, handler.calls);
    }

    @Test
    void offTheLambdaRuntimeNothingRuns() {
        GreetingHandler handler = new GreetingHandler();
        assertFalse(Priming.duringInit(handler, null, null, 5_000));
        assertEquals(0, handler.calls);
    }

    @Test
    void theSettingSwitchesItOff() {
        GreetingHandler handler = new GreetingHandler();
        assertFalse(Priming.duringInit(handler, "on-demand", "OFF", 5_000));
        assertEquals(0, handler.calls);
    }

    @Test
    void aFailingExemplarDoesNotFailInit() {
        GreetingHandler handler = new GreetingHandler() {
            @Override
            protected Response handle(Request event, Context context) {
                throw new DownstreamException("table unreachable");
            }
        };
        assertFalse(Priming.duringInit(handler, "on-demand", null, 5_000));
    }

    @Test
    void anExemplarWhoseItemIsMissingStillCountsAsPrimed() {
        GreetingHandler handler = new GreetingHandler() {
            @Override
            protected Response handle(Request event, Context context) {
                throw new NotFoundException("customer c-100 not found");
            }
        };
        assertTrue(Priming.duringInit(handler, "on-demand", null, 5_000));
    }

    @Test
    void aRunPastTheBudgetLetsInitGoOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        GreetingHandler handler = new GreetingHandler() {
            @Override
            protected Response handle(Request event, Context context) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.handle(event, context);
            }
        };
        assertFalse(Priming.duringInit(handler, "on-demand", null, 50), "INIT returns while the exemplar still runs");
        release.countDown();
    }

    @Test
    void aHandlerThatOptsOutIsNotPrimed() {
        GreetingHandler handler = new GreetingHandler() {
            @Override
            protected boolean primeWithExemplar() {
                return false;
            }
        };
        handler.primeDuringInit();
        assertEquals(0, handler.calls);
    }
}
