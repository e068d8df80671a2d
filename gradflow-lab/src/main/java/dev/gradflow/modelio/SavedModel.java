package dev.gradflow.modelio;

import dev.gradflow.nn.Module;
import dev.gradflow.spec.ModelSpec;
import dev.gradflow.tensor.Tensor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A saved model: its spec (the architecture, as YAML) and its weights (a PyTorch state_dict in safetensors).
 *
 * <h2>File layout</h2>
 * A saved model is one of two things; {@link #load} reads both.
 * <ol>
 *   <li><b>A directory</b> (what {@link #save} writes):
 *   <pre>
 *   model/
 *     model.yaml            the spec, as ModelSpec.toYaml() writes it; edit it freely (e.g. dropout p)
 *     weights.safetensors   the weights: tensors named as PyTorch's state_dict (0.weight, 0.bias,
 *                           1.running_mean, 1.num_batches_tracked, 3.branch.0.weight, …), F32 except
 *                           num_batches_tracked (I64); __metadata__ {format: pt, gradflow_version}
 *   </pre>
 *   model.yaml is the spec of record; a {@code spec} entry in the weights' metadata, if any, is ignored.</li>
 *   <li><b>A single .safetensors file</b> whose {@code __metadata__} holds the spec under {@code spec} (what
 *   {@code ModelWeights.save(model, spec, file)} writes), beside {@code format} and {@code gradflow_version}.</li>
 * </ol>
 * Either way {@code weights.safetensors} is a plain safetensors file: PyTorch loads it with
 * {@code model.load_state_dict(safetensors.torch.load_file(path))} into the equivalent {@code torch.nn.Sequential}.
 * The directory keeps the spec readable and diffable; the single file is easier to pass around.
 *
 * <p>Each file is written atomically (complete old or complete new, never half). The pair is not: the weights are
 * written first and model.yaml second, so a crash in between leaves new weights beside the old spec (which the
 * shape check of {@link ModelWeights#copyInto} catches when the architecture changed).
 *
 * @param location the directory or file it was read from
 * @param spec the model spec
 * @param weights the tensors by state_dict name, as float32, in file order
 * @param metadata the weights file's {@code __metadata__}
 */
public record SavedModel(Path location, ModelSpec spec, Map<String, Tensor> weights, Map<String, String> metadata) {
    /** The spec's file name in the directory form. */
    public static final String SPEC_FILE = "model.yaml";
    /** The weights' file name in the directory form. */
    public static final String WEIGHTS_FILE = "weights.safetensors";

    public SavedModel {
        if (location == null || spec == null || weights == null || metadata == null) {
            throw new IllegalArgumentException("saved model: location, spec, weights and metadata must be given");
        }
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Reads a saved-model directory or a single .safetensors file whose metadata holds the spec. */
    public static SavedModel load(Path path) {
        if (Files.isDirectory(path)) {
            Path specFile = path.resolve(SPEC_FILE);
            Path weightsFile = path.resolve(WEIGHTS_FILE);
            if (!Files.isRegularFile(specFile)) throw new ModelFileException(path.toString(), null, "a saved-model directory needs " + SPEC_FILE);
            if (!Files.isRegularFile(weightsFile)) throw new ModelFileException(path.toString(), null, "a saved-model directory needs " + WEIGHTS_FILE);
            ModelSpec spec = ModelSpec.load(specFile);
            SafetensorsContent content = SafetensorsReader.read(weightsFile);
            return new SavedModel(path, spec, content.floatTensors(), content.metadata());
        }
        SafetensorsContent content = SafetensorsReader.read(path);
        String yaml = content.metadata().get(ModelMetadata.SPEC);
        if (yaml == null) {
            throw new ModelFileException(path.toString(), SafetensorsHeader.METADATA_KEY, "no model spec (key '" + ModelMetadata.SPEC
                    + "'): this is a weights-only file; build the model and use ModelWeights.load");
        }
        ModelSpec spec = ModelSpec.parse(yaml, path + " " + SafetensorsHeader.METADATA_KEY + "." + ModelMetadata.SPEC);
        return new SavedModel(path, spec, content.floatTensors(), content.metadata());
    }

    /** Writes the directory form: {@code directory/model.yaml} and {@code directory/weights.safetensors}. */
    public static void save(Path directory, ModelSpec spec, Module model) {
        if (spec == null) throw new IllegalArgumentException("saved model: the spec must be given");
        if (Files.exists(directory) && !Files.isDirectory(directory)) {
            throw new IllegalArgumentException("saved model: " + directory + " exists and is not a directory");
        }
        SafetensorsWriter.write(directory.resolve(WEIGHTS_FILE), ModelWeights.stateDict(model), ModelMetadata.of(null));
        byte[] yaml = spec.toYaml().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(directory.resolve(SPEC_FILE), channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(yaml);
            while (buffer.hasRemaining()) channel.write(buffer);
        });
    }

    /** Copies the weights into {@code model} (built from {@link #spec}), checking names and shapes first. */
    public void copyInto(Module model) {
        ModelWeights.copyInto(model, weights, location.toString());
    }
}
