package dev.gradflow.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gradflow.lab.DetachedRun;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

class ShippedJarsTest {
    @Test
    void everyClassTheTasksLoadIsInAShippedJarAndPackedFoldersGoAwayOnClose() throws IOException {
        List<Path> sources = ShippedJars.sources();
        assertEquals(sources.size(), sources.stream().distinct().count(), "each source once");
        List<Path> packed = new ArrayList<>();
        try (ShippedJars jars = ShippedJars.prepare()) {
            assertEquals(sources.size(), jars.uris().size());
            for (int i = 0; i < sources.size(); i++) {
                Path jar = Path.of(URI.create(jars.uris().get(i)));
                assertTrue(jar.toString().endsWith(".jar") && Files.isRegularFile(jar), jar.toString());
                if (Files.isDirectory(sources.get(i))) packed.add(jar);
                else assertEquals(sources.get(i), jar, "a jar is shipped as it is");
            }
            for (Class<?> needed : List.of(SparkExperimentRunner.class, DetachedRun.class, dev.gradflow.backend.simd.SimdKernels.class,
                    org.yaml.snakeyaml.Yaml.class, org.ejml.dense.row.SingularOps_DDRM.class)) {
                assertTrue(anyHolds(jars.uris(), needed), needed.getName());
            }
        }
        for (Path jar : packed) assertFalse(Files.exists(jar), jar + " is deleted on close");
    }

    private static boolean anyHolds(List<String> uris, Class<?> type) throws IOException {
        String entry = type.getName().replace('.', '/') + ".class";
        for (String uri : uris) {
            try (JarFile jar = new JarFile(Path.of(URI.create(uri)).toFile())) {
                if (jar.getEntry(entry) != null) {
                    assertNotNull(jar.getInputStream(jar.getEntry(entry)).readAllBytes());
                    return true;
                }
            }
        }
        return false;
    }
}
