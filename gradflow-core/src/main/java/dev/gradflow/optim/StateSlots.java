package dev.gradflow.optim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-parameter state every optimizer keeps, as PyTorch's {@code optimizer.state[p]} does: a step count and
 * named float buffers, created at the parameter's first step (a parameter that never had a gradient has no state)
 * and converted to and from the {@link ParameterState}s of a checkpoint.
 *
 * <p>Which buffers exist is fixed by the optimizer's configuration when it is built (SGD keeps
 * {@code momentum_buffer} only when momentum ≠ 0), and a checkpoint must hold exactly those.
 */
final class StateSlots {

    /**
     * One named buffer: as long as the parameter ({@link #perElement}) or a single value ({@link #scalar}), each
     * value starting at {@code initial} (Adagrad's initial_accumulator_value, NAdam's μ-product 1).
     */
    record Buffer(String name, boolean single, float initial) {
        static Buffer perElement(String name) {
            return new Buffer(name, false, 0f);
        }

        static Buffer perElement(String name, float initial) {
            return new Buffer(name, false, initial);
        }

        static Buffer scalar(String name, float initial) {
            return new Buffer(name, true, initial);
        }

        int length(int parameterSize) {
            return single ? 1 : parameterSize;
        }
    }

    /** A started parameter's state: its step count t and its buffers, in declaration order. */
    static final class Slot {
        private final List<Buffer> declared;
        private final float[][] buffers;
        private long step;

        private Slot(List<Buffer> declared, float[][] buffers, long step) {
            this.declared = declared;
            this.buffers = buffers;
            this.step = step;
        }

        /** t: the number of steps taken, including the one being taken. */
        long step() {
            return step;
        }

        /** The storage of {@code buffer}, or null when this optimizer's configuration does not keep it. */
        float[] bufferOrNull(Buffer buffer) {
            int k = declared.indexOf(buffer);
            return k < 0 ? null : buffers[k];
        }

        /** The storage of a buffer the configuration always keeps. */
        float[] buffer(Buffer buffer) {
            float[] values = bufferOrNull(buffer);
            if (values == null) throw new IllegalStateException("no buffer " + buffer.name() + " in this optimizer's state");
            return values;
        }
    }

    private final ParameterGroup group;
    private final List<Buffer> declared;
    private final Slot[] slots;

    /** Empty state for every parameter of {@code group}, which will keep {@code buffers}. */
    StateSlots(ParameterGroup group, List<Buffer> buffers) {
        this.group = group;
        this.declared = List.copyOf(buffers);
        this.slots = new Slot[group.size()];
    }

    /**
     * Parameter {@code index}'s state for the step being taken: created with every buffer at its initial value at
     * the parameter's first step, and its step count advanced by one.
     */
    Slot advance(int index) {
        Slot slot = slots[index];
        if (slot == null) {
            int n = group.parameters().get(index).size();
            float[][] buffers = new float[declared.size()][];
            for (int k = 0; k < buffers.length; k++) {
                buffers[k] = new float[declared.get(k).length(n)];
                if (declared.get(k).initial() != 0f) Arrays.fill(buffers[k], declared.get(k).initial());
            }
            slot = new Slot(declared, buffers, 0);
            slots[index] = slot;
        }
        slot.step++;
        return slot;
    }

    /** The checkpoint form: each parameter's step count and buffers (copied), with the learning rate. */
    OptimizerState snapshot() {
        List<ParameterState> out = new ArrayList<>(slots.length);
        for (Slot slot : slots) {
            if (slot == null) {
                out.add(ParameterState.notStarted());
                continue;
            }
            Map<String, float[]> buffers = new LinkedHashMap<>();
            for (int k = 0; k < declared.size(); k++) buffers.put(declared.get(k).name(), slot.buffers[k]);
            out.add(new ParameterState(slot.step, buffers));
        }
        return group.snapshot(out);
    }

    /**
     * Replaces every parameter's state with the checkpoint's, after checking that it was written by this kind of
     * optimizer for as many parameters, with a positive step count and each declared buffer at the right length;
     * when a check fails nothing changes.
     *
     * @throws IllegalArgumentException saying what differs
     */
    void load(OptimizerState state) {
        double learningRateBefore = group.learningRate();
        group.adopt(state);
        Slot[] loaded = new Slot[slots.length];
        try {
            for (int i = 0; i < slots.length; i++) {
                ParameterState saved = state.parameter(i);
                if (saved.isNotStarted()) continue;
                long step = group.savedStep(saved, i);
                int n = group.parameters().get(i).size();
                float[][] buffers = new float[declared.size()][];
                for (int k = 0; k < buffers.length; k++) buffers[k] = saved.buffer(declared.get(k).name(), declared.get(k).length(n));
                loaded[i] = new Slot(declared, buffers, step);
            }
        } catch (IllegalArgumentException e) {
            group.setLearningRate(learningRateBefore); // all or nothing: a bad checkpoint leaves the optimizer as it was
            throw e;
        }
        System.arraycopy(loaded, 0, slots, 0, slots.length);
    }
}
