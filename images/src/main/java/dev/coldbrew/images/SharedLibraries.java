package dev.coldbrew.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The build host's shared libraries that native code in the image loads, found the way distroless images
 * find them: ldd on each binary and library, which also names the dynamic loader. They keep their host
 * paths in the image, since the loader searches its own compiled-in directories (e.g.
 * {@code /lib/x86_64-linux-gnu}) and binaries name the loader by absolute path ({@code /lib64/ld-linux-x86-64.so.2}).
 */
final class SharedLibraries {
    /** {@code libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x...)} or {@code libjvm.so => not found}. */
    private static final Pattern DEPENDENCY = Pattern.compile("^\\s*(\\S+) => (.+?)(?: \\(0x[0-9a-f]+\\))?$");
    /** {@code /lib64/ld-linux-x86-64.so.2 (0x...)}: the dynamic loader, named by path. */
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)$");

    private SharedLibraries() {
    }

    /**
     * The host libraries the ELF files need, the loader included; dependencies on libraries that are among
     * {@code bundled} (the Java runtime's own, which its launcher and libraries find by their own paths) are
     * left out.
     */
    static SortedSet<Path> neededBy(Collection<Path> elfFiles, Set<String> bundled) {
        SortedSet<Path> libraries = new TreeSet<>();
        for (Path file : elfFiles) {
            libraries.addAll(parse(file, Command.run(List.of("ldd", file.toString())), bundled));
        }
        return libraries;
    }

    /** One file's ldd output, read as {@link #neededBy} describes. */
    static SortedSet<Path> parse(Path file, String lddOutput, Set<String> bundled) {
        SortedSet<Path> libraries = new TreeSet<>();
        for (String line : lddOutput.split("\n")) {
            Matcher dependency = DEPENDENCY.matcher(line);
            Matcher loader = LOADER.matcher(line);
            if (dependency.matches()) {
                String name = dependency.group(1);
                String where = dependency.group(2);
                if (bundled.contains(name)) {
                    continue;
                }
                if (where.equals("not found")) {
                    throw new IllegalStateException(file + " needs " + name + ", which is neither on this host nor in the runtime");
                }
                libraries.add(Path.of(where));
            } else if (loader.matches()) {
                libraries.add(Path.of(loader.group(1)));
            }
            // Anything else is linux-vdso.so.1 (the kernel's, never a file) or "statically linked".
        }
        return libraries;
    }

    /** Copies each library's content (symbolic links followed) to the same path under {@code root}. */
    static List<Path> copy(Collection<Path> libraries, Path root) {
        List<Path> copies = new ArrayList<>();
        try {
            for (Path library : libraries) {
                Path copy = root.resolve(library.toString().substring(1));
                Files.createDirectories(copy.getParent());
                Files.copy(library, copy);
                copies.add(copy);
            }
            return copies;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the host libraries into " + root, e);
        }
    }
}
