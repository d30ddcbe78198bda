package dev.coldbrew.locallambda.environment;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * A container image saved as a docker-archive tarball, as Jib's {@code jib:buildTar} and {@code docker save} write
 * it: {@code manifest.json} names the image's configuration file and its layers, each a tar (gzip-compressed or
 * not), which are applied in order to build the root file system. Files keep the mode and modification time their
 * layer gives them (a JVM's AOT cache records the times of the jars it was trained with); symbolic and hard links
 * are made as links. OCI whiteouts ({@code .wh.<name>} and the opaque {@code .wh..wh..opq}) remove what lower layers
 * put there. Devices and FIFOs are skipped, and ownership is the emulator's user.
 */
public final class ImageArchive {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    /** As the kernel's limit on links followed while resolving one path. */
    private static final int MAX_LINKS = 40;

    /** The parts of the image's configuration that decide how it starts. */
    public record Config(List<String> entrypoint, List<String> cmd, List<String> env, String workingDir) {
        public Config {
            entrypoint = List.copyOf(entrypoint);
            cmd = List.copyOf(cmd);
            env = List.copyOf(env);
        }
    }

    private final Path root;
    /** Directories' modes and times, set when every layer is in: a later child would change the time. */
    private final Map<Path, TarArchiveEntry> directories = new LinkedHashMap<>();

    private ImageArchive(Path root) {
        this.root = root;
    }

    /** Unpacks the image's layers, in order, into {@code root} (an empty directory); returns its configuration. */
    public static Config unpack(Path archive, Path root) throws IOException {
        ImageArchive unpacker = new ImageArchive(root.toRealPath());
        Config config = readLayers(archive, unpacker::apply);
        unpacker.finishDirectories();
        return config;
    }

    /**
     * A resource of the jars an image holds under {@code directory} (such as a function's exemplar event), read
     * without unpacking the image; when several jars have it, the one a later layer adds wins.
     */
    public static Optional<byte[]> resourceInJars(Path archive, String directory, String resource) throws IOException {
        String prefix = normalize(directory) + "/";
        byte[][] found = new byte[1][];
        readLayers(archive, (entry, name, content) -> {
            if (entry.isFile() && name.startsWith(prefix) && name.endsWith(".jar")) {
                // Not closed: closing would close the layer's stream, which goes on to the next file.
                ZipInputStream jar = new ZipInputStream(content);
                for (ZipEntry file; (file = jar.getNextEntry()) != null; ) {
                    if (file.getName().equals(resource)) {
                        found[0] = jar.readAllBytes();
                    }
                }
            }
        });
        return Optional.ofNullable(found[0]);
    }

    /** What is done with each file of each layer, in order. */
    private interface LayerEntryVisitor {
        void visit(TarArchiveEntry entry, String name, InputStream content) throws IOException;
    }

    private static Config readLayers(Path archive, LayerEntryVisitor visitor) throws IOException {
        try (TarFile tar = new TarFile(archive)) {
            Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
            tar.getEntries().forEach(entry -> entries.put(normalize(entry.getName()), entry));
            List<Object> manifest = JSON.std.listFrom(read(tar, entries, archive, "manifest.json"));
            if (manifest.size() != 1 || !(manifest.get(0) instanceof Map<?, ?> image)) {
                throw new IOException(archive + ": manifest.json must describe exactly one image.");
            }
            Config config = config(JSON.std.mapFrom(read(tar, entries, archive, String.valueOf(image.get("Config")))));
            for (Object layer : (List<?>) image.get("Layers")) {
                try (InputStream in = tar.getInputStream(entry(entries, archive, String.valueOf(layer)))) {
                    readLayer(in, visitor);
                }
            }
            return config;
        }
    }

    private static byte[] read(TarFile tar, Map<String, TarArchiveEntry> entries, Path archive, String name) throws IOException {
        try (InputStream in = tar.getInputStream(entry(entries, archive, name))) {
            return in.readAllBytes();
        }
    }

    private static TarArchiveEntry entry(Map<String, TarArchiveEntry> entries, Path archive, String name) throws IOException {
        TarArchiveEntry entry = entries.get(normalize(name));
        if (entry == null) {
            throw new IOException(archive + " has no " + name + "; is it a docker-archive tarball?");
        }
        return entry;
    }

    /** OCI and Docker image configurations keep these under {@code config}; any of them may be absent. */
    private static Config config(Map<String, Object> json) {
        Map<?, ?> config = json.get("config") instanceof Map<?, ?> map ? map : Map.of();
        return new Config(strings(config.get("Entrypoint")), strings(config.get("Cmd")), strings(config.get("Env")),
                config.get("WorkingDir") == null ? "" : String.valueOf(config.get("WorkingDir")));
    }

    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Reads one layer, gzip-compressed (Jib) or plain ({@code docker save}). */
    private static void readLayer(InputStream layer, LayerEntryVisitor visitor) throws IOException {
        InputStream in = new BufferedInputStream(layer);
        in.mark(2);
        byte[] signature = in.readNBytes(2);
        in.reset();
        if (GzipCompressorInputStream.matches(signature, signature.length)) {
            in = new GzipCompressorInputStream(in, true);
        }
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
            String name = normalize(entry.getName());
            if (!name.isEmpty()) {
                visitor.visit(entry, name, tar);
            }
        }
    }

    private void apply(TarArchiveEntry entry, String name, InputStream content) throws IOException {
        Path parent = inside(parentOf(name));
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (base.equals(OPAQUE)) {
            clear(parent);
            return;
        }
        if (base.startsWith(WHITEOUT)) {
            FileTrees.delete(parent.resolve(base.substring(WHITEOUT.length())));
            return;
        }
        Path target = parent.resolve(base);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                FileTrees.delete(target);
                Files.createDirectories(target);
            }
            directories.put(target, entry);
            return;
        }
        if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
            return;
        }
        Files.createDirectories(parent);
        FileTrees.delete(target);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(entry.getLastModifiedTime(), null, null);
            return;
        }
        if (entry.isLink()) {
            // A hard link names another file of the image, by its path in the image.
            String linked = normalize(entry.getLinkName());
            Files.createLink(target, inside(parentOf(linked)).resolve(linked.substring(linked.lastIndexOf('/') + 1)));
            return;
        }
        Files.copy(content, target);
        Files.setAttribute(target, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(target, entry.getLastModifiedTime());
    }

    /**
     * The host directory for a directory of the image, each symbolic link on the way resolved as it would be inside
     * the image (an absolute target starts again at the root, {@code ..} stops at it), so that no layer can write
     * outside the root, whatever its links point at.
     */
    private Path inside(String directory) throws IOException {
        Deque<String> pending = new ArrayDeque<>(List.of(directory.split("/")));
        Path current = root;
        int links = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.equals(root) ? root : current.getParent();
                continue;
            }
            Path next = current.resolve(part);
            if (!Files.isSymbolicLink(next)) {
                current = next;
                continue;
            }
            if (++links > MAX_LINKS) {
                throw new IOException("Too many symbolic links in the image's path " + directory);
            }
            String target = Files.readSymbolicLink(next).toString();
            if (target.startsWith("/")) {
                current = root;
            }
            List<String> parts = List.of(target.split("/"));
            for (int i = parts.size() - 1; i >= 0; i--) {
                pending.addFirst(parts.get(i));
            }
        }
        return current;
    }

    /** Directory modes and times, deepest first, now that nothing will be added under them. */
    private void finishDirectories() throws IOException {
        List<Path> deepestFirst = directories.keySet().stream()
                .sorted(Comparator.comparingInt(Path::getNameCount).reversed()).toList();
        for (Path directory : deepestFirst) {
            TarArchiveEntry entry = directories.get(directory);
            if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
                Files.setAttribute(directory, "unix:mode", entry.getMode() & 07777, LinkOption.NOFOLLOW_LINKS);
                Files.setLastModifiedTime(directory, entry.getLastModifiedTime());
            }
        }
    }

    /** An entry's path in the image, relative to its root: {@code ./usr/bin/} is {@code usr/bin}. */
    private static String normalize(String name) {
        String normalized = name;
        while (normalized.startsWith("./") || normalized.startsWith("/")) {
            normalized = normalized.substring(normalized.startsWith("./") ? 2 : 1);
        }
        while (normalized.endsWith("/")) {
            normalized = normalized.substring(0, normalized.length() - 1);
        }
        return normalized.equals(".") ? "" : normalized;
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash);
    }

    /** An opaque directory hides everything lower layers put in it. */
    private void clear(Path directory) throws IOException {
        if (Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            try (var children = Files.list(directory)) {
                for (Path child : children.toList()) {
                    FileTrees.delete(child);
                }
            }
        }
    }
}
