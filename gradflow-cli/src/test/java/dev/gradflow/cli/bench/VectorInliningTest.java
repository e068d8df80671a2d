package dev.gradflow.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gradflow.backend.KernelProvider;
import dev.gradflow.cli.GradflowCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SIMD kernels' compiled code keeps every Vector API operation in place ({@link VectorInliningReport}), and the
 * report reads HotSpot's compilation log correctly.
 *
 * <p>The seed job runs in a child JVM with the launcher's JIT flags and {@code -Xbatch}: compilation then happens in a
 * fixed order, so the check is repeatable. Before the kernels' tails became scalar, this setting left
 * {@code MatrixVector}'s masked store and the activations' vector-taking helper as calls, every time.
 */
class VectorInliningTest {
    @TempDir
    Path dir;

    @Test
    void theSeedJobsKernelsCompileWithEveryVectorOperationInPlace() throws Exception {
        assumeTrue(KernelProvider.kernels().name().startsWith("simd"), "the SIMD kernels are not in use here");
        Path log = dir.resolve("compilation.log");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--add-modules", "jdk.incubator.vector", "-Xbatch"));
        command.addAll(launcherJitFlags());
        command.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+LogCompilation", "-XX:LogFile=" + log,
                "-cp", System.getProperty("java.class.path"), GradflowCommand.class.getName(), "seed", "--steps", "300"));
        Path output = dir.resolve("child.log");
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the seed job did not end");
        assertEquals(0, child.exitValue(), Files.readString(output));

        List<VectorInliningReport.FinalCompile> compiles = VectorInliningReport.finalCompiles(
                Files.readString(log, StandardCharsets.ISO_8859_1));
        // Not vacuous: C2 compiled the kernels the seed job runs.
        List<String> methods = compiles.stream().map(VectorInliningReport.FinalCompile::method).toList();
        for (String kernel : List.of("GemmMicroKernels.kernelFull", "ThinGemm.kernel", "MatrixVector.combineRows",
                "SimdReductions.sumRowsInto", "SimdStatistics.summarizeMagnitudes")) {
            assertTrue(methods.contains(kernel), kernel + " was not compiled by C2: " + methods);
        }
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        int failing = VectorInliningReport.print(compiles, new PrintStream(report, true, StandardCharsets.UTF_8));
        assertEquals(0, failing, report.toString(StandardCharsets.UTF_8));
    }

    @Test
    void countsCallsLeftButNotLateInlinedOnesSizeFailuresOrC1() {
        String log = """
                <task compile_id='10' method='dev.gradflow.backend.simd.K run ([F)V' bytes='9' level='3' stamp='0.1'>
                <klass id='1' name='jdk.incubator.vector.FloatVector'/>
                <method id='2' holder='1' name='lanewise'/>
                <parse method='9'><bc code='182' bci='5'/><call method='2'/><inline_fail reason='no static binding'/></parse>
                </task>
                <task compile_id='11' method='dev.gradflow.backend.simd.K run ([F)V' bytes='9' stamp='0.2'>
                <klass id='1' name='jdk.incubator.vector.FloatVector'/>
                <method id='2' holder='1' name='lanewise'/>
                <method id='3' holder='1' name='rearrange'/>
                <method id='4' holder='1' name='badElementBits'/>
                <parse method='9'>
                <bc code='182' bci='5'/><call method='2' virtual='1'/><inline_fail reason='virtual call'/>
                <bc code='182' bci='7'/><call method='3' virtual='1'/><inline_fail reason='virtual call'/>
                <bc code='182' bci='8'/><call method='4'/><inline_fail reason='callee is too large'/>
                </parse>
                <late_inline method='3' inline_id='0'>
                <jvms bci='7' method='9'/>
                </late_inline>
                <call method='5'/><inline_success reason='force inline by annotation'/>
                </task>
                <task compile_id='12' compile_kind='osr' method='dev.gradflow.backend.simd.K run ([F)V' bytes='9' stamp='0.3'>
                <klass id='1' name='jdk.incubator.vector.FloatVector'/>
                <method id='2' holder='1' name='lanewise'/>
                <parse method='9'><bc code='182' bci='5'/><call method='2' virtual='1'/><inline_fail reason='virtual call'/></parse>
                </task>
                <task compile_id='13' method='dev.gradflow.other.X y ()V' bytes='9' stamp='0.4'>
                <klass id='1' name='jdk.incubator.vector.FloatVector'/>
                <method id='2' holder='1' name='lanewise'/>
                <parse method='9'><bc code='182' bci='5'/><call method='2' virtual='1'/><inline_fail reason='virtual call'/></parse>
                </task>
                """;
        List<VectorInliningReport.FinalCompile> compiles = VectorInliningReport.finalCompiles(log);
        assertEquals(2, compiles.size(), compiles.toString());
        VectorInliningReport.FinalCompile normal = compiles.stream().filter(c -> !c.osr()).findFirst().orElseThrow();
        assertEquals(11, normal.compileId());
        assertEquals(Map.of("FloatVector.lanewise (virtual call)", 1), normal.vectorCallsLeft());
        VectorInliningReport.FinalCompile osr = compiles.stream().filter(VectorInliningReport.FinalCompile::osr).findFirst().orElseThrow();
        assertEquals("K.run", osr.method());
        assertFalse(osr.vectorCallsLeft().isEmpty());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        assertEquals(1, VectorInliningReport.print(compiles, new PrintStream(report, true, StandardCharsets.UTF_8)));
    }

    /** The JIT flags the ./gradflow launcher passes (its {@code jit_flags=(…)} line), so the test checks what users run. */
    private static List<String> launcherJitFlags() throws Exception {
        Path launcher = Path.of("..", "gradflow");
        String line = Files.readAllLines(launcher).stream().filter(l -> l.startsWith("jit_flags=(")).findFirst()
                .orElseThrow(() -> new AssertionError("no jit_flags=(…) line in " + launcher.toAbsolutePath()));
        List<String> flags = new ArrayList<>();
        Matcher token = Pattern.compile("\"([^\"]*)\"|([^\\s()\"]+)").matcher(line.substring(line.indexOf('(') + 1, line.lastIndexOf(')')));
        while (token.find()) flags.add(token.group(1) != null ? token.group(1) : token.group(2));
        assertFalse(flags.isEmpty(), line);
        return flags;
    }
}
