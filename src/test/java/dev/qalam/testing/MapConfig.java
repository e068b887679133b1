package dev.qalam.testing;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;

/** MicroProfile Config over a map of strings, for unit tests of beans that read settings (no container). */
public final class MapConfig implements Config {

    private final Map<String, String> values;

    public MapConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    @Override
    public <T> T getValue(String name, Class<T> type) {
        return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
    }

    @Override
    public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
        String v = values.get(name);
        if (v == null) {
            return Optional.empty();
        }
        Object out = type == String.class ? v : type == Long.class ? Long.valueOf(v) : type == Integer.class
                ? Integer.valueOf(v) : type == Boolean.class ? Boolean.valueOf(v) : null;
        if (out == null) {
            throw new IllegalArgumentException("MapConfig reads String, Long, Integer and Boolean, not " + type);
        }
        return Optional.of(type.cast(out));
    }

    @Override
    public ConfigValue getConfigValue(String name) {
        throw new UnsupportedOperationException("not needed by the tests");
    }

    @Override
    public Iterable<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public Iterable<ConfigSource> getConfigSources() {
        return List.of();
    }

    @Override
    public <T> Optional<Converter<T>> getConverter(Class<T> type) {
        return Optional.empty();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        throw new IllegalArgumentException("nothing to unwrap");
    }
}
