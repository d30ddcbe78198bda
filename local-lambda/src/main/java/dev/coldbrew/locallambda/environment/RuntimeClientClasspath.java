package dev.coldbrew.locallambda.environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The jars of the Lambda runtime interface client (what Lambda keeps in {@code /var/runtime/lib}), found
 * where this emulator's own class loader got them: the local Maven repository, or a copied classpath.
 */
final class RuntimeClientClasspath {
    static final String MAIN_CLASS = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
    private static final List<String> MARKER_CLASSES = List.of(
            MAIN_CLASS,
            "com.amazonaws.services.lambda.runtime.Context",
            "com.amazonaws.services.lambda.runtime.serialization.PojoSerializer",
            "software.amazon.awssdk.utilslite.SdkInternalThreadLocal");

    /** Where the runtime client loads its native HTTP client from when set (Lambda points it into /var/runtime). */
    static final String JNI_PROPERTY = "com.amazonaws.services.lambda.runtime.api.client.runtimeapi.NativeClient.JNI";
    private static volatile Path nativeLibrary;

    private RuntimeClientClasspath() {
    }

    /**
     * The runtime client's JNI library, extracted once into a private directory. Left to itself, every runtime
     * process extracts it to the same /tmp file, and a process that is loading it while another rewrites it
     * dies with SIGBUS; concurrent environments make that likely.
     */
    static synchronized Path nativeLibrary() {
        if (nativeLibrary != null) {
            return nativeLibrary;
        }
        String arch = System.getProperty("os.arch").equals("aarch64") ? "aarch_64" : "x86_64";
        String name = "libaws-lambda-jni.linux-" + arch + ".so";
        try (InputStream in = RuntimeClientClasspath.class.getClassLoader().getResourceAsStream("jni/" + name)) {
            if (in == null) {
                throw new IllegalStateException("The runtime interface client has no native library jni/" + name);
            }
            Path directory = Files.createTempDirectory("coldbrew-local-lambda-jni");
            Path library = directory.resolve(name);
            Files.copy(in, library);
            library.toFile().deleteOnExit();
            directory.toFile().deleteOnExit();
            nativeLibrary = library;
            return library;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract the runtime client's native library", e);
        }
    }

    static List<Path> jars() {
        LinkedHashSet<Path> jars = new LinkedHashSet<>();
        for (String className : MARKER_CLASSES) {
            try {
                CodeSource source = Class.forName(className, false, RuntimeClientClasspath.class.getClassLoader())
                        .getProtectionDomain().getCodeSource();
                if (source != null) {
                    jars.add(Path.of(source.getLocation().toURI()));
                }
            } catch (ClassNotFoundException e) {
                if (className.equals(MAIN_CLASS)) {
                    throw new IllegalStateException("aws-lambda-java-runtime-interface-client is not on the classpath; "
                            + "the emulator needs it to start execution environments.", e);
                }
            } catch (URISyntaxException e) {
                throw new IllegalStateException("Cannot locate " + className, e);
            }
        }
        return new ArrayList<>(jars);
    }
}
