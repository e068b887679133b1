package dev.qalam.platform.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.qalam.platform.auth.Public;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@link RequestGate} knows the public routes by path: every {@link Public} resource must be among them. */
class PublicRoutesTest {

    @Test
    void everyPublicResourceIsUnderAPublicPrefix() throws Exception {
        List<String> publicPaths = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            String base = type.getAnnotation(Path.class).value();
            for (Method m : type.getDeclaredMethods()) {
                boolean endpoint = Stream.of(m.getAnnotations())
                        .anyMatch(a -> a.annotationType().isAnnotationPresent(HttpMethod.class));
                if (endpoint && (type.isAnnotationPresent(Public.class) || m.isAnnotationPresent(Public.class))) {
                    Path sub = m.getAnnotation(Path.class);
                    publicPaths.add(join(base, sub == null ? "" : sub.value()));
                }
            }
        }
        assertFalse(publicPaths.isEmpty(), "no public resources found: the scan is broken");
        for (String path : publicPaths) {
            assertTrue(RequestGate.isPublic(path), path + " is public but RequestGate would ask for a key");
        }
    }

    @Test
    void everythingElseIsNotPublic() {
        for (String path : List.of("/v1/chat/completions", "/v1/embeddings", "/v1/ocr/upload", "/v1/keys",
                "/v1/admin/keys", "/v1/files", "/nothing")) {
            assertFalse(RequestGate.isPublic(path), path);
        }
    }

    private static String join(String base, String sub) {
        String b = base.startsWith("/") ? base : "/" + base;
        String s = sub.isEmpty() ? "" : (sub.startsWith("/") ? sub : "/" + sub);
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + s;
    }

    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        java.nio.file.Path root = Paths.get(RequestGate.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.walk(root)) {
            for (java.nio.file.Path f : (Iterable<java.nio.file.Path>) files::iterator) {
                String name = root.relativize(f).toString();
                if (!name.endsWith(".class") || name.contains("$")) {
                    continue;
                }
                try {
                    Class<?> c = Class.forName(name.substring(0, name.length() - 6).replace('/', '.'), false,
                            PublicRoutesTest.class.getClassLoader());
                    if (c.isAnnotationPresent(Path.class)) {
                        found.add(c);
                    }
                } catch (ClassNotFoundException | LinkageError skipped) {
                    // a class whose dependencies only the server provides
                }
            }
        }
        return found;
    }
}
