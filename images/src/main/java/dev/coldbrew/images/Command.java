package dev.coldbrew.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Runs one build tool (jdeps, jlink, ldd) to its end and returns what it printed on standard output. */
final class Command {
    private Command() {
    }

    /** @throws IllegalStateException with the tool's error output when it exits with a status other than 0 */
    static String run(List<String> command) {
        Path errors = null;
        try {
            // Standard error goes to a file, so a chatty tool cannot block on a full pipe while we read the other.
            errors = Files.createTempFile("coldbrew-images-", ".err");
            Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + status + ":\n"
                        + Files.readString(errors) + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command.getFirst(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.getFirst(), e);
        } finally {
            if (errors != null) {
                errors.toFile().delete();
            }
        }
    }
}
