package dev.gradflow.checkpoint;

import dev.gradflow.modelio.Dtype;
import dev.gradflow.modelio.ModelMetadata;
import dev.gradflow.modelio.SafetensorsWriter;
import dev.gradflow.modelio.StoredTensor;
import dev.gradflow.optim.ParameterState;
import dev.gradflow.tensor.Tensor;
import dev.gradflow.train.TrainingState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes a checkpoint directory (format: see {@code package-info}) so that it appears complete or not at all: the
 * three files go into a temporary sibling directory ({@code .NAME.tmp-UUID}), each flushed to the device, the
 * directory is flushed, then renamed to its name in one atomic step and the parent directory flushed. A crash at
 * any moment leaves either no directory of that name (only a temporary one, which readers ignore) or a complete one.
 */
public final class CheckpointWriter {
    /** The non-tensor state, digests of the tensor files, and the run description (JSON). */
    public static final String STATE_FILE = "checkpoint.json";
    /** The model's state_dict: parameters (F32) and buffers (num_batches_tracked as I64), as PyTorch loads it. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The optimizer's buffers, each named {@code <parameter name>.<buffer name>} ({@code 0.weight.exp_avg}), F32. */
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";

    private CheckpointWriter() {}

    /**
     * Writes {@code state} as the checkpoint directory {@code target}, replacing one that exists.
     *
     * @param run what to record about the run (spec, data, options), returned by {@link CheckpointReader}
     * @throws UncheckedIOException when the directory cannot be written; nothing is left at {@code target} then
     *                              (an existing checkpoint there stays)
     */
    public static void write(Path target, TrainingState state, Map<String, String> run) {
        Map<String, byte[]> files = toFiles(state, run);
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Path temporary = parent.resolve("." + absolute.getFileName() + ".tmp-" + UUID.randomUUID());
        try {
            Files.createDirectories(parent);
            Files.createDirectory(temporary);
            try {
                for (String name : List.of(MODEL_FILE, OPTIMIZER_FILE, STATE_FILE)) DurableFiles.writeNew(temporary.resolve(name), files.get(name));
                DurableFiles.syncDirectory(temporary);
                if (Files.exists(absolute)) {
                    Path old = parent.resolve("." + absolute.getFileName() + ".deleting-" + UUID.randomUUID());
                    DurableFiles.renameAtomically(absolute, old);
                    DurableFiles.renameAtomically(temporary, absolute);
                    DurableFiles.deleteTree(old);
                } else {
                    DurableFiles.renameAtomically(temporary, absolute);
                }
                DurableFiles.syncDirectory(parent);
            } finally {
                DurableFiles.deleteTree(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write checkpoint " + target + ": " + e.getMessage(), e);
        }
    }

    /** The checkpoint's three files by name, as {@link #write} writes them. */
    public static Map<String, byte[]> toFiles(TrainingState state, Map<String, String> run) {
        if (state == null || run == null) throw new IllegalArgumentException("checkpoint writer: state and run must be given");
        String version = ModelMetadata.gradflowVersion();
        byte[] model = SafetensorsWriter.toBytes(modelTensors(state), ModelMetadata.of(null));
        byte[] optimizer = SafetensorsWriter.toBytes(optimizerTensors(state), Map.of(ModelMetadata.GRADFLOW_VERSION, version));
        Map<String, StateJson.FileDigest> digests = new LinkedHashMap<>();
        digests.put(MODEL_FILE, digest(model));
        digests.put(OPTIMIZER_FILE, digest(optimizer));
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(STATE_FILE, StateJson.write(state, digests, run, version));
        files.put(MODEL_FILE, model);
        files.put(OPTIMIZER_FILE, optimizer);
        return files;
    }

    /** The model state as stored: BatchNorm's num_batches_tracked as I64 (PyTorch's int64), everything else F32. */
    private static Map<String, StoredTensor> modelTensors(TrainingState state) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        state.model().forEach((name, t) -> {
            boolean counter = name.equals("num_batches_tracked") || name.endsWith(".num_batches_tracked");
            out.put(name, new StoredTensor(counter ? Dtype.I64 : Dtype.F32, t));
        });
        return out;
    }

    /** Each buffer under {@code <parameter name>.<buffer name>}, shaped as its parameter when it is as long. */
    private static Map<String, StoredTensor> optimizerTensors(TrainingState state) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (int i = 0; i < state.parameterNames().size(); i++) {
            String parameter = state.parameterNames().get(i);
            ParameterState s = state.optimizer().parameter(i);
            Tensor shapeOf = state.model().get(parameter);
            s.buffers().forEach((buffer, values) -> {
                Tensor t = shapeOf != null && shapeOf.size() == values.length ? Tensor.of(values, shapeOf.shape()) : Tensor.of(values, values.length);
                out.put(parameter + "." + buffer, StoredTensor.f32(t));
            });
        }
        return out;
    }

    static StateJson.FileDigest digest(byte[] bytes) {
        return new StateJson.FileDigest(bytes.length, sha256(bytes));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
