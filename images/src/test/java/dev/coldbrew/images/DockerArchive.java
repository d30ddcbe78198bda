package dev.coldbrew.images;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image tarball in the docker-archive format Jib's buildTar writes ({@code manifest.json}, the config, one
 * gzip tar per layer), unpacked layer by layer, in the manifest's order, into one directory: the file system a
 * container of the image starts with. Jib writes no whiteout entries, so extracting in order is enough.
 */
record DockerArchive(List<String> entrypoint, List<String> cmd, Map<String, String> environment, String workingDirectory,
                     List<String> layers) {

    @SuppressWarnings("unchecked")
    static DockerArchive unpack(Path tarball, Path scratch, Path root) throws IOException, InterruptedException {
        Files.createDirectories(scratch);
        Files.createDirectories(root);
        tar("-xf", tarball.toString(), "-C", scratch.toString());
        Map<String, Object> manifest = (Map<String, Object>) JSON.std.listFrom(Files.readString(scratch.resolve("manifest.json"))).getFirst();
        List<String> layers = (List<String>) manifest.get("Layers");
        for (String layer : layers) {
            // -p: the modes the image gives (755 launchers, 777 /tmp), whatever this process's umask.
            tar("-xzpf", scratch.resolve(layer).toString(), "-C", root.toString());
        }
        Map<String, Object> config = (Map<String, Object>) JSON.std.mapFrom(Files.readString(scratch.resolve((String) manifest.get("Config"))))
                .get("config");
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : (List<String>) config.get("Env")) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        return new DockerArchive((List<String>) config.get("Entrypoint"), (List<String>) config.get("Cmd"), environment,
                (String) config.get("WorkingDir"), layers);
    }

    /** The class path the entrypoint gives the JVM. */
    List<String> classPath() {
        int option = entrypoint.indexOf("-cp");
        return List.of(entrypoint.get(option + 1).split(":"));
    }

    /** The value of a {@code -Dname=value} the entrypoint sets, or null. */
    String systemProperty(String name) {
        return entrypoint.stream().filter(argument -> argument.startsWith("-D" + name + "="))
                .map(argument -> argument.substring(name.length() + 3)).findFirst().orElse(null);
    }

    private static void tar(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tar"));
        command.addAll(List.of(arguments));
        // Jib's layers carry libarchive's creation-time headers, which GNU tar reports and skips.
        Process tar = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
    }
}
