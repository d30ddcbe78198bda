package dev.coldbrew.functions.noop;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.JsonHandler;

/** Returns at once: what remains is the cost of the JVM, the runtime and the JSON round trip. */
public class NoOpHandler extends JsonHandler<NoOpHandler.Request, NoOpHandler.Response> {
    /** An optional label echoed back, so callers can tell their invocations apart. */
    public record Request(String label) {
    }

    public record Response(String status, String label) {
    }

    public NoOpHandler() {
        super(Request.class);
        primeDuringInit();
    }

    @Override
    protected Response handle(Request event, Context context) {
        return new Response("ok", event.label());
    }
}
