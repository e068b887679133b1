package dev.qalam.llm.provider;

/** Any other 4xx: the same request would fail again, so it is neither retried nor sent to a fallback. */
public non-sealed class NonRetriableUpstreamException extends UpstreamException {

    public NonRetriableUpstreamException(String provider, int status, String type, String code, String message) {
        super(provider, status, type, code, message, null, null);
    }

    public NonRetriableUpstreamException(String provider, int status, String type, String code, String message,
                                         boolean quotesProvider) {
        super(provider, status, type, code, message, null, null, quotesProvider);
    }

    @Override
    public boolean retriable() {
        return false;
    }
}
