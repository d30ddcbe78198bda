package dev.coldbrew.locallambda.function;

import java.util.UUID;

/** An alias: a name pointing at one published version (weighted routing is not emulated). */
public record AliasConfiguration(String name, String functionVersion, String description, String revisionId) {

    public AliasConfiguration(String name, String functionVersion, String description) {
        this(name, functionVersion, description == null ? "" : description, UUID.randomUUID().toString());
    }
}
