package dev.gradflow.cli;

import dev.gradflow.backend.KernelProvider;
import picocli.CommandLine.IVersionProvider;

/** {@code gradflow --version}: the build version, the JDK and the kernels in use. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = GradflowCommand.class.getPackage().getImplementationVersion();
        return new String[] {
            "gradflow " + (version == null ? "(development build)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + "), " + System.getProperty("os.name")
                    + " " + System.getProperty("os.arch"),
            "kernels " + KernelProvider.reason()
        };
    }
}
