package dev.gradflow.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gradflow.diagnostics.Finding;
import dev.gradflow.report.Json;
import dev.gradflow.spec.ModelSpec;
import org.junit.jupiter.api.Test;

class PreflightTest {

    private static DiagnoseReport diagnose(String yaml) {
        return Preflight.run(new Preflight.Options(ModelSpec.parse(yaml, "m.yaml"), null, null, 2, 2, 64, 0));
    }

    @Test
    void deepSigmoidStackIsFlaggedAndTheJsonHasTheDocumentedShape() throws Exception {
        StringBuilder yaml = new StringBuilder("input: 16\nlayers:\n");
        for (int i = 0; i < 10; i++) yaml.append("  - linear: {out: 32}\n  - sigmoid\n");
        yaml.append("  - linear: {out: 1}\nloss: mse\n");
        DiagnoseReport r = diagnose(yaml.toString());
        assertEquals(21, r.layers().size(), "one entry per spec entry");
        assertEquals("sigmoid", r.layers().get(1).kind());
        assertEquals(4, r.runs());
        assertTrue(r.findings().stream().anyMatch(f -> f.kind() == Finding.Kind.VANISHING), r.findings().toString());
        JsonNode json = Json.mapper().readTree(Json.mapper().writeValueAsString(r));
        assertTrue(json.get("loss").isNumber());
        assertEquals("0.weight", json.get("parameters").get(0).get("name").asText());
        assertEquals(32, json.get("parameters").get(0).get("shape").get(0).asInt());
        assertTrue(json.get("parameters").get(0).get("grad_l2_norm").isNumber());
        assertTrue(json.get("layers").get(0).has("grad_output_rms"));
        assertTrue(json.get("jacobian").get("singular_values").isArray());
        assertEquals("vanishing", json.get("findings").get(0).get("kind").asText());
    }

    @Test
    void healthyReluNetworkWithHeInitHasNoFindings() {
        DiagnoseReport r = diagnose("""
                input: 10
                layers:
                  - linear: {out: 128, init: he_normal}
                  - relu
                  - linear: {out: 64, init: he_normal}
                  - relu
                  - linear: {out: 1}
                loss: mse
                """);
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertNotNull(r.jacobian());
    }

    @Test
    void classificationTargetsAreClassLabels() {
        DiagnoseReport r = diagnose("input: 8\nlayers:\n  - linear: {out: 5}\nloss: cross_entropy\n");
        // Uniform random labels on 5 classes at init: loss ≈ ln 5.
        assertEquals(Math.log(5), r.loss(), 0.5);
    }
}
