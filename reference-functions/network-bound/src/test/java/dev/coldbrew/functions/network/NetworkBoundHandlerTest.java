package dev.coldbrew.functions.network;

import static dev.coldbrew.runtime.testing.ExemplarAssertions.assertAnswersItsExemplar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coldbrew.local.LocalHttpEndpoint;
import dev.coldbrew.runtime.DownstreamException;
import dev.coldbrew.runtime.DownstreamTimeoutException;
import dev.coldbrew.runtime.InvalidEventException;
import dev.coldbrew.runtime.testing.LocalInvoke;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NetworkBoundHandlerTest {
    private static LocalHttpEndpoint endpoint;
    private static NetworkBoundHandler handler;

    @BeforeAll
    static void startEndpoint() throws Exception {
        endpoint = LocalHttpEndpoint.start();
        handler = new NetworkBoundHandler(endpoint.baseUri(), Duration.ofMillis(500), Duration.ofMillis(500));
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void answersItsExemplar() throws Exception {
        assertAnswersItsExemplar(handler);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"path\":\"items/1\"}", "{\"path\":\"//evil.example/x\"}", "{\"url\":\"/items/1\"}", "not json"})
    void rejectsMalformedEvents(String event) {
        assertThrows(InvalidEventException.class, () -> LocalInvoke.invoke(handler, event));
    }

    @Test
    void failingEndpointIsATypedDownstreamError() {
        DownstreamException e = assertThrows(DownstreamException.class, () -> LocalInvoke.invoke(handler, "{\"path\":\"/status/503\"}"));
        assertTrue(e.getMessage().contains("HTTP 503"), e.getMessage());
    }

    @Test
    void slowEndpointTimesOutWellBeforeTheFunctionWould() {
        long start = System.nanoTime();
        DownstreamException e = assertThrows(DownstreamException.class, () -> LocalInvoke.invoke(handler, "{\"path\":\"/items/1?delayMs=3000\"}"));
        assertInstanceOf(DownstreamTimeoutException.class, e);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2500, "gave up at the read timeout, not after the delay");
    }

    @Test
    void endpointDownIsATypedDownstreamError() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        NetworkBoundHandler unreachable = new NetworkBoundHandler(URI.create("http://127.0.0.1:" + closedPort), Duration.ofMillis(500), Duration.ofMillis(500));
        DownstreamException e = assertThrows(DownstreamException.class, () -> LocalInvoke.invoke(unreachable, "{\"path\":\"/items/1\"}"));
        assertTrue(e.getMessage().contains("failed"), e.getMessage());
    }

    @Test
    void sameItemSameDigest() throws Exception {
        assertEquals(LocalInvoke.invoke(handler, "{\"path\":\"/items/9\"}"), LocalInvoke.invoke(handler, "{\"path\":\"/items/9\"}"));
    }
}
