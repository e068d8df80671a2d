/**
 * Training checkpoints on disk: {@link dev.gradflow.checkpoint.CheckpointStore} (a directory of checkpoints, the
 * sink a {@code Trainer} writes to), {@link dev.gradflow.checkpoint.CheckpointWriter} and
 * {@link dev.gradflow.checkpoint.CheckpointReader}.
 *
 * <h2>Format (version 1)</h2>
 * <pre>
 * checkpoints/
 *   step-000000120/             one directory per checkpoint, named by the optimizer steps completed
 *     model.safetensors         the model's state_dict: parameters F32, BatchNorm buffers (num_batches_tracked
 *                               I64); __metadata__ {format: pt, gradflow_version}. PyTorch loads it with
 *                               model.load_state_dict(safetensors.torch.load_file(path))
 *     optimizer.safetensors     every optimizer buffer as F32, named PARAMETER.BUFFER with PyTorch's buffer
 *                               names: 0.weight.exp_avg, 0.weight.exp_avg_sq, 2.bias.momentum_buffer, …
 *                               (shaped as the parameter; NAdam's mu_product has one element)
 *     checkpoint.json           everything else (below)
 *   .step-000000140.tmp-UUID/   a checkpoint being written (or abandoned by a crash): ignored, cleared later
 * </pre>
 * checkpoint.json:
 * <pre>{@code
 * {
 *   "format" : "gradflow-checkpoint",
 *   "version" : 1,
 *   "gradflow_version" : "0.1.0",
 *   "position" : { "step" : 120, "epoch" : 4, "batch_in_epoch" : 8, "batches_per_epoch" : 16, "training_rows" : 800 },
 *   "schedule" : { "base_learning_rate" : 0.01, "counts" : "steps", "index" : 119 },
 *   "optimizer" : { "name" : "adam", "learning_rate" : 0.0095,
 *                   "parameters" : [ { "name" : "0.weight", "step" : 120 }, { "name" : "0.bias", "step" : 120 }, … ] },
 *   "dropout" : { "3" : { "seed" : -4962768465676381896, "masks_drawn" : 120 } },
 *   "early_stopping" : { "best_validation_loss" : 0.0123, "evaluations_without_improvement" : 2 },
 *   "non_finite" : { "skipped_in_a_row" : 0 },
 *   "files" : { "model.safetensors" : { "bytes" : 35200, "sha256" : "…" },
 *               "optimizer.safetensors" : { "bytes" : 69800, "sha256" : "…" } },
 *   "run" : { "spec" : "…", "data" : "…", … }
 * }
 * }</pre>
 * <ul>
 *   <li>{@code position}: steps completed, the (1-based) epoch of the last one and how many of that epoch's batches
 *       it consumed; batch order is a function of (seed, epoch), so the next batch is known. {@code
 *       batches_per_epoch} and {@code training_rows} let a resuming run check it cuts the same data the same way.</li>
 *   <li>{@code schedule}: the base learning rate (the optimizer's rate at the start of the run) and the schedule
 *       index of the last step, counted in {@code steps} or {@code epochs}.</li>
 *   <li>{@code optimizer}: its name, the learning rate in force, and per parameter (in the optimizer's order) the
 *       model's name for it and its step count (0: not stepped yet, no buffers).</li>
 *   <li>{@code dropout}: each dropout layer's mask stream by module path: the k-th mask is a function of (seed, k).</li>
 *   <li>{@code early_stopping}: the best validation loss ({@code null} before the first: +∞) and the evaluations
 *       since it improved.</li>
 *   <li>{@code non_finite}: the steps skipped in a row for a non-finite loss or gradient just before (with
 *       {@code --on-non-finite skip}, the limit counts across a resume).</li>
 *   <li>{@code files}: size and SHA-256 of the two tensor files, checked before they are parsed.</li>
 *   <li>{@code run}: strings the writer records about its run (the CLI: spec, data, optimizer, options), so that a
 *       resuming run can check it is the same run.</li>
 * </ul>
 * Numbers are written so that they read back to the same double (and so the same float) bit for bit.
 *
 * <h2>Crash safety</h2>
 * A checkpoint is written into a hidden temporary directory (each file flushed to the device), which is then
 * renamed to {@code step-N} in one atomic step and the parent directory flushed; the oldest checkpoints beyond
 * the number kept are removed only afterwards. So a crash at any moment leaves the previous complete checkpoints
 * in place, and any {@code step-N} directory is complete.
 */
package dev.gradflow.checkpoint;
