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
        CliRun run = CliRun.of("bench", "--quick", "--same-jvm", "--workloads", "seed_sgd_b1,mnist_adam,mnist_adam_probed",
                "--gemm-sizes", "32,48", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(threadsBefore, Parallelism.threads(), "the thread count is restored");
        assertTrue(run.out().contains("probe overhead (probes on every step"), run.out());
        assertTrue(run.out().contains("probe overhead (paired"), run.out());
        assertTrue(run.out().contains("one JVM for all"), run.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(List.of("workloads", "gemm", "kernels", "cpu", "jdk", "jvm", "probe_overhead"), fieldNames(root));
        assertEquals("shared", root.get("jvm").asText());
        assertWorkloads(root, List.of("seed_sgd_b1", "mnist_adam", "mnist_adam_probed"));
        assertEquals(List.of("recorded_ms", "plain_ms"), fieldNames(root.get("probe_overhead")));
        assertTrue(root.get("probe_overhead").get("recorded_ms").asDouble() > 0, root.toString());
        assertEquals(2, root.get("gemm").size());
        JsonNode gemm = root.get("gemm").get(1);
        assertEquals(List.of("n", "threads", "gflops"), fieldNames(gemm));
        assertEquals(48, gemm.get("n").asInt());
        assertTrue(gemm.get("gflops").asDouble() > 0);
        assertTrue(root.get("kernels").asText().matches("scalar|simd-\\d+"), root.toString());
        assertTrue(!root.get("cpu").asText().isBlank() && !root.get("jdk").asText().isBlank(), root.toString());
    }

    @Test
    void byDefaultEachWorkloadAndTheGemmSizesRunInAJvmOfTheirOwn() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--quick", "--workloads", "seed_sgd_b1,mnist_adam_probed", "--gemm-sizes", "40",
                "--threads", "2", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("a fresh JVM per workload"), run.out());
        assertTrue(run.out().contains("probe overhead (paired"), run.out());
        assertTrue(run.out().contains("n = 40"), run.out());

        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals("per-workload", root.get("jvm").asText());
        assertWorkloads(root, List.of("seed_sgd_b1", "mnist_adam_probed"));
        assertEquals(2, root.get("workloads").get(0).get("threads").asInt(), "the child JVMs got --threads");
        assertTrue(root.get("probe_overhead").get("plain_ms").asDouble() > 0, root.toString());
        assertEquals(40, root.get("gemm").get(0).get("n").asInt());
        // Each child JVM ran the bench in-process with its own temporary JSON; only ours is left.
        try (var files = java.nio.file.Files.list(dir)) {
            assertEquals(List.of(json), files.toList());
        }
    }

    @Test
    void noWorkloadsTimesOnlyTheGemmSizes() throws Exception {
        Path json = dir.resolve("bench.json");
        CliRun run = CliRun.of("bench", "--quick", "--same-jvm", "--workloads", "none", "--gemm-sizes", "16", "--json", json.toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode root = new ObjectMapper().readTree(json.toFile());
        assertEquals(0, root.get("workloads").size());
        assertEquals(1, root.get("gemm").size());
        assertTrue(!root.has("probe_overhead"), root.toString());
    }

    @Test
    void aFailingChildJvmIsAnErrorCarryingItsOutput() {
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> BenchJvm.run("seed_sgd", List.of("--threads", "0", "--workloads", "seed_sgd")));
        assertTrue(e.getMessage().contains("the JVM measuring seed_sgd exited with 2")
                && e.getMessage().contains("--threads must be at least 1"), e.getMessage());
    }

    private static void assertWorkloads(JsonNode root, List<String> expectedNames) {
        List<String> names = new ArrayList<>();
        for (JsonNode w : root.get("workloads")) {
            assertEquals(List.of("name", "threads", "ms_per_step", "samples_per_s", "gflops", "min_ms", "max_ms", "warmup_s",
                    "steady"), fieldNames(w));
            names.add(w.get("name").asText());
            for (String number : List.of("ms_per_step", "samples_per_s", "gflops", "min_ms", "max_ms")) {
                assertTrue(w.get(number).isNumber() && w.get(number).asDouble() > 0, w.toString());
            }
            assertTrue(w.get("min_ms").asDouble() <= w.get("ms_per_step").asDouble()
                    && w.get("ms_per_step").asDouble() <= w.get("max_ms").asDouble(), w.toString());
            assertTrue(w.get("steady").isBoolean(), w.toString());
        }
        assertEquals(expectedNames, names);
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
