package dev.qalam.deployment.content;

import dev.qalam.platform.net.FetchedResource;
import dev.qalam.platform.net.SafeFetcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Turns a {@code url} content part into pages of text (and page images when asked): an http(s) URL through
 * {@link SafeFetcher}, a {@code data:} URL decoded in place; PDFs page by page through {@link PdfPages}, HTML as
 * one page of readable text (and the top of the page drawn by {@link HtmlRenderer}), plain text and Markdown as
 * one page. Every problem is a 400 the client can act on. Pure Java and thread-safe: the CDI service
 * {@link UrlContentService} holds one.
 */
public final class UrlContentReader {

    private static final Set<String> HTML = Set.of("text/html", "application/xhtml+xml");
    private static final Set<String> TEXT = Set.of("text/plain", "text/markdown", "text/x-markdown");
    private static final Set<String> UNTYPED = Set.of("", "application/octet-stream", "binary/octet-stream");

    private final ContentSettings settings;
    private final SafeFetcher fetcher;
    private final HtmlRenderer renderer;

    public UrlContentReader(ContentSettings settings, SafeFetcher fetcher) {
        this.settings = settings;
        this.fetcher = fetcher;
        this.renderer = new HtmlRenderer(settings);
    }

    /**
     * Reads the part: fetches or decodes it, checks its page selection against the document, and returns the
     * selected pages.
     *
     * @throws dev.qalam.platform.errors.ApiException 400 for a refused or failed URL ({@code UrlFetchException}),
     *                                                a malformed data: URL, an unsupported type, an unreadable
     *                                                document, a page selection out of range, or too many pages
     */
    public Attachment read(UrlPart part) {
        Source source = load(part.url());
        return switch (kind(source)) {
            case PDF -> pdf(part, source);
            case HTML -> html(part, source);
            case TEXT -> text(part, source);
        };
    }

    private record Source(String description, String mediaType, Optional<Charset> charset, byte[] bytes,
                          String fileName, String baseUri) {
    }

    private Source load(String url) {
        if (DataUrl.isDataUrl(url)) {
            DataUrl data = DataUrl.parse(url, settings.maxBytes());
            return new Source("data:" + data.mediaType(), data.mediaType(), data.charset(), data.bytes(), "", "");
        }
        FetchedResource r = fetcher.fetch(url);
        return new Source(r.uri().toString(), r.mediaType(), r.charset(), r.body(), fileName(r.uri()),
                r.uri().toString());
    }

    private static Attachment.Kind kind(Source s) {
        byte[] b = s.bytes();
        boolean pdfMagic = b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-';
        if (s.mediaType().equals("application/pdf") || (pdfMagic && UNTYPED.contains(s.mediaType()))) {
            return Attachment.Kind.PDF;
        }
        if (HTML.contains(s.mediaType())) {
            return Attachment.Kind.HTML;
        }
        if (TEXT.contains(s.mediaType())) {
            return Attachment.Kind.TEXT;
        }
        throw ContentErrors.unsupported(s.mediaType());
    }

    private Attachment pdf(UrlPart part, Source source) {
        try (PdfPages pdf = PdfPages.open(source.bytes())) {
            int count = pdf.count();
            List<Integer> selected = select(part, count);
            if (part.includePageScreenshotAsImage() && selected.size() > settings.maxScreenshots()) {
                throw ContentErrors.tooManyScreenshots(selected.size(), settings.maxScreenshots());
            }
            String name = part.name().orElseGet(() -> source.fileName().isEmpty() ? "document.pdf" : source.fileName());
            List<AttachmentPage> pages = new ArrayList<>(selected.size());
            for (int n : selected) {
                Optional<byte[]> image = part.includePageScreenshotAsImage()
                        ? Optional.of(pdf.png(n, settings.screenshotDpi(), settings.maxImageSide()))
                        : Optional.empty();
                pages.add(new AttachmentPage(name, n, pdf.text(n), image));
            }
            return new Attachment(name, Attachment.Kind.PDF, source.description(), count, pages);
        }
    }

    private Attachment html(UrlPart part, Source source) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(source.bytes()), source.charset().map(Charset::name).orElse(null),
                    source.baseUri());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        select(part, 1);
        String name = part.name().orElseGet(() -> {
            String title = HtmlText.title(doc);
            return !title.isEmpty() ? title : source.fileName().isEmpty() ? "page.html" : source.fileName();
        });
        Optional<byte[]> image = part.includePageScreenshotAsImage() && settings.maxScreenshots() > 0
                ? Optional.of(renderer.png(doc)) : Optional.empty();
        return new Attachment(name, Attachment.Kind.HTML, source.description(), 1,
                List.of(new AttachmentPage(name, 1, HtmlText.text(doc), image)));
    }

    /** Text has no visual form of its own: screenshots are not made for it. */
    private Attachment text(UrlPart part, Source source) {
        select(part, 1);
        String name = part.name().orElseGet(() -> source.fileName().isEmpty()
                ? (source.mediaType().equals("text/plain") ? "document.txt" : "document.md") : source.fileName());
        String text = decode(source.bytes(), source.charset().orElse(StandardCharsets.UTF_8));
        return new Attachment(name, Attachment.Kind.TEXT, source.description(), 1,
                List.of(new AttachmentPage(name, 1, text.strip(), Optional.empty())));
    }

    private List<Integer> select(UrlPart part, int count) {
        List<Integer> pages = part.selectPages().map(s -> s.pages(count)).orElseGet(() -> PageSelection.all(count));
        if (pages.size() > settings.maxPages()) {
            throw ContentErrors.tooManyPages(count, settings.maxPages());
        }
        return pages;
    }

    /** Decodes text, replacing bytes that are not valid in the charset, and drops a byte-order mark. */
    static String decode(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            String s = decoder.decode(ByteBuffer.wrap(bytes)).toString();
            return s.startsWith("\ufeff") ? s.substring(1) : s;
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ContentErrors.invalidDocument("The attached text could not be decoded as " + charset.name() + ".");
        }
    }

    /** The last segment of the URL's path, decoded, or empty. */
    static String fileName(URI uri) {
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.endsWith("/")) {
            return "";
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        try {
            last = URLDecoder.decode(last.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return last;
        }
        return last.strip().toLowerCase(Locale.ROOT).equals("index.html") ? "" : last.strip();
    }
}
