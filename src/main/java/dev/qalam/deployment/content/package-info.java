/**
 * Content parts of the Deployment API's chat messages that name a document: {@code url} parts
 * (docs/deployment-content.md), read into pages of text and optional page images for the chat pipeline.
 *
 * <p><b>How the chat pipeline uses it.</b> While parsing a message's content array, turn each {@code "type": "url"}
 * item into a {@link dev.qalam.deployment.content.UrlPart} with {@code UrlPart.fromJson(item, "messages[i].content[j]")}
 * (every field is validated there, and a malformed {@code select_pages} is refused before anything is fetched).
 * Once the request is authorised and rate-limited, inject {@link dev.qalam.deployment.content.UrlContentService}
 * and call {@code read(part)}: it returns an {@link dev.qalam.deployment.content.Attachment} whose
 * {@link dev.qalam.deployment.content.AttachmentPage}s (name, page number, text, optional PNG) become context next to
 * the retrieved chunks; the PNGs go to vision-capable models only (a model without vision gets the text). Every
 * failure is an {@code ApiException} with status 400 (a {@code UrlFetchException} for URLs that are refused or
 * unreachable), so the pipeline needs no error handling of its own. Reading is synchronous and bounded (size,
 * pages, screenshots, time of the fetch); read a message's parts before calling the model.
 *
 * <p><b>What is read how.</b> http(s) URLs go through {@link dev.qalam.platform.net.SafeFetcher} (public addresses
 * only); {@code data:} URLs are decoded in place, bounded by {@code QALAM_CONTENT_MAX_MB}. PDFs are read page by
 * page through {@link dev.qalam.deployment.content.PdfPages}, the one class that touches PDFBox here, meant to be
 * pointed at the shared {@code dev.qalam.document} package (which adds OCR for scanned pages); HTML becomes one page
 * of readable text (jsoup) and, when asked, the top of the page drawn without a browser
 * ({@link dev.qalam.deployment.content.HtmlRenderer}: openhtmltopdf with Arabic shaping, then PDFBox); plain text
 * and Markdown become one page, with no image. Other types are refused with {@code unsupported_content_type}.
 */
package dev.qalam.deployment.content;
