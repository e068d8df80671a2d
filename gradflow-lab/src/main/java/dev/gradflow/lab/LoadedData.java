package dev.gradflow.lab;

import dev.gradflow.data.Dataset;
import dev.gradflow.data.DatasetSource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The datasets of an experiment, each distinct URI loaded once. Every run gets its own tensor objects over the
 * shared (never written) storage, so no autograd state is shared between threads.
 */
final class LoadedData {
    private final Map<String, Dataset> byUri;

    private LoadedData(Map<String, Dataset> byUri) {
        this.byUri = byUri;
    }

    /** Loads every URI the runs name, resolving default directories under {@code root}. */
    static LoadedData load(List<ExperimentSpec.Run> runs, Path root) {
        return load(runs, root, Map.of());
    }

    /** The same, taking the datasets of {@code shipped} (by URI) as they are instead of loading them. */
    static LoadedData load(List<ExperimentSpec.Run> runs, Path root, Map<String, ShippedDataset> shipped) {
        Map<String, Dataset> out = new LinkedHashMap<>();
        for (ExperimentSpec.Run run : runs) {
            DataSpec d = run.settings().data();
            for (String uri : d.test() == null ? List.of(d.train()) : List.of(d.train(), d.test())) {
                if (out.containsKey(uri)) continue;
                ShippedDataset arrived = shipped.get(uri);
                Dataset data = arrived != null ? arrived.dataset() : DatasetSource.parse(uri, root).load();
                if (data.size() == 0) throw new IllegalArgumentException("data " + uri + ": has no rows");
                out.put(uri, data);
            }
        }
        return new LoadedData(out);
    }

    /** Every dataset by URI, as loaded (not to be written). */
    Map<String, Dataset> byUri() {
        return java.util.Collections.unmodifiableMap(byUri);
    }

    Dataset train(ExperimentSpec.Run run) {
        return view(byUri.get(run.settings().data().train()));
    }

    /** The run's test data, or null when it has none. */
    Dataset test(ExperimentSpec.Run run) {
        String uri = run.settings().data().test();
        return uri == null ? null : view(byUri.get(uri));
    }

    private static Dataset view(Dataset data) {
        return new Dataset(data.features().detach(), data.targets().detach());
    }
}
