package dev.coldbrew.maven.function;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** The function coldbrew:local serves in the tests: its event's message back, and what its environment says. */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("echo", event.get("message"));
        response.put("bucket", System.getenv("BUCKET_NAME"));
        response.put("dynamodb", System.getenv("AWS_ENDPOINT_URL_DYNAMODB"));
        return response;
    }
}
