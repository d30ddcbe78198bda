package dev.coldbrew.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading a JVM's class-loading log: what came from the AOT cache, as the image check decides it. */
class ClassLoadLogTest {
    private final ClassLoadLog log = ClassLoadLog.of(List.of(
            "[0.014s][info][class,load] java.lang.Object source: shared objects file",
            "[0.062s][info][class,load] dev.example.Handler source: shared objects file (top)",
            "[0.090s][info][class,load] dev.example.Handler$Request source: file:/var/task/classpath/app.jar",
            "[0.091s][info][class,load] java.lang.invoke.LambdaForm$MH/0x0000000037040000 source: __JVM_LookupDefineClass__",
            "[0.092s][info][gc] not a class line"));

    @Test
    void countsTheClassesAndThoseFromTheCache() {
        assertEquals(4, log.total());
        assertEquals(2, log.fromCache());
    }

    @Test
    void tellsWhereAClassCameFrom() {
        assertTrue(log.fromCache("dev.example.Handler"));
        assertFalse(log.fromCache("dev.example.Handler$Request"), "loaded from its jar, not the cache");
        assertEquals(Optional.of("file:/var/task/classpath/app.jar"), log.sourceOf("dev.example.Handler$Request"));
        assertFalse(log.fromCache("dev.example.NeverLoaded"));
    }
}
