package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedLibrariesTest {
    /** ldd of a JDK launcher on Debian 12 x86_64, as printed. */
    private static final String LAUNCHER = """
            \tlinux-vdso.so.1 (0x00007ffd5c1e2000)
            \tlibjli.so => /usr/lib/jvm/jdk/bin/../lib/libjli.so (0x00007f16e954b000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f16e935f000)
            \tlibdl.so.2 => /lib/x86_64-linux-gnu/libdl.so.2 (0x00007f16e935a000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f16e9577000)
            """;

    @Test
    void keepsHostLibrariesAndTheLoaderAndLeavesOutTheRuntimesOwnAndTheKernels() {
        SortedSet<Path> libraries = SharedLibraries.parse(Path.of("bin/java"), LAUNCHER, Set.of("libjli.so"));
        assertEquals(new TreeSet<>(List.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6"), Path.of("/lib/x86_64-linux-gnu/libdl.so.2"),
                Path.of("/lib64/ld-linux-x86-64.so.2"))), libraries);
    }

    @Test
    void aRuntimeLibraryTheLoaderCannotSeeIsFineWhenTheRuntimeHasIt() {
        String libjava = "\tlibjvm.so => not found\n\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f62f5db3000)\n";
        assertEquals(Set.of(Path.of("/lib/x86_64-linux-gnu/libc.so.6")),
                SharedLibraries.parse(Path.of("lib/libjava.so"), libjava, Set.of("libjvm.so")));
        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> SharedLibraries.parse(Path.of("lib/libjava.so"), libjava, Set.of()));
        assertTrue(missing.getMessage().contains("lib/libjava.so needs libjvm.so"), missing.getMessage());
    }

    @Test
    void aStaticBinaryNeedsNothing() {
        assertTrue(SharedLibraries.parse(Path.of("static"), "\tstatically linked\n", Set.of()).isEmpty());
    }

    @Test
    void findsWhatThisJdksLauncherAndJvmLoadOnThisHost() {
        assumeTrue(System.getProperty("os.arch").equals("amd64"), "the loader's path is x86_64's");
        Path jdk = Path.of(System.getProperty("java.home"));
        SortedSet<Path> libraries = SharedLibraries.neededBy(List.of(jdk.resolve("bin/java"), jdk.resolve("lib/server/libjvm.so")),
                Set.of("libjli.so"));
        assertTrue(libraries.contains(Path.of("/lib64/ld-linux-x86-64.so.2")), libraries.toString());
        assertTrue(libraries.stream().anyMatch(library -> library.getFileName().toString().equals("libc.so.6")), libraries.toString());
        assertFalse(libraries.stream().anyMatch(library -> library.startsWith(jdk)), "the JDK's own libraries are not host libraries: " + libraries);
        libraries.forEach(library -> assertTrue(Files.isRegularFile(library), library + " is not a file on this host"));
    }

    @Test
    void copiesKeepTheHostPathAndAreFilesNotLinks(@TempDir Path root) throws Exception {
        Path loader = Path.of("/lib64/ld-linux-x86-64.so.2");
        assumeTrue(Files.exists(loader), "an x86_64 glibc host");
        SharedLibraries.copy(List.of(loader), root);
        Path copy = root.resolve("lib64/ld-linux-x86-64.so.2");
        // On Debian the host path is a symbolic link into /lib/x86_64-linux-gnu; the image gets its content.
        assertTrue(Files.isRegularFile(copy) && !Files.isSymbolicLink(copy), copy + " should be a regular file");
        assertEquals(Files.size(loader.toRealPath()), Files.size(copy));
    }
}
