package dev.coldbrew.runtime;

/** The event names something (an item, a record) that does not exist. */
public class NotFoundException extends FunctionException {
    public NotFoundException(String message) {
        super(message);
    }
}
