package dev.qalam.platform.json;

import jakarta.json.stream.JsonLocation;

/**
 * A JSON string holding U+0000. No text Qalam keeps may hold it (PostgreSQL's text types refuse it, and it is
 * never part of a name, message or document a person wrote), so it is refused when read, for every endpoint
 * alike, instead of failing where the text is stored.
 */
public class JsonNulCharacterException extends JsonRefusedException {

    public JsonNulCharacterException(JsonLocation location) {
        super("A JSON string holds the character U+0000.", location);
    }

    @Override
    public String publicMessage() {
        return "The request body holds the character U+0000 (\\u0000), which is not accepted in text.";
    }
}
