package dev.gradflow.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gradflow.backend.Parallelism;
import dev.gradflow.cli.CliRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench command's output shape on a tiny budget (timings are not checked: they are not deterministic). */
class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void quickRunWritesTheDocumentedJsonShape() throws Exception {
        int threadsBefore = Parallelism.threads();
        Path json = dir.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--quick", "--workloads", "seed_sgd_b1,mnist_adam,mnist_adam_probed",
                "--gemm-sizes", "32,48", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(threadsBefore, Parallelism.threads(), "the thread count is restored");
        assertTrue(run.out().contains("probe overhead (probes on every step"), run.out());
        assertTrue(run.out().contains("probe overhead (paired"), run.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("workloads", "gemm", "kernels", "cpu", "jdk"), fieldNames(root));
        assertEquals(3, root.get("workloads").size());
        List<String> names = new ArrayList<>();
        for (JsonNode w : root.get("workloads")) {
            assertEquals(List.of("name", "threads", "ms_per_step", "samples_per_s", "gflops"), fieldNames(w));
            names.add(w.get("name").asText());
            assertEquals(1, w.get("threads").asInt());
            for (String number : List.of("ms_per_step", "samples_per_s", "gflops")) {
                assertTrue(w.get(number).isNumber() && w.get(number).asDouble() > 0, w.toString());
            }
        }
        assertEquals(List.of("seed_sgd_b1", "mnist_adam", "mnist_adam_probed"), names);
        assertEquals(2, root.get("gemm").size());
        JsonNode gemm = root.get("gemm").get(1);
        assertEquals(List.of("n", "threads", "gflops"), fieldNames(gemm));
        assertEquals(48, gemm.get("n").asInt());
        assertTrue(gemm.get("gflops").asDouble() > 0);
        assertTrue(root.get("kernels").asText().matches("scalar|simd-\\d+"), root.toString());
        assertTrue(!root.get("cpu").asText().isBlank() && !root.get("jdk").asText().isBlank(), root.toString());
    }

    @Test
    void unknownWorkloadIsAUsageErrorListingTheNames() {
        CliRun run = CliRun.of("bench", "--quick", "--workloads", "seed_sgd,resnet");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("unknown workload 'resnet'") && run.err().contains("deep50"), run.err());
    }

    @Test
    void workloadsMatchTheReferenceDefinitions() {
        // Parameter counts as pytorch_reference.py prints them.
        assertEquals(9729, Workload.SEED_SGD.build(0).parameterCount());
        assertEquals(269322, Workload.MNIST_ADAM.build(0).parameterCount());
        assertEquals(1318410, Workload.DEEP20.build(0).parameterCount());
        assertEquals(3292170, Workload.DEEP50.build(0).parameterCount());
        assertEquals(1, Workload.SEED_SGD_B1.batch());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
