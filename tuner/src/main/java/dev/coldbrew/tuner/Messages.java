package dev.coldbrew.tuner;

/** Error text as the tuner shows it: reports and stderr carry one line per problem. */
final class Messages {
    private Messages() {
    }

    /** The first line of {@code text}; empty for null. */
    static String firstLine(String text) {
        return text == null ? "" : text.lines().findFirst().orElse("");
    }
}
