package dev.gradflow.spark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster of one master and one worker, each a separate JVM on 127.0.0.1, made of the Maven jars
 * on this test's classpath: {@code home/jars} links every jar except those gradflow ships to its executors
 * ({@link ShippedJars#sources()}), so executors get gradflow's classes only the way a user's would, through
 * {@code spark.jars}. The worker starts executors with that home's jars, the JDK this test runs on and
 * {@code home/conf} (INFO logs in {@code work/app-…/0/stderr}).
 *
 * <p>Stopping, whatever happens: {@link #close()} ends the worker, its executors and the master (SIGTERM, then
 * SIGKILL after 20 s); a JVM shutdown hook does the same if the test JVM is stopped first; and each child runs under
 * {@link ExitWithParent}, so it exits when this JVM dies even by SIGKILL.
 */
final class StandaloneCluster implements AutoCloseable {
    private static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";
    private static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path folder;
    private final List<Process> started = new ArrayList<>();
    private final Set<ProcessHandle> seen = new LinkedHashSet<>();
    private final Thread shutdownHook = new Thread(this::stopAll, "stop-spark-standalone");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private String masterUrl;
    private int masterWebPort;

    private StandaloneCluster(Path folder) {
        this.folder = folder;
    }

    /**
     * Starts a master and a worker ({@code cores} cores, 1 GB for executors) with their files in {@code folder}
     * (emptied first), and returns once the worker has registered with the master.
     *
     * @throws IOException when a child JVM cannot be started at all
     */
    static StandaloneCluster start(Path folder, int cores) throws IOException {
        StandaloneCluster cluster = new StandaloneCluster(folder);
        Runtime.getRuntime().addShutdownHook(cluster.shutdownHook);
        try {
            cluster.startProcesses(cores);
            return cluster;
        } catch (IOException | RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String masterUrl() {
        return masterUrl;
    }

    /** Every process this cluster started or saw below them (executors), alive or not. */
    List<ProcessHandle> processes() {
        collectDescendants();
        return List.copyOf(seen);
    }

    /** The last lines of the master's, the worker's and the executors' logs, for a failure message. */
    String logTails() {
        StringBuilder out = new StringBuilder();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path log : files.filter(p -> p.toString().endsWith(".log") || p.getFileName().toString().equals("stderr")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                out.append("--- ").append(folder.relativize(log)).append(" (last 30 lines)\n");
                for (String line : lines.subList(Math.max(0, lines.size() - 30), lines.size())) out.append(line).append('\n');
            }
        } catch (IOException | UncheckedIOException e) {
            out.append("(logs unreadable: ").append(e.getMessage()).append(")\n");
        }
        return out.toString();
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook has run or is running.
        }
    }

    private void startProcesses(int cores) throws IOException {
        deleteRecursively(folder);
        Path home = folder.resolve("home");
        Path jars = Files.createDirectories(home.resolve("jars"));
        Path conf = Files.createDirectories(home.resolve("conf"));
        linkSparkJars(jars);
        Files.writeString(conf.resolve("log4j2.properties"), """
                rootLogger.level = info
                rootLogger.appenderRef.stderr.ref = console
                appender.console.type = Console
                appender.console.name = console
                appender.console.target = SYSTEM_ERR
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = %d{HH:mm:ss.SSS} %p %c{1}: %m%n
                """);
        int masterPort = freePort();
        masterWebPort = freePort();
        masterUrl = "spark://" + LOOPBACK + ":" + masterPort;

        startJvm("master", home, List.of("-Dspark.master.rest.enabled=false"), MASTER_CLASS, "--host", LOOPBACK, "--port", String.valueOf(masterPort),
                "--webui-port", String.valueOf(masterWebPort));
        awaitMaster("the master's web UI to answer", state -> true);
        Path work = Files.createDirectories(folder.resolve("work"));
        startJvm("worker", home, List.of(), WORKER_CLASS, "--host", LOOPBACK, "--port", String.valueOf(freePort()),
                "--webui-port", String.valueOf(freePort()), "--cores", String.valueOf(cores), "--memory", "1g",
                "--work-dir", work.toString(), masterUrl);
        awaitMaster("the worker to register", state -> state.path("aliveworkers").asInt(0) >= 1);
    }

    /** Links (or copies, where links are not possible) each jar of the test classpath that is Spark's, not gradflow's. */
    private static void linkSparkJars(Path jars) throws IOException {
        Set<Path> shipped = new LinkedHashSet<>();
        for (Path source : ShippedJars.sources()) shipped.add(source.toAbsolutePath().normalize());
        int count = 0;
        for (String entry : testClassPath()) {
            Path jar = Path.of(entry).toAbsolutePath().normalize();
            if (!Files.isRegularFile(jar) || !jar.toString().endsWith(".jar") || shipped.contains(jar)) continue;
            Path link = jars.resolve(jar.getFileName().toString());
            if (Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) link = jars.resolve(count + "-" + jar.getFileName());
            try {
                Files.createSymbolicLink(link, jar);
            } catch (UnsupportedOperationException | IOException e) {
                Files.copy(jar, link);
            }
            count++;
        }
        if (count == 0) throw new IllegalStateException("spark standalone: no jars on the test classpath " + testClassPath());
    }

    /** The test's real classpath (surefire runs tests from a manifest-only jar and names the real one in a property). */
    private static List<String> testClassPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(path.split(File.pathSeparator)).filter(s -> !s.isBlank()).toList();
    }

    private void startJvm(String name, Path home, List<String> properties, String mainClass, String... arguments) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path testClasses = Path.of(ExitWithParent.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(sparkJvmFlags());
        command.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"));
        command.addAll(properties);
        command.addAll(List.of("-cp", home.resolve("conf") + File.pathSeparator + home.resolve("jars") + File.separator + "*"
                + File.pathSeparator + testClasses, ExitWithParent.class.getName(), mainClass));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                .redirectOutput(folder.resolve(name + ".log").toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(key -> key.startsWith("SPARK_"));
        environment.put("SPARK_HOME", home.toString());
        environment.put("SPARK_SCALA_VERSION", "2.13");
        environment.put("SPARK_LOCAL_IP", LOOPBACK);
        environment.put("SPARK_LOCAL_DIRS", Files.createDirectories(folder.resolve("local-" + name)).toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        started.add(builder.start());
        seen.add(started.getLast().toHandle());
    }

    /** The add-opens flags Spark needs on JDK 17+ (the module's {@code spark.jvm.flags}, passed in by surefire). */
    private static List<String> sparkJvmFlags() {
        String flags = System.getProperty("gradflow.spark.jvm.flags");
        if (flags == null || flags.isBlank()) {
            throw new IllegalStateException("spark standalone: the system property gradflow.spark.jvm.flags is not set (gradflow-spark's pom passes it to tests)");
        }
        return List.of(flags.strip().split("\\s+"));
    }

    /** Polls the master's {@code /json} page until {@code ready} holds, failing early when a child has exited. */
    private void awaitMaster(String what, Predicate<JsonNode> ready) {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        ObjectMapper json = new ObjectMapper();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + LOOPBACK + ":" + masterWebPort + "/json/"))
                .timeout(Duration.ofSeconds(5)).build();
        while (true) {
            for (Process p : started) {
                if (!p.isAlive()) throw new IllegalStateException("spark standalone: a child JVM exited with " + p.exitValue()
                        + " while waiting for " + what + "\n" + logTails());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && ready.test(json.readTree(response.body()))) return;
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("spark standalone: interrupted while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("spark standalone: gave up after " + START_TIMEOUT.toSeconds() + " s waiting for " + what + "\n" + logTails());
            }
            sleep(Duration.ofMillis(250));
        }
    }

    private synchronized void collectDescendants() {
        for (Process p : started) p.descendants().forEach(seen::add);
    }

    /** Worker (with its executors) first, then the master: SIGTERM, then SIGKILL to whatever outlives the grace time. */
    private synchronized void stopAll() {
        collectDescendants();
        for (Process p : started.reversed()) {
            List<ProcessHandle> below = p.descendants().toList();
            p.destroy();
            waitFor(p.toHandle());
            for (ProcessHandle h : below) {
                h.destroy();
                waitFor(h);
            }
        }
        for (ProcessHandle h : seen) if (h.isAlive()) h.destroyForcibly();
        for (ProcessHandle h : seen) waitFor(h);
        for (Process p : started) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // Already closed.
            }
        }
    }

    private static void waitFor(ProcessHandle process) {
        try {
            process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
            try {
                process.onExit().get(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            } catch (Exception again) {
                // Reported by the caller's check that nothing is alive.
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // onExit does not fail.
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(LOOPBACK))) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration time) {
        try {
            Thread.sleep(time);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("spark standalone: interrupted", e);
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
