/**
 * File properties and the metadata filter over them, shared by alRetrieval and the Deployment API's
 * {@code filter_metadata}.
 *
 * <p>{@link dev.qalam.search.filter.PropertyValues#validate} checks a document's properties at ingestion
 * (400 {@code invalid_metadata} naming the property); {@link dev.qalam.search.filter.MetadataFilter#parse}
 * turns the client's filter (a JSON object, or a JSON string holding one) into a validated tree, or fails
 * with {@link dev.qalam.search.filter.InvalidFilterException} (400 {@code invalid_filter}, the message
 * naming the path, e.g. {@code filter_metadata.bool.must[1].range.date: ...}). Parse at the edge of the
 * request, before any work; hand the tree to {@link dev.qalam.search.SearchScope}.
 *
 * <p>How values compare (docs/search.md has the table): strings as normalised keywords (case, digit script and
 * Arabic letter forms do not matter), numbers as numbers, ISO dates as instants, so
 * {@code {"term":{"jurisdiction":"alabama"}}} matches "Alabama" and
 * {@code {"range":{"date":{"gt":"2024-10-29"}}}} matches "2024-10-30". Both engines index the same forms
 * under the same field names ({@link dev.qalam.search.filter.PropertyFields}) and translate the tree
 * clause for clause.
 */
package dev.qalam.search.filter;
