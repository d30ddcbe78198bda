package dev.coldbrew.runtime;

import com.amazonaws.services.lambda.runtime.Context;

/** A minimal function for testing the base class; its exemplar lives in src/test/resources/exemplar. */
public class GreetingHandler extends JsonHandler<GreetingHandler.Request, GreetingHandler.Response> {
    public record Request(String name, int times) {
        public Request {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is required");
            }
            if (times < 1 || times > 10) {
                throw new IllegalArgumentException("times must be between 1 and 10, was " + times);
            }
        }
    }

    public record Response(String greeting) {
    }

    int calls;

    public GreetingHandler() {
        super(Request.class);
    }

    @Override
    protected Response handle(Request event, Context context) {
        calls++;
        return new Response(String.join(" ", java.util.Collections.nCopies(event.times(), "Hello, " + event.name() + "!")));
    }
}
