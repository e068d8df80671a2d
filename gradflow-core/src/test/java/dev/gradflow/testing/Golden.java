package dev.gradflow.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the PyTorch reference files copied into {@code src/test/resources/golden} (see the README there for how
 * they were made) and compares tensors with a float32 tolerance.
 */
public final class Golden {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Golden() {}

    /** The parsed file, e.g. {@code load("ops.json")}. */
    public static JsonNode load(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("/golden/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /golden/" + name);
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases of a golden file. */
    public static List<JsonNode> cases(String file) {
        List<JsonNode> out = new ArrayList<>();
        load(file).get("cases").forEach(out::add);
        return out;
    }

    /** A {@code {"shape": [...], "data": [...]}} node as a tensor (rounded to float32). */
    public static Tensor tensor(JsonNode node) {
        JsonNode shapeNode = node.get("shape");
        int[] dims = new int[shapeNode.size()];
        for (int i = 0; i < dims.length; i++) dims[i] = shapeNode.get(i).asInt();
        float[] data = floats(node.get("data"));
        return Tensor.of(data, dims);
    }

    public static float[] floats(JsonNode array) {
        float[] data = new float[array.size()];
        for (int i = 0; i < data.length; i++) data[i] = (float) array.get(i).asDouble();
        return data;
    }

    public static double[] doubles(JsonNode array) {
        double[] data = new double[array.size()];
        for (int i = 0; i < data.length; i++) data[i] = array.get(i).asDouble();
        return data;
    }

    /** Asserts |actual − expected| ≤ atol + rtol·|expected| elementwise, and equal shapes. */
    public static void assertClose(Tensor expected, Tensor actual, double atol, double rtol, String what) {
        assertEquals(expected.shape(), actual.shape(), what + ": shape");
        assertClose(expected.data(), actual.data(), atol, rtol, what);
    }

    public static void assertClose(float[] expected, float[] actual, double atol, double rtol, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " expected " + e + " but was " + a + " (|diff| " + Math.abs(a - e) + ")");
            }
        }
    }
}
