package dev.coldbrew.tuner;

import java.net.URI;
import java.nio.file.Path;

/** A running local Lambda API (the embedded emulator with its local services), closed after the run. */
public interface LocalEnvironment extends AutoCloseable {
    URI endpoint();

    /** Extra words for the report header, e.g. when CPU could not be throttled. */
    default String note() {
        return "";
    }

    @Override
    void close() throws Exception;

    interface Starter {
        LocalEnvironment start(Path template, Path buildDir) throws Exception;
    }

    /** The embedded emulator, when this build has one. */
    static Starter defaultStarter() {
        return null;
    }
}
