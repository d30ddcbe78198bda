package dev.coldbrew.lambda.template;

/** The template cannot be read or uses something the emulator cannot resolve; the message says what. */
public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
