package dev.coldbrew.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class LocalHttpEndpointTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(URI base, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesDeterministicItemsFailuresAndDelays() throws Exception {
        try (LocalHttpEndpoint endpoint = LocalHttpEndpoint.start()) {
            URI base = endpoint.baseUri();
            HttpResponse<String> first = get(base, "/items/42");
            assertEquals(200, first.statusCode());
            assertEquals(first.body(), get(base, "/items/42").body());
            assertTrue(first.body().contains("\"id\":\"42\""), first.body());

            assertEquals(503, get(base, "/status/503").statusCode());
            assertEquals(404, get(base, "/nothing").statusCode());

            long start = System.nanoTime();
            assertEquals(200, get(base, "/items/1?delayMs=300").statusCode());
            assertTrue((System.nanoTime() - start) / 1_000_000 >= 300, "delayMs delays the answer");
        }
    }
}
