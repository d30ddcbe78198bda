package dev.coldbrew.tuner;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an {@code @ArgGroup(exclusive = true)} class with the line coldbrew-tune prints, in place of
 * picocli's generic one, when options of the group are given together: it says why they exclude each other.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface ConflictMessage {
    String value();
}
