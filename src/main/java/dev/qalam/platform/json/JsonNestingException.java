package dev.qalam.platform.json;

import jakarta.json.stream.JsonLocation;
import jakarta.json.stream.JsonParsingException;

/** A JSON document nested deeper than {@link DepthLimitedJsonProvider} allows: the client's mistake. */
public class JsonNestingException extends JsonParsingException {

    private final int maxDepth;

    public JsonNestingException(int maxDepth, JsonLocation location) {
        super("The JSON is nested more than " + maxDepth + " levels deep.", location);
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }
}
