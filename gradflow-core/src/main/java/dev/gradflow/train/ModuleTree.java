package dev.gradflow.train;

import dev.gradflow.nn.Dropout;
import dev.gradflow.nn.Module;
import dev.gradflow.nn.Sequential;
import java.util.LinkedHashMap;
import java.util.Map;

/** Modules of a model by their path, the prefix of their parameters' state_dict names ("3", "4.branch.1"). */
final class ModuleTree {
    private ModuleTree() {}

    /** Every module in the tree, the root under "", in depth-first order. */
    static Map<String, Module> modules(Module root) {
        Map<String, Module> out = new LinkedHashMap<>();
        visit(root, "", out);
        return out;
    }

    private static void visit(Module module, String path, Map<String, Module> out) {
        out.put(path, module);
        module.namedChildren().forEach((name, child) -> visit(child, path.isEmpty() ? name : path + "." + name, out));
    }

    /** The dropout layers by path. */
    static Map<String, Dropout> dropouts(Module root) {
        Map<String, Dropout> out = new LinkedHashMap<>();
        modules(root).forEach((path, m) -> {
            if (m instanceof Dropout d) out.put(path, d);
        });
        return out;
    }

    /** The Sequential containers by path (whose layers' outputs can be observed). */
    static Map<String, Sequential> sequentials(Module root) {
        Map<String, Sequential> out = new LinkedHashMap<>();
        modules(root).forEach((path, m) -> {
            if (m instanceof Sequential s) out.put(path, s);
        });
        return out;
    }
}
