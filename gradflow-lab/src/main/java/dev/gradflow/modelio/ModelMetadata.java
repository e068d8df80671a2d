package dev.gradflow.modelio;

import dev.gradflow.spec.ModelSpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The {@code __metadata__} entries gradflow writes into a model's safetensors file:
 * <ul>
 *   <li>{@code format}: {@code "pt"} — the tensors are a PyTorch {@code state_dict} (names, shapes, int64
 *       {@code num_batches_tracked}); Hugging Face transformers checks this key when it loads a file;</li>
 *   <li>{@code gradflow_version}: the gradflow version that wrote the file;</li>
 *   <li>{@code spec}: the model spec as YAML ({@link ModelSpec#toYaml()}), when one is given.</li>
 * </ul>
 */
public final class ModelMetadata {
    public static final String FORMAT = "format";
    public static final String PYTORCH_FORMAT = "pt";
    public static final String GRADFLOW_VERSION = "gradflow_version";
    public static final String SPEC = "spec";
    /** The version recorded when gradflow runs from classes rather than a packaged jar. */
    public static final String DEVELOPMENT_VERSION = "development";

    private static final String POM_PROPERTIES = "/META-INF/maven/dev.gradflow/gradflow-lab/pom.properties";

    private ModelMetadata() {}

    /** format, gradflow_version and, when {@code spec} is not null, spec. */
    public static Map<String, String> of(ModelSpec spec) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(FORMAT, PYTORCH_FORMAT);
        m.put(GRADFLOW_VERSION, gradflowVersion());
        if (spec != null) m.put(SPEC, spec.toYaml());
        return m;
    }

    /**
     * The version of this gradflow build, from the {@code pom.properties} Maven puts into every jar; {@value
     * #DEVELOPMENT_VERSION} when running from a build directory (tests, IDE).
     */
    public static String gradflowVersion() {
        try (InputStream in = ModelMetadata.class.getResourceAsStream(POM_PROPERTIES)) {
            if (in == null) return DEVELOPMENT_VERSION;
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", DEVELOPMENT_VERSION);
        } catch (IOException e) {
            return DEVELOPMENT_VERSION;
        }
    }
}
