package dev.coldbrew.locallambda.environment;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Writes docker-archive tarballs for tests, laid out as Jib's buildTar writes them: gzip layers, config, manifest. */
final class DockerArchive {
    /** One layer being written: entries in the order given. */
    static final class Layer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarArchiveOutputStream tar;

        Layer() {
            try {
                tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes));
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        Layer directory(String name, int mode) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name + "/");
            entry.setMode(040000 | mode);
            return add(entry, new byte[0]);
        }

        Layer file(String name, int mode, byte[] content) throws IOException {
            return file(name, mode, content, FileTime.fromMillis(System.currentTimeMillis()));
        }

        Layer file(String name, int mode, byte[] content, FileTime modified) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setMode(0100000 | mode);
            entry.setSize(content.length);
            entry.setModTime(modified);
            return add(entry, content);
        }

        Layer file(String name, int mode, String content) throws IOException {
            return file(name, mode, content.getBytes(StandardCharsets.UTF_8));
        }

        Layer symlink(String name, String target) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        Layer hardLink(String name, String target) throws IOException {
            TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_LINK);
            entry.setLinkName(target);
            return add(entry, new byte[0]);
        }

        /** An OCI whiteout: {@code name} is removed from the layers below. */
        Layer whiteout(String name) throws IOException {
            int slash = name.lastIndexOf('/');
            return file(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), 0644, new byte[0]);
        }

        private Layer add(TarArchiveEntry entry, byte[] content) throws IOException {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
            return this;
        }

        byte[] finish() throws IOException {
            tar.close();
            return bytes.toByteArray();
        }
    }

    private DockerArchive() {
    }

    /** Writes the image: its layers in order, and a configuration with these settings (null leaves one out). */
    static Path write(Path file, List<Layer> layers, List<String> entrypoint, List<String> cmd, List<String> env,
                      String workingDir) throws IOException {
        Map<String, Object> settings = new java.util.LinkedHashMap<>();
        if (entrypoint != null) {
            settings.put("Entrypoint", entrypoint);
        }
        if (cmd != null) {
            settings.put("Cmd", cmd);
        }
        settings.put("Env", env);
        if (workingDir != null) {
            settings.put("WorkingDir", workingDir);
        }
        byte[] config = JSON.std.asBytes(Map.of("architecture", "amd64", "os", "linux", "config", settings));
        List<String> layerNames = new ArrayList<>();
        Files.createDirectories(file.getParent());
        try (OutputStream out = Files.newOutputStream(file); TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (int i = 0; i < layers.size(); i++) {
                String name = "layer" + i + ".tar.gz";
                layerNames.add(name);
                put(tar, name, layers.get(i).finish());
            }
            put(tar, "config.json", config);
            put(tar, "manifest.json", JSON.std.asBytes(List.of(Map.of("Config", "config.json",
                    "RepoTags", List.of("test:latest"), "Layers", layerNames))));
        }
        return file;
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
