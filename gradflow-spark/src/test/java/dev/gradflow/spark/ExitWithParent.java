package dev.gradflow.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Runs the main class named by the first argument with the other arguments, and exits (running the JVM's shutdown
 * hooks) as soon as standard input reaches its end. A child JVM started this way with a pipe on standard input ends
 * with its parent, even when the parent is killed outright and could not stop it: the pipe closes with the parent.
 */
public final class ExitWithParent {
    private ExitWithParent() {}

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) throw new IllegalArgumentException("ExitWithParent: the first argument is the main class to run");
        Thread watcher = new Thread(ExitWithParent::exitAtEndOfInput, "exit-with-parent");
        watcher.setDaemon(true);
        watcher.start();
        Class<?> main = Class.forName(args[0]);
        main.getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
    }

    private static void exitAtEndOfInput() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Nothing is sent; the parent only holds the pipe open.
            }
        } catch (IOException e) {
            // A broken pipe means the parent is gone too.
        }
        System.exit(0);
    }
}
