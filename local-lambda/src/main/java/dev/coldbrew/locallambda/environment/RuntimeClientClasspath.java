package dev.coldbrew.locallambda.environment;

import java.net.URISyntaxException;
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

    private RuntimeClientClasspath() {
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
