package dev.gradflow.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a HotSpot compilation log ({@code -XX:+UnlockDiagnosticVMOptions -XX:+LogCompilation -XX:LogFile=LOG}) and
 * reports the Vector API calls C2 left as calls in the final compiled code of gradflow's SIMD kernels.
 *
 * <p>Why it matters: a vector operation C2 does not compile in place boxes its vectors on the heap and runs the
 * API's Java fallback, 10–100× slower; inside a loop the whole kernel runs that slowly for the rest of the JVM's life.
 * Which calls stay calls depends on type profiles and so on JIT timing (see {@code SimdKernels}).
 *
 * <p>For every method of the package, the last C2 compilation of its normal entry and of its loop (OSR) entry is the
 * code that stays. A call counts as left when C2 logged an inlining failure for it into {@code jdk.incubator.vector}
 * or {@code jdk.internal.vm.vector} and did not inline it later by incremental inlining (a {@code late_inline} record
 * at the same call site followed by a success). Size failures ("callee is too large", …) are not counted: they are
 * the API's error paths. C1 compilations (which carry a {@code level}) are skipped.
 *
 * <p>{@code scripts/vector-inlining-report.sh} runs a gradflow command with the log on and this report on its log;
 * {@code VectorInliningTest} does the same on the seed job under {@code -Xbatch}, where compilation order is fixed.
 */
public final class VectorInliningReport {
    /** The package whose compilations are examined. */
    public static final String SIMD_PACKAGE = "dev.gradflow.backend.simd";

    private static final Pattern TAG = Pattern.compile("<(/?[A-Za-z_]+)([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)='([^']*)'");
    private static final List<String> VECTOR_PACKAGES = List.of("jdk.incubator.vector.", "jdk.internal.vm.vector.");
    private static final List<String> SIZE_REASONS = List.of("too large", "too big", "too deep", "DesiredMethodLimit");

    /** The last C2 compilation of one entry of a method: "Class.method", whether the loop entry, and the calls left. */
    public record FinalCompile(String method, boolean osr, int compileId, Map<String, Integer> vectorCallsLeft) {}

    private VectorInliningReport() {}

    /** The last C2 compilation of each entry of each method of {@link #SIMD_PACKAGE} in {@code log}, by method. */
    public static List<FinalCompile> finalCompiles(String log) {
        Map<String, FinalCompile> last = new TreeMap<>();
        int from = 0;
        while (true) {
            int start = log.indexOf("<task ", from);
            if (start < 0) break;
            int headEnd = log.indexOf('>', start);
            int end = log.indexOf("</task>", headEnd);
            if (headEnd < 0 || end < 0) break;
            from = end;
            Map<String, String> head = attributes(log.substring(start + 5, headEnd));
            String method = head.getOrDefault("method", "");
            // C1 tasks carry their tier (level='1'..'3'); C2 tasks do not.
            if (head.containsKey("level") || !method.startsWith(SIMD_PACKAGE + ".")) continue;
            String[] parts = method.split(" ");
            boolean osr = "osr".equals(head.get("compile_kind"));
            String name = parts[0].substring(parts[0].lastIndexOf('.') + 1) + "." + parts[1];
            int id = Integer.parseInt(head.get("compile_id"));
            String key = name + (osr ? " osr" : "");
            FinalCompile previous = last.get(key);
            if (previous == null || previous.compileId() < id) {
                last.put(key, new FinalCompile(name, osr, id, vectorCallsLeft(log.substring(headEnd + 1, end))));
            }
        }
        return List.copyOf(last.values());
    }

    /** "Holder.method (reason)" → count, for the Vector API calls one C2 compilation (its task body) left as calls. */
    static Map<String, Integer> vectorCallsLeft(String body) {
        Map<String, String> classes = new HashMap<>();
        Map<String, String[]> methods = new HashMap<>();   // id → {holder class, name}
        Map<String, List<String>> failed = new HashMap<>(); // "callee@bci@enclosing" → reasons
        List<String> parsing = new ArrayList<>();
        String callee = null;
        String bci = null;
        String lateSite = null;     // a late inline whose site is known, waiting for its outcome
        String lateCallee = null;   // a late inline waiting for its <jvms> (the call site)
        Matcher tag = TAG.matcher(body);
        while (tag.find()) {
            String kind = tag.group(1);
            Map<String, String> a = attributes(tag.group(2));
            switch (kind) {
                case "klass" -> classes.put(a.get("id"), a.get("name"));
                case "method" -> methods.put(a.get("id"), new String[] {a.get("holder"), a.get("name")});
                case "parse" -> {
                    parsing.add(a.get("method"));
                    lateSite = resolve(failed, lateSite, true);
                }
                case "/parse" -> parsing.removeLast();
                case "bc" -> bci = a.get("bci");
                case "call" -> callee = a.get("method");
                case "late_inline" -> {
                    lateCallee = a.get("method");
                    lateSite = null;
                }
                case "intrinsic" -> lateSite = null;   // a late intrinsic: no inlining failure to take back
                case "jvms" -> {
                    if (lateCallee != null) {
                        lateSite = lateCallee + "@" + a.get("bci") + "@" + a.get("method");
                        lateCallee = null;
                    }
                }
                case "inline_success" -> lateSite = resolve(failed, lateSite, true);
                case "inline_fail" -> {
                    if (lateSite != null) {
                        lateSite = resolve(failed, lateSite, false);
                    } else if (callee != null && !parsing.isEmpty()) {
                        failed.computeIfAbsent(callee + "@" + bci + "@" + parsing.getLast(), k -> new ArrayList<>()).add(a.get("reason"));
                    }
                }
                default -> { }
            }
        }
        Map<String, Integer> left = new TreeMap<>();
        failed.forEach((site, reasons) -> {
            String[] m = methods.getOrDefault(site.substring(0, site.indexOf('@')), new String[] {"?", "?"});
            String holder = classes.getOrDefault(m[0], "?");
            if (VECTOR_PACKAGES.stream().noneMatch(holder::startsWith)) return;
            for (String reason : reasons) {
                if (SIZE_REASONS.stream().anyMatch(reason::contains)) continue;
                left.merge(holder.substring(holder.lastIndexOf('.') + 1) + "." + m[1] + " (" + reason + ")", 1, Integer::sum);
            }
        });
        return left;
    }

    /** A late inline at {@code site} ended: on success one failure logged there at parse time is taken back. */
    private static String resolve(Map<String, List<String>> failed, String site, boolean success) {
        if (site != null && success) {
            List<String> reasons = failed.get(site);
            if (reasons != null && !reasons.isEmpty()) reasons.removeLast();
        }
        return null;
    }

    private static Map<String, String> attributes(String text) {
        Map<String, String> out = new HashMap<>();
        Matcher m = ATTRIBUTE.matcher(text);
        while (m.find()) out.put(m.group(1), m.group(2));
        return out;
    }

    /** Prints the report; returns the number of normal-entry compilations that left a Vector API call. */
    public static int print(List<FinalCompile> compiles, PrintStream out) {
        int failing = 0;
        for (FinalCompile c : compiles) {
            if (c.vectorCallsLeft().isEmpty()) continue;
            if (!c.osr()) failing++;
            out.printf("%s (%s entry, compile %d):%n", c.method(), c.osr() ? "loop (OSR)" : "normal", c.compileId());
            c.vectorCallsLeft().forEach((call, count) -> out.printf("    not inlined: %s x%d%n", call, count));
        }
        out.printf("%d final C2 compilations of %s; %d normal-entry compilations leave Vector API calls%n",
                compiles.size(), SIMD_PACKAGE, failing);
        return failing;
    }

    /**
     * {@code VectorInliningReport LOG}: prints the report. Exit status 0 when no normal-entry compilation left a
     * Vector API call (loop-entry compilations run once and are listed but do not count), 1 when one did, 2 when
     * the log cannot be read.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: VectorInliningReport LOG   (a -XX:+LogCompilation file)");
            System.exit(2);
        }
        String log;
        try {
            log = Files.readString(Path.of(args[0]), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            System.err.println("vector-inlining-report: cannot read " + args[0] + ": " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(print(finalCompiles(log), System.out) == 0 ? 0 : 1);
    }
}
