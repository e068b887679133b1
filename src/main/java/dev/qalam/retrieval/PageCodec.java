package dev.qalam.retrieval;

import dev.qalam.platform.json.Jsonp;
import dev.qalam.text.Block;
import dev.qalam.text.PageText;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A page's structure ({@link PageText}: headings with their level, paragraphs) as the JSON stored in
 * {@link RetrievalPage#content()}, so that chunking after a restart cuts exactly the chunks it cut before.
 */
final class PageCodec {

    private PageCodec() {
    }

    static String write(PageText page) {
        JsonArrayBuilder blocks = Jsonp.PROVIDER.createArrayBuilder();
        for (Block b : page.blocks()) {
            blocks.add(Jsonp.PROVIDER.createObjectBuilder()
                    .add("h", b.isHeading())
                    .add("l", b.level())
                    .add("t", b.text()));
        }
        return Jsonp.PROVIDER.createObjectBuilder()
                .add("standalone", page.standalone())
                .add("blocks", blocks)
                .build().toString();
    }

    static PageText read(int pageNum, String json) {
        if (json == null || json.isEmpty()) {
            return new PageText(pageNum, List.of(), false);
        }
        try (JsonReader r = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            JsonObject o = r.readObject();
            List<Block> blocks = new ArrayList<>();
            for (JsonValue v : o.getJsonArray("blocks")) {
                JsonObject b = v.asJsonObject();
                blocks.add(b.getBoolean("h") ? Block.heading(b.getInt("l"), b.getString("t")) : Block.paragraph(b.getString("t")));
            }
            return new PageText(pageNum, blocks, o.getBoolean("standalone", false));
        }
    }
}
