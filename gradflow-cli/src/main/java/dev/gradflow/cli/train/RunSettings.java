package dev.gradflow.cli.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What defines a training run, recorded in every checkpoint (its {@code run} entry) so that {@code --resume} can
 * check it continues the same run: the model spec, the data, the optimizer and its learning rate, the batching,
 * the seed, the validation split, the evaluation interval and the non-finite policy. The budget and the checkpoint
 * settings are not part of it: a finished run can be resumed with more steps.
 */
record RunSettings(Map<String, String> values) {

    RunSettings {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /**
     * Names the settings that differ from {@code recorded} (a checkpoint's), each with the recorded and the current
     * value; empty when they agree.
     */
    List<String> differencesFrom(Map<String, String> recorded) {
        List<String> out = new ArrayList<>();
        TreeSet<String> keys = new TreeSet<>(values.keySet());
        keys.addAll(recorded.keySet());
        for (String key : keys) {
            String then = recorded.get(key);
            String now = values.get(key);
            if (Objects.equals(then, now)) continue;
            if (key.equals("spec")) out.add("the model spec differs");
            else out.add(key + " " + (then == null ? "(not recorded)" : then) + " (now " + (now == null ? "not set" : now) + ")");
        }
        return out;
    }
}
