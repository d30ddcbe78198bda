package dev.coldbrew.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The runtime interface client's JNI library (its HTTP client for the Runtime API), taken out of its jar at
 * build time. Left to itself, the client writes it to /tmp at every start and loads it from there; given
 * its path in a system property, it loads it from the read-only image instead.
 */
final class RuntimeClientJni {
    /** The glibc x86_64 build; the jar also holds musl and aarch64 ones. */
    static final String RESOURCE = "jni/libaws-lambda-jni.linux-x86_64.so";

    private RuntimeClientJni() {
    }

    /** Writes the library found in one of the jars to {@code destination}. */
    static void extract(List<Path> jars, Path destination) {
        for (Path jar : jars) {
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                ZipEntry entry = zip.getEntry(RESOURCE);
                if (entry == null) {
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = zip.getInputStream(entry)) {
                    Files.copy(in, destination);
                }
                return;
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + jar, e);
            }
        }
        throw new IllegalStateException("No jar has " + RESOURCE + "; is aws-lambda-java-runtime-interface-client among " + jars + "?");
    }
}
