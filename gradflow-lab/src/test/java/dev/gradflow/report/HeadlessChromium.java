package dev.gradflow.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One headless Chromium for a test class, driven over the DevTools protocol (a WebSocket, the JDK's own client):
 * starting the browser once and opening every page in a tab of it costs a fraction of a browser start per page.
 * A {@link Tab} loads a file, waits until the report's script has checked itself ({@code <html data-render>} is no
 * longer {@code pending}), collects every console message, uncaught exception and browser log error, evaluates
 * script, and takes full-page screenshots.
 */
final class HeadlessChromium implements AutoCloseable {
    static final long TIMEOUT_SECONDS = 90;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, List<String>> messages = new ConcurrentHashMap<>();

    private HeadlessChromium(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    /** /usr/bin/chromium, else chromium or chromium-browser on the PATH. */
    static Optional<Path> find() {
        Path standard = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(standard)) return Optional.of(standard);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser")) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Starts {@code executable} headless with a fresh profile in {@code profile}, with no network use of its own. */
    static HeadlessChromium start(Path executable, Path profile) throws IOException, InterruptedException {
        Files.createDirectories(profile);
        List<String> command = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--hide-scrollbars", "--mute-audio", "--user-data-dir=" + profile,
                "--remote-debugging-port=0", "about:blank");
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(profile.resolveSibling(profile.getFileName() + ".log").toFile()).start();
        Path activePort = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        List<String> lines = List.of();
        while (lines.size() < 2) {
            if (!process.isAlive()) throw new IOException("Chromium exited with " + process.exitValue() + " before it listened: " + command);
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT_SECONDS + " s: " + command);
            }
            Thread.sleep(50);
            if (Files.isRegularFile(activePort)) lines = Files.readAllLines(activePort, StandardCharsets.UTF_8);
        }
        URI endpoint = URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
        Listener listener = new Listener();
        WebSocket socket;
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(endpoint, listener).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IOException("cannot connect to Chromium at " + endpoint + ": " + e, e);
        }
        HeadlessChromium browser = new HeadlessChromium(process, socket);
        listener.browser = browser;
        return browser;
    }

    /** A new tab of {@code width} × {@code height} CSS pixels, in the light or the dark colour scheme. */
    Tab open(int width, int height, boolean dark) throws IOException {
        String target = call(null, "Target.createTarget", Map.of("url", "about:blank")).path("targetId").asText();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", target, "flatten", true)).path("sessionId").asText();
        messages.put(session, new CopyOnWriteArrayList<>());
        Tab tab = new Tab(target, session, width);
        call(session, "Runtime.enable", Map.of());
        call(session, "Log.enable", Map.of());
        call(session, "Page.enable", Map.of());
        call(session, "Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        call(session, "Emulation.setEmulatedMedia", Map.of("features",
                List.of(Map.of("name", "prefers-color-scheme", "value", dark ? "dark" : "light"))));
        return tab;
    }

    /** One page. */
    final class Tab implements AutoCloseable {
        private final String target;
        private final String session;
        private final int width;

        private Tab(String target, String session, int width) {
            this.target = target;
            this.session = session;
            this.width = width;
        }

        /** Opens {@code page} and waits until its script has checked itself. */
        void load(Path page) throws IOException, InterruptedException {
            call(session, "Page.navigate", Map.of("url", page.toAbsolutePath().toUri().toString()));
            awaitRendered();
        }

        /** Waits until {@code <html data-render>} is set and no longer {@code pending}. */
        void awaitRendered() throws IOException, InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            while (true) {
                JsonNode state = evaluate("document.readyState === 'complete' && document.documentElement.getAttribute('data-render')");
                if (state.isTextual() && !state.asText().equals("pending")) return;
                if (System.nanoTime() > deadline) throw new IOException("the page did not finish rendering within " + TIMEOUT_SECONDS + " s");
                Thread.sleep(50);
            }
        }

        /** The value of a script expression (promises awaited); throws with the exception when it throws. */
        JsonNode evaluate(String expression) throws IOException {
            JsonNode result = call(session, "Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
            if (result.has("exceptionDetails")) throw new IOException("script failed: " + result.get("exceptionDetails"));
            return result.path("result").path("value");
        }

        /** The live DOM as HTML. */
        String html() throws IOException {
            return evaluate("document.documentElement.outerHTML").asText();
        }

        /** Console messages of any level, uncaught exceptions and browser log errors and warnings, in order. */
        List<String> consoleMessages() {
            return List.copyOf(messages.get(session));
        }

        /** A PNG of the whole page (not just the viewport) at {@code file}. */
        void screenshot(Path file) throws IOException {
            int height = evaluate("Math.ceil(document.documentElement.scrollHeight)").asInt();
            JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        }

        /** A PNG of the element with id {@code id} (its bounding box in the page) at {@code file}. */
        void screenshotOf(String id, Path file) throws IOException {
            JsonNode box = evaluate("(function (r) { return {x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height}; })"
                    + "(document.getElementById('" + id + "').getBoundingClientRect())");
            JsonNode shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", box.path("x").asDouble(), "y", box.path("y").asDouble(), "width", box.path("width").asDouble(),
                            "height", box.path("height").asDouble(), "scale", 1)));
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
        }

        @Override
        public void close() throws IOException {
            call(null, "Target.closeTarget", Map.of("targetId", target));
            messages.remove(session);
        }
    }

    private JsonNode call(String session, String method, Map<String, ?> params) throws IOException {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode();
        message.put("id", id);
        message.put("method", method);
        message.set("params", JSON.valueToTree(params));
        if (session != null) message.put("sessionId", session);
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (socket) {
                socket.sendText(JSON.writeValueAsString(message), true).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            JsonNode answer = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            if (answer.has("error")) throw new IOException(method + ": " + answer.get("error"));
            return answer.path("result");
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(method + " got no answer from Chromium: " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            return;
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> reply = pending.get(message.get("id").asLong());
            if (reply != null) reply.complete(message);
            return;
        }
        List<String> log = messages.get(message.path("sessionId").asText(""));
        if (log == null) return;
        JsonNode params = message.path("params");
        switch (message.path("method").asText()) {
            case "Runtime.consoleAPICalled" -> {
                List<String> parts = new ArrayList<>();
                for (JsonNode arg : params.path("args")) parts.add(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText());
                log.add("console." + params.path("type").asText() + ": " + String.join(" ", parts));
            }
            case "Runtime.exceptionThrown" -> {
                JsonNode details = params.path("exceptionDetails");
                log.add("uncaught: " + details.path("text").asText() + " " + details.path("exception").path("description").asText()
                        + " (line " + details.path("lineNumber").asInt() + ")");
            }
            case "Log.entryAdded" -> {
                JsonNode entry = params.path("entry");
                String level = entry.path("level").asText();
                if (level.equals("error") || level.equals("warning")) {
                    log.add("log." + level + " (" + entry.path("source").asText() + "): " + entry.path("text").asText() + " " + entry.path("url").asText(""));
                }
            }
            default -> { }
        }
    }

    /** Joins the parts of each text message and hands it on. */
    private static final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        volatile HeadlessChromium browser;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                while (browser == null) Thread.onSpinWait();
                browser.received(text);
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            // asks Chromium to quit, so it removes its profile's lock links; no answer is awaited
            socket.sendText("{\"id\":" + ids.incrementAndGet() + ",\"method\":\"Browser.close\",\"params\":{}}", true)
                    .get(5, TimeUnit.SECONDS);
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // it is stopped below either way
        }
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the browser is stopped below either way
        }
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        children.forEach(ProcessHandle::destroy);
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    }
}
