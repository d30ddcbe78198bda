package dev.coldbrew.functions.network;

import com.amazonaws.services.lambda.runtime.Context;
import dev.coldbrew.runtime.ConfigurationException;
import dev.coldbrew.runtime.DownstreamException;
import dev.coldbrew.runtime.DownstreamTimeoutException;
import dev.coldbrew.runtime.JsonHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Calls one HTTP endpoint ({@code DOWNSTREAM_URL} + the event's path) and reports what came back. Its
 * duration is network wait, so more memory barely helps it.
 *
 * <p>HttpURLConnection rather than java.net.http: it is already loaded for the SDK's URLConnection client,
 * starts faster, and has the two timeouts we need. Both are far below the function timeout, so a slow
 * dependency becomes a typed error the caller can act on, not a Lambda timeout.
 */
public class NetworkBoundHandler extends JsonHandler<NetworkBoundHandler.Request, NetworkBoundHandler.Response> {
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(2);

    public record Request(String path) {
        public Request {
            if (path == null || !path.startsWith("/") || path.startsWith("//")) {
                throw new IllegalArgumentException("path must be an absolute path such as /items/42, was " + path);
            }
        }
    }

    /** @param sha256 digest of the body, so identical answers are recognisable without echoing them */
    public record Response(int status, int bytes, String sha256) {
    }

    private final URI downstream;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public NetworkBoundHandler() {
        this(URI.create(ConfigurationException.requireEnv("DOWNSTREAM_URL")), DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
        primeDuringInit();
    }

    public NetworkBoundHandler(URI downstream, Duration connectTimeout, Duration readTimeout) {
        super(Request.class);
        this.downstream = downstream;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    @Override
    protected Response handle(Request event, Context context) {
        URI target = URI.create(downstream.toString().replaceAll("/+$", "") + event.path());
        try {
            HttpURLConnection connection = (HttpURLConnection) target.toURL().openConnection();
            connection.setConnectTimeout((int) connectTimeout.toMillis());
            connection.setReadTimeout((int) readTimeout.toMillis());
            int status = connection.getResponseCode();
            if (status >= 400) {
                discard(connection.getErrorStream());
                throw new DownstreamException("GET " + target + " returned HTTP " + status);
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] bytes = body.readAllBytes();
                return new Response(status, bytes.length, sha256(bytes));
            }
        } catch (SocketTimeoutException e) {
            throw new DownstreamTimeoutException("GET " + target + " did not answer within the connect/read timeouts ("
                    + connectTimeout.toMillis() + "/" + readTimeout.toMillis() + " ms)", e);
        } catch (IOException e) {
            throw new DownstreamException("GET " + target + " failed: " + e, e);
        }
    }

    /** Reading the body to the end lets the JDK keep the connection alive for the next (warm) invoke. */
    private static void discard(InputStream body) throws IOException {
        if (body != null) {
            try (body) {
                body.transferTo(OutputStream.nullOutputStream());
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
