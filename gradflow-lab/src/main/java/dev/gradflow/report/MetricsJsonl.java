package dev.gradflow.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.gradflow.diagnostics.StepRecord;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code metrics.jsonl}: one JSON object per recorded step, one per line, appended as training goes — a probe sink.
 * Each line is a {@link StepRecord} in {@link Json}'s mapping:
 * <pre>{"step":1,"loss":0.54,"learning_rate":0.01,"pre_clip_norm":null,"clipped":false,
 *  "layers":[{"name":"0","kind":"linear","activation_mean":..,"activation_std":..,"saturated_fraction":0,
 *             "dead_fraction":0,"grad_output_rms":..,"grad_output_max":..},...],
 *  "parameters":[{"name":"0.weight","grad_l2":..,"grad_rms":..,"grad_max_abs":..,"grad_zero_fraction":..,
 *                 "non_finite":0,"weight_l2":..,"update_l2":..,"update_ratio":..},...]}</pre>
 * Lines are flushed every {@code flushEvery} records and on close, so a killed run loses at most that many.
 */
public final class MetricsJsonl implements Consumer<StepRecord>, Closeable {
    private static final ObjectWriter WRITER = Json.mapper().writerFor(StepRecord.class);
    private final BufferedWriter out;
    private final int flushEvery;
    private int pending;

    public MetricsJsonl(Path file, int flushEvery) {
        try {
            this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
        this.flushEvery = Math.max(1, flushEvery);
    }

    @Override
    public void accept(StepRecord record) {
        try {
            out.write(WRITER.writeValueAsString(record));
            out.write('\n');
            if (++pending >= flushEvery) {
                out.flush();
                pending = 0;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /** Reads every complete line of a metrics.jsonl file (a torn last line of a killed run is skipped). */
    public static List<StepRecord> read(Path file) throws IOException {
        List<StepRecord> records = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) continue;
            try {
                records.add(Json.mapper().readValue(line, StepRecord.class));
            } catch (IOException e) {
                if (i == lines.size() - 1) break;
                throw new IOException(file + ": line " + (i + 1) + " is not a metrics record: " + e.getMessage(), e);
            }
        }
        return records;
    }
}
