package dev.gradflow.checkpoint;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gradflow.nn.Dropout;
import dev.gradflow.report.Json;
import dev.gradflow.train.Budget;
import dev.gradflow.train.EarlyStoppingState;
import dev.gradflow.train.ScheduleState;
import dev.gradflow.train.TrainingPosition;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code checkpoint.json}: everything of a {@link TrainingState} that is not a tensor, the digests of the tensor
 * files, and the writer's run description (see {@code package-info} for the fields).
 */
final class StateJson {
    static final String FORMAT = "gradflow-checkpoint";
    static final int VERSION = 1;

    private StateJson() {}

    /** A tensor file's size and SHA-256, as recorded in {@code files}. */
    record FileDigest(long bytes, String sha256) {}

    /** One optimizer parameter's entry: its model name and step count. */
    record ParameterEntry(String name, long step) {}

    /** What checkpoint.json holds, read and checked (the tensors come from the other files). */
    record Document(String gradflowVersion, TrainingPosition position, ScheduleState schedule, String optimizer, double learningRate,
                    List<ParameterEntry> parameters, Map<String, Dropout.RandomState> dropout, EarlyStoppingState earlyStopping,
                    int skippedInARow, Map<String, FileDigest> files, Map<String, String> run) {}

    static byte[] write(TrainingState state, Map<String, FileDigest> files, Map<String, String> run, String gradflowVersion) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("gradflow_version", gradflowVersion);

        TrainingPosition p = state.position();
        ObjectNode position = root.putObject("position");
        position.put("step", p.step());
        position.put("epoch", p.epoch());
        position.put("batch_in_epoch", p.batchInEpoch());
        position.put("batches_per_epoch", p.batchesPerEpoch());
        position.put("training_rows", p.trainingRows());

        ObjectNode schedule = root.putObject("schedule");
        schedule.put("base_learning_rate", state.schedule().baseLearningRate());
        schedule.put("counts", state.schedule().counts().name().toLowerCase(Locale.ROOT));
        schedule.put("index", state.schedule().index());

        ObjectNode optimizer = root.putObject("optimizer");
        optimizer.put("name", state.optimizer().optimizer());
        optimizer.put("learning_rate", state.optimizer().learningRate());
        ArrayNode parameters = optimizer.putArray("parameters");
        for (int i = 0; i < state.parameterNames().size(); i++) {
            parameters.addObject().put("name", state.parameterNames().get(i)).put("step", state.optimizer().parameter(i).step());
        }

        ObjectNode dropout = root.putObject("dropout");
        state.dropout().forEach((path, s) -> dropout.putObject(path).put("seed", s.seed()).put("masks_drawn", s.masksDrawn()));

        ObjectNode early = root.putObject("early_stopping");
        double best = state.earlyStopping().bestValidationLoss();
        if (Double.isInfinite(best)) early.putNull("best_validation_loss");
        else early.put("best_validation_loss", best);
        early.put("evaluations_without_improvement", state.earlyStopping().evaluationsWithoutImprovement());
        root.putObject("non_finite").put("skipped_in_a_row", state.skippedInARow());

        ObjectNode fileNode = root.putObject("files");
        files.forEach((name, d) -> fileNode.putObject(name).put("bytes", d.bytes()).put("sha256", d.sha256()));
        ObjectNode runNode = root.putObject("run");
        run.forEach(runNode::put);
        try {
            return (Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("checkpoint.json cannot be written: " + e.getMessage(), e);
        }
    }

    static Document read(byte[] bytes, String source, String file) {
        JsonNode root;
        try {
            root = Json.mapper().reader().with(StreamReadFeature.STRICT_DUPLICATE_DETECTION).readTree(bytes);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            throw new CheckpointException(source, file + ": not valid JSON" + where + ": " + shorten(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new CheckpointException(source, file + ": cannot be read: " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) throw new CheckpointException(source, file + ": the file is empty");
        JsonFields doc = new JsonFields(root, source, file, "");
        String format = doc.text("format");
        if (!format.equals(FORMAT)) throw doc.error("format", "expected \"" + FORMAT + "\", got \"" + shorten(format) + "\"");
        long version = doc.integer("version", 1);
        if (version != VERSION) {
            throw doc.error("version", "this gradflow reads checkpoint format version " + VERSION + ", the file has version " + version);
        }
        String gradflowVersion = doc.text("gradflow_version");

        JsonFields p = doc.object("position");
        TrainingPosition position = checked(p, "position", () -> new TrainingPosition(p.integer("step", 1), p.integer("epoch", 1),
                p.smallInteger("batch_in_epoch", 1), p.smallInteger("batches_per_epoch", 1), p.smallInteger("training_rows", 1)));

        JsonFields s = doc.object("schedule");
        String counts = s.text("counts");
        Budget.Unit unit = switch (counts) {
            case "steps" -> Budget.Unit.STEPS;
            case "epochs" -> Budget.Unit.EPOCHS;
            default -> throw s.error("schedule.counts", "expected \"steps\" or \"epochs\", got \"" + shorten(counts) + "\"");
        };
        ScheduleState schedule = checked(s, "schedule", () -> new ScheduleState(s.number("base_learning_rate"), unit, s.integer("index", 0)));

        JsonFields o = doc.object("optimizer");
        String optimizer = o.text("name");
        double learningRate = o.number("learning_rate");
        if (learningRate < 0) throw o.error("optimizer.learning_rate", "expected a number >= 0, got " + learningRate);
        List<ParameterEntry> parameters = new ArrayList<>();
        for (JsonFields entry : o.objects("parameters")) parameters.add(new ParameterEntry(entry.text("name"), entry.integer("step", 0)));

        Map<String, Dropout.RandomState> dropout = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.entries("dropout")) {
            JsonFields d = new JsonFields(e.getValue(), source, file, "dropout." + e.getKey());
            dropout.put(e.getKey(), new Dropout.RandomState(d.integer("seed", Long.MIN_VALUE), d.integer("masks_drawn", 0)));
        }

        JsonFields es = doc.object("early_stopping");
        double best = es.numberOrInfinity("best_validation_loss");
        EarlyStoppingState earlyStopping = checked(es, "early_stopping",
                () -> new EarlyStoppingState(best, es.smallInteger("evaluations_without_improvement", 0)));
        int skippedInARow = doc.object("non_finite").smallInteger("skipped_in_a_row", 0);

        Map<String, FileDigest> files = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.entries("files")) {
            JsonFields d = new JsonFields(e.getValue(), source, file, "files." + e.getKey());
            String sha = d.text("sha256");
            if (!sha.matches("[0-9a-f]{64}")) throw d.error("files." + e.getKey() + ".sha256", "expected 64 lower-case hex digits");
            files.put(e.getKey(), new FileDigest(d.integer("bytes", 0), sha));
        }
        Map<String, String> run = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.entries("run")) {
            if (!e.getValue().isTextual()) throw doc.error("run." + e.getKey(), "expected a string, got " + JsonFields.describe(e.getValue()));
            run.put(e.getKey(), e.getValue().textValue());
        }
        return new Document(gradflowVersion, position, schedule, optimizer, learningRate, parameters, dropout, earlyStopping, skippedInARow,
                files, run);
    }

    /** Runs a record constructor, reporting its IllegalArgumentException as a problem of the object at {@code path}. */
    private static <T> T checked(JsonFields at, String path, java.util.function.Supplier<T> make) {
        try {
            return make.get();
        } catch (CheckpointException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw at.error(path, e.getMessage());
        }
    }

    static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
