package dev.gradflow.lab;

import java.util.List;
import java.util.Map;

/**
 * {@code run.json}: the state of a run, rewritten (atomically) when it starts, as each variant ends, and when it
 * ends. A run directory whose state still says "running" after its process is gone was interrupted.
 *
 * @param experiment the experiment's name
 * @param status     "running", then "complete" (every variant ended, failed ones included) or "incomplete"
 * @param variants   every planned variant, in grid order
 * @param finished   names of the variants that ended (complete or failed), in the order they ended
 * @param started    ISO-8601 start time
 * @param updated    ISO-8601 time of this state
 * @param pid        the process running the experiment
 * @param host       the machine it runs on
 */
public record RunState(String experiment, String status, List<Planned> variants, List<String> finished, String started,
                       String updated, long pid, String host) {
    public static final String RUNNING = "running";
    public static final String COMPLETE = "complete";
    public static final String INCOMPLETE = "incomplete";

    public RunState {
        variants = variants == null ? List.of() : List.copyOf(variants);
        finished = finished == null ? List.of() : List.copyOf(finished);
    }

    /**
     * One variant the run will train.
     *
     * @param name      its folder name
     * @param seed      its seed
     * @param overrides what it changes, dotted path → value
     */
    public record Planned(String name, long seed, Map<String, String> overrides) {
        public Planned {
            overrides = overrides == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(overrides));
        }
    }
}
