package dev.qalam.deployment.content;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Optional;
import java.util.Set;

/**
 * A {@code url} content part of a chat message, as the Deployment API documents it (docs/deployment-content.md):
 * <pre>{"type": "url", "url": "https://... | data:...", "name": "...",
 *  "options": {"select_pages": "1-3,7", "include_page_screenshot_as_image": true}}</pre>
 *
 * @param url                          an http(s) URL or a {@code data:} URL
 * @param name                         what the client calls the attachment
 * @param selectPages                  the pages to read; empty means every page
 * @param includePageScreenshotAsImage also render each selected page (or the web page) as a PNG
 */
public record UrlPart(String url, Optional<String> name, Optional<PageSelection> selectPages,
                      boolean includePageScreenshotAsImage) {

    private static final Set<String> FIELDS = Set.of("type", "url", "name", "options");
    private static final Set<String> OPTIONS = Set.of("select_pages", "include_page_screenshot_as_image");

    public UrlPart {
        if (url == null || url.isBlank()) {
            throw ContentErrors.invalidPart("A url content part needs a non-empty 'url'.");
        }
        name = name.map(String::strip).filter(n -> !n.isEmpty());
    }

    /** A part with no name and no options. */
    public static UrlPart of(String url) {
        return new UrlPart(url, Optional.empty(), Optional.empty(), false);
    }

    /**
     * Reads and validates a part. Page selections are checked for syntax here, before anything is fetched, and
     * against the document's page count once it is read.
     *
     * @param path where the part is in the request, for messages, such as {@code messages[2].content[1]}
     * @throws dev.qalam.platform.errors.ApiException 400 naming the field that is wrong
     */
    public static UrlPart fromJson(JsonObject part, String path) {
        String type = string(part, "type", path).orElse(null);
        if (!"url".equals(type)) {
            throw ContentErrors.invalidPart("'" + path + ".type' must be \"url\" for a url content part.");
        }
        for (String key : part.keySet()) {
            if (!FIELDS.contains(key)) {
                throw ContentErrors.invalidPart("'" + path + "." + key + "' is not a field of a url content part "
                        + "(fields: type, url, name, options).");
            }
        }
        String url = string(part, "url", path)
                .orElseThrow(() -> ContentErrors.invalidPart("'" + path + ".url' is required."));
        Optional<String> name = string(part, "name", path);
        Optional<PageSelection> pages = Optional.empty();
        boolean screenshots = false;
        JsonValue options = part.get("options");
        if (options != null && options.getValueType() != JsonValue.ValueType.NULL) {
            if (!(options instanceof JsonObject o)) {
                throw ContentErrors.invalidPart("'" + path + ".options' must be an object.");
            }
            for (String key : o.keySet()) {
                if (!OPTIONS.contains(key)) {
                    throw ContentErrors.invalidPart("'" + path + ".options." + key + "' is not an option of a url "
                            + "content part (options: select_pages, include_page_screenshot_as_image).");
                }
            }
            pages = string(o, "select_pages", path + ".options").map(PageSelection::parse);
            JsonValue shot = o.get("include_page_screenshot_as_image");
            if (shot != null && shot.getValueType() != JsonValue.ValueType.NULL) {
                if (shot.getValueType() != JsonValue.ValueType.TRUE && shot.getValueType() != JsonValue.ValueType.FALSE) {
                    throw ContentErrors.invalidPart("'" + path + ".options.include_page_screenshot_as_image' must be "
                            + "true or false.");
                }
                screenshots = shot.getValueType() == JsonValue.ValueType.TRUE;
            }
        }
        if (url.isBlank()) {
            throw ContentErrors.invalidPart("'" + path + ".url' is empty.");
        }
        return new UrlPart(url, name, pages, screenshots);
    }

    private static Optional<String> string(JsonObject o, String key, String path) {
        JsonValue v = o.get(key);
        if (v == null || v.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw ContentErrors.invalidPart("'" + path + "." + key + "' must be a string.");
        }
        return Optional.of(s.getString());
    }

    /** Never prints a data: URL's contents. */
    @Override
    public String toString() {
        String shown = DataUrl.isDataUrl(url) ? url.substring(0, Math.max(5, Math.min(url.indexOf(','), 60))) + ",..."
                : url;
        return "UrlPart[" + shown + ", name=" + name.orElse("") + ", pages=" + selectPages.map(String::valueOf).orElse("all")
                + ", screenshots=" + includePageScreenshotAsImage + "]";
    }
}
