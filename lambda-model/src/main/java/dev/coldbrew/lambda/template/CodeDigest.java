package dev.coldbrew.lambda.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** CodeSha256 and CodeSize of a build output directory, as Lambda reports them for the deployment package. */
record CodeDigest(String sha256, long size) {

    static CodeDigest of(Path directory) {
        if (!Files.isDirectory(directory)) {
            return new CodeDigest("", 0);
        }
        // Links are followed, the start included (a build directory may itself be a link), as zip and
        // `sam build` store what a link points at.
        try (Stream<Path> walk = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            List<Path> files = walk.filter(Files::isRegularFile).sorted().toList();
            MessageDigest digest = newSha256();
            long size = 0;
            for (Path file : files) {
                digest.update(directory.relativize(file).toString().getBytes());
                size += update(digest, file);
            }
            return new CodeDigest(Base64.getEncoder().encodeToString(digest.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read build output " + directory, e);
        }
    }

    /**
     * An image function's: Lambda's CodeSha256 is then the image's digest in hex, not base64; here it is the
     * SHA-256 of the tarball the function runs from, and the size is the tarball's.
     */
    static CodeDigest ofImage(Path archive) {
        try {
            MessageDigest digest = newSha256();
            long size = update(digest, archive);
            return new CodeDigest(HexFormat.of().formatHex(digest.digest()), size);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read image " + archive, e);
        }
    }

    /** Adds the file's bytes to the digest; returns how many there were. */
    private static long update(MessageDigest digest, Path file) throws IOException {
        long size = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[65536];
            for (int read; (read = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, read);
                size += read;
            }
        }
        return size;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
