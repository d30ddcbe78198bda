package dev.coldbrew.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * TLS in front of a plain-HTTP endpoint, on 127.0.0.1 under the name {@link #HOST}, with an EC certificate made
 * by keytool for that name: a client that gets through it has done a real TLS handshake (key exchange,
 * certificate and host name checks) with its own Java runtime, as a function does with an AWS endpoint.
 */
final class TlsFront implements AutoCloseable {
    static final String PASSWORD = "coldbrew-image-test";
    /** The name clients use; whoever runs them maps it to 127.0.0.1 (an /etc/hosts line). */
    static final String HOST = "dynamodb.image-test";

    private final SSLServerSocket server;
    private final InetSocketAddress target;
    private final Path trustStore;
    private final AtomicInteger handshakes = new AtomicInteger();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private TlsFront(SSLServerSocket server, InetSocketAddress target, Path trustStore) {
        this.server = server;
        this.target = target;
        this.trustStore = trustStore;
        executor.submit(this::accept);
    }

    /** Writes its key store and a trust store holding only its certificate to {@code directory}. */
    static TlsFront start(URI plainEndpoint, Path directory) throws Exception {
        Path keyStore = directory.resolve("server.p12");
        Path certificate = directory.resolve("server.pem");
        Path trustStore = directory.resolve("truststore.p12");
        keytool("-genkeypair", "-keypass", PASSWORD, "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + HOST,
                "-ext", "san=dns:" + HOST, "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString());
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", keyStore.toString(), "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "server", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", trustStore.toString());

        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(KeyStore.getInstance(keyStore.toFile(), PASSWORD.toCharArray()), PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return new TlsFront(server, new InetSocketAddress(plainEndpoint.getHost(), plainEndpoint.getPort()), trustStore);
    }

    URI endpoint() {
        return URI.create("https://" + HOST + ":" + server.getLocalPort());
    }

    Path trustStore() {
        return trustStore;
    }

    /** Connections whose TLS handshake completed. */
    int handshakes() {
        return handshakes.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                SSLSocket client = (SSLSocket) server.accept();
                executor.submit(() -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(SSLSocket client) {
        try (client; Socket upstream = new Socket(target.getAddress(), target.getPort())) {
            client.startHandshake();
            handshakes.incrementAndGet();
            executor.submit(() -> pump(upstream.getInputStream(), client.getOutputStream(), client));
            pump(client.getInputStream(), upstream.getOutputStream(), upstream);
        } catch (IOException e) {
            // The client went away or failed its handshake; the test sees it in the function's outcome.
        }
    }

    /** Copies until end of stream, then closes {@code closeAfter} so the other direction ends too. */
    private static Void pump(InputStream in, OutputStream out, Socket closeAfter) throws IOException {
        try (closeAfter) {
            in.transferTo(out);
        }
        return null;
    }

    private static void keytool(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-storepass", PASSWORD));
        command.addAll(List.of(arguments));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        if (keytool.waitFor() != 0) {
            throw new IOException("keytool failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        executor.shutdownNow();
    }
}
