package dev.gradflow.modelio;

import dev.gradflow.nn.Activation;
import dev.gradflow.nn.BatchNorm;
import dev.gradflow.nn.Linear;
import dev.gradflow.nn.Sequential;
import dev.gradflow.tensor.Tensor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/** Models and resources shared by the modelio tests. */
final class TestModels {
    private TestModels() {}

    /** torch.nn.Sequential(nn.Linear(3, 4), nn.BatchNorm1d(4), nn.ReLU(), nn.Linear(4, 2)), the model of make_pytorch_files.py. */
    static Sequential smallBatchNormMlp(RandomGenerator random) {
        return new Sequential(new Linear(3, 4, random), BatchNorm.features(4), Activation.of("relu"), new Linear(4, 2, random));
    }

    /** Linear(3, 4), ReLU, Linear(4, 2): the model of {@link #MLP_SPEC}. */
    static Sequential smallMlp(RandomGenerator random) {
        return new Sequential(new Linear(3, 4, random), Activation.of("relu"), new Linear(4, 2, random));
    }

    static final String MLP_SPEC = """
            input: 3
            layers:
              - linear: {out: 4}
              - relu
              - linear: {out: 2}
            loss: mse
            """;

    /** Bytes of a test resource under /modelio/. */
    static byte[] resource(String name) {
        try (InputStream in = TestModels.class.getResourceAsStream("/modelio/" + name)) {
            if (in == null) throw new IllegalStateException("missing test resource /modelio/" + name);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file of a test resource under /modelio/. */
    static Path resourcePath(String name) {
        URL url = TestModels.class.getResource("/modelio/" + name);
        if (url == null) throw new IllegalStateException("missing test resource /modelio/" + name);
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Asserts equal shapes and bit-identical values. */
    static void assertBitExact(Tensor expected, Tensor actual, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.data();
        float[] a = actual.data();
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                org.junit.jupiter.api.Assertions.fail(what + "[" + i + "]: expected " + e[i] + " but was " + a[i]);
            }
        }
    }
}
