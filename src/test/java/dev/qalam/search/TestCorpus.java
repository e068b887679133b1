package dev.qalam.search;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * English and Arabic chunks with file properties, embedded by the bundled model (real vectors), for the
 * search-index contract and the engine-parity test.
 */
public final class TestCorpus {

    public static final String MODEL = "all-MiniLM-L6-v2";

    private static LocalEmbeddingModel model;
    private static final Map<String, float[]> VECTORS = new ConcurrentHashMap<>();

    /** id suffix, title, text, page, language, properties. */
    record Entry(String doc, String title, String text, int page, String language, Map<String, Object> metadata) {
    }

    static final List<Entry> ENTRIES = List.of(
            new Entry("en-invoice", "Payment terms",
                    "This agreement sets out how suppliers are paid. Invoices are payable within thirty days of receipt. "
                            + "Late payments incur a fee of two percent per month. Disputed invoices must be raised in writing.",
                    3, "en", Map.of("jurisdiction", "Alabama", "date", "2024-10-30", "year", new BigDecimal("2024"),
                            "tags", List.of("finance", "contract"))),
            new Entry("en-leave", "Annual leave",
                    "Employees are entitled to twenty-five days of annual leave. Unused leave may be carried over to the "
                            + "next year, up to five days.",
                    7, "en", Map.of("jurisdiction", "Florida", "date", "2024-09-01", "year", new BigDecimal("2024"))),
            new Entry("en-security", "Visitors",
                    "All visitors must sign in at the reception desk and wear a badge at all times while on the premises.",
                    2, "en", Map.of("jurisdiction", "Nevada", "date", "2025-02-10T09:00:00Z", "year", new BigDecimal("2025"),
                            "confidential", true)),
            new Entry("en-refund", "Returns",
                    "Customers may return a product within fourteen days for a full refund, provided the item is unused "
                            + "and in its original packaging.",
                    5, "en", Map.of("jurisdiction", "Texas", "date", "2024-12-01", "year", new BigDecimal("2024"))),
            new Entry("ar-riyadh", "المدن",
                    "الرياض هي عاصمة المملكة العربية السعودية وأكبر مدنها من حيث عدد السكان. وتقع في وسط شبه الجزيرة العربية.",
                    1, "ar", Map.of("jurisdiction", "Alabama", "date", "2024-10-29")),
            new Entry("ar-invoice", "شروط الدفع",
                    "يجب سداد الفواتير خلال ثلاثين يوماً من تاريخ الاستلام. وتفرض غرامة على كل تأخير في السداد.",
                    4, "ar", Map.of("jurisdiction", "florida", "date", "2024-11-15", "tags", List.of("finance"))),
            new Entry("ar-leave", "الإجازات",
                    "يحق للموظف الحصول على إجازة سنوية مدتها ثلاثون يوماً مدفوعة الأجر.",
                    2, "ar", Map.of()),
            new Entry("ar-library", "المكتبة",
                    "تفتح مكتبة الجامعة أبوابها من الساعة ٨ صباحاً حتى ١٠ مساءً طوال أيام الأسبوع.",
                    6, "ar", Map.of("jurisdiction", "NEVADA", "date", "2024-10-30", "year", "2023")));

    private TestCorpus() {
    }

    public static synchronized LocalEmbeddingModel model() {
        if (model == null) {
            model = new LocalEmbeddingModel(new LocalEmbeddingModel.Settings(Optional.empty(), 1, 16, Optional.empty()));
        }
        return model;
    }

    public static Embedding embed(String text) {
        float[] v = VECTORS.computeIfAbsent(text, t -> model().embed(List.of(t)).vectors().get(0));
        return new Embedding(MODEL, v);
    }

    /** The corpus's chunks for an owner and collection; chunk ids {@code <collection>:<doc>}, document ids {@code <collection>-<doc>}. */
    public static List<IndexedChunk> chunks(String owner, String collection) {
        List<IndexedChunk> out = new ArrayList<>();
        for (Entry e : ENTRIES) {
            out.add(new IndexedChunk(collection + ":" + e.doc(), owner, collection, documentId(collection, e.doc()),
                    e.title(), e.text(), e.page(), e.page(), e.language(), embed(e.title() + "\n" + e.text()), e.metadata()));
        }
        return out;
    }

    public static String documentId(String collection, String doc) {
        return collection + "-" + doc;
    }
}
