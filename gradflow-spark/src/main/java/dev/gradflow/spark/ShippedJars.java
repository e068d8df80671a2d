package dev.gradflow.spark;

import dev.gradflow.backend.Parallelism;
import dev.gradflow.lab.DetachedRun;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * The jars a Spark cluster's executors need beyond Spark's own: gradflow's modules and the libraries they use that
 * Spark does not ship (SnakeYAML, EJML), found where this JVM loaded them from. They go to {@code spark.jars}, so
 * the driver serves them and every executor fetches them before its first task, as with {@code spark-submit --jars}.
 *
 * <p>From a build ({@code ./gradflow}) they are the modules' jars. From class folders (tests, an IDE) Spark would
 * refuse a folder, so each folder is packed into a jar in a temporary folder, which {@link #close()} deletes once
 * the Spark context has stopped. Jackson, Netty and the rest come with Spark on the cluster.
 */
final class ShippedJars implements AutoCloseable {
    /** One class from each code source the tasks load: this module, the lab, the engine, SnakeYAML, EJML core and dense. */
    private static final List<Class<?>> NEEDED = List.of(SparkExperimentRunner.class, DetachedRun.class, Parallelism.class,
            org.yaml.snakeyaml.Yaml.class, org.ejml.data.DMatrixRMaj.class, org.ejml.dense.row.SingularOps_DDRM.class);

    private final List<String> uris;
    private final Path packedFolder;

    private ShippedJars(List<String> uris, Path packedFolder) {
        this.uris = List.copyOf(uris);
        this.packedFolder = packedFolder;
    }

    /** The jars for {@link #sources()}, class folders packed into temporary jars. */
    static ShippedJars prepare() throws IOException {
        List<String> uris = new ArrayList<>();
        Path packed = null;
        for (Path source : sources()) {
            if (Files.isDirectory(source)) {
                if (packed == null) packed = Files.createTempDirectory("gradflow-spark-jars-");
                Path jar = packed.resolve(uris.size() + "-" + folderName(source) + ".jar");
                pack(source, jar);
                uris.add(jar.toUri().toString());
            } else {
                uris.add(source.toUri().toString());
            }
        }
        return new ShippedJars(uris, packed);
    }

    /** Where this JVM loaded the {@link #NEEDED} classes from (jar files or class folders), each once, in that order. */
    static List<Path> sources() {
        List<Path> out = new ArrayList<>();
        for (Class<?> c : NEEDED) {
            var source = c.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) continue;
            Path path;
            try {
                path = Path.of(source.getLocation().toURI());
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new IllegalStateException("spark: cannot tell where " + c.getName() + " was loaded from (" + source.getLocation() + ")", e);
            }
            if (!out.contains(path)) out.add(path);
        }
        return out;
    }

    /** The URIs for {@code spark.jars}, in {@link #sources()} order. */
    List<String> uris() {
        return uris;
    }

    /** Deletes the packed jars, if any; call it after the Spark context has stopped. */
    @Override
    public void close() {
        if (packedFolder == null) return;
        try (Stream<Path> all = Files.walk(packedFolder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            // A leftover temporary jar is harmless.
        }
    }

    /** A readable name for a class folder: {@code gradflow-lab/target/classes} gives {@code gradflow-lab}. */
    private static String folderName(Path folder) {
        Path parent = folder.getParent();
        if (folder.getFileName() != null && folder.getFileName().toString().equals("classes") && parent != null
                && parent.getFileName() != null && parent.getFileName().toString().equals("target") && parent.getParent() != null) {
            return parent.getParent().getFileName().toString();
        }
        return folder.getFileName() == null ? "classes" : folder.getFileName().toString();
    }

    /** Writes every file under {@code folder} into {@code jar}, with paths relative to the folder. */
    private static void pack(Path folder, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file);
             Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).sorted().toList()) {
                out.putNextEntry(new JarEntry(folder.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, out);
                out.closeEntry();
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
