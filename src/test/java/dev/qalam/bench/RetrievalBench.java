package dev.qalam.bench;

import dev.qalam.llm.embedding.local.LocalEmbeddingModel;
import dev.qalam.search.Embedding;
import dev.qalam.search.IndexedChunk;
import dev.qalam.search.SearchHit;
import dev.qalam.search.SearchRequest;
import dev.qalam.search.SearchScope;
import dev.qalam.search.filter.MetadataFilter;
import dev.qalam.search.lucene.LuceneSearchIndex;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Retrieval quality and query latency of the embedded search index (bench/retrieval/README.md).
 *
 * <p>Quality: 24 generated documents (12 English, 12 Arabic) of 4 pages each (a fictional city's overview,
 * economy, transport and food), and 72 questions, each labelled with the one page that answers it. Half the
 * questions name the city and ask about a page's topic in other words than the page uses; the others name
 * no city, only something that page alone mentions. Recall@5 and MRR for BM25 alone, vectors alone and
 * hybrid at several BM25 weights, with the bundled English embedding model.
 *
 * <p>Latency: 10,000 and 100,000 chunks of generated text in one collection, vectors made from real
 * embeddings of generated sentences (mixtures plus noise, so they cluster as real text does), properties
 * for the Deployment API's example filter; p50 and p99 over 400 queries per kind after 400 of warm-up.
 *
 * <p>Run with bench/retrieval/run.sh [sizes...] (default 10000 100000).
 */
public final class RetrievalBench {

    private static final String MODEL = "all-MiniLM-L6-v2";

    public static void main(String[] args) throws Exception {
        // "quality" alone: the quality tables only.
        int[] sizes = args.length == 0 ? new int[] {10_000, 100_000}
                : Arrays.stream(args).filter(a -> !a.equals("quality")).mapToInt(Integer::parseInt).toArray();
        LocalEmbeddingModel model = new LocalEmbeddingModel(new LocalEmbeddingModel.Settings(Optional.empty(), 1, 16, Optional.empty()));
        Path work = Files.createTempDirectory("qalam-retrieval-bench");
        try {
            quality(model, work);
            for (int size : sizes) {
                latency(model, work, size);
            }
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            model.close();
        }
    }

    // ---------------------------------------------------------------- quality

    record City(String name, String founder, int year, String industry, String company, String transport, String airport,
            String dish, String ingredients, String festival, String month) {
    }

    record Question(String text, String docId, int page, boolean arabic) {
    }

    private static final List<City> ENGLISH = List.of(
            new City("Varnholm", "Admiral Otto Brandt", 1612, "shipbuilding", "Norvik Yards", "tram", "Skagen Field", "smoked herring", "herring, rye bread and dill", "Lantern Tide", "November"),
            new City("Kestrel Bay", "the merchant Ada Fenwick", 1754, "tea trading", "Fenwick Leaf Company", "ferry", "Gullrock", "crab pie", "crab, butter and pastry", "Salt Moon", "June"),
            new City("Odranta", "the monk Basil of Tyre", 1203, "olive oil pressing", "Odrant Presses", "funicular", "Cape Ilias", "lamb stew with quince", "lamb, quince and cinnamon", "Vine Crown", "September"),
            new City("Mirefield", "the engineer Ruth Calloway", 1871, "steel milling", "Calloway Forge", "underground railway", "Mirefield Moor", "black pudding", "blood sausage and oats", "Iron Bell", "March"),
            new City("Calder Springs", "the physician Elias Marr", 1798, "spa tourism", "Marr Thermal Baths", "electric bus", "Calder Heath", "honey cakes", "honey, oats and ginger", "Warm Water", "February"),
            new City("Tessaly", "Queen Ilona the Second", 1450, "silk weaving", "Royal Tessaly Looms", "canal boat", "Tessaly North", "saffron rice", "rice, saffron and almonds", "Silk Lantern", "May"),
            new City("Brightwater", "the surveyor Tom Hale", 1902, "software development", "Halecode Systems", "bicycle lane", "Brightwater Regional", "fish tacos", "cod, lime and cabbage", "Code and Kites", "August"),
            new City("Lorwick", "the abbess Maud Lorne", 1133, "wool spinning", "Lorne Mills", "horse tram", "Lorwick Downs", "mutton pie", "mutton, leek and gravy", "Shearing Fair", "July"),
            new City("Ashgrove", "the botanist Clara Vey", 1836, "timber and furniture", "Vey Woodworks", "cable car", "Ashgrove Ridge", "mushroom soup", "wild mushrooms, cream and thyme", "Leaf Fall", "October"),
            new City("Pellmora", "Captain Rosa Pell", 1688, "pearl diving", "Pell Pearl House", "water taxi", "Pellmora Atoll", "coconut curry", "coconut, prawns and chilli", "Pearl Tide", "April"),
            new City("Dunhaven", "the chieftain Bran MacDun", 1021, "whisky distilling", "MacDun Distillers", "coastal railway", "Dunhaven Firth", "oatcakes with cheese", "oats, butter and cheddar", "Peat Fire", "January"),
            new City("Quillon", "the printer Jonas Quill", 1560, "paper making and printing", "Quill Press Works", "riverboat", "Quillon Meadows", "plum dumplings", "plums, dough and poppy seed", "Ink and Paper", "December"));

    private static final List<City> ARABIC = List.of(
            new City("وادي النخيل", "الشيخ سالم بن راشد", 1652, "زراعة التمور", "شركة نخيل الوادي", "الحافلات الكهربائية", "مطار الواحة", "الكبسة بالتمر", "الأرز واللحم والتمر", "مهرجان الرطب", "أغسطس"),
            new City("تل الزهور", "التاجر يوسف العطار", 1720, "صناعة العطور", "دار العطار للعطور", "الترام", "مطار السهل", "المنسف", "لحم الضأن واللبن والأرز", "مهرجان الورد", "أبريل"),
            new City("مرسى القمر", "الربان حمد البحري", 1590, "صيد اللؤلؤ", "شركة لؤلؤ المرسى", "القوارب", "مطار الساحل", "المجبوس بالسمك", "السمك والأرز والبهارات", "مهرجان البحر", "نوفمبر"),
            new City("جبل الفضة", "المهندس خالد الحداد", 1888, "تعدين الفضة", "مناجم الحداد", "القطار الجبلي", "مطار القمة", "الحريرة", "العدس والحمص والطماطم", "مهرجان المعادن", "مارس"),
            new City("عين الماء", "الطبيب عمر الحكيم", 1801, "السياحة العلاجية", "منتجعات الحكيم", "مترو الأنفاق", "مطار الينابيع", "اللقيمات", "الدقيق والعسل والسمسم", "مهرجان الينابيع", "فبراير"),
            new City("قصر الحرير", "الأميرة نورة بنت فهد", 1433, "نسج الحرير", "مصانع نورة للنسيج", "القوارب النهرية", "مطار الشمال", "المقلوبة", "الأرز والباذنجان والدجاج", "مهرجان الحرير", "مايو"),
            new City("بوابة الصحراء", "القائد مبارك الفارس", 1540, "تربية الإبل", "مزارع الفارس", "سيارات الأجرة", "مطار الرمال", "الجريش", "القمح المجروش واللبن", "مهرجان الهجن", "يناير"),
            new City("ميناء الصفا", "التاجر سعيد الملاح", 1675, "تجارة التوابل", "بيت الملاح للتوابل", "العبارات البحرية", "مطار الخليج", "السمك المشوي بالكمون", "السمك والكمون والليمون", "مهرجان التوابل", "أكتوبر"),
            new City("حديقة الرمان", "المزارع إبراهيم الخضر", 1760, "زراعة الرمان", "تعاونية الخضر", "الدراجات الهوائية", "مطار البساتين", "دبس الرمان باللحم", "الرمان واللحم والجوز", "مهرجان الرمان", "سبتمبر"),
            new City("قلعة الحجر", "الأمير منصور الأول", 1120, "صناعة الفخار", "مصانع منصور للخزف", "التلفريك", "مطار الهضبة", "الفتة", "الخبز والحمص واللبن", "مهرجان الفخار", "يوليو"),
            new City("مدينة الكتب", "العالم حسن الوراق", 1505, "صناعة الورق والطباعة", "مطابع الوراق", "الحافلات النهرية", "مطار الوادي", "الكنافة", "العجين والجبن والقطر", "مهرجان الكتاب", "ديسمبر"),
            new City("سهل القمح", "الفلاح علي السنابل", 1830, "زراعة القمح", "مطاحن السنابل", "القطار الإقليمي", "مطار الحقول", "خبز التنور", "القمح والماء والملح", "مهرجان الحصاد", "يونيو"));

    private static List<String> englishPages(City c) {
        return List.of(
                c.name() + " is a city of about " + (80 + c.year() % 400) + " thousand people on the northern coast. It was founded in "
                        + c.year() + " by " + c.founder() + ", whose statue still stands in the old square.",
                "The economy of " + c.name() + " rests mainly on " + c.industry() + ". The largest employer is " + c.company()
                        + ", and most households have at least one member working in the trade.",
                "Getting around " + c.name() + " is easy: a " + c.transport() + " network links every district, and "
                        + c.airport() + " airport lies " + (10 + c.year() % 30) + " kilometres from the centre.",
                c.name() + " is famous for " + c.dish() + ", made with " + c.ingredients() + ". Every " + c.month()
                        + " the city holds the " + c.festival() + " festival.");
    }

    /** How each English city earns its living, in other words than its economy page uses. */
    private static final List<String> ENGLISH_LIVELIHOOD = List.of("building ships", "selling tea", "producing oil from olives",
            "making steel", "visitors who come for its hot springs", "weaving silk", "writing computer programs",
            "spinning wool", "making furniture from wood", "diving for pearls", "distilling whisky", "printing books");
    private static final List<String> ARABIC_LIVELIHOOD = List.of("التمر", "العطور", "اللؤلؤ", "الفضة", "العلاج والاستشفاء",
            "الحرير", "الإبل", "التوابل", "الرمان", "الخزف والفخار", "الكتب والطباعة", "القمح والدقيق");

    private static List<Question> englishQuestions(City c, String doc) {
        return List.of(
                new Question("Which city lives mostly from " + ENGLISH_LIVELIHOOD.get(ENGLISH.indexOf(c)) + "?", doc, 2, false),
                new Question("Who established " + c.name() + " and when?", doc, 1, false),
                new Question("What do most people in " + c.name() + " do for a living?", doc, 2, false),
                new Question("How can visitors travel across " + c.name() + "?", doc, 3, false),
                new Question("Which city celebrates the " + c.festival() + " festival?", doc, 4, false),
                new Question("Where is " + c.company() + " based?", doc, 2, false),
                new Question("Which traditional dish of " + c.name() + " should I try?", doc, 4, false),
                // An exact term (a year) and nothing else: what a words-blind ranking gets wrong.
                new Question("Which city was founded in " + c.year() + "?", doc, 1, false));
    }

    private static List<String> arabicPages(City c) {
        return List.of(
                "تقع مدينة " + c.name() + " في شمال البلاد ويبلغ عدد سكانها نحو " + (80 + c.year() % 400) + " ألف نسمة. أسسها "
                        + c.founder() + " عام " + c.year() + " وما زال تمثاله قائماً في الساحة القديمة.",
                "يعتمد اقتصاد " + c.name() + " أساساً على " + c.industry() + "، وأكبر جهة توظيف فيها هي " + c.company()
                        + "، ويعمل في هذا القطاع فرد واحد على الأقل من معظم الأسر.",
                "التنقل في " + c.name() + " سهل، إذ تربط شبكة " + c.transport() + " جميع الأحياء، ويقع " + c.airport()
                        + " على بعد " + (10 + c.year() % 30) + " كيلومتراً من وسط المدينة.",
                "تشتهر " + c.name() + " بطبق " + c.dish() + " المصنوع من " + c.ingredients() + "، وتقيم المدينة "
                        + c.festival() + " في شهر " + c.month() + " من كل عام.");
    }

    private static List<Question> arabicQuestions(City c, String doc) {
        return List.of(
                new Question("ما المدينة التي يقوم اقتصادها على " + ARABIC_LIVELIHOOD.get(ARABIC.indexOf(c)) + "؟", doc, 2, true),
                new Question("من الذي أسس " + c.name() + " ومتى؟", doc, 1, true),
                new Question("ما هو مصدر الدخل الرئيسي لسكان " + c.name() + "؟", doc, 2, true),
                new Question("كيف يتنقل الزوار داخل " + c.name() + "؟", doc, 3, true),
                new Question("أي مدينة تقيم " + c.festival() + "؟", doc, 4, true),
                new Question("أين يقع مقر " + c.company() + "؟", doc, 2, true),
                new Question("ما الطبق الشعبي الذي تشتهر به " + c.name() + "؟", doc, 4, true),
                new Question("أي مدينة تأسست عام " + c.year() + "؟", doc, 1, true));
    }

    private static void quality(LocalEmbeddingModel model, Path work) throws IOException {
        List<IndexedChunk> chunks = new ArrayList<>();
        List<Question> questions = new ArrayList<>();
        for (int i = 0; i < ENGLISH.size(); i++) {
            String doc = "en-" + i;
            List<String> pages = englishPages(ENGLISH.get(i));
            for (int p = 0; p < pages.size(); p++) {
                chunks.add(chunk(model, doc, "About " + ENGLISH.get(i).name(), pages.get(p), p + 1, "en"));
            }
            questions.addAll(englishQuestions(ENGLISH.get(i), doc));
        }
        for (int i = 0; i < ARABIC.size(); i++) {
            String doc = "ar-" + i;
            List<String> pages = arabicPages(ARABIC.get(i));
            for (int p = 0; p < pages.size(); p++) {
                chunks.add(chunk(model, doc, "عن " + ARABIC.get(i).name(), pages.get(p), p + 1, "ar"));
            }
            questions.addAll(arabicQuestions(ARABIC.get(i), doc));
        }
        List<Embedding> queryVectors = new ArrayList<>();
        for (Question q : questions) {
            queryVectors.add(new Embedding(MODEL, model.embed(List.of(q.text())).vectors().get(0)));
        }
        System.out.printf(Locale.ROOT, "%nQuality: %d documents (%d Arabic), %d chunks, %d questions (%d Arabic), model %s%n",
                ENGLISH.size() + ARABIC.size(), ARABIC.size(), chunks.size(), questions.size(),
                questions.stream().filter(Question::arabic).count(), MODEL);
        // Tuning split: the cities of even position in each list; held out: the odd ones. The vector weights
        // are chosen on the tuning split only, and every figure reported is of the held-out split.
        List<Integer> tuning = new ArrayList<>();
        List<Integer> heldOut = new ArrayList<>();
        for (int i = 0; i < questions.size(); i++) {
            int city = Integer.parseInt(questions.get(i).docId().substring(3));
            (city % 2 == 0 ? tuning : heldOut).add(i);
        }
        Path dir = Files.createDirectories(work.resolve("quality"));
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            index.upsert(chunks);
            double[] grid = {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1};
            double bestEn = 0;
            double bestAr = 0;
            double[] bestMrr = {-1, -1};
            System.out.printf(Locale.ROOT, "%nTuning split (%d questions): MRR by vector weight%n", tuning.size());
            System.out.printf(Locale.ROOT, "%-22s %9s %9s%n", "vector weight", "MRR en", "MRR ar");
            for (double v : grid) {
                double[][] r = evaluate(index, questions, queryVectors, tuning, v, v);
                System.out.printf(Locale.ROOT, "%-22.1f %9.3f %9.3f%n", v, r[1][1], r[2][1]);
                if (r[1][1] > bestMrr[0] + 1e-9) {
                    bestMrr[0] = r[1][1];
                    bestEn = v;
                }
                if (r[2][1] > bestMrr[1] + 1e-9) {
                    bestMrr[1] = r[2][1];
                    bestAr = v;
                }
            }
            System.out.printf(Locale.ROOT, "chosen on the tuning split: English %.1f, Arabic %.1f%n", bestEn, bestAr);

            System.out.printf(Locale.ROOT, "%nHeld-out split (%d questions)%n", heldOut.size());
            System.out.printf(Locale.ROOT, "%-34s %7s %7s %7s %7s %7s %7s%n", "method", "R@5", "MRR", "R@5 en", "MRR en", "R@5 ar", "MRR ar");
            record Method(String name, double en, double ar) {
            }
            List<Method> methods = List.of(new Method("BM25 alone", 0, 0), new Method("vectors alone", 1, 1),
                    new Method("hybrid 0.5 (before: one weight)", 0.5, 0.5),
                    new Method("hybrid 0.5, ar words only (before)", 0.5, 0),
                    new Method(String.format(Locale.ROOT, "hybrid en %.1f ar %.1f (after)", bestEn, bestAr), bestEn, bestAr));
            for (Method m : methods) {
                double[][] r = m.name().equals("vectors alone")
                        ? evaluate(index, questions, queryVectors, heldOut, -1, -1)
                        : evaluate(index, questions, queryVectors, heldOut, m.en(), m.ar());
                System.out.printf(Locale.ROOT, "%-34s %7.3f %7.3f %7.3f %7.3f %7.3f %7.3f%n", m.name(),
                        r[0][0], r[0][1], r[1][0], r[1][1], r[2][0], r[2][1]);
            }
        }
    }

    /**
     * Recall@5 and MRR ({all, English, Arabic} x {recall, MRR}) of the questions at {@code which}, with the
     * vector side weighted {@code en} / {@code ar} by the question's language (-1: vectors alone, no words).
     */
    private static double[][] evaluate(LuceneSearchIndex index, List<Question> questions, List<Embedding> vectors,
            List<Integer> which, double en, double ar) {
        double[][] out = new double[3][2];
        int[] count = new int[3];
        for (int i : which) {
            Question q = questions.get(i);
            double weight = q.arabic() ? ar : en;
            SearchRequest request = new SearchRequest(SearchScope.of("bench", Set.of("quality")),
                    weight < 0 ? "" : q.text(), weight == 0 ? Optional.empty() : Optional.of(vectors.get(i)), 5);
            if (weight > 0) {
                request = request.withVectorWeight(weight);
            }
            List<SearchHit> hits = index.search(request).hits();
            int rank = 0;
            for (int r = 0; r < hits.size(); r++) {
                if (hits.get(r).chunk().documentId().equals(q.docId()) && hits.get(r).chunk().pageStart() == q.page()) {
                    rank = r + 1;
                    break;
                }
            }
            for (int group : new int[] {0, q.arabic() ? 2 : 1}) {
                count[group]++;
                if (rank > 0) {
                    out[group][0]++;
                    out[group][1] += 1.0 / rank;
                }
            }
        }
        for (int g = 0; g < 3; g++) {
            out[g][0] /= Math.max(1, count[g]);
            out[g][1] /= Math.max(1, count[g]);
        }
        return out;
    }

    private static IndexedChunk chunk(LocalEmbeddingModel model, String doc, String title, String text, int page, String language) {
        float[] v = model.embed(List.of(title + "\n" + text)).vectors().get(0);
        return new IndexedChunk(doc + ":" + page, "bench", "quality", doc, title, text, page, page, language,
                new Embedding(MODEL, v), Map.of());
    }

    // ---------------------------------------------------------------- latency

    private static final String[] WORDS_EN = ("invoice payment contract supplier delivery warranty refund customer employee leave "
            + "salary policy security visitor badge reception office report budget audit tax revenue expense travel hotel flight "
            + "meeting project deadline schedule training safety equipment maintenance insurance claim account balance transfer "
            + "shipment order product price discount market growth strategy board director manager team service support network "
            + "server database backup storage license software hardware printer document archive record court law regulation")
            .split(" ");
    private static final String[] WORDS_AR = ("فاتورة دفع عقد مورد توريد ضمان استرداد عميل موظف إجازة راتب سياسة أمن زائر بطاقة "
            + "استقبال مكتب تقرير ميزانية تدقيق ضريبة إيرادات مصروفات سفر فندق رحلة اجتماع مشروع موعد جدول تدريب سلامة معدات "
            + "صيانة تأمين مطالبة حساب رصيد تحويل شحنة طلب منتج سعر خصم سوق نمو استراتيجية مجلس مدير فريق خدمة دعم شبكة خادم "
            + "قاعدة نسخة تخزين ترخيص برنامج جهاز طابعة وثيقة أرشيف سجل محكمة قانون لائحة").split(" ");
    private static final String[] JURISDICTIONS = {"Alabama", "Florida", "Nevada", "Texas", "Ohio", "Utah", "Iowa", "Maine"};

    /**
     * Words with the frequencies of real text: the domain words above as the most frequent, then pseudo-words
     * (English-like and Arabic letters) down a Zipf curve, 20,000 per language. A uniform draw from a few dozen
     * words would make every term occur in a third of the chunks, which no real collection does.
     */
    static final class Vocabulary {
        private final String[] words;
        private final double[] cumulative;

        Vocabulary(String[] common, boolean arabic, Random r) {
            List<String> all = new ArrayList<>(List.of(common));
            String letters = arabic ? "ابتثجحخدذرزسشصضطظعغفقكلمنهوي" : "abcdefghiklmnoprstuvwy";
            java.util.Set<String> seen = new java.util.HashSet<>(all);
            while (all.size() < 20_000) {
                StringBuilder w = new StringBuilder();
                for (int k = 3 + r.nextInt(6); k > 0; k--) {
                    w.append(letters.charAt(r.nextInt(letters.length())));
                }
                if (seen.add(w.toString())) {
                    all.add(w.toString());
                }
            }
            words = all.toArray(String[]::new);
            cumulative = new double[words.length];
            double sum = 0;
            for (int i = 0; i < words.length; i++) {
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < words.length; i++) {
                cumulative[i] /= sum;
            }
        }

        String word(Random r) {
            int i = Arrays.binarySearch(cumulative, r.nextDouble());
            return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
        }

        String sentence(Random r, int length) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < length; i++) {
                sb.append(i == 0 ? "" : " ").append(word(r));
            }
            return sb.append('.').toString();
        }
    }

    private static void latency(LocalEmbeddingModel model, Path work, int size) throws IOException {
        Random r = new Random(42);
        Vocabulary english = new Vocabulary(WORDS_EN, false, r);
        Vocabulary arabicWords = new Vocabulary(WORDS_AR, true, r);
        // Real embeddings of generated sentences, mixed and perturbed: vectors that cluster as real text does.
        List<float[]> pool = new ArrayList<>();
        List<String> poolText = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            poolText.add((i % 2 == 0 ? english : arabicWords).sentence(r, 6 + r.nextInt(10)));
        }
        for (String s : poolText) {
            pool.add(model.embed(List.of(s)).vectors().get(0));
        }
        Path dir = Files.createDirectories(work.resolve("latency-" + size));
        try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
            long start = System.nanoTime();
            List<IndexedChunk> batch = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                boolean arabic = i % 2 == 1;
                StringBuilder text = new StringBuilder();
                int sentences = 4 + r.nextInt(6);
                for (int s = 0; s < sentences; s++) {
                    text.append((arabic ? arabicWords : english).sentence(r, 8 + r.nextInt(12))).append(' ');
                }
                float[] v = mix(pool.get(r.nextInt(pool.size())), pool.get(r.nextInt(pool.size())), r);
                Map<String, Object> metadata = Map.of("jurisdiction", JURISDICTIONS[r.nextInt(JURISDICTIONS.length)],
                        "date", String.format(Locale.ROOT, "%d-%02d-%02d", 2023 + r.nextInt(3), 1 + r.nextInt(12), 1 + r.nextInt(28)));
                String doc = "doc-" + (i / 20);
                batch.add(new IndexedChunk(doc + ":" + i, "bench", "latency", doc, "Section " + (i % 50), text.toString().strip(),
                        1 + i % 20, 1 + i % 20, arabic ? "ar" : "en", new Embedding(MODEL, v), metadata));
                if (batch.size() == 2000) {
                    index.upsert(batch);
                    batch.clear();
                }
            }
            index.upsert(batch);
            double seconds = (System.nanoTime() - start) / 1e9;
            int segments;
            try (org.apache.lucene.index.DirectoryReader reader = org.apache.lucene.index.DirectoryReader.open(
                    org.apache.lucene.store.FSDirectory.open(index.folder()))) {
                segments = reader.leaves().size();
            }
            System.out.printf(Locale.ROOT, "%nLatency at %,d chunks in %d segments (indexed in %.0f s, %.0f chunks/s "
                    + "including generation and commits)%n", size, segments, seconds, size / seconds);
            List<String> queries = new ArrayList<>();
            List<Embedding> vectors = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String q = (i % 2 == 0 ? english : arabicWords).sentence(r, 3 + r.nextInt(4));
                queries.add(q.substring(0, q.length() - 1));
                vectors.add(new Embedding(MODEL, model.embed(List.of(q)).vectors().get(0)));
            }
            SearchScope scope = SearchScope.of("bench", Set.of("latency"));
            SearchScope filtered = scope.withMetadata(MetadataFilter.parse("{\"bool\":{\"must\":[{\"bool\":{\"should\":["
                    + "{\"term\":{\"jurisdiction\":\"alabama\"}},{\"term\":{\"jurisdiction\":\"florida\"}},"
                    + "{\"term\":{\"jurisdiction\":\"nevada\"}}]}},{\"range\":{\"date\":{\"gt\":\"2024-10-29\"}}}]}}", "filter"));
            System.out.printf(Locale.ROOT, "load average %s on %d cores%n", load(), Runtime.getRuntime().availableProcessors());
            System.out.printf(Locale.ROOT, "%-26s %9s %9s %9s %9s%n", "query (top 10)", "p50 ms", "p99 ms", "cpu p50", "cpu p99");
            measure("BM25", i -> index.search(new SearchRequest(scope, queries.get(i % 100), Optional.empty(), 10)));
            measure("kNN", i -> index.search(new SearchRequest(scope, "", Optional.of(vectors.get(i % 100)), 10)));
            measure("hybrid", i -> index.search(new SearchRequest(scope, queries.get(i % 100), Optional.of(vectors.get(i % 100)), 10)));
            measure("hybrid + metadata filter", i -> index.search(new SearchRequest(filtered, queries.get(i % 100),
                    Optional.of(vectors.get(i % 100)), 10)));
        }
    }

    private static float[] mix(float[] a, float[] b, Random r) {
        float[] v = new float[a.length];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (a[i] + 0.5 * b[i] + 0.03 * r.nextGaussian());
            norm += v[i] * v[i];
        }
        float inv = (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
        return v;
    }

    /**
     * Wall-clock p50/p99 and, because the machine is shared, CPU time of the querying thread p50/p99: the cost of
     * a query that other processes' load does not inflate.
     */
    private static void measure(String name, java.util.function.IntConsumer query) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 400; i++) {
            query.accept(i);
        }
        long[] wall = new long[400];
        long[] cpu = new long[400];
        for (int i = 0; i < wall.length; i++) {
            long c = threads.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            query.accept(i);
            wall[i] = System.nanoTime() - t;
            cpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "%-26s %9.2f %9.2f %9.2f %9.2f%n", name, wall[wall.length / 2] / 1e6,
                wall[(int) Math.ceil(wall.length * 0.99) - 1] / 1e6, cpu[cpu.length / 2] / 1e6,
                cpu[(int) Math.ceil(cpu.length * 0.99) - 1] / 1e6);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }
}
