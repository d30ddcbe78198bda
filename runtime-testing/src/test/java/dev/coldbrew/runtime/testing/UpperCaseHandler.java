package dev.coldbrew.runtime.testing;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.JsonHandler;
import java.util.Locale;

/** A handler for the kit's own tests; {@code broken} makes it answer its exemplar wrongly. */
class UpperCaseHandler extends JsonHandler<UpperCaseHandler.Request, UpperCaseHandler.Response> {
    record Request(String text) {
    }

    record Response(String upper, int length) {
    }

    private final boolean broken;

    UpperCaseHandler(boolean broken) {
        super(Request.class);
        this.broken = broken;
    }

    @Override
    protected Response handle(Request request, Context context) {
        context.getLogger().log("upper-casing " + request.text().length() + " characters\n");
        String upper = request.text().toUpperCase(Locale.ROOT);
        return new Response(broken ? upper.toLowerCase(Locale.ROOT) : upper, request.text().length());
    }

    @Override
    protected boolean primeWithExemplar() {
        return false;
    }
}
