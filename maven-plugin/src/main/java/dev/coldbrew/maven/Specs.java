package dev.coldbrew.maven;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.MojoFailureException;

/** The goals' string parameters read as documented; a malformed one fails the build naming its property. */
final class Specs {
    private Specs() {
    }

    /**
     * {@code NAME=VALUE,NAME=VALUE}. A piece without {@code =} continues the value before it, so that a list value
     * keeps its commas ({@code Subnets=a,b}); a first piece without one is an error.
     */
    static Map<String, String> assignments(String property, String spec) throws MojoFailureException {
        Map<String, String> values = new LinkedHashMap<>();
        String last = null;
        for (String piece : pieces(spec)) {
            int equals = piece.indexOf('=');
            if (equals > 0) {
                last = piece.substring(0, equals).trim();
                values.put(last, piece.substring(equals + 1));
            } else if (last != null && equals < 0) {
                values.put(last, values.get(last) + "," + piece);
            } else {
                throw new MojoFailureException(property + "=" + spec + ": '" + piece + "' is not NAME=VALUE (entries are"
                        + " separated by commas, e.g. -D" + property + "=NAME=VALUE,OTHER=VALUE).");
            }
        }
        return values;
    }

    /** {@code LogicalId=path.json,...}: every piece a logical ID (letters and digits) and a path. */
    static Map<String, String> seeds(String property, String spec) throws MojoFailureException {
        Map<String, String> seeds = new LinkedHashMap<>();
        for (String piece : pieces(spec)) {
            int equals = piece.indexOf('=');
            String id = equals < 0 ? "" : piece.substring(0, equals).trim();
            String path = equals < 0 ? "" : piece.substring(equals + 1).trim();
            if (!id.matches("[A-Za-z0-9]+") || path.isEmpty()) {
                throw new MojoFailureException(property + "=" + spec + ": '" + piece + "' is not LogicalId=path.json"
                        + " (a DynamoDB table of the template and a JSON file of its items, e.g. -D" + property
                        + "=AppTable=seed.json; several separated by commas).");
            }
            seeds.put(id, path);
        }
        return seeds;
    }

    private static List<String> pieces(String spec) {
        List<String> pieces = new ArrayList<>();
        if (spec == null) {
            return pieces;
        }
        for (String piece : spec.split(",", -1)) {
            if (!piece.isBlank()) {
                pieces.add(piece.strip());
            }
        }
        return pieces;
    }

    /**
     * Words as a POSIX shell splits a line, without expansions: blanks separate, {@code '...'} is literal,
     * {@code "..."} keeps blanks and takes {@code \"} and {@code \\}, a backslash outside quotes escapes the next
     * character.
     */
    static List<String> words(String property, String text) throws MojoFailureException {
        List<String> words = new ArrayList<>();
        if (text == null) {
            return words;
        }
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = text.indexOf('\'', i + 1);
                if (end < 0) {
                    throw unterminated(property, text, '\'');
                }
                word.append(text, i + 1, end);
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < text.length() && text.charAt(j) != '"'; j++) {
                    char d = text.charAt(j);
                    if (d == '\\' && j + 1 < text.length() && (text.charAt(j + 1) == '"' || text.charAt(j + 1) == '\\')) {
                        d = text.charAt(++j);
                    }
                    word.append(d);
                }
                if (j >= text.length()) {
                    throw unterminated(property, text, '"');
                }
                i = j;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
            } else {
                word.append(c);
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    private static MojoFailureException unterminated(String property, String text, char quote) {
        return new MojoFailureException(property + "=" + text + ": a " + quote + " is not closed (the value is split into"
                + " options as a shell would: quotes group words).");
    }
}
