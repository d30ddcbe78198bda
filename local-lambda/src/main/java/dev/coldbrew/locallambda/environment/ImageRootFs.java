package dev.coldbrew.locallambda.environment;

import dev.coldbrew.lambda.function.FunctionConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root file systems of container-image functions: each image tarball unpacked once per code SHA-256 (every
 * version and environment of a function shares it, read-only), under a temporary directory that {@link #close()}
 * removes. The build directory is never written to.
 */
public final class ImageRootFs implements AutoCloseable {
    /** Directories the launcher mounts on; the root is mounted read-only, so they are made when it is unpacked. */
    static final List<String> MOUNT_DIRECTORIES = List.of("proc", "sys/fs/cgroup", "tmp");
    /** The devices a runtime needs, bound from the host onto empty files of the same names. */
    static final List<String> DEVICES = List.of("dev/null", "dev/zero", "dev/full", "dev/random", "dev/urandom");
    /** Name resolution files bound from the host, as container runtimes do: images leave them out. */
    static final List<String> HOST_FILES = List.of("etc/hosts", "etc/resolv.conf");

    /** An unpacked image: its root directory and the configuration its tarball gives. */
    public record Image(Path root, ImageArchive.Config config) {
    }

    private final ConcurrentHashMap<String, CompletableFuture<Image>> images = new ConcurrentHashMap<>();
    private Path directory;
    private boolean closed;

    /** The image of an image function, unpacked on the first call for its code; concurrent callers wait for that one. */
    public Image unpack(FunctionConfiguration configuration) throws IOException {
        CompletableFuture<Image> mine = new CompletableFuture<>();
        CompletableFuture<Image> image = images.putIfAbsent(configuration.codeSha256(), mine);
        if (image == null) {
            try {
                mine.complete(unpack(configuration.imageArchive(), directory().resolve(configuration.codeSha256())));
            } catch (IOException | RuntimeException e) {
                // Not remembered: the next start tries again.
                images.remove(configuration.codeSha256(), mine);
                mine.completeExceptionally(e);
            }
            image = mine;
        }
        try {
            return image.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause().getMessage(), e.getCause());
        }
    }

    private static Image unpack(Path archive, Path root) throws IOException {
        Files.createDirectories(root);
        try {
            ImageArchive.Config config = ImageArchive.unpack(archive, root);
            for (String mountPoint : MOUNT_DIRECTORIES) {
                realDirectory(root, mountPoint);
            }
            for (String file : DEVICES) {
                emptyFile(root, file);
            }
            for (String file : HOST_FILES) {
                emptyFile(root, file);
            }
            return new Image(root, config);
        } catch (IOException | RuntimeException e) {
            FileTrees.delete(root);
            throw new IOException("Cannot unpack " + archive + ": " + e.getMessage(), e);
        }
    }

    /**
     * Makes each directory on the path a real directory, replacing a symbolic link or file of the image's: mounts are
     * made from the host, which would follow an image's link out of the root.
     */
    private static Path realDirectory(Path root, String path) throws IOException {
        Path current = root;
        for (String part : path.split("/")) {
            current = current.resolve(part);
            if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.delete(current);
                Files.createDirectory(current);
            }
        }
        return current;
    }

    /** A file to bind-mount onto, unless the image has a regular file there already. */
    private static void emptyFile(Path root, String path) throws IOException {
        Path parent = realDirectory(root, path.substring(0, path.lastIndexOf('/')));
        Path file = parent.resolve(path.substring(path.lastIndexOf('/') + 1));
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            FileTrees.delete(file);
            Files.createFile(file);
        }
    }

    private synchronized Path directory() throws IOException {
        if (closed) {
            throw new IllegalStateException("The image root file systems have been removed.");
        }
        if (directory == null) {
            directory = Files.createTempDirectory("coldbrew-images-");
        }
        return directory;
    }

    /** Removes every unpacked image; call after the environments that use them have exited. */
    @Override
    public synchronized void close() {
        closed = true;
        if (directory != null) {
            try {
                FileTrees.delete(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the unpacked images in " + directory, e);
            }
        }
    }
}
