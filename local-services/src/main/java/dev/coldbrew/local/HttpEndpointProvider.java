package dev.coldbrew.local;

import dev.coldbrew.locallambda.services.LocalService;
import dev.coldbrew.locallambda.services.LocalServiceContext;
import dev.coldbrew.locallambda.services.LocalServiceProvider;
import java.io.IOException;
import java.util.Map;

/**
 * {@code http-endpoint}: the local HTTP endpoint ({@link LocalHttpEndpoint}), its base URL given to the
 * template parameter its section names:
 * <pre>
 * http-endpoint:
 *   parameter: DownstreamUrl
 * </pre>
 */
public final class HttpEndpointProvider implements LocalServiceProvider {
    @Override
    public String name() {
        return "http-endpoint";
    }

    @Override
    public LocalService start(LocalServiceContext context) throws IOException {
        String parameter = context.setting("parameter");
        if (parameter == null) {
            return null;
        }
        if (!context.template().declaresParameter(parameter)) {
            throw new IllegalArgumentException("http-endpoint.parameter " + parameter + " is not a parameter of the template.");
        }
        LocalHttpEndpoint http = LocalHttpEndpoint.start();
        return new LocalService() {
            @Override
            public Map<String, String> parameterOverrides() {
                return Map.of(parameter, http.baseUri().toString());
            }

            @Override
            public String describe() {
                return "HTTP endpoint " + http.baseUri() + " (parameter " + parameter + ")";
            }

            @Override
            public void close() {
                http.close();
            }
        };
    }
}
