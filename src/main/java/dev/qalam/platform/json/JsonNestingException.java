package dev.qalam.platform.json;

import jakarta.json.stream.JsonLocation;

/** A JSON document nested deeper than {@link DepthLimitedJsonProvider} allows: the client's mistake. */
public class JsonNestingException extends JsonRefusedException {

    private final int maxDepth;

    public JsonNestingException(int maxDepth, JsonLocation location) {
        super("The JSON is nested more than " + maxDepth + " levels deep.", location);
        this.maxDepth = maxDepth;
    }

    public int maxDepth() {
        return maxDepth;
    }

    @Override
    public String publicMessage() {
        return "The request body is nested more than " + maxDepth + " levels deep.";
    }
}
