package dev.coldbrew.locallambda.services;

import java.io.IOException;

/**
 * A kind of service a template's functions call, run locally beside the emulator (DynamoDB Local, an HTTP
 * endpoint, ...). Providers are found with {@link java.util.ServiceLoader}: the emulator names none of them.
 * Each reads its own section of the stack's local-services file.
 */
public interface LocalServiceProvider {
    /** The section of the local-services file that configures this provider, e.g. {@code dynamodb}. */
    String name();

    /** Starts the service if the template or the configuration asks for it; null when nothing is needed. */
    LocalService start(LocalServiceContext context) throws IOException;
}
