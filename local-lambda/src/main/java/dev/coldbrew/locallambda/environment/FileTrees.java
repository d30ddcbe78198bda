package dev.coldbrew.locallambda.environment;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Removes the trees image environments use: unpacked roots, their /tmp directories, files a layer replaces. */
final class FileTrees {
    private FileTrees() {
    }

    /**
     * Removes a file, link or whole directory if it exists. Links are removed, never followed, and a directory on
     * another file system (a mount that should not be there) stops the removal before anything under it is touched.
     */
    static void delete(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Object device = Files.getAttribute(path, "unix:dev", LinkOption.NOFOLLOW_LINKS);
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (!device.equals(Files.getAttribute(directory, "unix:dev", LinkOption.NOFOLLOW_LINKS))) {
                    throw new IOException(directory + " is on another file system (a mount); not removing " + path);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
