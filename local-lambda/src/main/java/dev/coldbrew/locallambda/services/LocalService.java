package dev.coldbrew.locallambda.services;

import java.util.Map;
import java.util.Set;

/** A running local service and how the functions reach it. Stopped by {@link #close()}. */
public interface LocalService extends AutoCloseable {
    /** Template parameters this service sets (e.g. an endpoint URL); a value the user gives wins. */
    default Map<String, String> parameterOverrides() {
        return Map.of();
    }

    /** Variables set in every execution environment (e.g. {@code AWS_ENDPOINT_URL_DYNAMODB}). */
    default Map<String, String> environment() {
        return Map.of();
    }

    /**
     * Logical IDs of the template resources this service stands in for (the tables DynamoDB Local holds, say):
     * functions referring to them are not told that those resources do not run locally.
     */
    default Set<String> resources() {
        return Set.of();
    }

    /** One line for the start-up banner: what runs where. */
    String describe();

    @Override
    void close();
}
