package dev.qalam.retrieval;

/** The document of a running ingestion was deleted meanwhile: its job stops and stores nothing more. */
public class DocumentGoneException extends RuntimeException {

    public DocumentGoneException(String documentId) {
        super("The document " + documentId + " was deleted");
    }
}
