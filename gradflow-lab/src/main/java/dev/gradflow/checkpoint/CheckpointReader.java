package dev.gradflow.checkpoint;

import dev.gradflow.modelio.ModelFileException;
import dev.gradflow.modelio.SafetensorsReader;
import dev.gradflow.optim.OptimizerState;
import dev.gradflow.optim.ParameterState;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a checkpoint directory written by {@link CheckpointWriter}, treating it as untrusted: checkpoint.json is
 * parsed and every field checked for type and range; each tensor file must have the size and SHA-256 that
 * checkpoint.json records (so a truncated, swapped or bit-flipped file is caught before it is parsed); the
 * safetensors files are read by the bounds-checked {@link SafetensorsReader}; the optimizer buffers must belong to
 * listed parameters. Every defect is reported as a {@link CheckpointException} naming the directory, the file and
 * the field; whether the state fits a given model and optimizer is checked by {@code Trainer.resume}.
 */
public final class CheckpointReader {
    /** checkpoint.json is small (a few lines per layer); a larger one is not a checkpoint. */
    static final long MAX_STATE_BYTES = 16L << 20;
    /** The largest tensor file read into one array. */
    static final long MAX_TENSOR_FILE_BYTES = Integer.MAX_VALUE - 8;

    private CheckpointReader() {}

    /** Reads the checkpoint directory {@code directory}. */
    public static Checkpoint read(Path directory) {
        String source = directory.toString();
        if (!Files.isDirectory(directory)) {
            throw new CheckpointException(source, Files.exists(directory) ? "is not a directory" : "no such checkpoint directory");
        }
        Map<String, byte[]> files = new HashMap<>();
        files.put(CheckpointWriter.STATE_FILE, readFile(directory, CheckpointWriter.STATE_FILE, MAX_STATE_BYTES, source));
        StateJson.Document document = StateJson.read(files.get(CheckpointWriter.STATE_FILE), source, CheckpointWriter.STATE_FILE);
        for (String name : document.files().keySet()) {
            if (!Set.of(CheckpointWriter.MODEL_FILE, CheckpointWriter.OPTIMIZER_FILE).contains(name)) {
                throw new CheckpointException(source, CheckpointWriter.STATE_FILE + ": files: unexpected entry \"" + StateJson.shorten(name) + "\"");
            }
            files.put(name, readFile(directory, name, MAX_TENSOR_FILE_BYTES, source));
        }
        return assemble(document, files, source);
    }

    /** Reads a checkpoint held in memory as its files by name; {@code source} names it in errors. */
    public static Checkpoint read(Map<String, byte[]> files, String source) {
        byte[] state = files.get(CheckpointWriter.STATE_FILE);
        if (state == null) throw new CheckpointException(source, CheckpointWriter.STATE_FILE + " is missing");
        return assemble(StateJson.read(state, source, CheckpointWriter.STATE_FILE), files, source);
    }

    private static byte[] readFile(Path directory, String name, long limit, String source) {
        Path file = directory.resolve(name);
        try {
            long size = Files.size(file);
            if (size > limit) throw new CheckpointException(source, name + ": " + size + " bytes, more than the " + limit + " this reader accepts");
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CheckpointException(source, name + " is missing", e);
        } catch (IOException e) {
            throw new CheckpointException(source, name + ": cannot be read: " + e, e);
        }
    }

    private static Checkpoint assemble(StateJson.Document document, Map<String, byte[]> files, String source) {
        Map<String, Tensor> model = tensors(files, document, CheckpointWriter.MODEL_FILE, source);
        Map<String, Tensor> buffers = tensors(files, document, CheckpointWriter.OPTIMIZER_FILE, source);
        OptimizerState optimizer = optimizerState(document, buffers, source);
        List<String> names = new ArrayList<>();
        for (StateJson.ParameterEntry p : document.parameters()) names.add(p.name());
        try {
            TrainingState state = new TrainingState(document.position(), model, optimizer, names, document.schedule(), document.dropout(),
                    document.earlyStopping(), document.skippedInARow());
            return new Checkpoint(source, state, document.run(), document.gradflowVersion());
        } catch (CheckpointException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source, e.getMessage(), e);
        }
    }

    /** A tensor file's tensors, after checking its size and digest against checkpoint.json. */
    private static Map<String, Tensor> tensors(Map<String, byte[]> files, StateJson.Document document, String name, String source) {
        StateJson.FileDigest expected = document.files().get(name);
        if (expected == null) throw new CheckpointException(source, CheckpointWriter.STATE_FILE + ": files: no entry for " + name);
        byte[] bytes = files.get(name);
        if (bytes == null) throw new CheckpointException(source, name + " is missing");
        if (bytes.length != expected.bytes()) {
            throw new CheckpointException(source, name + ": " + bytes.length + " bytes, but " + CheckpointWriter.STATE_FILE + " records "
                    + expected.bytes() + " (truncated or replaced)");
        }
        if (!CheckpointWriter.sha256(bytes).equals(expected.sha256())) {
            throw new CheckpointException(source, name + ": SHA-256 differs from the one " + CheckpointWriter.STATE_FILE + " records (corrupt or replaced)");
        }
        try {
            return SafetensorsReader.read(bytes, name).floatTensors();
        } catch (ModelFileException e) {
            throw new CheckpointException(source, e.getMessage(), e);
        }
    }

    /** The optimizer state: each listed parameter's step count with the buffers named after it. */
    private static OptimizerState optimizerState(StateJson.Document document, Map<String, Tensor> buffers, String source) {
        Map<String, Map<String, float[]>> byParameter = new LinkedHashMap<>();
        for (StateJson.ParameterEntry p : document.parameters()) {
            if (byParameter.put(p.name(), new LinkedHashMap<>()) != null) {
                throw new CheckpointException(source, CheckpointWriter.STATE_FILE + ": optimizer.parameters: \"" + StateJson.shorten(p.name())
                        + "\" is listed twice");
            }
        }
        buffers.forEach((tensorName, values) -> {
            int dot = tensorName.lastIndexOf('.');
            Map<String, float[]> owner = dot <= 0 ? null : byParameter.get(tensorName.substring(0, dot));
            if (owner == null || dot == tensorName.length() - 1) {
                throw new CheckpointException(source, CheckpointWriter.OPTIMIZER_FILE + ": tensor '" + StateJson.shorten(tensorName)
                        + "' is not <parameter>.<buffer> for a parameter listed in " + CheckpointWriter.STATE_FILE);
            }
            owner.put(tensorName.substring(dot + 1), values.data());
        });
        List<ParameterState> states = new ArrayList<>();
        for (StateJson.ParameterEntry p : document.parameters()) {
            Map<String, float[]> own = byParameter.get(p.name());
            if (p.step() == 0 && !own.isEmpty()) {
                throw new CheckpointException(source, CheckpointWriter.OPTIMIZER_FILE + ": parameter \"" + StateJson.shorten(p.name())
                        + "\" has buffers " + own.keySet() + " but step 0 in " + CheckpointWriter.STATE_FILE);
            }
            states.add(new ParameterState(p.step(), own));
        }
        try {
            return new OptimizerState(document.optimizer(), document.learningRate(), states);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(source, CheckpointWriter.STATE_FILE + ": optimizer: " + e.getMessage(), e);
        }
    }
}
