package dev.coldbrew.local;

import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Runs inside DynamoDB Local's own JVM (see {@link DynamoDbLocal}). DynamoDB Local's command line has no
 * bind-address option and listens on every interface; this entry point narrows its Jetty connector to
 * 127.0.0.1 before starting, then prints {@code READY <port>} for the parent.
 *
 * <p>Reflection keeps DynamoDB Local (and its Jetty) off this module's compile classpath.
 */
public final class DynamoDbLocalMain {
    private DynamoDbLocalMain() {
    }

    public static void main(String[] args) throws Exception {
        int port;
        // DynamoDB Local rejects port 0; take a free loopback port and hand it over at once.
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Class<?> runner = Class.forName("com.amazonaws.services.dynamodbv2.local.main.ServerRunner");
        Object proxy = runner.getMethod("createServerFromCommandLineArgs", String[].class)
                .invoke(null, (Object) new String[] {"-inMemory", "-disableTelemetry", "-port", Integer.toString(port)});
        Field serverField = proxy.getClass().getDeclaredField("server");
        serverField.setAccessible(true);
        Object jetty = serverField.get(proxy);
        Object[] connectors = (Object[]) jetty.getClass().getMethod("getConnectors").invoke(jetty);
        for (Object connector : connectors) {
            connector.getClass().getMethod("setHost", String.class).invoke(connector, "127.0.0.1");
        }
        proxy.getClass().getMethod("start").invoke(proxy);
        System.out.println("READY " + port);
        System.out.flush();
        proxy.getClass().getMethod("join").invoke(proxy);
    }
}
