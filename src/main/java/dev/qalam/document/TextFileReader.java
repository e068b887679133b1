package dev.qalam.document;

import dev.qalam.text.Block;
import dev.qalam.text.PageText;
import dev.qalam.text.TextCleanup;
import dev.qalam.text.TextSplitter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain-text or Markdown file as one page. The bytes must be valid UTF-8 (a byte-order mark is allowed);
 * anything else is refused rather than guessed, since a wrong guess turns Arabic into mojibake that then
 * gets indexed. Paragraphs are separated by empty lines. In Markdown, ATX ({@code # Title}) and setext
 * (underlined) headings are kept as headings; fenced code blocks are text, whatever they contain.
 */
final class TextFileReader {

    private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,}).*$");

    private TextFileReader() {
    }

    static List<PageText> read(Path file, DocumentKind kind, DocumentLimits limits) throws InvalidDocumentException {
        String text = decode(file, limits);
        List<Block> blocks = kind == DocumentKind.MARKDOWN ? markdown(text) : plain(text);
        return List.of(new PageText(1, blocks, false));
    }

    static String decode(Path file, DocumentLimits limits) throws InvalidDocumentException {
        byte[] bytes;
        try {
            // UTF-8 takes at least a byte per character: a larger file cannot be within the text bound.
            if (Files.size(file) > limits.maxTextChars() * 4) {
                throw tooLong(limits);
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidDocumentException("invalid_utf8",
                    "The file is not valid UTF-8 text; save it as UTF-8 and upload it again.", e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.indexOf('\u0000') >= 0) {
            throw new InvalidDocumentException("invalid_utf8", "The file holds binary data, not text.");
        }
        if (text.length() > limits.maxTextChars()) {
            throw tooLong(limits);
        }
        return text;
    }

    private static DocumentLimitException tooLong(DocumentLimits limits) {
        return new DocumentLimitException("document_too_large", "The file holds more than " + limits.maxTextChars()
                + " characters of text; at most " + limits.maxTextChars() + " are read.");
    }

    private static List<Block> plain(String text) {
        List<Block> out = new ArrayList<>();
        for (String p : TextSplitter.paragraphs(TextCleanup.clean(text))) {
            out.add(Block.paragraph(p));
        }
        return out;
    }

    private static List<Block> markdown(String text) {
        List<Block> out = new ArrayList<>();
        List<String> para = new ArrayList<>();
        String fence = null;
        String[] lines = text.split("\\r\\n|\\r|\\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (fence != null) {
                para.add(line);
                if (line.strip().startsWith(fence)) {
                    fence = null;
                }
                continue;
            }
            Matcher f = FENCE.matcher(line);
            if (f.matches()) {
                fence = f.group(1);
                para.add(line);
                continue;
            }
            Matcher atx = ATX.matcher(line);
            if (atx.matches()) {
                flush(para, out);
                String title = atx.group(2) == null ? "" : TextCleanup.clean(atx.group(2));
                if (!title.isEmpty()) {
                    out.add(Block.heading(atx.group(1).length(), title));
                }
                continue;
            }
            Matcher setext = SETEXT.matcher(line);
            if (setext.matches() && para.size() == 1) {
                String title = TextCleanup.clean(para.get(0));
                para.clear();
                out.add(Block.heading(setext.group(1).charAt(0) == '=' ? 1 : 2, title));
                continue;
            }
            if (setext.matches() && para.isEmpty()) {
                // A thematic break (---) between paragraphs: no text.
                continue;
            }
            if (line.isBlank()) {
                flush(para, out);
            } else {
                para.add(line);
            }
        }
        flush(para, out);
        return out;
    }

    private static void flush(List<String> lines, List<Block> out) {
        String t = TextCleanup.clean(String.join("\n", lines));
        lines.clear();
        if (!t.isEmpty()) {
            out.add(Block.paragraph(t));
        }
    }
}
