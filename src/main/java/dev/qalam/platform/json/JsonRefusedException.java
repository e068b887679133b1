package dev.qalam.platform.json;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

/**
 * JSON that parses but that Qalam does not take: the client's mistake, answered 400 {@code invalid_json} with
 * {@link #publicMessage()}, however the reader that met it wrapped it. A {@link JsonParsingException}, so every
 * caller that handles unreadable JSON handles it too.
 */
public abstract class JsonRefusedException extends JsonParsingException {

    protected JsonRefusedException(String message, JsonLocation location) {
        super(message, location);
    }

    /** What the client is told about its request body. */
    public abstract String publicMessage();
}
