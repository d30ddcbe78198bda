package dev.coldbrew.locallambda.environment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The {@code /tmp} of each image environment: a fresh host directory per environment, as Lambda gives each execution
 * environment its own. Under a temporary root (the default) a directory is removed when its environment ends and the
 * root on {@link #close()}; under a root the caller gives, they are kept, so that the caller can collect what the
 * function wrote there.
 */
public final class PrivateTmp implements AutoCloseable {
    private final Path callerRoot;
    private Path temporaryRoot;

    private PrivateTmp(Path callerRoot) {
        this.callerRoot = callerRoot;
    }

    /** Directories under a temporary root, each removed when its environment ends. */
    public static PrivateTmp temporary() {
        return new PrivateTmp(null);
    }

    /** Directories under {@code root}, kept after their environments end. */
    public static PrivateTmp keptUnder(Path root) {
        return new PrivateTmp(root.toAbsolutePath().normalize());
    }

    /** A new, empty directory for one environment, named after it. */
    Path create(String environmentName) throws IOException {
        Path directory = Files.createTempDirectory(root(), environmentName + "-");
        // A /tmp as Linux has it: anyone may write, only owners remove.
        Files.setAttribute(directory, "unix:mode", 01777);
        return directory;
    }

    /** Its environment has ended: the directory goes, unless the caller keeps it. */
    void release(Path directory) {
        if (callerRoot == null) {
            try {
                FileTrees.delete(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove the environment's /tmp " + directory, e);
            }
        }
    }

    private synchronized Path root() throws IOException {
        if (callerRoot != null) {
            return Files.createDirectories(callerRoot);
        }
        if (temporaryRoot == null) {
            temporaryRoot = Files.createTempDirectory("coldbrew-environment-tmp-");
        }
        return temporaryRoot;
    }

    @Override
    public synchronized void close() {
        if (temporaryRoot != null) {
            try {
                FileTrees.delete(temporaryRoot);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot remove " + temporaryRoot, e);
            }
        }
    }
}
