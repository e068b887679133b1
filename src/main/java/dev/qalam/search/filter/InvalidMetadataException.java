package dev.qalam.search.filter;

import dev.qalam.platform.errors.ApiException;

/**
 * File properties (a document's {@code metadata}) that cannot be stored: answered 400
 * {@code invalid_metadata}, the message naming the property and what is wrong.
 */
public class InvalidMetadataException extends ApiException {

    public InvalidMetadataException(String message) {
        super(400, INVALID_REQUEST, "invalid_metadata", message);
    }
}
