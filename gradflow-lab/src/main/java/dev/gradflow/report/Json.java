package dev.gradflow.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.gradflow.diagnostics.Finding;
import java.io.IOException;
import java.util.Locale;

/**
 * The one JSON mapping used for every file gradflow writes (metrics.jsonl, summary.json, diagnose output):
 * snake_case field names from the records' components, non-finite numbers written as {@code null} (JSON has no
 * NaN) and read back as NaN, enums of findings as lower-case ids ({@code "vanishing"}).
 */
public final class Json {
    private static final ObjectMapper MAPPER = create();

    private Json() {}

    /** The shared, thread-safe mapper. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        SimpleModule module = new SimpleModule("gradflow");
        module.addSerializer(Double.class, new FiniteOrNull());
        module.addSerializer(double.class, new FiniteOrNull());
        module.addDeserializer(Double.class, new NullAsNaN());
        module.addDeserializer(double.class, new NullAsNaN());
        module.addSerializer(Finding.Kind.class, new LowerCaseEnum<>());
        module.addSerializer(Finding.Severity.class, new LowerCaseEnum<>());
        module.addDeserializer(Finding.Kind.class, new LowerCaseEnumReader<>(Finding.Kind.class));
        module.addDeserializer(Finding.Severity.class, new LowerCaseEnumReader<>(Finding.Severity.class));
        ObjectMapper m = new ObjectMapper();
        m.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        m.registerModule(module);
        m.disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        m.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return m;
    }

    private static final class FiniteOrNull extends JsonSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            if (value == null || !Double.isFinite(value)) gen.writeNull();
            else gen.writeNumber(value);
        }
    }

    private static final class NullAsNaN extends JsonDeserializer<Double> {
        @Override
        public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return p.currentToken() == JsonToken.VALUE_NULL ? Double.NaN : p.getDoubleValue();
        }

        @Override
        public Double getNullValue(DeserializationContext ctxt) {
            return Double.NaN;
        }
    }

    private static final class LowerCaseEnum<E extends Enum<E>> extends JsonSerializer<E> {
        @Override
        public void serialize(E value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.name().toLowerCase(Locale.ROOT));
        }
    }

    private static final class LowerCaseEnumReader<E extends Enum<E>> extends JsonDeserializer<E> {
        private final Class<E> type;

        LowerCaseEnumReader(Class<E> type) {
            this.type = type;
        }

        @Override
        public E deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return Enum.valueOf(type, p.getText().toUpperCase(Locale.ROOT));
        }
    }
}
