package dev.coldbrew.images;

import dev.coldbrew.locallambda.environment.ImageArchive;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image tarball unpacked into one directory by the local Lambda's reader ({@link ImageArchive}: the layers in
 * the manifest's order, modes and times kept), with the parts of its configuration the tests look into.
 */
record DockerArchive(List<String> entrypoint, List<String> cmd, Map<String, String> environment, String workingDirectory) {

    static DockerArchive unpack(Path tarball, Path root) throws IOException {
        Files.createDirectories(root);
        ImageArchive.Config config = ImageArchive.unpack(tarball, root);
        Map<String, String> environment = new LinkedHashMap<>();
        for (String variable : config.env()) {
            environment.put(variable.substring(0, variable.indexOf('=')), variable.substring(variable.indexOf('=') + 1));
        }
        return new DockerArchive(config.entrypoint(), config.cmd(), environment, config.workingDir());
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
}
